import type pg from 'pg';
import { START, type EventStore } from '#event-store';
import type { BatchCommitter } from './batch-commit.js';
import { readCheckpoints } from './checkpoints.js';
import type { RetryPolicy } from './retry.js';
import type { RunnerLogger, Worker } from './worker.js';

export interface LifecycleOptions {
  pool: pg.Pool;
  store: EventStore;
  committer: BatchCommitter;
  retry: RetryPolicy;
  logger: RunnerLogger;
  /** events per live batch */
  batchSize: number;
  /** the store's fallback polling interval while live */
  pollIntervalMs?: number;
  /** with election: only a leased worker may follow the log */
  requiresLease: boolean;
  /** rebuilds projections whose `version` changed, before they go live (the runner's queued rebuild) */
  rebuild: (names: string[]) => Promise<unknown>;
  /** creates the declared indexes of the workers' tables a cut-off rebuild left dropped */
  ensureIndexes: (workers: readonly Worker[]) => Promise<void>;
}

/**
 * Live processing of each projection: subscribe it from its committed checkpoint (after rebuilding it when its
 * version changed), hand its batches to the batch commit, hand its failures to the retry, and take it off the
 * log again: for a rebuild (`pause`/`resume`), when its lease is lost (`detach`), or for good (`drain`, which
 * lets every batch in flight commit or roll back).
 */
export class ProjectionLifecycle {
  /** `drain` was called and no `start` since: nothing new is started (elections, rebuild readers stop) */
  stopping = false;

  constructor(private readonly options: LifecycleOptions) {}

  /**
   * Rebuilds the outdated ones among `workers`, creates the indexes a cut-off rebuild left dropped for the
   * others, then follows the log live with each.
   */
  async activate(workers: Worker[]): Promise<void> {
    const checkpoints = await readCheckpoints(
      this.options.pool,
      workers.map((w) => w.projection.name),
    );
    const outdated = workers.filter(
      (w) => (checkpoints.get(w.projection.name)?.version ?? 1) !== (w.projection.version ?? 1),
    );
    if (outdated.length > 0) {
      const outdatedNames = outdated.map((w) => w.projection.name);
      this.options.logger.log(`projection version changed, rebuilding: ${outdatedNames.join(', ')}`);
      await this.options.rebuild(outdatedNames);
    }
    await this.options.ensureIndexes(workers.filter((w) => !outdated.includes(w)));
    for (const worker of workers) {
      if (worker.wanted && !worker.paused && !worker.subscription) await this.subscribe(worker);
    }
  }

  /** Follows the log live from the worker's committed checkpoint (a no-op when it must not run here now). */
  async subscribe(worker: Worker): Promise<void> {
    const name = worker.projection.name;
    const checkpoints = await readCheckpoints(this.options.pool, [name]);
    if (!worker.wanted || worker.paused || worker.subscription) return;
    if (this.options.requiresLease && !worker.leased) return;
    worker.position = checkpoints.get(name)?.position ?? START;
    const generation = ++worker.generation;
    const subscription = this.options.store.subscribeToAll(
      worker.position,
      async (events, lastPosition) => {
        if (generation !== worker.generation) throw new Error(`projection ${name}: stale subscription`);
        await this.options.committer.commit(worker, events, lastPosition, false);
      },
      {
        batchSize: this.options.batchSize,
        ...(this.options.pollIntervalMs ? { pollIntervalMs: this.options.pollIntervalMs } : {}),
      },
    );
    worker.subscription = subscription;
    subscription.done.then(
      () => {
        if (worker.subscription === subscription) worker.subscription = null;
      },
      (error: unknown) => {
        if (worker.subscription === subscription) worker.subscription = null;
        if (generation !== worker.generation || !worker.wanted) return;
        this.fail(worker, error);
      },
    );
  }

  /** The worker stopped with `error`: subscribe it again after the retry's pause. */
  fail(worker: Worker, error: unknown): void {
    this.options.retry.schedule(worker, error, () => this.subscribe(worker));
  }

  /** Takes the worker off the log at once without waiting for its batch in flight (its lease is gone). */
  detach(worker: Worker): void {
    worker.generation++;
    const subscription = worker.subscription;
    worker.subscription = null;
    void subscription?.stop().catch(() => undefined);
  }

  /** A rebuild takes the workers over: their subscriptions stop at a batch boundary, pending retries are dropped. */
  async pause(workers: readonly Worker[]): Promise<void> {
    for (const worker of workers) {
      worker.paused = true;
      worker.generation++;
      this.options.retry.cancel(worker);
    }
    await Promise.all(
      workers.flatMap((w) => (w.subscription ? [w.subscription.stop().catch(() => undefined)] : [])),
    );
    for (const worker of workers) worker.subscription = null;
  }

  /** Hands the workers back to live processing (from their committed checkpoints) after a rebuild. */
  async resume(workers: readonly Worker[]): Promise<void> {
    for (const worker of workers) {
      worker.paused = false;
      if (worker.wanted && !worker.subscription) {
        await this.subscribe(worker).catch((error: unknown) => this.fail(worker, error));
      }
    }
  }

  /** Stops following the log; each projection finishes (commits or rolls back) the batch in flight. */
  async drain(workers: readonly Worker[]): Promise<void> {
    this.stopping = true;
    const stopping: Promise<void>[] = [];
    for (const worker of workers) {
      worker.wanted = false;
      worker.generation++;
      this.options.retry.cancel(worker);
      if (worker.subscription) stopping.push(worker.subscription.stop().catch(() => undefined));
      worker.subscription = null;
    }
    await Promise.all(stopping);
  }
}
