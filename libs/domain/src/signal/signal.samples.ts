import type { SignalEvent } from './signal.events.js';

/** one sample of every signal event, for the shared describe tests */
export const SIGNAL_EVENT_SAMPLES: { [T in SignalEvent['type']]: Extract<SignalEvent, { type: T }> } = {
  SignalSubmitted: {
    type: 'SignalSubmitted',
    data: {
      signalId: 's-1',
      partnerId: 'caw',
      source: null,
      text: 'Wachtlijst nachtopvang loopt op',
      urgency: 'high',
      themeIds: ['t-3'],
      actionIds: ['a-1'],
    },
  },
  SignalAcknowledged: { type: 'SignalAcknowledged', data: { signalId: 's-1' } },
  SignalPutOnAgenda: { type: 'SignalPutOnAgenda', data: { signalId: 's-1', meetingId: 'm-1' } },
  SignalAnswered: { type: 'SignalAnswered', data: { signalId: 's-1', response: 'Extra bedden vanaf 1 mei' } },
  SignalEscalated: {
    type: 'SignalEscalated',
    data: { signalId: 's-1', to: 'Vlaamse overheid', text: 'Vraag om extra middelen' },
  },
  SignalClosed: { type: 'SignalClosed', data: { signalId: 's-1', answered: false, reason: 'ingetrokken' } },
};
