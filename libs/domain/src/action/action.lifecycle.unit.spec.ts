import { formatErrorMessage } from '../shared/domain-error.js';
import { specFor } from '../shared/testing.js';
import type { ActionCommand } from './action.commands.js';
import { actionDecider } from './action.decide.js';
import { ACTION_STATUSES, type ActionEvent, type ActionStatus } from './action.events.js';
import { ACTION_STATUS_TRANSITIONS } from './action.lifecycle.js';

const given = specFor(actionDecider);
const actionId = 'a-1';
const added: ActionEvent = {
  type: 'ActionAdded',
  data: {
    actionId,
    planId: 'p-1',
    goalId: 'g-1.1',
    code: '1.1.1',
    title: '1 adres voor alle vragen van gezinnen',
    description: '',
    tags: [],
    citizenIdea: false,
  },
};

// the shortest path of allowed moves from not_started, so any status can be reached through events only
const PATH_TO: Record<ActionStatus, ActionStatus[]> = {
  not_started: [],
  in_progress: ['in_progress'],
  postponed: ['postponed'],
  stopped: ['stopped'],
  realised: ['in_progress', 'realised'],
};

function historyTo(status: ActionStatus): ActionEvent[] {
  let from: ActionStatus = 'not_started';
  const events: ActionEvent[] = [added];
  for (const to of PATH_TO[status]) {
    events.push({ type: 'ActionStatusChanged', data: { actionId, from, to, reason: null } });
    from = to;
  }
  return events;
}

const changeTo = (to: ActionStatus, reason?: string): ActionCommand => ({
  type: 'ChangeActionStatus',
  data: reason === undefined ? { actionId, to } : { actionId, to, reason },
});

describe('action lifecycle', () => {
  it('is the table the product promises', () => {
    expect(ACTION_STATUS_TRANSITIONS).toEqual({
      not_started: ['in_progress', 'postponed', 'stopped'],
      in_progress: ['realised', 'postponed', 'stopped'],
      postponed: ['in_progress', 'stopped'],
      realised: ['in_progress'],
      stopped: ['not_started', 'in_progress'],
    });
  });

  const allowedMoves = ACTION_STATUSES.flatMap((from) =>
    ACTION_STATUS_TRANSITIONS[from].map((to) => [from, to]),
  );
  it.each(allowedMoves)('allows %s -> %s', (from, to) => {
    given(historyTo(from))
      .when(changeTo(to, 'besproken in de werkgroep'))
      .then([
        { type: 'ActionStatusChanged', data: { actionId, from, to, reason: 'besproken in de werkgroep' } },
      ]);
  });

  const forbiddenMoves: [ActionStatus, ActionStatus][] = [
    ['not_started', 'realised'],
    ['postponed', 'realised'],
    ['postponed', 'not_started'],
    ['realised', 'stopped'],
    ['realised', 'postponed'],
    ['realised', 'not_started'],
    ['stopped', 'realised'],
    ['in_progress', 'not_started'],
  ];
  it.each(forbiddenMoves)('refuses %s -> %s and says what is allowed', (from, to) => {
    const error = given(historyTo(from))
      .when(changeTo(to))
      .thenThrows('ACTION.INVALID_STATUS_TRANSITION', { from, to, allowed: ACTION_STATUS_TRANSITIONS[from] });
    expect(error.message).toContain(from.replace('_', ' '));
  });

  it('names the allowed statuses in the message, in Dutch and English', () => {
    const error = given(historyTo('realised'))
      .when(changeTo('stopped'))
      .thenThrows('ACTION.INVALID_STATUS_TRANSITION');
    expect(error.message).toBe(
      'The status cannot change from realised to stopped. From realised only these are allowed: in progress.',
    );
    expect(formatErrorMessage(error.code, 'nl', error.details)).toBe(
      'De status kan niet van gerealiseerd naar stopgezet. Vanuit gerealiseerd kan enkel: lopend.',
    );
  });

  it.each(ACTION_STATUSES)('refuses %s -> the same status as no change', (status) => {
    given(historyTo(status)).when(changeTo(status)).thenThrows('ACTION.NO_CHANGE');
  });

  it('stores a missing or blank reason as null', () => {
    given([added])
      .when(changeTo('in_progress', '   '))
      .then([
        {
          type: 'ActionStatusChanged',
          data: { actionId, from: 'not_started', to: 'in_progress', reason: null },
        },
      ]);
  });

  it('refuses a status that does not exist', () => {
    given([added])
      .when({ type: 'ChangeActionStatus', data: { actionId, to: 'done' as ActionStatus } })
      .thenThrows('ACTION.INVALID', { field: 'to', rule: expect.stringContaining('one of') });
  });
});
