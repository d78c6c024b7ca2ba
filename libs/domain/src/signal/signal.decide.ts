import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import { SIGNAL_URGENCIES } from '../shared/labels.js';
import { distinctTexts, oneOf, optionalText, requiredText } from '../shared/validation.js';
import type { SignalCommand, SubmitSignal } from './signal.commands.js';
import { signalStreamId, type SignalEvent, type SignalStatus } from './signal.events.js';
import { allowedNextSignalStatuses, canMoveSignal } from './signal.lifecycle.js';
import { evolve, initialState, type KnownSignal, type SignalState } from './signal.state.js';

const INVALID = 'SIGNAL.INVALID';

/** `_ctx` keeps the call shape equal across deciders; this one needs no time or actor. */
export function decide(command: SignalCommand, state: SignalState, _ctx?: DecisionContext): SignalEvent[] {
  if (command.type === 'SubmitSignal') {
    if (state.status !== 'absent')
      throw new DomainError('SIGNAL.ALREADY_EXISTS', { signalId: state.signalId });
    return submit(command);
  }
  if (state.status === 'absent') throw new DomainError('SIGNAL.NOT_FOUND');
  const { signalId } = state;
  switch (command.type) {
    case 'AcknowledgeSignal':
      move(state, 'acknowledged');
      return [{ type: 'SignalAcknowledged', data: { signalId } }];
    case 'PutSignalOnAgenda': {
      const meetingId = requiredText(INVALID, 'meetingId', command.data.meetingId);
      // the same meeting again is a retry, not a change: nothing new
      if (state.status === 'on_agenda' && state.meetingIds.at(-1) === meetingId) return [];
      move(state, 'on_agenda');
      return [{ type: 'SignalPutOnAgenda', data: { signalId, meetingId } }];
    }
    case 'AnswerSignal': {
      const response = requiredText(INVALID, 'response', command.data.response);
      move(state, 'answered');
      return [{ type: 'SignalAnswered', data: { signalId, response } }];
    }
    case 'EscalateSignal': {
      const to = requiredText(INVALID, 'to', command.data.to);
      const text = requiredText(INVALID, 'text', command.data.text);
      move(state, 'escalated');
      return [{ type: 'SignalEscalated', data: { signalId, to, text } }];
    }
    case 'CloseSignal': {
      const reason = optionalText(INVALID, 'reason', command.data.reason);
      move(state, 'closed');
      // closing without an answer says why (handled elsewhere, not for us, withdrawn, ...)
      if (!state.answered && reason === null) throw new DomainError('SIGNAL.REASON_REQUIRED', { signalId });
      return [{ type: 'SignalClosed', data: { signalId, answered: state.answered, reason } }];
    }
    default:
      return assertNever(command);
  }
}

function submit({ data }: SubmitSignal): SignalEvent[] {
  const signalId = requiredText(INVALID, 'signalId', data.signalId);
  const partnerId = optionalText(INVALID, 'partnerId', data.partnerId);
  const source = optionalText(INVALID, 'source', data.source);
  if (partnerId === null && source === null) {
    throw new DomainError(INVALID, {
      field: 'source',
      rule: 'a partner organisation or a source (a citizen, an advisory council) is required',
    });
  }
  const text = requiredText(INVALID, 'text', data.text);
  const urgency =
    data.urgency === undefined ? 'normal' : oneOf(INVALID, 'urgency', data.urgency, SIGNAL_URGENCIES);
  const themeIds = distinctTexts(INVALID, 'themeIds', data.themeIds);
  const actionIds = distinctTexts(INVALID, 'actionIds', data.actionIds);
  return [
    {
      type: 'SignalSubmitted',
      data: { signalId, partnerId, source, text, urgency, themeIds, actionIds },
    },
  ];
}

/** refuses a move the lifecycle does not allow; closed is final and says so */
function move(signal: KnownSignal, to: SignalStatus): void {
  if (signal.status === 'closed') throw new DomainError('SIGNAL.CLOSED', { signalId: signal.signalId });
  if (!canMoveSignal(signal.status, to)) {
    throw new DomainError('SIGNAL.INVALID_STATUS_TRANSITION', {
      from: signal.status,
      to,
      allowed: allowedNextSignalStatuses(signal.status),
    });
  }
}

export const signalDecider: Decider<SignalState, SignalCommand, SignalEvent> = {
  name: 'signal',
  streamId: signalStreamId,
  decide,
  evolve,
  initialState,
};
