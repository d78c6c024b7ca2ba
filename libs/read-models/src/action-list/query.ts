import { ACTION_STATUSES, type ActionStatus } from '#domain';
import type { Queryable } from '../projection/sql.js';
import { ACTION_LIST_PROJECTION } from './projection.js';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { PLAN_TREE_PROJECTION } from '../plan-tree/projection.js';
import type { ActionRow } from './row.js';
import {
  ISO_DATE,
  InvalidQueryError,
  inSnapshot,
  isoDate,
  isoInstant,
  type ReadDb,
} from '../queries/snapshot.js';
import type { PartnerRef, ActionListItem, ActionList, ActionDetail } from '#contracts';
import { AS_OF_SOURCES, planRowsAsOfSql, resolveAsOf, rowAsOfSql, type AsOf } from '../as-of/query.js';

export type { PartnerRef, ActionListItem, ActionList, ActionDetail } from '#contracts';

/** Statuses in which an action with a past due date is not overdue. */
export const CLOSED_STATUSES: readonly ActionStatus[] = ['realised', 'stopped'];

export interface ActionFilters {
  status?: ActionStatus | readonly ActionStatus[];
  /** the action's theme */
  themeId?: string;
  /** the goal, or any goal above it: a goal's filter includes the actions of its sub-goals */
  goalId?: string;
  /** the lead partner (trekker) */
  ownerId?: string;
  /** a partner of the action, or its lead */
  partnerId?: string;
  /**
   * access: only the actions this partner organisation leads or partners on **today**, also in a list as of a
   * past date (where `partnerId` matches the rows as they stood then): access is today's (docs/access.md)
   */
  visibleToPartner?: string;
  tag?: string;
  /** true: due before `today` and neither realised nor stopped; false: the others */
  overdue?: boolean;
  /**
   * ISO date that `overdue` compares with: today in Belgium (`belgianToday` of libs/domain), passed by the
   * caller. Required with `overdue`; the list and the page always need it (every item says whether it is overdue).
   */
  today?: string;
  /** case-insensitive text in the code, BBC code, sub-reporting code, title or description */
  q?: string;
  /** true: only actions marked priority; false: only the others */
  priority?: boolean;
  /** the BBC code, exactly (case-insensitive) */
  bbcCode?: string;
  /** archived actions are left out unless this is true */
  includeArchived?: boolean;
  /**
   * "Mijn acties": what the user's organisation leads (`lead`), what it partners on (`partner`), what the
   * user's working groups hold (`group`), or any of these (`all`).
   */
  mine?: { userId: string; partnerId: string | null; relation: MineRelation };
}

export const MINE_RELATIONS = ['all', 'lead', 'partner', 'group'] as const;
export type MineRelation = (typeof MINE_RELATIONS)[number];

/** The columns the action list sorts on; `-` before one sorts descending (`-dueDate`). */
export const ACTION_SORT_KEYS = [
  'code',
  'title',
  'status',
  'owner',
  'progress',
  'dueDate',
  'signals',
  'updatedAt',
] as const;
export type ActionSortKey = (typeof ACTION_SORT_KEYS)[number];
export type ActionSort = ActionSortKey | `-${ActionSortKey}`;
export const ACTION_SORTS: readonly ActionSort[] = ACTION_SORT_KEYS.flatMap((key) => [
  key,
  `-${key}` as const,
]);

export interface Paging {
  /** default 50, at most 500 */
  limit?: number;
  offset?: number;
  /** default: code order (natural: 1.2 before 1.10) */
  sort?: ActionSort;
}

/** The `order by` of a sorted action list (pure); ties and empty values fall back to code order. */
export function actionOrderSql(sort: ActionSort | undefined): string {
  if (!sort) return 'a.sort_key, a.id';
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as ActionSortKey;
  if (!(ACTION_SORT_KEYS as readonly string[]).includes(key))
    throw new InvalidQueryError('sort', `one of ${ACTION_SORTS.join(', ')}`);
  const direction = descending ? 'desc' : 'asc';
  const column: Record<ActionSortKey, string> = {
    code: 'a.sort_key',
    title: 'lower(a.title)',
    // the lifecycle's order, not the alphabet's
    status: `array_position('{${ACTION_STATUSES.join(',')}}'::text[], a.status)`,
    owner: `(select lower(p.name) from rm_partners p where p.tenant_id = a.tenant_id and p.id = a.owner_id)`,
    progress: 'a.progress',
    dueDate: 'a.due_date',
    signals: 'a.signal_count',
    updatedAt: 'a.updated_at',
  };
  return `${column[key]} ${direction} nulls last, a.sort_key, a.id`;
}

/** the projections the action list and page read: their lowest checkpoint is the position answered */
export const ACTION_LIST_SOURCES = [
  ACTION_LIST_PROJECTION,
  PARTNERS_PROJECTION,
  PLAN_TREE_PROJECTION,
] as const;

