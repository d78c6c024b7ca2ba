import type { ActionStatus } from '#domain';
import type { Position } from './position.js';
import type { StatusCounts } from './dashboard.js';

/** The fields of an action the changes view compares (the names the action history's changes use). */
export type ChangedField =
  | 'code'
  | 'title'
  | 'description'
  | 'status'
  | 'owner'
  | 'partners'
  | 'progress'
  | 'dueDate'
  | 'goalId'
  | 'tags'
  | 'archived';

export interface FieldDiff {
  field: ChangedField;
  /** the value at `from` (null: not set, or the action did not exist yet); owner a PartnerRef, partners a list */
  before: unknown;
  after: unknown;
  /** who made the last change to this field in the range and when (as the action's history shows them) */
  changedBy: { id: string; name: string } | null;
  changedAt: string | null;
}

export interface ActionChange {
  actionId: string;
  /** code, title, theme and status at `to` (at `from` for an action gone since) */
  code: string;
  title: string;
  themeId: string | null;
  status: ActionStatus;
  /** added: created after `from`; changed: existed at both ends */
  kind: 'added' | 'changed';
  fields: FieldDiff[];
  /** events of the action in the range (notes and signals included) */
  events: number;
  /** everyone who changed the action in the range, first change first */
  actors: { id: string; name: string }[];
  lastChangedAt: string | null;
}

export interface ChangeCounts {
  total: number;
  byStatus: StatusCounts;
}

export interface ThemeChangeCounts {
  id: string;
  code: string;
  title: string;
  before: ChangeCounts;
  after: ChangeCounts;
}

/** `GET /api/plans/:id/changes?from=&to=`: what changed in a plan between two moments. */
export interface PlanChanges {
  planId: string;
  /** the moments asked for, as ISO instants */
  from: string;
  to: string;
  /** where the log stood at each end */
  fromPosition: Position;
  toPosition: Position;
  /** the actions that changed, in code order */
  actions: ActionChange[];
  /** not archived actions per status, whole plan and per theme (the themes at `to`), at both ends */
  counts: { before: ChangeCounts; after: ChangeCounts; themes: ThemeChangeCounts[] };
  position: Position;
}

/** One month of `GET /api/plans/:id/trend`: the actions per status at the end of the month. */
export interface TrendMonth {
  /** YYYY-MM */
  month: string;
  /** the end of the month in Belgian time (or now, for the running month), an ISO instant */
  asOf: string;
  /** where the log stood then */
  position: Position;
  /** not archived actions */
  total: number;
  byStatus: StatusCounts;
}

/** The plan's status counts per month over its period, up to today. */
export interface StatusTrend {
  planId: string;
  periodStart: string;
  periodEnd: string;
  months: TrendMonth[];
  position: Position;
}
