import type { Event } from '../shared/event.js';
import type { ReportingNodeKind } from '../plan/plan.events.js';

/** which way is good: a higher value (people housed) or a lower one (people on a waiting list) */
export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

/** the status of an indicator from its latest measurement against the target of that measurement's year */
export const INDICATOR_STATUSES = ['on_track', 'attention', 'off_track', 'no_data'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** what a coordinator defines about an indicator, apart from its targets and measurements */
export type IndicatorDefinition = Readonly<{
  name: string;
  /** free text: "personen", "%", "euro" */
  unit: string;
  direction: IndicatorDirection;
  baselineValue: number | null;
  baselineYear: number | null;
  /**
   * how far short of the target a measurement may be, in per cent of the target, and still be `attention`
   * rather than `off_track` (default `DEFAULT_ATTENTION_MARGIN_PCT`)
   */
  attentionMarginPct: number;
}>;

/** one measured value; a correction replaces all of it (the correction is an event of its own) */
export type IndicatorMeasurement = Readonly<{
  measurementId: string;
  value: number;
  /** the day the value describes, YYYY-MM-DD */
  date: string;
  /** where the value comes from ("Lokale dataset 2024"), may be empty */
  source: string;
  comment: string;
}>;

/** An indicator hangs on one node of a plan: a theme, a goal or an action (stream `indicator-<id>`). */
export type IndicatorDefined = Event<
  'IndicatorDefined',
  { indicatorId: string; planId: string; nodeId: string; nodeKind: ReportingNodeKind } & IndicatorDefinition
>;
export type IndicatorRedefined = Event<
  'IndicatorRedefined',
  { indicatorId: string; planId: string; from: IndicatorDefinition; to: IndicatorDefinition }
>;
/** `to: null` removes the target of that year */
export type IndicatorTargetSet = Event<
  'IndicatorTargetSet',
  { indicatorId: string; planId: string; year: number; from: number | null; to: number | null }
>;
export type IndicatorMeasurementRecorded = Event<
  'IndicatorMeasurementRecorded',
  { indicatorId: string; planId: string } & IndicatorMeasurement
>;
/** a measurement corrected: the old values stay in the log, `to` replaces them in every read */
export type IndicatorMeasurementCorrected = Event<
  'IndicatorMeasurementCorrected',
  {
    indicatorId: string;
    planId: string;
    measurementId: string;
    from: IndicatorMeasurement;
    to: IndicatorMeasurement;
    reason: string;
  }
>;
export type IndicatorArchived = Event<
  'IndicatorArchived',
  { indicatorId: string; planId: string; reason: string }
>;

export type IndicatorEvent =
  | IndicatorDefined
  | IndicatorRedefined
  | IndicatorTargetSet
  | IndicatorMeasurementRecorded
  | IndicatorMeasurementCorrected
  | IndicatorArchived;

export const INDICATOR_EVENT_TYPES = [
  'IndicatorDefined',
  'IndicatorRedefined',
  'IndicatorTargetSet',
  'IndicatorMeasurementRecorded',
  'IndicatorMeasurementCorrected',
  'IndicatorArchived',
] as const satisfies readonly IndicatorEvent['type'][];

export const indicatorStreamId = (indicatorId: string): string => `indicator-${indicatorId}`;

/** within 10 % short of the target is `attention`, further is `off_track` (per indicator adjustable) */
export const DEFAULT_ATTENTION_MARGIN_PCT = 10;