/** The `where` clause of a filtered action list (pure; unit-tested). Values are numbered from $1. */
export function actionFilterSql(
  tenantId: string,
  planId: string | null,
  filters: ActionFilters,
): { where: string; values: unknown[] } {
  const values: unknown[] = [tenantId];
  const clauses = ['a.tenant_id = $1'];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  if (planId !== null) clauses.push(`a.plan_id = ${param(planId)}`);
  if (filters.status !== undefined) {
    const statuses: readonly string[] =
      typeof filters.status === 'string' ? [filters.status] : filters.status;
    for (const status of statuses) {
      if (!(ACTION_STATUSES as readonly string[]).includes(status)) {
        throw new InvalidQueryError('status', `one of ${ACTION_STATUSES.join(', ')}`);
      }
    }
    if (statuses.length > 0) clauses.push(`a.status = any(${param(statuses)}::text[])`);
  }
  if (filters.themeId) clauses.push(`a.theme_id = ${param(filters.themeId)}`);
  if (filters.goalId) clauses.push(`${param(filters.goalId)} = any(a.goal_path)`);
  if (filters.ownerId) clauses.push(`a.owner_id = ${param(filters.ownerId)}`);
  if (filters.partnerId) {
    const p = param(filters.partnerId);
    clauses.push(`(${p} = any(a.partner_ids) or a.owner_id = ${p})`);
  }
  if (filters.visibleToPartner) {
    const p = param(filters.visibleToPartner);
    clauses.push(
      `exists (select 1 from rm_actions c where c.tenant_id = a.tenant_id and c.id = a.id` +
        ` and (${p} = any(c.partner_ids) or c.owner_id = ${p}))`,
    );
  }
  if (filters.tag) clauses.push(`${param(filters.tag)} = any(a.tags)`);
  if (filters.overdue !== undefined) {
    const today = checkedToday(filters.today);
    const condition = `(a.due_date < ${param(today)}::date and a.status <> all(${param(CLOSED_STATUSES)}::text[]))`;
    clauses.push(filters.overdue ? condition : `not coalesce(${condition}, false)`);
  }
  const q = filters.q?.trim();
  if (q) {
    const pattern = param(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    clauses.push(
      `(a.code ilike ${pattern} or a.bbc_code ilike ${pattern} or a.sub_reporting_code ilike ${pattern}` +
        ` or a.title ilike ${pattern} or a.description ilike ${pattern})`,
    );
  }
  if (filters.priority !== undefined) clauses.push(filters.priority ? 'a.priority' : 'not a.priority');
  if (filters.bbcCode?.trim()) clauses.push(`upper(a.bbc_code) = upper(${param(filters.bbcCode.trim())})`);
  if (filters.mine) {
    const { userId, partnerId, relation } = filters.mine;
    if (!(MINE_RELATIONS as readonly string[]).includes(relation))
      throw new InvalidQueryError('mine', `one of ${MINE_RELATIONS.join(', ')}`);
    const mine: string[] = [];
    if (partnerId && (relation === 'all' || relation === 'lead'))
      mine.push(`a.owner_id = ${param(partnerId)}`);
    if (partnerId && (relation === 'all' || relation === 'partner'))
      mine.push(`${param(partnerId)} = any(a.partner_ids)`);
    if (relation === 'all' || relation === 'group')
      mine.push(`exists (
        select 1 from rm_working_group_members m
          join rm_working_groups g on g.tenant_id = m.tenant_id and g.id = m.group_id
         where m.tenant_id = a.tenant_id and m.user_id = ${param(userId)} and not g.archived
           and (a.id = any(g.action_ids) or a.theme_id = any(g.theme_ids) or a.goal_path && g.theme_ids))`);
    clauses.push(mine.length > 0 ? `(${mine.join(' or ')})` : 'false');
  }
  if (!filters.includeArchived) clauses.push('not a.archived');
  return { where: clauses.join(' and '), values };
}

/** An action row as the list reads it: the projection's row and whether it is overdue on the given day. */
interface ActionRead {
  row: ActionRow;
  overdue: boolean;
}

const overdueColumn = (todayParam: string): string =>
  `coalesce(a.due_date < ${todayParam}::date and a.status <> all('{realised,stopped}'::text[]), false) as overdue`;

async function partnerNames(
  tx: Queryable,
  tenantId: string,
  reads: readonly ActionRead[],
): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const { row } of reads) {
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

/** The one mapping from an action-list row to the item the api answers. */
export function toActionListItem(
  row: ActionRow,
  overdue: boolean,
  names: ReadonlyMap<string, string>,
): ActionListItem {
  const ref = (id: string): PartnerRef => ({ id, name: names.get(id) ?? id });
  return {
    id: row.id,
    planId: row.plan_id,
    code: row.code,
    title: row.title,
    description: row.description,
    status: row.status,
    themeId: row.theme_id,
    goalId: row.goal_id,
    ownerId: row.owner_id,
    owner: row.owner_id ? ref(row.owner_id) : null,
    partnerIds: row.partner_ids,
    partners: row.partner_ids.map(ref),
    tags: row.tags,
    progress: row.progress,
    dueDate: isoDate(row.due_date),
    overdue,
    archived: row.archived,
    citizenIdea: row.citizen_idea,
    signalCount: row.signal_count,
    noteCount: row.note_count,
    version: row.version,
    createdAt: isoInstant(row.created_at)!,
    updatedAt: isoInstant(row.updated_at)!,
    lastPosition: row.last_position,
    bbcCode: row.bbc_code,
    priority: row.priority,
    subReportingCode: row.sub_reporting_code,
    weight: row.weight,
  };
}

/** The actions of a plan, filtered, in code order (natural: 1.2 before 1.10), one page at a time. */
/** The plan's actions, or null when the tenant has no such plan (the API answers 404, not an empty list). */
export async function listActions(
  db: ReadDb,
  tenantId: string,
  planId: string,
  filters: ActionFilters & { today: string },
  paging: Paging = {},
  asOf?: AsOf,
): Promise<ActionList | null> {
  const limit = Math.min(Math.max(Math.trunc(paging.limit ?? 50), 1), 500);
  const offset = Math.max(Math.trunc(paging.offset ?? 0), 0);
  const { where, values } = actionFilterSql(tenantId, planId, filters);
  const today = checkedToday(filters.today);
  return inSnapshot(
    db,
    asOf ? [...ACTION_LIST_SOURCES, ...AS_OF_SOURCES] : ACTION_LIST_SOURCES,
    async (tx, reflected) => {
      const position = asOf ? await resolveAsOf(tx, tenantId, asOf.at, reflected) : reflected;
      // with asOf the rows are the plan's as they stood then ($1 tenant and $2 plan, as in actionFilterSql)
      const n = values.length + (asOf ? 1 : 0);
      const at = asOf ? [position] : [];
      const from = (table: 'rm_actions'): string =>
        asOf
          ? planRowsAsOfSql(table, { tenant: '$1', plan: '$2', position: `$${values.length + 1}` })
          : table;
      const planFrom = asOf
        ? planRowsAsOfSql('rm_plans', { tenant: '$1', plan: '$2', position: '$3' })
        : 'rm_plans';
      const plan = await tx.query(`select 1 from ${planFrom} p where tenant_id = $1 and id = $2`, [
        tenantId,
        planId,
        ...at,
      ]);
      if (plan.rowCount === 0) return null;
      const page = await tx.query<ActionRead>(
        `select to_jsonb(a) as row, ${overdueColumn(`$${n + 1}`)} from ${from('rm_actions')} a
        where ${where} order by ${actionOrderSql(paging.sort)} limit $${n + 2} offset $${n + 3}`,
        [...values, ...at, today, limit, offset],
      );
      const total =
        page.rows.length < limit && (offset === 0 || page.rows.length > 0)
          ? offset + page.rows.length
          : Number(
              (
                await tx.query<{ n: string }>(
                  `select count(*) as n from ${from('rm_actions')} a where ${where}`,
                  [...values, ...at],
                )
              ).rows[0]?.n ?? 0,
            );
      const names = await partnerNames(tx, tenantId, page.rows);
      return {
        items: page.rows.map((read) => toActionListItem(read.row, read.overdue, names)),
        total,
        limit,
        offset,
        ...(asOf ? { asOf: asOf.at.toISOString() } : {}),
        position,
      };
    },
  );
}

/** One action with its stream version, or null (unknown id, or an id of another tenant). */
export async function getAction(
  db: ReadDb,
  tenantId: string,
  actionId: string,
  today: string,
  asOf?: AsOf,
): Promise<ActionDetail | null> {
  checkedToday(today);
  return inSnapshot(
    db,
    asOf ? [...ACTION_LIST_SOURCES, ...AS_OF_SOURCES] : ACTION_LIST_SOURCES,
    async (tx, reflected) => {
      const position = asOf ? await resolveAsOf(tx, tenantId, asOf.at, reflected) : reflected;
      const from = asOf ? rowAsOfSql('rm_actions', { tenant: '$1', id: '$2', position: '$4' }) : 'rm_actions';
      const { rows } = await tx.query<ActionRead>(
        `select to_jsonb(a) as row, ${overdueColumn('$3')} from ${from} a where a.tenant_id = $1 and a.id = $2`,
        [tenantId, actionId, today, ...(asOf ? [position] : [])],
      );
      const read = rows[0];
      if (!read) return null;
      return {
        ...toActionListItem(read.row, read.overdue, await partnerNames(tx, tenantId, rows)),
        ...(asOf ? { asOf: asOf.at.toISOString() } : {}),
        position,
      };
    },
  );
}

/** The day "overdue" is measured against, as the caller passed it (never a default: see `belgianToday`). */
function checkedToday(today: string | undefined): string {
  if (today === undefined || !ISO_DATE.test(today)) throw new InvalidQueryError('today', 'a date YYYY-MM-DD');
  return today;
}
