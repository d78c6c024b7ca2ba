import type pg from 'pg';
import { START, type Position } from '#event-store';
import type { Queryable } from './sql.js';
import { integer, table, text, timestamptz, withDefault } from './table.js';
import { heldTenantsOf, heldTenantsQuery } from './tenant-replays.js';

/** One row per projection: the global log position its read models reflect, moved with their writes. */
export const checkpointsTable = table(
  'projection_checkpoints',
  {
    name: text(),
    position: text(),
    version: withDefault(integer(), '1'),
    updated_at: withDefault(timestamptz(), 'now()'),
  },
  { primaryKey: ['name'] },
);
export const CHECKPOINT_TABLE = checkpointsTable.name;

export interface Checkpoint {
  name: string;
  position: Position;
  version: number;
  updatedAt: string | null;
}

interface CheckpointRow {
  name: string;
  position: string;
  version: number;
  updated_at: Date | null;
}

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  name: row.name,
  position: row.position,
  version: row.version,
  updatedAt: row.updated_at ? row.updated_at.toISOString() : null,
});

/** Creates the missing checkpoint rows (at the start of the log) and returns all of them. */
export async function ensureCheckpoints(
  db: Queryable,
  projections: readonly { name: string; version?: number }[],
): Promise<Map<string, Checkpoint>> {
  if (projections.length > 0) {
    await db.query(
      `insert into ${CHECKPOINT_TABLE} (name, position, version, updated_at)
       select name, $2, version, now() from unnest($1::text[], $3::int[]) as p(name, version)
       on conflict (name) do nothing`,
      [projections.map((p) => p.name), START, projections.map((p) => p.version ?? 1)],
    );
  }
  return readCheckpoints(
    db,
    projections.map((p) => p.name),
  );
}

export async function readCheckpoints(
  db: Queryable,
  names?: readonly string[],
): Promise<Map<string, Checkpoint>> {
  const { rows } = names
    ? await db.query<CheckpointRow>(
        `select name, position, version, updated_at from ${CHECKPOINT_TABLE} where name = any($1::text[])`,
        [names],
      )
    : await db.query<CheckpointRow>(`select name, position, version, updated_at from ${CHECKPOINT_TABLE}`);
  return new Map(rows.map((row) => [row.name, toCheckpoint(row)]));
}

/**
 * Opens a projection's batch transaction on `client` and moves its checkpoint from `expected` to `next`,
 * locking the row until commit, in ONE round trip: `begin`, asynchronous commit for this transaction (read
 * models are derived data, docs/decisions.md), the compare-and-set, and with `held` the tenants whose erasure
 * replay the projection waits for. Each statement of a multi-statement query takes its own snapshot, so that
 * read sees a replay that committed while the update waited for the row's lock (a replay's last step deletes
 * its request under that lock). `moved` is false when the row was not at `expected` (another runner or a
 * rebuild moved it): the caller must roll back and resume from the stored checkpoint. The values are sent as
 * quoted literals (a multi-statement query takes no parameters).
 */
export async function openBatch(
  client: Pick<pg.ClientBase, 'query' | 'escapeLiteral'>,
  name: string,
  expected: Position,
  next: Position,
  held: boolean,
): Promise<{ moved: boolean; held: Map<string, Position> }> {
  const literal = (value: string) => client.escapeLiteral(value);
  const statements = [
    'begin',
    'set local synchronous_commit = off',
    `update ${CHECKPOINT_TABLE} set position = ${literal(next)}, updated_at = now()
      where name = ${literal(name)} and position = ${literal(expected)}`,
  ];
  if (held) statements.push(heldTenantsQuery(literal(name)));
  const results = (await client.query(statements.join(';\n'))) as unknown as pg.QueryResult[];
  const rows = held ? (results[3]!.rows as Array<{ tenant_id: string; erasure_position: string }>) : [];
  return { moved: results[2]!.rowCount === 1, held: heldTenantsOf(rows) };
}

/** Back to the start of the log (inside the rebuild transaction). */
export async function resetCheckpoint(tx: Queryable, name: string, version: number): Promise<void> {
  await tx.query(
    `insert into ${CHECKPOINT_TABLE} (name, position, version, updated_at) values ($1, $2, $3, now())
     on conflict (name) do update set position = excluded.position, version = excluded.version, updated_at = now()`,
    [name, START, version],
  );
}

/**
 * The lowest checkpoint among `names`: what a read model built from them reflects at least. A projection
 * that never ran counts as the start of the log.
 */
export async function minCheckpoint(db: Queryable, names: readonly string[]): Promise<Position> {
  const checkpoints = await readCheckpoints(db, names);
  return lowestPosition(names.map((name) => checkpoints.get(name)?.position ?? START));
}

export function lowestPosition(positions: readonly Position[]): Position {
  let lowest: Position | null = null;
  for (const position of positions) if (lowest === null || position < lowest) lowest = position;
  return lowest ?? START;
}
