import { ACTION_STATUSES } from '#domain';
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
import { ROW_VERSIONS_TABLE, ROW_VERSION_KEYS_TABLE } from '../as-of/row.js';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import type { Queryable } from '../projection/sql.js';
import { ACTION_CHANGES_TABLE, CHANGED_FIELD_COLUMNS } from './row.js';
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
export const CHANGED_FIELDS: readonly ChangedField[] = CHANGED_FIELD_COLUMNS.map(([field]) => field);

export interface PlanChangesOptions {
  /**
   * only the actions this partner organisation leads or partners on at either end and today (a partner's
   * view: access is today's, docs/access.md)
   */
  partnerId?: string;
  resolveActorNames?: ResolveActorNames;
}

/** an action's events in the range: how many, the last one's time, the actors in the order of the log */
interface ActionEventsRead {
  action_id: string;
  events: number;
  last_at: Date;
  actors: string[];
}

/** the last event in the range that changed a field of an action */
interface FieldEventRead {
  action_id: string;
  field: ChangedField;
  actor_id: string;
  occurred_at: Date;
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
 * the plan as it stood at `from` and at `to`, who last changed each and when (the actions' change rows in the
 * range, the actors' names as the action history shows them), and the counts per status and per theme at both
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
    // the plan's actions at both ends in one pass over its keys: two backward lookups each, the stored rows
    // as they are (the versions hold them as the projection wrote them: no expansion to the table's type)
    const ends = await tx.query<{ before: ActionRow | null; after: ActionRow | null }>(
      `select b.data as before, a.data as after
         from ${ROW_VERSION_KEYS_TABLE} k
         left join lateral (
           select r.data from ${ROW_VERSIONS_TABLE} r
            where r.tenant_id = k.tenant_id and r.source = k.source and r.id = k.id and r.position <= $3
            order by r.position desc limit 1) b on true
         left join lateral (
           select r.data from ${ROW_VERSIONS_TABLE} r
            where r.tenant_id = k.tenant_id and r.source = k.source and r.id = k.id and r.position <= $4
            order by r.position desc limit 1) a on true
        where k.tenant_id = $1 and k.plan_id = $2 and k.source = 'rm_actions'`,
      [tenantId, planId, fromPosition, toPosition],
    );
    const inPlan = (row: ActionRow | null): row is ActionRow => row !== null && row.plan_id === planId;
    const before = new Map<string, ActionRow>();
    const after = new Map<string, ActionRow>();
    for (const end of ends.rows) {
      if (inPlan(end.before)) before.set(end.before.id, end.before);
      if (inPlan(end.after)) after.set(end.after.id, end.after);
    }
    const themes = await tx.query<{ id: string; code: string; title: string }>(
      `select id, code, title
         from ${planRowsAsOfSql('rm_plan_sections', { tenant: '$1', plan: '$2', position: '$3' })} s
        where kind = 'theme' order by sort_order, sort_key, id`,
      [tenantId, planId, toPosition],
    );
    // the actions' events in the range, from the narrow change rows the action-list projection writes: one
    // contiguous range of their primary key (plan, position), aggregated here; the audit trail's rows carry
    // every event's data, scattered over the actions (docs/decisions.md)
    const range = [tenantId, planId, fromPosition, toPosition];
    const perAction = await tx.query<ActionEventsRead>(
      `select action_id, count(*)::int as events, max(occurred_at) as last_at,
              array_agg(actor_id order by position) as actors
         from ${ACTION_CHANGES_TABLE}
        where tenant_id = $1 and plan_id = $2 and position > $3 and position <= $4
        group by action_id`,
      range,
    );
    const perField = await tx.query<FieldEventRead>(
      `select distinct on (c.action_id, f.field) c.action_id, f.field, c.actor_id, c.occurred_at
         from ${ACTION_CHANGES_TABLE} c cross join unnest(c.fields) as f(field)
        where c.tenant_id = $1 and c.plan_id = $2 and c.position > $3 and c.position <= $4
        order by c.action_id, f.field, c.position desc`,
      range,
    );
    const names = await partnerNamesOf(tx, tenantId, [...before.values(), ...after.values()]);
    // a partner's view: the actions her organisation may see today (access is today's)
    const visibleToday =
      options.partnerId === undefined
        ? null
        : new Set(
            (
              await tx.query<{ id: string }>(
                `select id from rm_actions
                  where tenant_id = $1 and plan_id = $2 and (owner_id = $3 or $3 = any(partner_ids))`,
                [tenantId, planId, options.partnerId],
              )
            ).rows.map((row) => row.id),
          );
    return {
      visibleToday,
      fromPosition,
      toPosition,
      reflected,
      before,
      after,
      themes: themes.rows,
      perAction: perAction.rows,
      perField: perField.rows,
      names,
    };
  });
  if (!read) return null;
  const { before, after, perAction, perField, names, visibleToday } = read;
  const visible = (row: ActionRow | undefined): boolean =>
    options.partnerId === undefined ||
    (row !== undefined &&
      (row.owner_id === options.partnerId || row.partner_ids.includes(options.partnerId)));
  const ids = [...after.keys()].filter(
    (id) =>
      (visibleToday === null || visibleToday.has(id)) && (visible(before.get(id)) || visible(after.get(id))),
  );
  const eventsOf = new Map(perAction.map((row) => [row.action_id, row]));
  const lastChange = new Map(perField.map((row) => [`${row.action_id}\u0000${row.field}`, row]));
  const actors = await resolveActorNames(tenantId, [
    ...new Set([...perAction.flatMap((row) => row.actors), ...perField.map((row) => row.actor_id)]),
  ]);
  const actor = (id: string): { id: string; name: string } => ({ id, name: actors.get(id) ?? id });
  const ref = (id: string): PartnerRef => ({ id, name: names.get(id) ?? id });
  const changes: ActionChange[] = [];
  for (const id of ids) {
    const was = before.get(id);
    const now = after.get(id)!;
    const events = eventsOf.get(id);
    const fields: FieldDiff[] = [];
    for (const field of CHANGED_FIELDS) {
      const beforeValue = valueOf(was, field, ref);
      const afterValue = valueOf(now, field, ref);
      if (was && sameValue(beforeValue, afterValue)) continue;
      if (!was && (afterValue === null || sameValue(afterValue, []) || afterValue === false)) continue;
      const last = lastChange.get(`${id}\u0000${field}`);
      fields.push({
        field,
        before: beforeValue,
        after: afterValue,
        changedBy: last ? actor(last.actor_id) : null,
        changedAt: last ? isoInstant(last.occurred_at) : null,
      });
    }
    if (was && fields.length === 0 && !events) continue;
    changes.push({
      actionId: id,
      code: now.code,
      title: now.title,
      themeId: now.theme_id,
      status: now.status,
      kind: was ? 'changed' : 'added',
      fields,
      events: events?.events ?? 0,
      actors: [...new Set(events?.actors ?? [])].map(actor),
      lastChangedAt: events ? isoInstant(events.last_at) : null,
    });
  }
  changes.sort((a, b) => {
    const ka = after.get(a.actionId)!.sort_key;
    const kb = after.get(b.actionId)!.sort_key;
    return ka < kb ? -1 : ka > kb ? 1 : a.actionId < b.actionId ? -1 : 1;
  });
  const visibleRows = (rows: Map<string, ActionRow>): ActionRow[] =>
    [...rows.values()].filter(
      (row) => (visibleToday === null || visibleToday.has(row.id)) && (ids.includes(row.id) || visible(row)),
    );
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
