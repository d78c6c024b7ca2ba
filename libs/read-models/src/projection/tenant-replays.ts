import { START, type Position } from '#event-store';
import type { Queryable } from './sql.js';
import { nullable, table, text, timestamptz, withDefault } from './table.js';

/**
 * The tenants a projection must replay after an erasure, one row per (projection, tenant) (docs/decisions.md,
 * "Erasure replays beside the projection"). A projection's batch writes the row where it meets an
 * `ErasureRecorded`, and from then on skips that tenant's events; the replay beside it deletes the tenant's
 * rows, rebuilds them from the log page by page, each page its own short transaction (`replayed_to`: how far it
 * got; null: not started), and deletes the row in the transaction that replays the last events, with the
 * projection's checkpoint row locked. `erasure_position` is the latest erasure the replay must include: a
 * second erasure of the tenant while a replay runs moves it on, and the replay starts again from the delete.
 */
export const tenantReplaysTable = table(
  'projection_tenant_replays',
  {
    projection: text(),
    tenant_id: text(),
    erasure_position: text(),
    replayed_to: nullable(text()),
    requested_at: withDefault(timestamptz(), 'now()'),
  },
  { primaryKey: ['projection', 'tenant_id'] },
);
export const TENANT_REPLAYS_TABLE = tenantReplaysTable.name;

/**
 * The query behind `heldTenants`, with `projection` as SQL: a parameter (`$1`), or a quoted literal where it runs
 * in a multi-statement query (`openBatch`). Its rows go through `heldTenantsOf`.
 */
export const heldTenantsQuery = (projection: string): string =>
  `select tenant_id, erasure_position from ${TENANT_REPLAYS_TABLE} where projection = ${projection}`;

export const heldTenantsOf = (
  rows: ReadonlyArray<{ tenant_id: string; erasure_position: string }>,
): Map<string, Position> => new Map(rows.map((row) => [row.tenant_id, row.erasure_position as Position]));

/** The tenants whose replay `projection` waits for (its batch skips their events). */
export async function heldTenants(db: Queryable, projection: string): Promise<Map<string, Position>> {
  const { rows } = await db.query<{ tenant_id: string; erasure_position: string }>(heldTenantsQuery('$1'), [
    projection,
  ]);
  return heldTenantsOf(rows);
}

/** Records (in the batch's transaction) that `projection` must replay `tenantId` up to at least `erasure`. */
export async function holdTenant(
  db: Queryable,
  projection: string,
  tenantId: string,
  erasure: Position,
): Promise<void> {
  await db.query(
    `insert into ${TENANT_REPLAYS_TABLE} (projection, tenant_id, erasure_position) values ($1, $2, $3)
     on conflict (projection, tenant_id) do update
       set erasure_position = greatest(${TENANT_REPLAYS_TABLE}.erasure_position, excluded.erasure_position),
           replayed_to = null`,
    [projection, tenantId, erasure],
  );
}

/**
 * True while one of `projections` still has to replay a tenant (only `tenantId`, when given) for an erasure at
 * or before `position`: their checkpoints may be past it, but that tenant's rows are not yet.
 */
export async function replayPending(
  db: Queryable,
  projections: readonly string[],
  position: Position,
  tenantId?: string,
): Promise<boolean> {
  if (projections.length === 0 || position === START) return false;
  const { rows } = await db.query(
    `select 1 from ${TENANT_REPLAYS_TABLE}
      where projection = any($1::text[]) and erasure_position <= $2 and ($3::text is null or tenant_id = $3)
      limit 1`,
    [projections, position, tenantId ?? null],
  );
  return rows.length > 0;
}

/**
 * Advisory-lock namespace of the replays (first key of the two-key form; the second is `hashtext('<projection>/<tenant>')`):
 * one replay step of a projection and tenant at a time, across processes.
 */
export const TENANT_REPLAY_LOCK_NAMESPACE = 1886350451;
