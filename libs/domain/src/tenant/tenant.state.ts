import { assertNever } from '../shared/event.js';
import type { TenantEvent } from './tenant.events.js';

export type AbsentTenant = Readonly<{ status: 'absent' }>;
export type ActiveTenant = Readonly<{ status: 'active'; tenantId: string; name: string; demo: boolean }>;
export type TenantState = AbsentTenant | ActiveTenant;

export const initialState = (): TenantState => ({ status: 'absent' });

export function evolve(state: TenantState, event: TenantEvent): TenantState {
  switch (event.type) {
    case 'TenantCreated': {
      const { tenantId, name, demo } = event.data;
      return { status: 'active', tenantId, name, demo };
    }
    case 'TenantRenamed':
      return state.status === 'active' ? { ...state, name: event.data.to } : state;
    case 'ErasureRecorded':
      return state;
    default:
      return assertNever(event);
  }
}
