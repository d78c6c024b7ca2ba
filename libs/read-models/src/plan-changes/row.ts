import type { ActionStatus } from '#domain';
import type { StoredEvent } from '#event-store';
import type { ChangedField } from '#contracts';
import type { ActionRow } from '../action-list/row.js';
import { boolean, table, text, textArray, timestamptz, type RowOf } from '../projection/table.js';

/**
 * Projection `action-list`, next to the dated versions of `rm_actions`: one narrow row per event of an action's
 * own stream, in its plan's order of positions, with who made it, when, which of the compared fields it
 * changed, and the status it left. What `getPlanChanges` (who changed what between two moments) and
 * `getStatusTrend` (the status counts at each month's end) read instead of every event's data: a range of
 * positions of one plan is one contiguous range of this table's primary key.
 */
export const actionChangesTable = table(
  'rm_action_changes',
  {
    tenant_id: text(),
    plan_id: text(),
    /** the event's position */
    position: text(),
    action_id: text(),
    actor_id: text(),
    occurred_at: timestamptz(),
    /** the compared fields (`CHANGED_FIELDS`) whose value differs from the row before the event */
    fields: textArray<ChangedField>(),
    /** the action's status and archived flag after the event */
    status: text<ActionStatus>(),
    archived: boolean(),
    /** the event added the action or changed its status or archived flag (what the trend counts) */
    status_changed: boolean(),
  },
  {
    primaryKey: ['tenant_id', 'plan_id', 'position', 'action_id'],
    // both read by index-only scans (no heap access: the table is append-only, so vacuum keeps its pages
    // all-visible): the changes between two moments, and the trend's changes of status
    indexes: [
      {
        name: 'rm_action_changes_range_idx',
        columns: 'tenant_id, plan_id, "position"',
        include: 'action_id, actor_id, occurred_at, fields',
        queriesOnly: true,
      },
      {
        name: 'rm_action_changes_status_idx',
        columns: 'tenant_id, plan_id, "position"',
        include: 'action_id, status, archived',
        where: 'status_changed',
        queriesOnly: true,
      },
    ],
  },
);
export type ActionChangeRow = RowOf<typeof actionChangesTable>;
export const ACTION_CHANGES_TABLE = actionChangesTable.name;

/** The fields the changes view compares, in its order, with the `rm_actions` column each is read from. */
export const CHANGED_FIELD_COLUMNS: readonly (readonly [ChangedField, keyof ActionRow])[] = [
  ['code', 'code'],
  ['title', 'title'],
  ['description', 'description'],
  ['status', 'status'],
  ['owner', 'owner_id'],
  ['partners', 'partner_ids'],
  ['progress', 'progress'],
  ['dueDate', 'due_date'],
  ['goalId', 'goal_id'],
  ['tags', 'tags'],
  ['archived', 'archived'],
];

/** equal as JSON (an absent value as null); the usual cases (the same value, two texts) without serialising */
function same(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (typeof x === 'string' && typeof y === 'string') return false;
  if (Array.isArray(x) && Array.isArray(y) && x.length !== y.length) return false;
  return JSON.stringify(x) === JSON.stringify(y);
}
/** a due date as a day, whatever form the row carries (a date, or PostgreSQL's timestamp text) */
const day = (value: unknown): unknown => (typeof value === 'string' ? value.slice(0, 10) : value);

/**
 * The change row an event leaves on an action's row (pure; unit-tested), or null when the event is not of the
 * action's own stream (a moved goal, the plan's reporting fields) or removed the row.
 */
export function actionChangeOf(
  stored: StoredEvent,
  row: ActionRow | null,
  before: ActionRow | undefined,
): ActionChangeRow | null {
  if (!row || (stored.data as { actionId?: unknown }).actionId !== row.id) return null;
  const fields = CHANGED_FIELD_COLUMNS.filter(([, column]) =>
    column === 'due_date'
      ? !same(day(before?.[column]), day(row[column]))
      : before === undefined
        ? !same(row[column], emptyOf(column))
        : !same(before[column], row[column]),
  ).map(([field]) => field);
  return {
    tenant_id: row.tenant_id,
    plan_id: row.plan_id,
    position: stored.position,
    action_id: row.id,
    actor_id: stored.metadata.actorId,
    occurred_at: stored.metadata.occurredAt,
    fields,
    status: row.status,
    archived: row.archived,
    status_changed: before === undefined || before.status !== row.status || before.archived !== row.archived,
  };
}

/** a new action's field counts as set when it differs from this */
function emptyOf(column: keyof ActionRow): unknown {
  if (column === 'partner_ids' || column === 'tags') return [];
  if (column === 'archived') return false;
  return null;
}
