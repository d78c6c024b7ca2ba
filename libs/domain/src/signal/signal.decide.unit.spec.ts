import { formatErrorMessage } from '../shared/domain-error.js';
import type { SignalUrgency } from '../shared/labels.js';
import { specFor } from '../shared/testing.js';
import type { SignalCommand } from './signal.commands.js';
import { signalDecider } from './signal.decide.js';
import { describeSignalEvent } from './signal.describe.js';
import { SIGNAL_STATUSES, type SignalEvent, type SignalStatus } from './signal.events.js';
import { SIGNAL_STATUS_TRANSITIONS } from './signal.lifecycle.js';

const given = specFor(signalDecider);
const signalId = 's-1';

const submitted: SignalEvent = {
  type: 'SignalSubmitted',
  data: {
    signalId,
    partnerId: 'caw',
    source: null,
    text: 'Wachtlijst nachtopvang loopt op',
    urgency: 'high',
    themeIds: ['t-3'],
    actionIds: ['a-1'],
  },
};
const acknowledged: SignalEvent = { type: 'SignalAcknowledged', data: { signalId } };
const onAgenda: SignalEvent = { type: 'SignalPutOnAgenda', data: { signalId, meetingId: 'm-1' } };
const answered: SignalEvent = { type: 'SignalAnswered', data: { signalId, response: 'Extra bedden' } };
const escalated: SignalEvent = {
  type: 'SignalEscalated',
  data: { signalId, to: 'Vlaamse overheid', text: 'Vraag om middelen' },
};
const closed: SignalEvent = { type: 'SignalClosed', data: { signalId, answered: true, reason: null } };

/** the events that bring a signal into each status */
const HISTORY: Record<SignalStatus, SignalEvent[]> = {
  submitted: [submitted],
  acknowledged: [submitted, acknowledged],
  on_agenda: [submitted, acknowledged, onAgenda],
  answered: [submitted, answered],
  escalated: [submitted, escalated],
  closed: [submitted, answered, closed],
};

/** the command that moves a signal to each status, and the event it gives */
const MOVE: Record<Exclude<SignalStatus, 'submitted'>, { command: SignalCommand; event: SignalEvent }> = {
  acknowledged: { command: { type: 'AcknowledgeSignal', data: { signalId } }, event: acknowledged },
  on_agenda: {
    command: { type: 'PutSignalOnAgenda', data: { signalId, meetingId: 'm-2' } },
    event: { type: 'SignalPutOnAgenda', data: { signalId, meetingId: 'm-2' } },
  },
  answered: {
    command: { type: 'AnswerSignal', data: { signalId, response: ' Extra bedden ' } },
    event: answered,
  },
  escalated: {
    command: {
      type: 'EscalateSignal',
      data: { signalId, to: 'Vlaamse overheid', text: 'Vraag om middelen' },
    },
    event: escalated,
  },
  closed: {
    command: { type: 'CloseSignal', data: { signalId, reason: 'opgevolgd in de werkgroep' } },
    event: { type: 'SignalClosed', data: { signalId, answered: false, reason: 'opgevolgd in de werkgroep' } },
  },
};

const PAIRS = SIGNAL_STATUSES.flatMap((from) =>
  (Object.keys(MOVE) as (keyof typeof MOVE)[]).map((to) => [from, to] as const),
);

