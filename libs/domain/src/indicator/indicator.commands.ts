import type { Command } from '../shared/event.js';
import type { ReportingNodeKind } from '../plan/plan.events.js';
import type { IndicatorDirection } from './indicator.events.js';

/**
 * defines an indicator on a node of a plan; the write side checks that the node exists and passes its kind.
 * `attentionMarginPct` defaults to `DEFAULT_ATTENTION_MARGIN_PCT`
 */
export type DefineIndicator = Command<
  'DefineIndicator',
  {
    indicatorId: string;
    planId: string;
    nodeId: string;
    nodeKind: ReportingNodeKind;
    name: string;
    unit?: string;
    direction: IndicatorDirection;
    baselineValue?: number | null;
    baselineYear?: number | null;
    attentionMarginPct?: number;
  }
>;
/** changes the definition: each field left out keeps its value */
export type RedefineIndicator = Command<
  'RedefineIndicator',
  {
    indicatorId: string;
    name?: string;
    unit?: string;
    direction?: IndicatorDirection;
    baselineValue?: number | null;
    baselineYear?: number | null;
    attentionMarginPct?: number;
  }
>;
/** the target of one year; null removes it */
export type SetIndicatorTarget = Command<
  'SetIndicatorTarget',
  { indicatorId: string; year: number; value: number | null }
>;
export type RecordMeasurement = Command<
  'RecordMeasurement',
  {
    indicatorId: string;
    measurementId: string;
    value: number;
    date: string;
    source?: string;
    comment?: string;
  }
>;
/** corrects a recorded measurement: each field left out keeps its value; the reason is required */
export type CorrectMeasurement = Command<
  'CorrectMeasurement',
  {
    indicatorId: string;
    measurementId: string;
    value?: number;
    date?: string;
    source?: string;
    comment?: string;
    reason: string;
  }
>;
export type ArchiveIndicator = Command<'ArchiveIndicator', { indicatorId: string; reason: string }>;

export type IndicatorCommand =
  | DefineIndicator
  | RedefineIndicator
  | SetIndicatorTarget
  | RecordMeasurement
  | CorrectMeasurement
  | ArchiveIndicator;

export const INDICATOR_COMMAND_TYPES = [
  'DefineIndicator',
  'RedefineIndicator',
  'SetIndicatorTarget',
  'RecordMeasurement',
  'CorrectMeasurement',
  'ArchiveIndicator',
] as const satisfies readonly IndicatorCommand['type'][];
