import type { ActionStatus } from '#domain';
import {
  boolean,
  date,
  float8,
  integer,
  nullable,
  table,
  text,
  textArray,
  timestamptz,
  withDefault,
  type RowOf,
} from '../projection/table.js';

/** Projection `action-list`: one row per action (what the action list, the action page and the dashboard read). */
export const actionsTable = table(
  'rm_actions',
  {
    tenant_id: text(),
    id: text(),
    plan_id: text(),
    code: text(),
    /** `naturalSortKey(code)` of libs/domain */
    sort_key: text(),
    title: text(),
    description: text(),
    status: text<ActionStatus>(),
    theme_id: nullable(text()),
    goal_id: text(),
    /** theme id, then the goals down to and including `goal_id` */
    goal_path: textArray(),
    /** the lead partner (trekker) */
    owner_id: nullable(text()),
    partner_ids: textArray(),
    tags: textArray(),
    progress: nullable(integer()),
    /** ISO calendar date */
    due_date: nullable(date()),
    archived: boolean(),
    citizen_idea: boolean(),
    signal_count: integer(),
    note_count: integer(),
    /** the action stream's version after its last event */
    version: integer(),
    created_at: timestamptz(),
    updated_at: timestamptz(),
    last_position: text(),
    /** reporting fields (NodeReportingChanged, added by PlanReporting1767227100000, hence last) */
    bbc_code: nullable(text()),
    priority: withDefault(boolean(), 'false'),
    sub_reporting_code: nullable(text()),
    weight: withDefault(float8(), '1'),
  },
  {
    primaryKey: ['tenant_id', 'id'],
    indexes: [{ name: 'rm_actions_plan_idx', columns: 'tenant_id, plan_id, sort_key, id' }],
  },
);
export type ActionRow = RowOf<typeof actionsTable>;

/** Projection `action-list`: the path from the theme down to each plan section (to file actions under themes). */
export const actionSectionsTable = table(
  'rm_action_sections',
  { tenant_id: text(), id: text(), plan_id: text(), path: textArray() },
  { primaryKey: ['tenant_id', 'id'] },
);
export type ActionSectionRow = RowOf<typeof actionSectionsTable>;

export const ACTIONS_TABLE = actionsTable.name;
/** the projection's own lookup of plan sections: the path from the theme down to each section */
export const ACTION_SECTIONS_TABLE = actionSectionsTable.name;
