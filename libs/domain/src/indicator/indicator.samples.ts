import type { IndicatorEvent } from './indicator.events.js';

const indicatorId = 'i-1';
const planId = 'p-1';
const definition = {
  name: 'Mensen met een Housing First-woning',
  unit: 'personen',
  direction: 'higher_is_better',
  baselineValue: 20,
  baselineYear: 2020,
  attentionMarginPct: 10,
} as const;
const measurement = {
  measurementId: 'm-1',
  value: 31,
  date: '2023-12-31',
  source: 'OCMW-registratie',
  comment: '',
};

/** one sample of every indicator event, for the shared describe tests */
export const INDICATOR_EVENT_SAMPLES: {
  [T in IndicatorEvent['type']]: Extract<IndicatorEvent, { type: T }>;
} = {
  IndicatorDefined: {
    type: 'IndicatorDefined',
    data: { indicatorId, planId, nodeId: 'g1', nodeKind: 'goal', ...definition },
  },
  IndicatorRedefined: {
    type: 'IndicatorRedefined',
    data: { indicatorId, planId, from: definition, to: { ...definition, attentionMarginPct: 5 } },
  },
  IndicatorTargetSet: {
    type: 'IndicatorTargetSet',
    data: { indicatorId, planId, year: 2023, from: null, to: 40 },
  },
  IndicatorMeasurementRecorded: {
    type: 'IndicatorMeasurementRecorded',
    data: { indicatorId, planId, ...measurement },
  },
  IndicatorMeasurementCorrected: {
    type: 'IndicatorMeasurementCorrected',
    data: {
      indicatorId,
      planId,
      measurementId: 'm-1',
      from: measurement,
      to: { ...measurement, value: 33.5 },
      reason: 'telfout',
    },
  },
  IndicatorArchived: {
    type: 'IndicatorArchived',
    data: { indicatorId, planId, reason: 'niet meer gemeten' },
  },
};
