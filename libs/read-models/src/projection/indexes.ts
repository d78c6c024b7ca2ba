import type pg from 'pg';
import type { Projection } from './projection.js';
import { ident, type Queryable } from './sql.js';
import type { Table, TableIndex } from './table.js';

/** A secondary index as its table declares it (`table.ts`), with the table it belongs to. */
export interface DeclaredIndex extends TableIndex {
  readonly table: string;
}

/**
 * The secondary indexes declared `queriesOnly` on the tables the projections write: the ones a rebuild builds
 * once at the end (primary keys, and indexes a projection reads through while it applies, are kept).
 */
export function secondaryIndexesOf(
  tables: readonly Table[],
  projections: readonly Projection[],
): DeclaredIndex[] {
  const written = new Set(projections.flatMap((projection) => projection.tables ?? []));
  return tables
    .filter((declared) => written.has(declared.name))
    .flatMap((declared) =>
      declared.indexes
        .filter((index) => index.queriesOnly)
        .map((index) => ({ ...index, table: declared.name })),
    );
}

/**
 * Drops the indexes inside the caller's transaction (the rebuild's reset, which truncated their tables): a
 * replay then writes its rows without maintaining them, and `createMissingIndexes` builds each once at the end.
 */
export async function dropIndexes(tx: Queryable, indexes: readonly DeclaredIndex[]): Promise<void> {
  if (indexes.length === 0) return;
  await tx.query(`drop index if exists ${indexes.map((index) => ident(index.name)).join(', ')}`);
}

/**
 * Creates those of `indexes` the database lacks, from their declarations, in one transaction; answers their
 * names. After a rebuild, and when a runner starts (a rebuild cut off by a crash left them dropped).
 * `test/schema.int.spec.ts` holds the declarations equal to what the migrations create, so an index made here
 * is the one the migrations made.
 */
export async function createMissingIndexes(
  pool: pg.Pool,
  indexes: readonly DeclaredIndex[],
): Promise<string[]> {
  if (indexes.length === 0) return [];
  const { rows } = await pool.query<{ indexname: string }>(
    `select indexname from pg_indexes where schemaname = current_schema() and indexname = any($1::text[])`,
    [indexes.map((index) => index.name)],
  );
  const present = new Set(rows.map((row) => row.indexname));
  const missing = indexes.filter((index) => !present.has(index.name));
  if (missing.length === 0) return [];
  const client = await pool.connect();
  try {
    await client.query(`begin; set local maintenance_work_mem = '256MB'`);
    for (const index of missing) {
      await client.query(
        `create index if not exists ${ident(index.name)} on ${ident(index.table)} (${index.columns})` +
          (index.include ? ` include (${index.include})` : '') +
          (index.where ? ` where ${index.where}` : ''),
      );
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return missing.map((index) => index.name);
}
