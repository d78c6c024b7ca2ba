import type pg from 'pg';
import { START, type EventStore, type Position, type ReadAllResult } from '#event-store';
import type { BatchCommitter } from './batch-commit.js';
import { lowestPosition, resetCheckpoint } from './checkpoints.js';
import type { EventCounter } from './event-counter.js';
import { createMissingIndexes, dropIndexes, secondaryIndexesOf, type DeclaredIndex } from './indexes.js';
import { RebuildRows } from './rebuild-rows.js';
import { ident } from './sql.js';
import { TENANT_REPLAYS_TABLE } from './tenant-replays.js';
import { ROW_VERSIONS_TABLE, ROW_VERSION_KEYS_TABLE, VERSIONED_TABLES } from '../as-of/row.js';
import { truncateAllVersions } from '../as-of/versions.js';
import type { RebuildProgressListener, RebuildResult } from './projection.js';
import type { Table } from './table.js';
import { Wakeup } from './wakeup.js';
import type { Worker } from './worker.js';

/** pages the rebuild reader may read ahead of the slowest projection */
const REPLAY_AHEAD = 4;

/** pages without an event for a projection it may pass before it commits them (its checkpoint's move) */
const HOLD_IRRELEVANT = 4;

export interface RebuildOptions {
  pool: pg.Pool;
  store: EventStore;
  committer: BatchCommitter;
  countEvents: EventCounter;
  /** events per page of the log, and (at most) per transaction of each projection */
  batchSize: number;
  /**
   * false: replay as live processing applies, one transaction per page and projection, indexes kept (to
   * compare, `bench:rebuild`). true: pages without an event for a projection are committed with its next
   * page (up to HOLD_IRRELEVANT), and the secondary indexes of the tables refilled (declared in `tables`)
   * are dropped with the truncate and built once after the replay.
   */
  fast: boolean;
  /** in rebuild mode: append-only rows are copied in (`copy-rows.ts`), not upserted */
  copy: boolean;
  /** the declared read-model tables (their secondary indexes) */
  tables: readonly Table[];
  /** true once the runner stops: the replay ends after the batches in flight (`completed: false`) */
  stopping: () => boolean;
}

/**
 * Rebuilds projections from zero, once the runner took them off the log: truncates their read models and
 * resets their checkpoints in one transaction, then replays the whole log. One reader reads each page once
 * and hands it to every projection; each projection applies the pages at its own pace through the batch
 * commit (its writes and its checkpoint in one transaction per page), and the reader stays at most
 * REPLAY_AHEAD pages ahead of the slowest, so a slow read model does not hold the fast ones back.
 */
export class Rebuild {
  constructor(private readonly options: RebuildOptions) {}

  async run(
    workers: readonly Worker[],
    started: number,
    onProgress?: RebuildProgressListener,
  ): Promise<RebuildResult> {
    const names = workers.map((w) => w.projection.name);
    const indexes = this.options.fast
      ? secondaryIndexesOf(
          this.options.tables,
          workers.map((w) => w.projection),
        )
      : [];
    await this.reset(workers, indexes);
    let replayed: { done: number; position: Position; completed: boolean };
    try {
      const total = await this.options.countEvents(START, null);
      replayed = await this.replay(workers, (progress) =>
        onProgress?.({
          projections: names,
          done: progress.done,
          total: total.capped ? null : Math.max(total.count, progress.done),
          position: progress.position,
          elapsedMs: Date.now() - started,
        }),
      );
    } finally {
      // also after a failed or stopped replay: the read models are queried meanwhile (a runner that starts
      // creates them too, should this process die before)
      await createMissingIndexes(this.options.pool, indexes);
    }
    const { done, position, completed } = replayed;
    if (completed) await vacuumAnalyze(this.options.pool, workers);
    const elapsedMs = Date.now() - started;
    return {
      projections: names,
      events: done,
      position,
      elapsedMs,
      eventsPerSecond: elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : done,
      completed,
    };
  }

