import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import { boolean, requiredText } from '../shared/validation.js';
import type { TenantCommand } from './tenant.commands.js';
import { tenantStreamId, type TenantEvent } from './tenant.events.js';
import { evolve, initialState, type TenantState } from './tenant.state.js';

const INVALID = 'TENANT.INVALID';

export function decide(command: TenantCommand, state: TenantState, _ctx?: DecisionContext): TenantEvent[] {
  switch (command.type) {
    case 'CreateTenant': {
      if (state.status !== 'absent')
        throw new DomainError('TENANT.ALREADY_EXISTS', { tenantId: state.tenantId });
      const tenantId = requiredText(INVALID, 'tenantId', command.data.tenantId);
      const name = requiredText(INVALID, 'name', command.data.name);
      const demo = boolean(INVALID, 'demo', command.data.demo, false);
      return [{ type: 'TenantCreated', data: { tenantId, name, demo } }];
    }
    case 'RenameTenant': {
      if (state.status === 'absent') throw new DomainError('TENANT.NOT_FOUND');
      const to = requiredText(INVALID, 'name', command.data.name);
      if (to === state.name) throw new DomainError('TENANT.NO_CHANGE', { field: 'name' });
      return [{ type: 'TenantRenamed', data: { tenantId: state.tenantId, from: state.name, to } }];
    }
    default:
      return assertNever(command);
  }
}

export const tenantDecider: Decider<TenantState, TenantCommand, TenantEvent> = {
  name: 'tenant',
  streamId: tenantStreamId,
  decide,
  evolve,
  initialState,
};
