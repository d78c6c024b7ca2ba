import type {
  ActionStatus,
  FrozenPeriodAction,
  PeriodCloseCheckpoint,
  PeriodKind,
  PeriodScope,
} from '#domain';
import {
  boolean,
  date,
  integer,
  json,
  nullable,
  table,
  text,
  timestamptz,
  type RowOf,
} from '../projection/table.js';

/** Projection `periods`: one row per reporting period, with its close and its update round. */
export const periodsTable = table(
  'rm_periods',
  {
    tenant_id: text(),
    id: text(),
    plan_id: text(),
    kind: text<PeriodKind>(),
    label: text(),
    start_date: date(),
    end_date: date(),
    status: text<'open' | 'closed'>(),
    created_at: timestamptz(),
    created_by: text(),
    closed_at: nullable(timestamptz()),
    closed_by: nullable(text()),
    /** the instant the frozen report reflects */
    as_of: nullable(timestamptz()),
    close_position: nullable(text()),
    checkpoint: nullable(json<PeriodCloseCheckpoint>()),
    frozen_count: integer(),
    round_id: nullable(text()),
    round_deadline: nullable(date()),
    round_scope: nullable(text<PeriodScope>()),
    round_started_at: nullable(timestamptz()),
    round_started_by: nullable(text()),
    version: integer(),
    last_position: text(),
  },
  {
    primaryKey: ['tenant_id', 'id'],
    indexes: [{ name: 'rm_periods_plan_idx', columns: 'tenant_id, plan_id, start_date' }],
  },
);
export type PeriodRow = RowOf<typeof periodsTable>;

/** the report data of each action frozen when its period closed (free texts by reference: query.ts resolves them) */
export const periodFrozenActionsTable = table(
  'rm_period_frozen_actions',
  {
    tenant_id: text(),
    period_id: text(),
    action_id: text(),
    snapshot: json<FrozenPeriodAction>(),
  },
  { primaryKey: ['tenant_id', 'period_id', 'action_id'] },
);
export type PeriodFrozenActionRow = RowOf<typeof periodFrozenActionsTable>;

/** the actions an update round asked for, with their lead organisation when it started */
export const periodRoundRequestsTable = table(
  'rm_period_round_requests',
  {
    tenant_id: text(),
    period_id: text(),
    action_id: text(),
    lead_partner_id: nullable(text()),
  },
  {
    primaryKey: ['tenant_id', 'period_id', 'action_id'],
    indexes: [{ name: 'rm_period_round_requests_lead_idx', columns: 'tenant_id, lead_partner_id' }],
  },
);
export type PeriodRoundRequestRow = RowOf<typeof periodRoundRequestsTable>;

/** the latest update per action and period (the narrative, the status and progress reported for it) */
export const periodUpdatesTable = table(
  'rm_period_updates',
  {
    tenant_id: text(),
    period_id: text(),
    action_id: text(),
    narrative: text(),
    status: nullable(text<ActionStatus>()),
    progress: nullable(integer()),
    round_id: nullable(text()),
    after_close: boolean(),
    submitted_at: timestamptz(),
    submitted_by: text(),
    position: text(),
    /**
     * the version, in the period's stream, of the change that wrote this update (what `POST /api/erasures` with
     * kind text names: every version of the narrative is one text item); null in rows from before it was kept
     */
    version: nullable(integer()),
  },
  { primaryKey: ['tenant_id', 'period_id', 'action_id'] },
);
export type PeriodUpdateRow = RowOf<typeof periodUpdatesTable>;

export const PERIODS_TABLE = periodsTable.name;
export const PERIOD_FROZEN_ACTIONS_TABLE = periodFrozenActionsTable.name;
export const PERIOD_ROUND_REQUESTS_TABLE = periodRoundRequestsTable.name;
export const PERIOD_UPDATES_TABLE = periodUpdatesTable.name;
