import { START, type Position } from '#event-store';
import { ACTION_LIST_PROJECTION } from '../action-list/projection.js';
import { AUDIT_TRAIL_PROJECTION } from '../audit-trail/projection.js';
import { PLAN_TREE_PROJECTION } from '../plan-tree/projection.js';
import type { Queryable } from '../projection/sql.js';
import {
  ROW_VERSIONS_TABLE,
  ROW_VERSION_KEYS_TABLE,
  TENANT_SCOPE,
  VERSIONED_TABLES,
  type VersionedTable,
} from './row.js';

export * from './row.js';

/**
 * What a read `?asOf=` answers from: the dated versions (written by the action-list and plan-tree
 * projections) and the audit trail, whose per-tenant clock (`seen_at`) turns a moment into a position.
 */
export const AS_OF_SOURCES = [ACTION_LIST_PROJECTION, PLAN_TREE_PROJECTION, AUDIT_TRAIL_PROJECTION] as const;

/** A read of the past: the moment asked for (`parseAsOf` of libs/domain). */
export interface AsOf {
  at: Date;
}

/**
 * The position the plan stood at on `at`: the last of the tenant's events whose time is at or before it
 * (the audit trail's `seen_at`, the latest event time so far, never decreases with the position, so this is
 * one backward index lookup), and never beyond what the read models in the snapshot reflect (`reflected`).
 * START when the tenant had no event yet.
 */
export async function resolveAsOf(
  tx: Queryable,
  tenantId: string,
  at: Date,
  reflected: Position,
): Promise<Position> {
  const { rows } = await tx.query<{ position: string }>(
    `select position from rm_audit_trail where tenant_id = $1 and seen_at <= $2
      order by seen_at desc, position desc limit 1`,
    [tenantId, at.toISOString()],
  );
  const position = (rows[0]?.position ?? START) as Position;
  return position < reflected ? position : reflected;
}

/**
 * `resolveAsOf` for many moments in one round trip (the trend's month ends), in their order.
 */
export async function resolveAsOfMany(
  tx: Queryable,
  tenantId: string,
  moments: readonly Date[],
  reflected: Position,
): Promise<Position[]> {
  if (moments.length === 0) return [];
  const { rows } = await tx.query<{ position: string | null }>(
    `select (select a.position from rm_audit_trail a where a.tenant_id = $1 and a.seen_at <= m.at
              order by a.seen_at desc, a.position desc limit 1) as position
       from unnest($2::timestamptz[]) with ordinality as m(at, i) order by m.i`,
    [tenantId, moments.map((moment) => moment.toISOString())],
  );
  return rows.map(({ position }) => {
    const at = (position ?? START) as Position;
    return at < reflected ? at : reflected;
  });
}

const checkTable = (table: VersionedTable): VersionedTable => {
  if (!(VERSIONED_TABLES as readonly string[]).includes(table)) throw new Error(`not versioned: ${table}`);
  return table;
};

/**
 * A derived table with the rows of `table` that belonged to one plan at a position, exactly as the projection
 * had written them then (same columns, so the query that reads the table reads this instead): for each key
 * the plan ever held, the latest version at or before the position, unless that version removed it. The
 * arguments are SQL parameters (`$1`) of the calling query.
 */
export function planRowsAsOfSql(
  table: VersionedTable,
  params: { tenant: string; plan: string; position: string },
): string {
  const source = checkTable(table);
  const planOf = source === 'rm_plans' ? `v.data->>'id'` : `v.data->>'plan_id'`;
  // the record is expanded in a lateral join: `(jsonb_populate_record(...)).*` would call it once per column
  return `(select row.*
     from ${ROW_VERSION_KEYS_TABLE} k
     cross join lateral (
       select r.data from ${ROW_VERSIONS_TABLE} r
        where r.tenant_id = k.tenant_id and r.source = k.source and r.id = k.id and r.position <= ${params.position}
        order by r.position desc limit 1) v
     cross join lateral jsonb_populate_record(null::${source}, v.data) row
    where k.tenant_id = ${params.tenant} and k.plan_id = ${params.plan} and k.source = '${source}'
      and v.data is not null and ${planOf} = ${params.plan})`;
}

/**
 * A derived table with the rows of a tenant-wide table (`rm_signals`: they belong to no plan) as they stood at a
 * position: for each key the tenant ever held, the latest version at or before it, unless that removed it.
 */
export function tenantRowsAsOfSql(
  table: VersionedTable,
  params: { tenant: string; position: string },
): string {
  const source = checkTable(table);
  return `(select row.*
     from ${ROW_VERSION_KEYS_TABLE} k
     cross join lateral (
       select r.data from ${ROW_VERSIONS_TABLE} r
        where r.tenant_id = k.tenant_id and r.source = k.source and r.id = k.id and r.position <= ${params.position}
        order by r.position desc limit 1) v
     cross join lateral jsonb_populate_record(null::${source}, v.data) row
    where k.tenant_id = ${params.tenant} and k.plan_id = '${TENANT_SCOPE}' and k.source = '${source}'
      and v.data is not null)`;
}

/** A derived table with the one row of `table` keyed `id` as it stood at a position (none: not there yet). */
export function rowAsOfSql(
  table: VersionedTable,
  params: { tenant: string; id: string; position: string },
): string {
  const source = checkTable(table);
  return `(select row.* from (
       select r.data from ${ROW_VERSIONS_TABLE} r
        where r.tenant_id = ${params.tenant} and r.source = '${source}' and r.id = ${params.id}
          and r.position <= ${params.position}
        order by r.position desc limit 1) v
     cross join lateral jsonb_populate_record(null::${source}, v.data) row
    where v.data is not null)`;
}