  /**
   * Empties the read models, drops `indexes` and puts the checkpoints back to the start of the log, one
   * transaction. The dated versions go with one truncate when every versioned table is refilled.
   */
  private async reset(workers: readonly Worker[], indexes: readonly DeclaredIndex[]): Promise<void> {
    const client = await this.options.pool.connect();
    try {
      await client.query('begin');
      await truncateAllVersions(client, new Set(workers.flatMap((worker) => worker.projection.tables ?? [])));
      for (const worker of workers) {
        await worker.projection.truncate(client);
        await resetCheckpoint(client, worker.projection.name, worker.projection.version ?? 1);
      }
      await dropIndexes(client, indexes);
      // the replays they owed after erasures: the rebuild replays every tenant anyway. A replay's step in flight
      // made the truncates above wait for it; its next step finds no request and ends.
      await client.query(`delete from ${TENANT_REPLAYS_TABLE} where projection = any($1::text[])`, [
        workers.map((worker) => worker.projection.name),
      ]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    for (const worker of workers) worker.position = START;
  }

  /** One reader, one consumer per projection; answers how far the slowest got. */
  private async replay(
    workers: readonly Worker[],
    progress: (at: { done: number; position: Position }) => void,
  ): Promise<{ done: number; position: Position; completed: boolean }> {
    const { store, committer, batchSize, stopping, fast, copy } = this.options;
    const queues = workers.map((): ReadAllResult[] => []);
    /** per projection: events passed (applied, or held without an event for it) */
    const doneBy = workers.map(() => 0);
    /** per projection: its committed checkpoint */
    const positionBy = workers.map((): Position => START);
    const signal = new Wakeup();
    let failure: { error: unknown } | null = null;
    let readerDone = false;
    let completed = true;
    let reported = 0;
    const fail = (error: unknown): void => {
      failure ??= { error };
      signal.notify();
    };
    const report = (): void => {
      const done = Math.min(...doneBy);
      if (done > reported) {
        reported = done;
        progress({ done, position: lowestPosition(positionBy) });
      }
    };
    const reader = (async () => {
      let from: Position = START;
      try {
        for (;;) {
          for (;;) {
            const wake = signal.next();
            if (failure || stopping() || !queues.some((queue) => queue.length >= REPLAY_AHEAD)) break;
            await wake.within(1_000);
          }
          if (failure) return;
          if (stopping()) {
            completed = false;
            return;
          }
          const page = await store.readAll(from, batchSize);
          if (page.events.length === 0) return;
          for (const queue of queues) queue.push(page);
          from = page.position;
          signal.notify();
        }
      } catch (error) {
        fail(error);
      } finally {
        readerDone = true;
        signal.notify();
      }
    })();
    const consumers = workers.map(async (worker, index) => {
      const queue = queues[index]!;
      /** pages passed without an event for this projection: their checkpoint move commits with a later page */
      let held: ReadAllResult[] = [];
      /** in rebuild mode: the current rows of the tables it keeps in memory (`rebuild-rows.ts`) */
      const keptTables = worker.projection.keptInRebuild ?? [];
      const kept = fast && keptTables.length > 0 ? new RebuildRows(keptTables) : null;
      /** commits `held` and `page` (when given) as one batch: false when it failed */
      const commit = async (page: ReadAllResult | null): Promise<boolean> => {
        const pages = page ? [...held, page] : held;
        held = [];
        const last = pages.at(-1)!.position;
        const events = pages.length === 1 ? pages[0]!.events : pages.flatMap((p) => p.events);
        try {
          await committer.commit(worker, events, last, true, fast && copy, kept);
        } catch (error) {
          fail(error);
          return false;
        }
        positionBy[index] = last;
        return true;
      };
      for (;;) {
        const wake = signal.next();
        if (failure) return;
        if (stopping()) {
          completed = false;
          return;
        }
        const page = queue.shift();
        if (!page) {
          if (!readerDone) {
            await wake.within(1_000);
            continue;
          }
          // the last pages had nothing for this projection: their checkpoint move still commits
          if (held.length > 0 && (await commit(null))) report();
          return;
        }
        signal.notify(); // room for the reader
        if (fast && !page.events.some((event) => worker.types.has(event.type))) {
          held.push(page);
          if (held.length >= HOLD_IRRELEVANT && !(await commit(null))) return;
        } else if (!(await commit(page))) return;
        doneBy[index]! += page.events.length;
        report();
      }
    });
    await Promise.all([reader, ...consumers]);
    if (failure) throw (failure as { error: unknown }).error;
    return { done: Math.min(...doneBy), position: lowestPosition(positionBy), completed };
  }
}

/**
 * `VACUUM (ANALYZE)` of the tables a rebuild refilled. Their rows are all new: until a vacuum marks their pages
 * all-visible, an index-only scan still reads every heap page it touches, and until an analyze the planner has
 * no statistics for them (it guessed 235 rows where 6,311 came and chose a bitmap scan over the heap). Left to
 * autovacuum, that waits for its schedule, or forever where it is off. Measured on a read model of 2 million
 * events (docs/benchmarks.md, "Scale: tenants of the 20M size"): the status trend's changes query 19.5 ms before, 2.5 ms
 * after; the vacuum of all read models took 16 s after a 290 s rebuild.
 */
async function vacuumAnalyze(pool: pg.Pool, workers: readonly Worker[]): Promise<void> {
  const tables = new Set(workers.flatMap((worker) => worker.projection.tables ?? []));
  // the dated versions of a versioned table live in two tables its projection shares with others
  if ([...tables].some((table) => (VERSIONED_TABLES as readonly string[]).includes(table))) {
    tables.add(ROW_VERSIONS_TABLE).add(ROW_VERSION_KEYS_TABLE);
  }
  if (tables.size === 0) return;
  // not in a transaction (vacuum refuses one): a pool query runs on its own
  await pool.query(`vacuum (analyze) ${[...tables].map((table) => ident(table)).join(', ')}`);
}
