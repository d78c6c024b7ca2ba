import type { ActionStatus } from '#domain';
import type { Position } from './position.js';

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
}

export interface Dashboard extends DashboardFigures {
  planId: string;
  today: string;
  themes: DashboardTheme[];
  /** with `?asOf=`: the moment asked for (an ISO instant); `position` is then where the log stood */
  asOf?: string;
  position: Position;
}
