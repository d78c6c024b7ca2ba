import type pg from 'pg';
import { copyRowsIfNew, isWritingFresh } from './copy-rows.js';
import { keptRowsOf } from './rebuild-rows.js';

/** Anything that runs a parameterised query: a pool, a client, a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
}

/** A read-model row as JSON: keys are the column names (snake_case). */
export type JsonRow = Record<string, unknown>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return name;
}

/**
 * Loads rows by key with one query. Rows come back through `to_jsonb`, so dates stay ISO strings and
 * arrays JSON arrays: exactly what `upsertRows` writes back.
 */
export async function loadRowsByKeys<R extends JsonRow>(
  tx: Queryable,
  table: string,
  keyColumns: readonly string[],
  keys: readonly JsonRow[],
): Promise<R[]> {
  if (keys.length === 0) return [];
  const columns = keyColumns.map(ident);
  const { rows } = await tx.query<{ r: R }>(
    `select to_jsonb(t) as r from ${ident(table)} t
       join (select distinct * from jsonb_to_recordset($1::jsonb) as k(${columns.map((c) => `${c} text`).join(', ')})) k
       using (${columns.join(', ')})`,
    [JSON.stringify(keys.map((key) => pick(key, columns)))],
  );
  return rows.map((row) => row.r);
}

/** Loads rows with a free `where` clause on the table aliased `t`. */
export async function loadRowsWhere<R extends JsonRow>(
  tx: Queryable,
  table: string,
  where: string,
  values: unknown[],
): Promise<R[]> {
  const { rows } = await tx.query<{ r: R }>(
    `select to_jsonb(t) as r from ${ident(table)} t where ${where}`,
    values,
  );
  return rows.map((row) => row.r);
}

/**
 * One multi-row upsert: every row must carry every column (missing keys become NULL). Rows with the same
 * key must not repeat within one call (the caller folds them first).
 *
 * `appendOnly`: the table only ever gets new rows, one per event (versions, history, audit trail): in a batch of
 * a rebuild in rebuild mode they are copied in (`COPY`, about a fifth of the cost), and upserted as here only
 * when one of them was already there (`copy-rows.ts`).
 */
