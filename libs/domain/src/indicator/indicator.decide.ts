import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import { invalid, isoDate, oneOf, plainText, requiredText } from '../shared/validation.js';
import type {
  CorrectMeasurement,
  DefineIndicator,
  IndicatorCommand,
  RedefineIndicator,
} from './indicator.commands.js';
import {
  DEFAULT_ATTENTION_MARGIN_PCT,
  INDICATOR_DIRECTIONS,
  indicatorStreamId,
  type IndicatorDefinition,
  type IndicatorEvent,
  type IndicatorMeasurement,
} from './indicator.events.js';
import { evolve, initialState, type IndicatorState, type KnownIndicator } from './indicator.state.js';

const INVALID = 'INDICATOR.INVALID';
const NODE_KINDS = ['theme', 'goal', 'action'] as const;
/** measured values and targets: finite numbers up to a trillion in size */
const MAX_ABS_VALUE = 1e12;

export function decide(
  command: IndicatorCommand,
  state: IndicatorState,
  _ctx?: DecisionContext,
): IndicatorEvent[] {
  if (command.type === 'DefineIndicator') return define(command, state);
  if (state.status === 'absent') throw new DomainError('INDICATOR.NOT_FOUND');
  if (state.status === 'archived') throw new DomainError('INDICATOR.ARCHIVED');
  const indicator = state;
  const { indicatorId, planId } = indicator;
  switch (command.type) {
    case 'RedefineIndicator':
      return redefine(command, indicator);
    case 'SetIndicatorTarget': {
      const year = checkedYear('year', command.data.year);
      const to = command.data.value === null ? null : checkedNumber('value', command.data.value);
      const from = indicator.targets.get(year) ?? null;
      if (from === to) throw new DomainError('INDICATOR.NO_CHANGE', { field: 'target' });
      return [{ type: 'IndicatorTargetSet', data: { indicatorId, planId, year, from, to } }];
    }
    case 'RecordMeasurement': {
      const measurementId = requiredText(INVALID, 'measurementId', command.data.measurementId);
      const measurement: IndicatorMeasurement = {
        measurementId,
        value: checkedNumber('value', command.data.value),
        date: isoDate(INVALID, 'date', command.data.date),
        source: plainText(INVALID, 'source', command.data.source),
        comment: plainText(INVALID, 'comment', command.data.comment),
      };
      const existing = indicator.measurements.get(measurementId);
      if (existing) {
        // a retried request records nothing twice
        if (sameMeasurement(existing, measurement)) return [];
        throw new DomainError('INDICATOR.MEASUREMENT_ALREADY_RECORDED', { measurementId });
      }
      return [{ type: 'IndicatorMeasurementRecorded', data: { indicatorId, planId, ...measurement } }];
    }
    case 'CorrectMeasurement':
      return correct(command, indicator);
    case 'ArchiveIndicator': {
      const reason = requiredText(INVALID, 'reason', command.data.reason);
      return [{ type: 'IndicatorArchived', data: { indicatorId, planId, reason } }];
    }
    default:
      return assertNever(command);
  }
}

const sameMeasurement = (a: IndicatorMeasurement, b: IndicatorMeasurement): boolean =>
  a.value === b.value && a.date === b.date && a.source === b.source && a.comment === b.comment;

function checkedNumber(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_ABS_VALUE) {
    throw invalid(INVALID, field, 'must be a number');
  }
  return value;
}

function checkedYear(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1900 || value > 2200) {
    throw invalid(INVALID, field, 'must be a year from 1900 to 2200');
  }
  return value;
}

function checkedMargin(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw invalid(INVALID, 'attentionMarginPct', 'must be a number from 0 to 100');
  }
  return value;
}

function checkedText(field: string, value: unknown, max: number, required: boolean): string {
  const text = required ? requiredText(INVALID, field, value) : plainText(INVALID, field, value);
  if (text.length > max) throw invalid(INVALID, field, `at most ${max} characters`);
  return text;
}

function baseline(
  value: unknown,
  year: unknown,
): Pick<IndicatorDefinition, 'baselineValue' | 'baselineYear'> {
  const baselineValue = value === null || value === undefined ? null : checkedNumber('baselineValue', value);
  const baselineYear = year === null || year === undefined ? null : checkedYear('baselineYear', year);
  if ((baselineValue === null) !== (baselineYear === null)) {
    throw invalid(
      INVALID,
      baselineValue === null ? 'baselineValue' : 'baselineYear',
      'baseline value and year go together',
    );
  }
  return { baselineValue, baselineYear };
}

