import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import { boolean, invalid, requiredText } from '../shared/validation.js';
import type { TenantCommand } from './tenant.commands.js';
import {
  ERASURE_LEGAL_GROUNDS,
  ERASURE_SUBJECT_KINDS,
  tenantStreamId,
  type TenantEvent,
} from './tenant.events.js';
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
    case 'RecordErasure': {
      if (state.status === 'absent') throw new DomainError('TENANT.NOT_FOUND');
      const { kind, legalGround, keysErased } = command.data;
      if (!(ERASURE_SUBJECT_KINDS as readonly string[]).includes(kind))
        throw invalid(INVALID, 'kind', `one of ${ERASURE_SUBJECT_KINDS.join(', ')}`);
      if (!(ERASURE_LEGAL_GROUNDS as readonly string[]).includes(legalGround))
        throw invalid(INVALID, 'legalGround', `one of ${ERASURE_LEGAL_GROUNDS.join(', ')}`);
      if (!Number.isInteger(keysErased) || keysErased < 0)
        throw invalid(INVALID, 'keysErased', 'a count of keys, 0 or more');
      return [
        {
          type: 'ErasureRecorded',
          data: {
            tenantId: state.tenantId,
            erasureId: requiredText(INVALID, 'erasureId', command.data.erasureId),
            kind,
            subject: requiredText(INVALID, 'subject', command.data.subject),
            legalGround,
            keysErased,
          },
        },
      ];
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
