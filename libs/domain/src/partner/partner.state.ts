import { assertNever } from '../shared/event.js';
import type { PartnerEvent, PartnerKind } from './partner.events.js';

export type PartnerData = Readonly<{ partnerId: string; name: string; kind: PartnerKind }>;

export type AbsentPartner = Readonly<{ status: 'absent' }>;
export type ActivePartner = Readonly<{ status: 'active' }> & PartnerData;
/** a merged partner is read-only: its history stays, new work goes to `intoPartnerId` */
export type MergedPartner = Readonly<{ status: 'merged'; intoPartnerId: string }> & PartnerData;
export type PartnerState = AbsentPartner | ActivePartner | MergedPartner;

export const initialState = (): PartnerState => ({ status: 'absent' });

export function evolve(state: PartnerState, event: PartnerEvent): PartnerState {
  if (event.type === 'PartnerRegistered') {
    const { partnerId, name, kind } = event.data;
    return { status: 'active', partnerId, name, kind };
  }
  // an event on a partner that is not active would be a corrupt stream: ignored so replays never fail
  if (state.status !== 'active') return state;
  switch (event.type) {
    case 'PartnerRenamed':
      return { ...state, name: event.data.to };
    case 'PartnerMerged':
      return { ...state, status: 'merged', intoPartnerId: event.data.intoPartnerId };
    default:
      return assertNever(event);
  }
}
