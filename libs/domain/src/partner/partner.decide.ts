import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import { oneOf, requiredText } from '../shared/validation.js';
import type { PartnerCommand } from './partner.commands.js';
import { PARTNER_KINDS, partnerStreamId, type PartnerEvent } from './partner.events.js';
import { evolve, initialState, type ActivePartner, type PartnerState } from './partner.state.js';

const INVALID = 'PARTNER.INVALID';

/** `_ctx` keeps the call shape equal across deciders; this one needs no time or actor. */
export function decide(command: PartnerCommand, state: PartnerState, _ctx?: DecisionContext): PartnerEvent[] {
  if (command.type === 'RegisterPartner') {
    if (state.status !== 'absent')
      throw new DomainError('PARTNER.ALREADY_EXISTS', { partnerId: state.partnerId });
    const partnerId = requiredText(INVALID, 'partnerId', command.data.partnerId);
    const name = requiredText(INVALID, 'name', command.data.name);
    const kind = oneOf(INVALID, 'kind', command.data.kind, PARTNER_KINDS);
    return [{ type: 'PartnerRegistered', data: { partnerId, name, kind } }];
  }
  const partner = requireActive(state);
  const { partnerId } = partner;

  switch (command.type) {
    case 'RenamePartner': {
      const to = requiredText(INVALID, 'name', command.data.name);
      if (to === partner.name) throw new DomainError('PARTNER.NO_CHANGE', { field: 'name' });
      return [{ type: 'PartnerRenamed', data: { partnerId, from: partner.name, to } }];
    }
    case 'MergePartner': {
      const intoPartnerId = requiredText(INVALID, 'intoPartnerId', command.data.intoPartnerId);
      if (intoPartnerId === partnerId) throw new DomainError('PARTNER.MERGE_INTO_SELF', { partnerId });
      return [{ type: 'PartnerMerged', data: { partnerId, intoPartnerId } }];
    }
    default:
      return assertNever(command);
  }
}

function requireActive(state: PartnerState): ActivePartner {
  switch (state.status) {
    case 'absent':
      throw new DomainError('PARTNER.NOT_FOUND');
    case 'merged':
      throw new DomainError('PARTNER.MERGED', {
        partnerId: state.partnerId,
        intoPartnerId: state.intoPartnerId,
      });
    case 'active':
      return state;
    default:
      return assertNever(state);
  }
}

export const partnerDecider: Decider<PartnerState, PartnerCommand, PartnerEvent> = {
  name: 'partner',
  streamId: partnerStreamId,
  decide,
  evolve,
  initialState,
};
