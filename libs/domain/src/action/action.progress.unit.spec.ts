import { specFor } from '../shared/testing.js';
import { actionDecider } from './action.decide.js';
import type { ActionEvent } from './action.events.js';

const given = specFor(actionDecider);
const actionId = 'a-1';
const added: ActionEvent = {
  type: 'ActionAdded',
  data: {
    actionId,
    planId: 'p-1',
    goalId: 'g-3.2',
    code: '3.2.1',
    title: 'Meer outreachend werken',
    description: '',
    tags: [],
    citizenIdea: true,
  },
};
const progress = (from: number | null, to: number, comment: string | null = null): ActionEvent => ({
  type: 'ActionProgressReported',
  data: { actionId, from, to, comment },
});
const dueDate = (from: string | null, to: string | null): ActionEvent => ({
  type: 'ActionDueDateChanged',
  data: { actionId, from, to },
});

describe('ReportActionProgress', () => {
  it('reports progress with the previous value', () => {
    given([added])
      .when({ type: 'ReportActionProgress', data: { actionId, percent: 0 } })
      .then([progress(null, 0)]);
    given([added, progress(null, 20)])
      .when({
        type: 'ReportActionProgress',
        data: { actionId, percent: 40, comment: 'tweede buurt gestart' },
      })
      .then([progress(20, 40, 'tweede buurt gestart')]);
  });
  it('accepts the same percentage with a comment, not without', () => {
    given([added, progress(null, 40)])
      .when({
        type: 'ReportActionProgress',
        data: { actionId, percent: 40, comment: 'vertraging door personeelstekort' },
      })
      .then([progress(40, 40, 'vertraging door personeelstekort')]);
    given([added, progress(null, 40)])
      .when({ type: 'ReportActionProgress', data: { actionId, percent: 40 } })
      .thenThrows('ACTION.NO_CHANGE');
  });
  it.each([-1, 101, 12.5, Number.NaN])('refuses %p percent', (percent) => {
    given([added])
      .when({ type: 'ReportActionProgress', data: { actionId, percent } })
      .thenThrows('ACTION.INVALID', { field: 'percent', rule: 'must be a whole number from 0 to 100' });
  });
});

describe('SetActionDueDate', () => {
  it('sets, moves and clears the due date', () => {
    given([added])
      .when({ type: 'SetActionDueDate', data: { actionId, dueDate: '2025-06-30' } })
      .then([dueDate(null, '2025-06-30')]);
    given([added, dueDate(null, '2025-06-30')])
      .when({ type: 'SetActionDueDate', data: { actionId, dueDate: '2025-12-31' } })
      .then([dueDate('2025-06-30', '2025-12-31')]);
    given([added, dueDate(null, '2025-06-30')])
      .when({ type: 'SetActionDueDate', data: { actionId, dueDate: null } })
      .then([dueDate('2025-06-30', null)]);
  });
  it('refuses the same value, including clearing an absent date', () => {
    given([added, dueDate(null, '2025-06-30')])
      .when({ type: 'SetActionDueDate', data: { actionId, dueDate: '2025-06-30' } })
      .thenThrows('ACTION.NO_CHANGE');
    given([added])
      .when({ type: 'SetActionDueDate', data: { actionId, dueDate: null } })
      .thenThrows('ACTION.NO_CHANGE');
  });
  it.each(['30/06/2025', '2025-6-30', '2025-02-29', '2024-13-01', '2025-06-30T00:00:00Z'])(
    'refuses %s',
    (value) => {
      given([added])
        .when({ type: 'SetActionDueDate', data: { actionId, dueDate: value } })
        .thenThrows('ACTION.INVALID', { field: 'dueDate', rule: expect.any(String) });
    },
  );
  it('accepts a leap day', () => {
    given([added])
      .when({ type: 'SetActionDueDate', data: { actionId, dueDate: '2024-02-29' } })
      .then([dueDate(null, '2024-02-29')]);
  });
});

describe('ArchiveAction', () => {
  it('archives with a reason', () => {
    given([added])
      .when({ type: 'ArchiveAction', data: { actionId, reason: 'opgenomen in actie 3.2.2' } })
      .then([{ type: 'ActionArchived', data: { actionId, reason: 'opgenomen in actie 3.2.2' } }]);
  });
  it('refuses an empty reason', () => {
    given([added])
      .when({ type: 'ArchiveAction', data: { actionId, reason: '  ' } })
      .thenThrows('ACTION.INVALID', { field: 'reason', rule: 'must be a non-empty text' });
  });
  it('refuses to archive twice', () => {
    given([added, { type: 'ActionArchived', data: { actionId, reason: 'x' } }])
      .when({ type: 'ArchiveAction', data: { actionId, reason: 'y' } })
      .thenThrows('ACTION.ARCHIVED');
  });
});
