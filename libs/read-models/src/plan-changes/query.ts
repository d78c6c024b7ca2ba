import { ACTION_STATUSES, changesOf, type DomainEvent, type FieldChange } from '#domain';
import type { Position } from '#event-store';
import type {
  ActionChange,
  ChangeCounts,
  ChangedField,
  FieldDiff,
  PartnerRef,
  PlanChanges,
  StatusCounts,
} from '#contracts';
import { resolveActorNamesFromUsers, type ResolveActorNames } from '../action-history/query.js';
import type { ActionRow } from '../action-list/row.js';
import { AS_OF_SOURCES, planRowsAsOfSql, resolveAsOf, type AsOf } from '../as-of/query.js';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import type { Queryable } from '../projection/sql.js';
import { InvalidQueryError, inSnapshot, isoInstant, type ReadDb } from '../queries/snapshot.js';

export type {
  ActionChange,
  ChangeCounts,
  ChangedField,
  FieldDiff,
  PlanChanges,
  ThemeChangeCounts,
} from '#contracts';

export const PLAN_CHANGES_SOURCES = [...AS_OF_SOURCES, PARTNERS_PROJECTION] as const;

/** The fields compared, in the order the changes view lists them. */
export const CHANGED_FIELDS: readonly ChangedField[] = [
  'code',
  'title',
  'description',
  'status',
  'owner',
  'partners',
  'progress',
  'dueDate',
  'goalId',
  'tags',
  'archived',
];

export interface PlanChangesOptions {
  /** only the actions this partner organisation leads or partners on at either end (a partner's view) */
  partnerId?: string;
  resolveActorNames?: ResolveActorNames;
}

interface AuditRead {
  action_id: string;
  position: string;
  occurred_at: Date;
  actor_id: string;
  type: string;
  data: unknown;
}

interface HistoryRead {
  action_id: string;
  position: string;
  occurred_at: Date;
  actor_id: string;
  changes: FieldChange[];
}

const emptyCounts = (): ChangeCounts => ({
  total: 0,
  byStatus: Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as StatusCounts,
});

const count = (rows: Iterable<ActionRow>, themeId?: string): ChangeCounts => {
  const counts = emptyCounts();
  for (const row of rows) {
    if (row.archived || (themeId !== undefined && row.theme_id !== themeId)) continue;
    counts.total += 1;
    counts.byStatus[row.status] += 1;
  }
  return counts;
};

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A field of an action row as the changes view shows it (owner and partners with their names). */
function valueOf(row: ActionRow | undefined, field: ChangedField, ref: (id: string) => PartnerRef): unknown {
  if (!row) return null;
  switch (field) {
    case 'owner':
      return row.owner_id ? ref(row.owner_id) : null;
    case 'partners':
      return row.partner_ids.map(ref);
    case 'dueDate':
      return row.due_date ? row.due_date.slice(0, 10) : null;
    case 'goalId':
      return row.goal_id;
    default:
      return row[field];
  }
}

/**
 * What changed in a plan between two moments (`from` before `to`): per action the fields that differ between
 * the plan as it stood at `from` and at `to`, who last changed each and when (the events from the audit
 * trail, the actors' names as the action history shows them), and the counts per status and per theme at both
 * ends. Null for a plan that did not exist at `to`. The periods' report reuses it for "what changed in the period".
 */
