import type { ActionStatus } from '#domain';
import type { Position } from './position.js';
import type { IndicatorRollUpView, ReportingRules } from './indicators.js';

export type StatusCounts = Record<ActionStatus, number>;

export interface DashboardFigures {
  /** actions that are not archived */
  total: number;
  byStatus: StatusCounts;
  /**
   * mean progress in percent over the actions (one decimal), null without actions. An action without a
   * progress report counts as 0, or as 100 when it is realised.
   */
  progress: number | null;
  /** due before `today`, neither realised nor stopped */
  overdue: number;
  /** signals recorded on the actions (every ActionSignalRecorded counts, for now) */
  openSignals: number;
}

export interface DashboardTheme extends DashboardFigures {
  id: string;
  code: string;
  title: string;
  bbcCode: string | null;
  /** the theme's own priority flag (someone marked it) */
  priority: boolean;
  /** priority itself or through an action below it */
  effectivePriority: boolean;
  /**
   * priority only through a priority action (or goal) below it, never marked itself: shown as "prioritair via
   * een actie" (docs/plan-cycle.md), as in the tree
   */
  priorityInherited: boolean;
  /** weighted average of its goals' progress (`rules.progress`), null without actions */
  weightedProgress: number | null;
  /** the worst indicator status of the theme and everything below it (`rules.indicatorRollUp`) */
  indicators: IndicatorRollUpView;
}

export interface Dashboard extends DashboardFigures {
  planId: string;
  today: string;
  themes: DashboardTheme[];
  /** with `?asOf=`: the moment asked for (an ISO instant); `position` is then where the log stood */
  asOf?: string;
  /** the plan's indicators rolled up (`rules.indicatorRollUp`) */
  indicators: IndicatorRollUpView;
  /** actions marked priority (not archived) */
  priorityActions: number;
  rules: ReportingRules;
  position: Position;
}
