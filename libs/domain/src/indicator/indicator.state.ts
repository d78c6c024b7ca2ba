import type { ReportingNodeKind } from '../plan/plan.events.js';
import { assertNever } from '../shared/event.js';
import type { IndicatorDefinition, IndicatorEvent, IndicatorMeasurement } from './indicator.events.js';

export type IndicatorData = Readonly<
  {
    indicatorId: string;
    planId: string;
    nodeId: string;
    nodeKind: ReportingNodeKind;
    /** target per year */
    targets: ReadonlyMap<number, number>;
    /** by measurement id, as last corrected */
    measurements: ReadonlyMap<string, IndicatorMeasurement>;
  } & IndicatorDefinition
>;
export type AbsentIndicator = Readonly<{ status: 'absent' }>;
export type KnownIndicator = Readonly<{ status: 'active' | 'archived' }> & IndicatorData;
export type IndicatorState = AbsentIndicator | KnownIndicator;

export const initialState = (): IndicatorState => ({ status: 'absent' });

export function evolve(state: IndicatorState, event: IndicatorEvent): IndicatorState {
  if (event.type === 'IndicatorDefined') {
    return { status: 'active', ...event.data, targets: new Map(), measurements: new Map() };
  }
  // an event before IndicatorDefined would be a corrupt stream: ignored so replays never fail
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'IndicatorRedefined':
      return { ...state, ...event.data.to };
    case 'IndicatorTargetSet': {
      const targets = new Map(state.targets);
      if (event.data.to === null) targets.delete(event.data.year);
      else targets.set(event.data.year, event.data.to);
      return { ...state, targets };
    }
    case 'IndicatorMeasurementRecorded': {
      const { measurementId, value, date, source, comment } = event.data;
      const measurements = new Map(state.measurements);
      measurements.set(measurementId, { measurementId, value, date, source, comment });
      return { ...state, measurements };
    }
    case 'IndicatorMeasurementCorrected': {
      const measurements = new Map(state.measurements);
      measurements.set(event.data.measurementId, event.data.to);
      return { ...state, measurements };
    }
    case 'IndicatorArchived':
      return { ...state, status: 'archived' };
    default:
      return assertNever(event);
  }
}
