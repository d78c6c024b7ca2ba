import type { IndicatorDirection, IndicatorStatus, ReportingNodeKind } from '#domain';
import type { Position } from './position.js';

export interface IndicatorSummary {
  id: string;
  planId: string;
  /** the theme, goal or action the indicator hangs on */
  nodeId: string;
  nodeKind: ReportingNodeKind;
  name: string;
  unit: string;
  direction: IndicatorDirection;
  baselineValue: number | null;
  baselineYear: number | null;
  /** short of the target by at most this per cent of the target: attention; further: off track */
  attentionMarginPct: number;
  /** target per year, ascending */
  targets: { year: number; value: number }[];
  measurementCount: number;
  /** the latest measurement by date, or null */
  latest: { measurementId: string; value: number; date: string } | null;
  /** the latest measurement against the target of its year (`indicatorStatus` of libs/domain) */
  status: IndicatorStatus;
  /** the year and target the status compares with (null: no measurement, or no target that year) */
  statusYear: number | null;
  statusTarget: number | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  lastPosition: Position;
}

export interface IndicatorMeasurementItem {
  measurementId: string;
  value: number;
  date: string;
  source: string;
  comment: string;
  recordedAt: string;
  /** user id */
  recordedBy: string;
  /** null while never corrected; else the last correction and the value first recorded */
  correction: { at: string; by: string | null; reason: string; originalValue: number | null } | null;
}

export interface PlanIndicators {
  planId: string;
  items: IndicatorSummary[];
  /** with `?asOf=`: the moment asked for (an ISO instant); `position` is then where the log stood */
  asOf?: string;
  position: Position;
}

export interface IndicatorDetail extends IndicatorSummary {
  /** newest date first */
  measurements: IndicatorMeasurementItem[];
  /** the status rule with this indicator's margin filled in, Dutch and English */
  statusRule: { nl: string; en: string };
  /** with `?asOf=`: the moment asked for (an ISO instant); `position` is then where the log stood */
  asOf?: string;
  position: Position;
}

/** the indicator roll-up of a node of the tree: its own indicators and every node below */
export interface IndicatorRollUpView {
  status: IndicatorStatus;
  counts: Record<IndicatorStatus, number>;
}

/** the rules the tree and the dashboard show with their figures */
export interface ReportingRules {
  indicatorRollUp: { nl: string; en: string };
  progress: { nl: string; en: string };
}
