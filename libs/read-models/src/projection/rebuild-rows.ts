/** a read-model row as JSON (sql.ts's `JsonRow`; not imported, sql.ts imports this module) */
type JsonRow = Record<string, unknown>;

/**
 * Rows a rebuild keeps in memory before it lets go of them all: past it the projection loads its rows from
 * the database as live processing does. An action row takes about 1.6 KB of heap (9,000 rows of the
 * 301,586-event log of docs/benchmarks.md held in a map: 1,616 bytes each), a section row much less. The 20M
 * deployment of docs/scaling.md has about 90,000 actions and 38,000 sections (that log: 300 and 128 per
 * tenant): about 160 MB, under this bound; at most about 260 MB were every kept row an action's.
 */
export const MAX_KEPT_ROWS = 160_000;

/**
 * The current rows of a projection's tables, kept by its rebuild from page to page: the rebuild emptied the
 * tables, and every write since goes through a `RowSet` (the projection declares which tables, `keptInRebuild`),
 * so a key not kept here is not in the table either, and a page's `RowSet.load` needs no query. Loading the
 * rows again took a third of the action list's statements in a rebuild (docs/benchmarks.md, "Rebuild: the
 * dated versions emptied at once, rows kept between pages"). Dropped for good (the loads go to the table
 * again) when it grows past `maxRows` or when a page replays a tenant after an erasure (which deletes rows
 * with plain SQL).
 */
export class RebuildRows {
  private readonly kept = new Map<string, Map<string, JsonRow>>();
  private count = 0;
  private dropped = false;

  constructor(
    /** the tables whose rows are kept (the projection's `keptInRebuild`) */
    private readonly tables: readonly string[],
    private readonly maxRows = MAX_KEPT_ROWS,
  ) {}

  /** every row `table` holds by its key, or null when its rows are not kept */
  of(table: string): ReadonlyMap<string, JsonRow> | null {
    if (this.dropped || !this.tables.includes(table)) return null;
    return this.table(table);
  }

  /** what a `RowSet.save` wrote to `table`, after the statements succeeded */
  saved(table: string, removed: Iterable<string>, rows: Iterable<readonly [string, JsonRow]>): void {
    if (this.dropped || !this.tables.includes(table)) return;
    const kept = this.table(table);
    for (const key of removed) if (kept.delete(key)) this.count--;
    for (const [key, row] of rows) {
      if (!kept.has(key)) this.count++;
      kept.set(key, row);
    }
    if (this.count > this.maxRows) this.drop();
  }

  /** lets go of every row; from now on the tables are read */
  drop(): void {
    this.dropped = true;
    this.kept.clear();
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  private table(name: string): Map<string, JsonRow> {
    let kept = this.kept.get(name);
    if (!kept) {
      kept = new Map();
      this.kept.set(name, kept);
    }
    return kept;
  }
}

/** the rows a rebuild keeps, for the transaction of its batch (set around `projection.apply`) */
const attached = new WeakMap<object, RebuildRows>();

/** Runs `work` with `rows` attached to `client` (`keptRowsOf`). */
export async function keepingRows<T>(client: object, rows: RebuildRows, work: () => Promise<T>): Promise<T> {
  attached.set(client, rows);
  try {
    return await work();
  } finally {
    attached.delete(client);
  }
}

export function keptRowsOf(tx: object): RebuildRows | undefined {
  return attached.get(tx);
}
