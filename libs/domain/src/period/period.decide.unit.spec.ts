import { belgianDayEnd, belgianDayStart } from './period.dates.js';
import { specFor } from '../shared/testing.js';
import { periodDecider } from './period.decide.js';
import type { PeriodEvent } from './period.events.js';
import { PERIOD_ACTION_SAMPLE, PERIOD_EVENT_SAMPLES } from './period.samples.js';

const given = specFor(periodDecider);
const periodId = 'rp-1';
const opened = PERIOD_EVENT_SAMPLES.ReportingPeriodOpened;
const closed = PERIOD_EVENT_SAMPLES.ReportingPeriodClosed;
const round = PERIOD_EVENT_SAMPLES.UpdateRoundStarted;

describe('opening a reporting period', () => {
  it('computes the first and last day of a half-year and a year', () => {
    given([])
      .when({
        type: 'OpenReportingPeriod',
        data: { periodId, planId: 'p-1', kind: 'half_year', year: 2025, half: 2 },
      })
      .then([
        {
          type: 'ReportingPeriodOpened',
          data: {
            periodId,
            planId: 'p-1',
            kind: 'half_year',
            label: '2025-H2',
            start: '2025-07-01',
            end: '2025-12-31',
          },
        },
      ]);
    given([])
      .when({
        type: 'OpenReportingPeriod',
        data: { periodId, planId: 'p-1', kind: 'year', year: 2024, label: 'Jaarrekening 2024' },
      })
      .then([
        {
          type: 'ReportingPeriodOpened',
          data: {
            periodId,
            planId: 'p-1',
            kind: 'year',
            label: 'Jaarrekening 2024',
            start: '2024-01-01',
            end: '2024-12-31',
          },
        },
      ]);
  });

  it('refuses a custom period that ends before it starts, a missing half and a second opening', () => {
    given([])
      .when({
        type: 'OpenReportingPeriod',
        data: { periodId, planId: 'p-1', kind: 'custom', start: '2025-03-01', end: '2025-02-01' },
      })
      .thenThrows('PERIOD.INVALID', { field: 'end', rule: 'must not be before start' });
    given([])
      .when({ type: 'OpenReportingPeriod', data: { periodId, planId: 'p-1', kind: 'half_year', year: 2025 } })
      .thenThrows('PERIOD.INVALID', { field: 'half', rule: 'must be 1 or 2' });
    given([opened])
      .when({ type: 'OpenReportingPeriod', data: { periodId, planId: 'p-1', kind: 'year', year: 2025 } })
      .thenThrows('PERIOD.ALREADY_EXISTS');
  });
});

describe('closing a reporting period', () => {
  const close = {
    type: 'CloseReportingPeriod',
    data: {
      periodId,
      asOf: '2025-06-30T21:59:59.999Z',
      position: null,
      checkpoint: null,
      actions: [PERIOD_ACTION_SAMPLE],
    },
  } as const;

  it('freezes one event per action, then closes', () => {
    given([opened])
      .when(close)
      .then([
        { type: 'ReportingPeriodActionFrozen', data: { periodId, action: PERIOD_ACTION_SAMPLE } },
        closed,
      ]);
  });

  it('freezes the changes and open signals as references: a summary or a text given with them is not kept', () => {
    const withCopies = {
      ...PERIOD_ACTION_SAMPLE,
      changes: [{ ...PERIOD_ACTION_SAMPLE.changes[0]!, summary: { nl: 'Notitie: Jan', en: 'Note: Jan' } }],
      openSignals: [{ ...PERIOD_ACTION_SAMPLE.openSignals[0]!, text: 'Jan slaapt buiten' }],
    };
    given([opened])
      .when({ ...close, data: { ...close.data, actions: [withCopies] } })
      .then([
        { type: 'ReportingPeriodActionFrozen', data: { periodId, action: PERIOD_ACTION_SAMPLE } },
        closed,
      ]);
    const unreferenced = {
      ...PERIOD_ACTION_SAMPLE,
      changes: [{ at: '2025-03-01T10:00:00.000Z', event: null }],
    };
    given([opened])
      .when({ ...close, data: { ...close.data, actions: [unreferenced] } })
      .thenThrows('PERIOD.INVALID', {
        field: 'actions.changes.event.version',
        rule: 'must be a whole number from 1',
      });
  });

  it('closes once', () => {
    given([opened, closed]).when(close).thenThrows('PERIOD.ALREADY_CLOSED', { periodId });
  });

  it('refuses an action twice in the snapshot', () => {
    given([opened])
      .when({ ...close, data: { ...close.data, actions: [PERIOD_ACTION_SAMPLE, PERIOD_ACTION_SAMPLE] } })
      .thenThrows('PERIOD.INVALID', { field: 'actions', rule: 'must not repeat an action' });
  });
});

describe('update rounds and updates', () => {
  const start = {
    type: 'StartUpdateRound',
    data: {
      periodId,
      roundId: 'r-1',
      deadline: '2025-07-15',
      scope: 'priority',
      requests: round.data.requests,
    },
  } as const;

  it('starts one round per open period', () => {
    given([opened]).when(start).then([round]);
    given([opened, round]).when(start).thenThrows('PERIOD.ROUND_ALREADY_STARTED', { periodId });
    given([opened, closed]).when(start).thenThrows('PERIOD.CLOSED', { periodId });
    given([opened])
      .when({ ...start, data: { ...start.data, requests: [] } })
      .thenThrows('PERIOD.INVALID');
  });

  const submit = {
    type: 'SubmitPeriodUpdate',
    data: {
      periodId,
      actionId: 'a-1',
      narrative: 'Twaalf woningen in gebruik.',
      status: 'in_progress',
      progress: 40,
    },
  } as const;

  it('records an update in the round, and the same update again records nothing', () => {
    const submitted = PERIOD_EVENT_SAMPLES.PeriodUpdateSubmitted;
    given([opened, round]).when(submit).then([submitted]);
    given([opened, round, submitted]).when(submit).then([]);
  });

  it('marks an update after the close as a correction', () => {
    const expected: PeriodEvent = {
      type: 'PeriodUpdateSubmitted',
      data: { ...PERIOD_EVENT_SAMPLES.PeriodUpdateSubmitted.data, roundId: null, afterClose: true },
    };
    given([opened, closed]).when(submit).then([expected]);
  });

  it('refuses a progress outside 0-100 and an empty narrative', () => {
    given([opened])
      .when({ ...submit, data: { ...submit.data, progress: 140 } })
      .thenThrows('PERIOD.INVALID', { field: 'progress', rule: 'must be a whole number from 0 to 100' });
    given([opened])
      .when({ ...submit, data: { ...submit.data, narrative: ' ' } })
      .thenThrows('PERIOD.INVALID', { field: 'narrative', rule: 'must be a non-empty text' });
  });
});

describe('Belgian day bounds', () => {
  it('ends a summer day at 22:00 and a winter day at 23:00 UTC', () => {
    expect(belgianDayEnd('2025-06-30')).toBe('2025-06-30T21:59:59.999Z');
    expect(belgianDayEnd('2025-12-31')).toBe('2025-12-31T22:59:59.999Z');
    // the day summer time starts has 23 hours
    expect(belgianDayStart('2025-03-30')).toBe('2025-03-29T23:00:00.000Z');
    expect(belgianDayEnd('2025-03-30')).toBe('2025-03-30T21:59:59.999Z');
    expect(belgianDayStart('2025-01-01')).toBe('2024-12-31T23:00:00.000Z');
  });
});