export async function upsertRows(
  tx: Queryable,
  table: string,
  keyColumns: readonly string[],
  rows: readonly JsonRow[],
  options: { onConflict?: 'update' | 'nothing'; appendOnly?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const tableName = ident(table);
  const columns = Object.keys(rows[0]!).map(ident);
  if (options.appendOnly && isWritingFresh(tx) && (await copyRowsIfNew(tx, tableName, columns, rows))) return;
  const keys = keyColumns.map(ident);
  const updates = columns.filter((column) => !keys.includes(column));
  const conflict =
    options.onConflict === 'nothing' || updates.length === 0
      ? 'do nothing'
      : `do update set ${updates.map((column) => `${column} = excluded.${column}`).join(', ')}`;
  await tx.query(
    `insert into ${tableName} (${columns.join(', ')})
     select ${columns.join(', ')} from json_populate_recordset(null::${tableName}, $1::json)
     on conflict (${keys.join(', ')}) ${conflict}`,
    [JSON.stringify(rows)],
  );
}

export async function deleteRowsByKeys(
  tx: Queryable,
  table: string,
  keyColumns: readonly string[],
  keys: readonly JsonRow[],
): Promise<void> {
  if (keys.length === 0) return;
  const columns = keyColumns.map(ident);
  await tx.query(
    `delete from ${ident(table)} t using jsonb_to_recordset($1::jsonb) as k(${columns.map((c) => `${c} text`).join(', ')})
      where ${columns.map((c) => `t.${c} = k.${c}`).join(' and ')}`,
    [JSON.stringify(keys.map((key) => pick(key, columns)))],
  );
}

function pick(row: JsonRow, columns: readonly string[]): JsonRow {
  const picked: JsonRow = {};
  for (const column of columns) picked[column] = row[column];
  return picked;
}

/**
 * The rows a batch touches, keyed in memory: load them once, fold every event of the batch, write the
 * changed ones back with one upsert and one delete. Turns N events into a constant number of round trips.
 */
export class RowSet<R extends JsonRow> {
  private readonly rows = new Map<string, R>();
  private readonly dirty = new Set<string>();
  private readonly deleted = new Map<string, JsonRow>();
  /** keys put or removed since the last `drainTouched` (the dated versions a fold leaves, `as-of/versions.ts`) */
  private readonly touched = new Map<string, { key: JsonRow; before: R | undefined }>();

  constructor(
    readonly table: string,
    readonly keyColumns: readonly string[],
  ) {}

  keyOf(row: JsonRow): string {
    return this.keyColumns.map((column) => String(row[column])).join('\u0000');
  }

  async load(tx: Queryable, keys: readonly JsonRow[]): Promise<void> {
    const unique = new Map<string, JsonRow>();
    for (const key of keys) {
      const k = this.keyOf(key);
      if (!this.rows.has(k)) unique.set(k, key);
    }
    // in a rebuild that keeps this table's rows (`rebuild-rows.ts`): a key it does not hold is not in the table
    const kept = keptRowsOf(tx)?.of(this.table);
    if (kept) {
      for (const k of unique.keys()) {
        const row = kept.get(k);
        if (row && !this.deleted.has(k)) this.rows.set(k, row as R);
      }
      return;
    }
    this.adopt(await loadRowsByKeys<R>(tx, this.table, this.keyColumns, [...unique.values()]));
  }

  async loadWhere(tx: Queryable, where: string, values: unknown[]): Promise<void> {
    this.adopt(await loadRowsWhere<R>(tx, this.table, where, values));
  }

  /** rows loaded from the database (never overrides a row already changed in memory) */
  adopt(rows: readonly R[]): void {
    for (const row of rows) {
      const key = this.keyOf(row);
      if (!this.rows.has(key) && !this.deleted.has(key)) this.rows.set(key, row);
    }
  }

  get(key: JsonRow): R | undefined {
    return this.rows.get(this.keyOf(key));
  }

  values(): IterableIterator<R> {
    return this.rows.values();
  }

  put(row: R): R {
    const key = this.keyOf(row);
    if (!this.touched.has(key)) this.touched.set(key, { key: row, before: this.rows.get(key) });
    this.rows.set(key, row);
    this.dirty.add(key);
    this.deleted.delete(key);
    return row;
  }

  remove(key: JsonRow): void {
    const k = this.keyOf(key);
    if (!this.touched.has(k)) this.touched.set(k, { key, before: this.rows.get(k) });
    this.rows.delete(k);
    this.dirty.delete(k);
    this.deleted.set(k, key);
  }

  /**
   * The rows put or removed since the last call, each with its row now (null: removed) and before the first
   * change since the last call (undefined: not loaded or new); then forgets them.
   */
  drainTouched(): { key: JsonRow; row: R | null; before: R | undefined }[] {
    const out = [...this.touched.entries()].map(([k, { key, before }]) => ({
      key,
      row: this.rows.get(k) ?? null,
      before,
    }));
    this.touched.clear();
    return out;
  }

  changedRows(): R[] {
    return [...this.dirty].map((key) => this.rows.get(key)!).filter(Boolean);
  }

  async save(tx: Queryable): Promise<void> {
    await deleteRowsByKeys(tx, this.table, this.keyColumns, [...this.deleted.values()]);
    await upsertRows(tx, this.table, this.keyColumns, this.changedRows());
    keptRowsOf(tx)?.saved(
      this.table,
      this.deleted.keys(),
      [...this.dirty].flatMap((key) => {
        const row = this.rows.get(key);
        return row ? [[key, row] as const] : [];
      }),
    );
    this.dirty.clear();
    this.deleted.clear();
  }
}
