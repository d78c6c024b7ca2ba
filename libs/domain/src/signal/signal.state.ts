import { assertNever } from '../shared/event.js';
import type { SignalUrgency } from '../shared/labels.js';
import type { SignalEvent, SignalStatus } from './signal.events.js';

export type SignalData = Readonly<{
  signalId: string;
  partnerId: string | null;
  source: string | null;
  text: string;
  urgency: SignalUrgency;
  themeIds: readonly string[];
  actionIds: readonly string[];
  /** the meetings whose agenda it was put on, oldest first */
  meetingIds: readonly string[];
  answered: boolean;
}>;
export type AbsentSignal = Readonly<{ status: 'absent' }>;
export type KnownSignal = Readonly<{ status: SignalStatus }> & SignalData;
export type SignalState = AbsentSignal | KnownSignal;

export const initialState = (): SignalState => ({ status: 'absent' });

export function evolve(state: SignalState, event: SignalEvent): SignalState {
  if (event.type === 'SignalSubmitted') {
    const { signalId, partnerId, source, text, urgency, themeIds, actionIds } = event.data;
    return {
      status: 'submitted',
      signalId,
      partnerId,
      source,
      text,
      urgency,
      themeIds,
      actionIds,
      meetingIds: [],
      answered: false,
    };
  }
  // an event on a signal that does not exist would be a corrupt stream: ignored so replays never fail
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'SignalAcknowledged':
      return { ...state, status: 'acknowledged' };
    case 'SignalPutOnAgenda':
      return { ...state, status: 'on_agenda', meetingIds: [...state.meetingIds, event.data.meetingId] };
    case 'SignalAnswered':
      return { ...state, status: 'answered', answered: true };
    case 'SignalEscalated':
      return { ...state, status: 'escalated' };
    case 'SignalClosed':
      return { ...state, status: 'closed' };
    default:
      return assertNever(event);
  }
}
