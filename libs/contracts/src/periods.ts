import type {
  ActionStatus,
  PeriodActionSnapshot,
  PeriodCloseCheckpoint,
  PeriodIndicatorSnapshot,
  PeriodKind,
  PeriodPathStep,
  PeriodScope,
} from '#domain';
import type { Position } from './position.js';

/** an action an update round asked for whose update is still missing */
export interface RoundMissingUpdate {
  actionId: string;
  code: string;
  title: string;
  leadPartnerId: string | null;
  leadName: string | null;
}

/** an update round: how far it is (per cent of the actions asked for that have an update) and who is late */
export interface UpdateRoundSummary {
  roundId: string;
  /** ISO date; late means: no update at the end of this day in Belgium */
  deadline: string;
  scope: PeriodScope;
  startedAt: string;
  requested: number;
  submitted: number;
  /** submitted / requested, rounded down, 0-100 */
  percent: number;
  /** the deadline has passed (Belgian date) */
  pastDeadline: boolean;
  /** the actions without an update; late once `pastDeadline` */
  missing: RoundMissingUpdate[];
}

export interface PeriodItem {
  id: string;
  planId: string;
  kind: PeriodKind;
  label: string;
  /** ISO dates, both included */
  start: string;
  end: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  /** the instant the frozen report reflects */
  asOf: string | null;
  checkpoint: PeriodCloseCheckpoint | null;
  frozenActions: number;
  round: UpdateRoundSummary | null;
  /** the period stream's version (If-Match for the close) */
  version: number;
}

export interface PeriodList {
  items: PeriodItem[];
  position: Position;
}

/** something recorded after the close that belongs to the closed period ("gecorrigeerd na afsluiting") */
export interface PeriodCorrection {
  field: 'narrative' | 'status' | 'progress' | 'indicator';
  /** the indicator it concerns, for an indicator */
  indicatorId?: string;
  frozen: string | number | null;
  value: string | number | null;
  /** when it was recorded (ISO instant) */
  at: string;
}

export type PeriodReportAction = PeriodActionSnapshot & {
  corrections: PeriodCorrection[];
  /**
   * the version, in the period's stream, of the latest update that wrote this action's narrative: what
   * `POST /api/erasures` (kind text, aggregate period) names to erase it (every version of it, the copy frozen
   * at the close and a correction after it are one text); null without an update
   */
  narrativeVersion: number | null;
};

/**
 * a theme or goal heading of the report, with the indicators on it itself (target for the period's year against
 * the measurement, as for an action's) and, in a closed report, their corrections after the close; none in a
 * report frozen before they were kept
 */
export type PeriodReportStep = Omit<PeriodPathStep, 'indicators'> & {
  indicators: readonly PeriodIndicatorSnapshot[];
  corrections: PeriodCorrection[];
};

/**
 * the actions under one goal, with the path from the theme down to it (the indicators of the theme and goals are
 * on these steps, not repeated in each action's `path`)
 */
export interface PeriodReportGroup {
  path: PeriodReportStep[];
  actions: PeriodReportAction[];
}

/** `GET /api/plans/:planId/reports/:periodId` as JSON: what the DOCX, HTML and CSV show */
export interface PeriodReport {
  plan: { id: string; title: string };
  period: PeriodItem;
  scope: PeriodScope;
  /** true: from the snapshot frozen at the close (plus corrections); false: live */
  frozen: boolean;
  /** the instant the report reflects (the period end, or now for a running period, or the close) */
  asOf: string;
  generatedAt: string;
  groups: PeriodReportGroup[];
  actionCount: number;
  /** the corrections after the close shown: of the actions, and of the indicators of themes and goals (once each) */
  correctionCount: number;
  position: Position;
}

/** one action a lead is asked to update ("Mijn updates") */
export interface MyUpdateItem {
  periodId: string;
  periodLabel: string;
  planId: string;
  roundId: string;
  deadline: string;
  late: boolean;
  actionId: string;
  code: string;
  title: string;
  status: ActionStatus;
  progress: number | null;
  leadPartnerId: string | null;
  leadName: string | null;
  /** the update already given (it can be changed until the period closes, and corrected after) */
  submitted: {
    narrative: string;
    status: ActionStatus | null;
    progress: number | null;
    at: string;
    /** the version, in the period's stream, of the change that wrote it (what an erasure of the text names) */
    version: number | null;
  } | null;
}

export interface MyUpdateList {
  items: MyUpdateItem[];
  position: Position;
}
