import type pg from 'pg';
import { READ_MODEL_TABLES } from '#read-models';
import { withSealedValuesBlanked } from './sealed-values.js';

/**
 * Where erased data could still sit, for the erasure tests: the rows of every read-model table and of the given
 * notification tables whose text holds `needle` (case-insensitive), as `table: count` lines.
 */
export async function readModelRowsWith(
  db: pg.Pool,
  notificationTables: readonly string[],
  needle: string,
): Promise<string[]> {
  const found: string[] = [];
  for (const table of [...READ_MODEL_TABLES.map((t) => t.name), ...notificationTables]) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from ${table} t where t::text ilike $1`,
      [`%${needle}%`],
    );
    if (rows[0]!.n > 0) found.push(`${table}: ${rows[0]!.n}`);
  }
  return found;
}

/** the raw stored data of a tenant's events (what the events table holds), as one text */
export async function storedEventsText(db: pg.Pool, tenantId: string): Promise<string> {
  const { rows } = await db.query<{ text: string }>(
    `select coalesce(string_agg(data::text, ' '), '') as text from events where metadata->>'tenantId' = $1`,
    [tenantId],
  );
  return rows[0]!.text;
}

/**
 * The same data with the random parts of every sealed field blanked (`withSealedValuesBlanked`), as one text: where
 * a name that must not be stored in plaintext is looked for (ciphertext could spell a short one by chance).
 */
export async function storedEventsPlaintext(db: pg.Pool, tenantId: string): Promise<string> {
  const { rows } = await db.query<{ data: unknown }>(
    `select data from events where metadata->>'tenantId' = $1`,
    [tenantId],
  );
  return rows.map((row) => withSealedValuesBlanked(row.data)).join(' ');
}
