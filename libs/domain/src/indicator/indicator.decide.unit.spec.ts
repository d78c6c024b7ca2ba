import { fold } from '../shared/decider.js';
import { specFor } from '../shared/testing.js';
import { indicatorDecider } from './indicator.decide.js';
import type { IndicatorEvent } from './indicator.events.js';

const spec = specFor(indicatorDecider);
const indicatorId = 'i-1';
const planId = 'p-1';
const definition = {
  name: 'Mensen met een woning',
  unit: 'personen',
  direction: 'higher_is_better',
  baselineValue: 20,
  baselineYear: 2020,
  attentionMarginPct: 10,
} as const;
const defined: IndicatorEvent = {
  type: 'IndicatorDefined',
  data: { indicatorId, planId, nodeId: 'g1', nodeKind: 'goal', ...definition },
};
const recorded: IndicatorEvent = {
  type: 'IndicatorMeasurementRecorded',
  data: {
    indicatorId,
    planId,
    measurementId: 'm1',
    value: 31,
    date: '2023-12-31',
    source: 'OCMW',
    comment: '',
  },
};

describe('indicator decider', () => {
  it('defines an indicator with the default attention margin of 10 %', () => {
    spec([])
      .when({
        type: 'DefineIndicator',
        data: {
          indicatorId,
          planId,
          nodeId: 'g1',
          nodeKind: 'goal',
          name: ' Mensen met een woning ',
          unit: 'personen',
          direction: 'higher_is_better',
          baselineValue: 20,
          baselineYear: 2020,
        },
      })
      .then([defined]);
    spec([defined])
      .when({
        type: 'DefineIndicator',
        data: {
          indicatorId,
          planId,
          nodeId: 'g1',
          nodeKind: 'goal',
          name: 'x',
          direction: 'higher_is_better',
        },
      })
      .thenThrows('INDICATOR.ALREADY_EXISTS');
  });

  it('refuses a bad definition', () => {
    const base = {
      indicatorId,
      planId,
      nodeId: 'g1',
      nodeKind: 'goal' as const,
      name: 'x',
      direction: 'higher_is_better' as const,
    };
    for (const [data, field] of [
      [{ name: '' }, 'name'],
      [{ direction: 'up' }, 'direction'],
      [{ baselineValue: 3 }, 'baselineYear'],
      [{ baselineValue: 3, baselineYear: 3000 }, 'baselineYear'],
      [{ attentionMarginPct: 150 }, 'attentionMarginPct'],
      [{ nodeKind: 'plan' }, 'nodeKind'],
    ] as const) {
      spec([])
        .when({ type: 'DefineIndicator', data: { ...base, ...data } as never })
        .thenThrows('INDICATOR.INVALID', expect.objectContaining({ field }) as never);
    }
  });

  it('sets and removes a target per year', () => {
    spec([defined])
      .when({ type: 'SetIndicatorTarget', data: { indicatorId, year: 2023, value: 40 } })
      .then([{ type: 'IndicatorTargetSet', data: { indicatorId, planId, year: 2023, from: null, to: 40 } }]);
    const set: IndicatorEvent = {
      type: 'IndicatorTargetSet',
      data: { indicatorId, planId, year: 2023, from: null, to: 40 },
    };
    spec([defined, set])
      .when({ type: 'SetIndicatorTarget', data: { indicatorId, year: 2023, value: null } })
      .then([{ type: 'IndicatorTargetSet', data: { indicatorId, planId, year: 2023, from: 40, to: null } }]);
    spec([defined, set])
      .when({ type: 'SetIndicatorTarget', data: { indicatorId, year: 2023, value: 40 } })
      .thenThrows('INDICATOR.NO_CHANGE');
    spec([defined])
      .when({ type: 'SetIndicatorTarget', data: { indicatorId, year: 2023.5, value: 40 } })
      .thenThrows('INDICATOR.INVALID', expect.objectContaining({ field: 'year' }) as never);
  });

  it('records a measurement once; a retry with the same values records nothing, other values are refused', () => {
    spec([defined])
      .when({
        type: 'RecordMeasurement',
        data: { indicatorId, measurementId: 'm1', value: 31, date: '2023-12-31', source: 'OCMW' },
      })
      .then([recorded]);
    spec([defined, recorded])
      .when({
        type: 'RecordMeasurement',
        data: { indicatorId, measurementId: 'm1', value: 31, date: '2023-12-31', source: 'OCMW' },
      })
      .then([]);
    spec([defined, recorded])
      .when({
        type: 'RecordMeasurement',
        data: { indicatorId, measurementId: 'm1', value: 32, date: '2023-12-31' },
      })
      .thenThrows('INDICATOR.MEASUREMENT_ALREADY_RECORDED', { measurementId: 'm1' });
    spec([defined])
      .when({
        type: 'RecordMeasurement',
        data: { indicatorId, measurementId: 'm2', value: 1, date: '2023-02-30' },
      })
      .thenThrows('INDICATOR.INVALID', expect.objectContaining({ field: 'date' }) as never);
    spec([defined])
      .when({
        type: 'RecordMeasurement',
        data: { indicatorId, measurementId: 'm2', value: Infinity, date: '2023-02-01' },
      })
      .thenThrows('INDICATOR.INVALID', expect.objectContaining({ field: 'value' }) as never);
  });

  it('corrects a measurement as a new event with a reason; the state holds the corrected values', () => {
    const to = { measurementId: 'm1', value: 33, date: '2023-12-31', source: 'OCMW', comment: '' };
    const corrected: IndicatorEvent = {
      type: 'IndicatorMeasurementCorrected',
      data: {
        indicatorId,
        planId,
        measurementId: 'm1',
        from: { measurementId: 'm1', value: 31, date: '2023-12-31', source: 'OCMW', comment: '' },
        to,
        reason: 'telfout',
      },
    };
    spec([defined, recorded])
      .when({
        type: 'CorrectMeasurement',
        data: { indicatorId, measurementId: 'm1', value: 33, reason: 'telfout' },
      })
      .then([corrected]);
    const state = fold(indicatorDecider, [defined, recorded, corrected]);
    expect(state.status === 'active' && state.measurements.get('m1')).toEqual(to);
    spec([defined, recorded])
      .when({ type: 'CorrectMeasurement', data: { indicatorId, measurementId: 'm1', value: 33, reason: '' } })
      .thenThrows('INDICATOR.INVALID', expect.objectContaining({ field: 'reason' }) as never);
    spec([defined, recorded])
      .when({
        type: 'CorrectMeasurement',
        data: { indicatorId, measurementId: 'nope', value: 1, reason: 'x' },
      })
      .thenThrows('INDICATOR.MEASUREMENT_NOT_FOUND');
    spec([defined, recorded])
      .when({
        type: 'CorrectMeasurement',
        data: { indicatorId, measurementId: 'm1', value: 31, reason: 'x' },
      })
      .thenThrows('INDICATOR.NO_CHANGE');
  });

  it('redefines only what changed, and archives: nothing changes an archived indicator', () => {
    spec([defined])
      .when({ type: 'RedefineIndicator', data: { indicatorId, attentionMarginPct: 5 } })
      .then([
        {
          type: 'IndicatorRedefined',
          data: { indicatorId, planId, from: definition, to: { ...definition, attentionMarginPct: 5 } },
        },
      ]);
    spec([defined])
      .when({ type: 'RedefineIndicator', data: { indicatorId, name: definition.name } })
      .thenThrows('INDICATOR.NO_CHANGE');
    const archived: IndicatorEvent = {
      type: 'IndicatorArchived',
      data: { indicatorId, planId, reason: 'weg' },
    };
    spec([defined])
      .when({ type: 'ArchiveIndicator', data: { indicatorId, reason: 'weg' } })
      .then([archived]);
    spec([defined, archived])
      .when({ type: 'SetIndicatorTarget', data: { indicatorId, year: 2024, value: 1 } })
      .thenThrows('INDICATOR.ARCHIVED');
    spec([])
      .when({ type: 'SetIndicatorTarget', data: { indicatorId, year: 2024, value: 1 } })
      .thenThrows('INDICATOR.NOT_FOUND');
  });
});