export async function getPlanChanges(
  db: ReadDb,
  tenantId: string,
  planId: string,
  from: AsOf,
  to: AsOf,
  options: PlanChangesOptions = {},
): Promise<PlanChanges | null> {
  if (from.at.getTime() > to.at.getTime()) throw new InvalidQueryError('from', 'must not be after to');
  const resolveActorNames = options.resolveActorNames ?? resolveActorNamesFromUsers(db);
  const read = await inSnapshot(db, PLAN_CHANGES_SOURCES, async (tx, reflected) => {
    const fromPosition = await resolveAsOf(tx, tenantId, from.at, reflected);
    const toPosition = await resolveAsOf(tx, tenantId, to.at, reflected);
    const plan = await tx.query(
      `select 1 from ${planRowsAsOfSql('rm_plans', { tenant: '$1', plan: '$2', position: '$3' })} p`,
      [tenantId, planId, toPosition],
    );
    if (plan.rowCount === 0) return null;
    const actionsAt = async (position: Position): Promise<Map<string, ActionRow>> => {
      const { rows } = await tx.query<{ row: ActionRow }>(
        `select to_jsonb(a) as row
           from ${planRowsAsOfSql('rm_actions', { tenant: '$1', plan: '$2', position: '$3' })} a`,
        [tenantId, planId, position],
      );
      return new Map(rows.map(({ row }) => [row.id, row]));
    };
    const before = await actionsAt(fromPosition);
    const after = await actionsAt(toPosition);
    const themes = await tx.query<{ id: string; code: string; title: string }>(
      `select id, code, title
         from ${planRowsAsOfSql('rm_plan_sections', { tenant: '$1', plan: '$2', position: '$3' })} s
        where kind = 'theme' order by sort_order, sort_key, id`,
      [tenantId, planId, toPosition],
    );
    // the actions' events in the range from the audit trail: its index (tenant, action, position) reads just
    // the range of each action (the action history is keyed by version and would read every event)
    const events = await tx.query<AuditRead>(
      `select action_id, position, occurred_at, actor_id, type, data from rm_audit_trail
        where tenant_id = $1 and action_id = any($2::text[]) and position > $3 and position <= $4
        order by position`,
      [tenantId, [...after.keys()], fromPosition, toPosition],
    );
    const history: HistoryRead[] = events.rows.map((row) => ({
      action_id: row.action_id,
      position: row.position,
      occurred_at: row.occurred_at,
      actor_id: row.actor_id,
      changes: changesOf({ type: row.type, data: row.data } as DomainEvent),
    }));
    const names = await partnerNamesOf(tx, tenantId, [...before.values(), ...after.values()]);
    return {
      fromPosition,
      toPosition,
      reflected,
      before,
      after,
      themes: themes.rows,
      history,
      names,
    };
  });
  if (!read) return null;
  const { before, after, history, names } = read;
  const visible = (row: ActionRow | undefined): boolean =>
    options.partnerId === undefined ||
    (row !== undefined &&
      (row.owner_id === options.partnerId || row.partner_ids.includes(options.partnerId)));
  const ids = [...after.keys()].filter((id) => visible(before.get(id)) || visible(after.get(id)));
  const actors = await resolveActorNames(tenantId, [...new Set(history.map((row) => row.actor_id))]);
  const actor = (id: string): { id: string; name: string } => ({ id, name: actors.get(id) ?? id });
  const ref = (id: string): PartnerRef => ({ id, name: names.get(id) ?? id });
  const eventsOf = new Map<string, HistoryRead[]>();
  for (const row of history) eventsOf.set(row.action_id, [...(eventsOf.get(row.action_id) ?? []), row]);
  const changes: ActionChange[] = [];
  for (const id of ids) {
    const was = before.get(id);
    const now = after.get(id)!;
    const events = eventsOf.get(id) ?? [];
    const fields: FieldDiff[] = [];
    for (const field of CHANGED_FIELDS) {
      const beforeValue = valueOf(was, field, ref);
      const afterValue = valueOf(now, field, ref);
      if (was && sameValue(beforeValue, afterValue)) continue;
      if (!was && (afterValue === null || sameValue(afterValue, []) || afterValue === false)) continue;
      const last = [...events].reverse().find((event) => event.changes.some((c) => c.field === field));
      fields.push({
        field,
        before: beforeValue,
        after: afterValue,
        changedBy: last ? actor(last.actor_id) : null,
        changedAt: last ? isoInstant(last.occurred_at) : null,
      });
    }
    if (was && fields.length === 0 && events.length === 0) continue;
    changes.push({
      actionId: id,
      code: now.code,
      title: now.title,
      themeId: now.theme_id,
      status: now.status,
      kind: was ? 'changed' : 'added',
      fields,
      events: events.length,
      actors: [...new Set(events.map((event) => event.actor_id))].map(actor),
      lastChangedAt: events.length > 0 ? isoInstant(events[events.length - 1]!.occurred_at) : null,
    });
  }
  changes.sort((a, b) => {
    const ka = after.get(a.actionId)!.sort_key;
    const kb = after.get(b.actionId)!.sort_key;
    return ka < kb ? -1 : ka > kb ? 1 : a.actionId < b.actionId ? -1 : 1;
  });
  const visibleRows = (rows: Map<string, ActionRow>): ActionRow[] =>
    [...rows.values()].filter((row) => ids.includes(row.id) || visible(row));
  const beforeRows = visibleRows(before);
  const afterRows = visibleRows(after);
  return {
    planId,
    from: from.at.toISOString(),
    to: to.at.toISOString(),
    fromPosition: read.fromPosition,
    toPosition: read.toPosition,
    actions: changes,
    counts: {
      before: count(beforeRows),
      after: count(afterRows),
      themes: read.themes.map((theme) => ({
        ...theme,
        before: count(beforeRows, theme.id),
        after: count(afterRows, theme.id),
      })),
    },
    position: read.toPosition,
  };
}

async function partnerNamesOf(
  tx: Queryable,
  tenantId: string,
  rows: readonly ActionRow[],
): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.owner_id) ids.add(row.owner_id);
    for (const id of row.partner_ids) ids.add(id);
  }
  if (ids.size === 0) return new Map();
  const { rows: partners } = await tx.query<{ id: string; name: string }>(
    `select id, name from rm_partners where tenant_id = $1 and id = any($2::text[])`,
    [tenantId, [...ids]],
  );
  return new Map(partners.map((p) => [p.id, p.name]));
}
