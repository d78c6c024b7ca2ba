import type { FrozenPeriodAction, PeriodEvent } from './period.events.js';

/** one action's frozen report data, for tests */
export const PERIOD_ACTION_SAMPLE: FrozenPeriodAction = {
  actionId: 'a-1',
  code: '3.4.1',
  bbcCode: 'AC3.4.1',
  title: 'Housing First uitbreiden',
  priority: true,
  path: [
    { id: 't-3', kind: 'theme', code: '3', bbcCode: 'BD3', title: 'Een dak boven je hoofd' },
    { id: 'g-34', kind: 'goal', code: '3.4', bbcCode: 'AP3.4', title: 'Woongerichte opvang' },
  ],
  status: 'in_progress',
  progress: 40,
  dueDate: '2025-12-31',
  leadPartnerId: 'caw',
  leadName: 'CAW Noord-West-Vlaanderen',
  partnerNames: ['OCMW Brugge'],
  narrative: 'Twaalf woningen in gebruik.',
  indicators: [],
  changes: [{ at: '2025-03-01T10:00:00.000Z', event: { streamId: 'action-a-1', version: 4 } }],
  changeCount: 1,
  openSignals: [{ signalId: 's-1', status: 'acknowledged', urgency: 'high' }],
};

/** one sample of every reporting-period event, for the shared describe tests */
export const PERIOD_EVENT_SAMPLES: { [T in PeriodEvent['type']]: Extract<PeriodEvent, { type: T }> } = {
  ReportingPeriodOpened: {
    type: 'ReportingPeriodOpened',
    data: {
      periodId: 'rp-1',
      planId: 'p-1',
      kind: 'half_year',
      label: '2025-H1',
      start: '2025-01-01',
      end: '2025-06-30',
    },
  },
  ReportingPeriodActionFrozen: {
    type: 'ReportingPeriodActionFrozen',
    data: { periodId: 'rp-1', action: PERIOD_ACTION_SAMPLE },
  },
  ReportingPeriodClosed: {
    type: 'ReportingPeriodClosed',
    data: {
      periodId: 'rp-1',
      planId: 'p-1',
      asOf: '2025-06-30T21:59:59.999Z',
      position: null,
      actionCount: 1,
      checkpoint: null,
    },
  },
  UpdateRoundStarted: {
    type: 'UpdateRoundStarted',
    data: {
      periodId: 'rp-1',
      roundId: 'r-1',
      deadline: '2025-07-15',
      scope: 'priority',
      requests: [{ actionId: 'a-1', leadPartnerId: 'caw' }],
    },
  },
  PeriodUpdateSubmitted: {
    type: 'PeriodUpdateSubmitted',
    data: {
      periodId: 'rp-1',
      actionId: 'a-1',
      roundId: 'r-1',
      narrative: 'Twaalf woningen in gebruik.',
      status: 'in_progress',
      progress: 40,
      afterClose: false,
    },
  },
};