describe('signal', () => {
  describe('submitting', () => {
    it('a partner submits for its organisation, with themes, actions and urgency', () => {
      given([])
        .when({
          type: 'SubmitSignal',
          data: { ...submitted.data, text: ' Wachtlijst nachtopvang loopt op ' },
        })
        .then([submitted]);
    });

    it('a coordinator records one for a citizen or an advisory council; urgency defaults to normal', () => {
      given([])
        .when({ type: 'SubmitSignal', data: { signalId, source: 'Seniorenraad', text: 'Te weinig banken' } })
        .then([
          {
            type: 'SignalSubmitted',
            data: {
              signalId,
              partnerId: null,
              source: 'Seniorenraad',
              text: 'Te weinig banken',
              urgency: 'normal',
              themeIds: [],
              actionIds: [],
            },
          },
        ]);
    });

    it('refuses a signal from nobody, without text, with an unknown urgency or duplicate actions', () => {
      given([])
        .when({ type: 'SubmitSignal', data: { signalId, source: ' ', text: 'x' } })
        .thenThrows('SIGNAL.INVALID', { field: 'source', rule: expect.stringContaining('partner') });
      given([])
        .when({ type: 'SubmitSignal', data: { signalId, partnerId: 'caw', text: '' } })
        .thenThrows('SIGNAL.INVALID', { field: 'text', rule: 'must be a non-empty text' });
      given([])
        .when({
          type: 'SubmitSignal',
          data: { signalId, partnerId: 'caw', text: 'x', urgency: 'urgent' as SignalUrgency },
        })
        .thenThrows('SIGNAL.INVALID', { field: 'urgency', rule: 'must be one of low, normal, high' });
      given([])
        .when({
          type: 'SubmitSignal',
          data: { signalId, partnerId: 'caw', text: 'x', actionIds: ['a', 'a'] },
        })
        .thenThrows('SIGNAL.INVALID', { field: 'actionIds', rule: 'must not contain duplicates' });
    });

    it('refuses a second submission with the same id', () => {
      given([submitted])
        .when({ type: 'SubmitSignal', data: submitted.data })
        .thenThrows('SIGNAL.ALREADY_EXISTS', { signalId });
    });
  });

  it('refuses every other command on a signal that does not exist', () => {
    for (const { command } of Object.values(MOVE)) given([]).when(command).thenThrows('SIGNAL.NOT_FOUND');
  });

  describe('lifecycle', () => {
    it.each(PAIRS)('%s -> %s follows the lifecycle table', (from, to) => {
      const { command, event } = MOVE[to];
      const spec = given(HISTORY[from]).when(command);
      if (from === 'closed') {
        spec.thenThrows('SIGNAL.CLOSED', { signalId });
      } else if (SIGNAL_STATUS_TRANSITIONS[from].includes(to)) {
        const expected: SignalEvent =
          event.type === 'SignalClosed'
            ? { ...event, data: { ...event.data, answered: HISTORY[from].includes(answered) } }
            : event;
        spec.then([expected]);
      } else {
        spec.thenThrows('SIGNAL.INVALID_STATUS_TRANSITION', {
          from,
          to,
          allowed: SIGNAL_STATUS_TRANSITIONS[from],
        });
      }
    });

    it('closed is final and every other status can be closed', () => {
      expect(SIGNAL_STATUS_TRANSITIONS.closed).toEqual([]);
      for (const status of SIGNAL_STATUSES.filter((s) => s !== 'closed'))
        expect(SIGNAL_STATUS_TRANSITIONS[status]).toContain('closed');
    });

    it('explains a refused move in Dutch with the status labels', () => {
      const error = given(HISTORY.answered)
        .when(MOVE.acknowledged.command)
        .thenThrows('SIGNAL.INVALID_STATUS_TRANSITION');
      expect(formatErrorMessage(error.code, 'nl', error.details)).toBe(
        'Het signaal kan niet van beantwoord naar ontvangen. Vanuit beantwoord kan enkel: doorgegeven aan een hogere overheid, afgesloten.',
      );
    });
  });

  describe('agenda', () => {
    it('goes on a later meeting too; the same meeting again writes nothing', () => {
      given([submitted, onAgenda])
        .when({ type: 'PutSignalOnAgenda', data: { signalId, meetingId: 'm-1' } })
        .then([]);
      given([submitted, onAgenda])
        .when({ type: 'PutSignalOnAgenda', data: { signalId, meetingId: 'm-2' } })
        .then([{ type: 'SignalPutOnAgenda', data: { signalId, meetingId: 'm-2' } }]);
    });

    it('needs a meeting', () => {
      given([submitted])
        .when({ type: 'PutSignalOnAgenda', data: { signalId, meetingId: '' } })
        .thenThrows('SIGNAL.INVALID', { field: 'meetingId', rule: 'must be a non-empty text' });
    });
  });

  describe('answering, escalating, closing', () => {
    it('needs a response text, and a receiver and text to escalate', () => {
      given([submitted])
        .when({ type: 'AnswerSignal', data: { signalId, response: ' ' } })
        .thenThrows('SIGNAL.INVALID', { field: 'response', rule: 'must be a non-empty text' });
      given([submitted])
        .when({ type: 'EscalateSignal', data: { signalId, to: '', text: 'x' } })
        .thenThrows('SIGNAL.INVALID', { field: 'to', rule: 'must be a non-empty text' });
      given([submitted])
        .when({ type: 'EscalateSignal', data: { signalId, to: 'Federale overheid', text: '' } })
        .thenThrows('SIGNAL.INVALID', { field: 'text', rule: 'must be a non-empty text' });
    });

    it('an escalated signal can still get its answer', () => {
      given([submitted, escalated])
        .when({ type: 'AnswerSignal', data: { signalId, response: 'Antwoord van Vlaanderen' } })
        .then([{ type: 'SignalAnswered', data: { signalId, response: 'Antwoord van Vlaanderen' } }]);
    });

    it('closes an answered signal without a reason', () => {
      given([submitted, answered])
        .when({ type: 'CloseSignal', data: { signalId } })
        .then([{ type: 'SignalClosed', data: { signalId, answered: true, reason: null } }]);
    });

    it('closes a signal without an answer only with a reason', () => {
      given([submitted, acknowledged])
        .when({ type: 'CloseSignal', data: { signalId, reason: '  ' } })
        .thenThrows('SIGNAL.REASON_REQUIRED', { signalId });
      given([submitted, escalated])
        .when({ type: 'CloseSignal', data: { signalId, reason: 'doorgegeven' } })
        .then([{ type: 'SignalClosed', data: { signalId, answered: false, reason: 'doorgegeven' } }]);
    });

    it('refuses answering a closed signal with the lifecycle code', () => {
      given([submitted, answered, closed])
        .when({ type: 'AnswerSignal', data: { signalId, response: 'nog iets' } })
        .thenThrows('SIGNAL.CLOSED', { signalId });
    });
  });

  it('summarises its events in Dutch and English', () => {
    expect(describeSignalEvent(submitted, (_kind, id) => (id === 'caw' ? 'CAW' : undefined))).toEqual({
      nl: 'Signaal van CAW ingediend (urgentie hoog): Wachtlijst nachtopvang loopt op',
      en: 'Signal from CAW submitted (urgency high): Wachtlijst nachtopvang loopt op',
    });
    expect(
      describeSignalEvent({
        type: 'SignalClosed',
        data: { signalId, answered: false, reason: 'ingetrokken' },
      }),
    ).toEqual({
      nl: 'Signaal afgesloten zonder antwoord: ingetrokken',
      en: 'Signal closed without an answer: ingetrokken',
    });
  });
});