function define({ data }: DefineIndicator, state: IndicatorState): IndicatorEvent[] {
  if (state.status !== 'absent') throw new DomainError('INDICATOR.ALREADY_EXISTS');
  const definition: IndicatorDefinition = {
    name: checkedText('name', data.name, 200, true),
    unit: checkedText('unit', data.unit, 40, false),
    direction: oneOf(INVALID, 'direction', data.direction, INDICATOR_DIRECTIONS),
    ...baseline(data.baselineValue, data.baselineYear),
    attentionMarginPct:
      data.attentionMarginPct === undefined
        ? DEFAULT_ATTENTION_MARGIN_PCT
        : checkedMargin(data.attentionMarginPct),
  };
  return [
    {
      type: 'IndicatorDefined',
      data: {
        indicatorId: requiredText(INVALID, 'indicatorId', data.indicatorId),
        planId: requiredText(INVALID, 'planId', data.planId),
        nodeId: requiredText(INVALID, 'nodeId', data.nodeId),
        nodeKind: oneOf(INVALID, 'nodeKind', data.nodeKind, NODE_KINDS),
        ...definition,
      },
    },
  ];
}

function redefine({ data }: RedefineIndicator, indicator: KnownIndicator): IndicatorEvent[] {
  const from: IndicatorDefinition = {
    name: indicator.name,
    unit: indicator.unit,
    direction: indicator.direction,
    baselineValue: indicator.baselineValue,
    baselineYear: indicator.baselineYear,
    attentionMarginPct: indicator.attentionMarginPct,
  };
  const to: IndicatorDefinition = {
    name: data.name === undefined ? from.name : checkedText('name', data.name, 200, true),
    unit: data.unit === undefined ? from.unit : checkedText('unit', data.unit, 40, false),
    direction:
      data.direction === undefined
        ? from.direction
        : oneOf(INVALID, 'direction', data.direction, INDICATOR_DIRECTIONS),
    ...baseline(
      data.baselineValue === undefined ? from.baselineValue : data.baselineValue,
      data.baselineYear === undefined ? from.baselineYear : data.baselineYear,
    ),
    attentionMarginPct:
      data.attentionMarginPct === undefined
        ? from.attentionMarginPct
        : checkedMargin(data.attentionMarginPct),
  };
  const keys = Object.keys(to) as (keyof IndicatorDefinition)[];
  if (keys.every((key) => to[key] === from[key]))
    throw new DomainError('INDICATOR.NO_CHANGE', { field: 'definition' });
  return [
    {
      type: 'IndicatorRedefined',
      data: { indicatorId: indicator.indicatorId, planId: indicator.planId, from, to },
    },
  ];
}

function correct({ data }: CorrectMeasurement, indicator: KnownIndicator): IndicatorEvent[] {
  const measurementId = requiredText(INVALID, 'measurementId', data.measurementId);
  const from = indicator.measurements.get(measurementId);
  if (!from) throw new DomainError('INDICATOR.MEASUREMENT_NOT_FOUND', { measurementId });
  const reason = requiredText(INVALID, 'reason', data.reason);
  const to: IndicatorMeasurement = {
    measurementId,
    value: data.value === undefined ? from.value : checkedNumber('value', data.value),
    date: data.date === undefined ? from.date : isoDate(INVALID, 'date', data.date),
    source: data.source === undefined ? from.source : plainText(INVALID, 'source', data.source),
    comment: data.comment === undefined ? from.comment : plainText(INVALID, 'comment', data.comment),
  };
  if (sameMeasurement(from, to)) throw new DomainError('INDICATOR.NO_CHANGE', { field: 'measurement' });
  return [
    {
      type: 'IndicatorMeasurementCorrected',
      data: { indicatorId: indicator.indicatorId, planId: indicator.planId, measurementId, from, to, reason },
    },
  ];
}

export const indicatorDecider: Decider<IndicatorState, IndicatorCommand, IndicatorEvent> = {
  name: 'indicator',
  streamId: indicatorStreamId,
  decide,
  evolve,
  initialState,
};
