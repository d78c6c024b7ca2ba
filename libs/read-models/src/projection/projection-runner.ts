import type pg from 'pg';
import { START, type EventStore, type Position } from '#event-store';
import { BatchCommitter } from './batch-commit.js';
import { ensureCheckpoints, lowestPosition, readCheckpoints } from './checkpoints.js';
import { ProjectionElection, poolClientFactory } from './election.js';
import { readAllEventCounter, type EventCounter } from './event-counter.js';
import { ProjectionLifecycle } from './lifecycle.js';
import type {
  AppliedListener,
  Projection,
  ProjectionStatus,
  RebuildProgressListener,
  RebuildResult,
  WaitResult,
} from './projection.js';
import { Rebuild } from './rebuild.js';
import { RetryPolicy } from './retry.js';
import { createMissingIndexes, secondaryIndexesOf } from './indexes.js';
import type { Table } from './table.js';
import { replayPending } from './tenant-replays.js';
import { Workers, silentLogger, type RunnerLogger, type Worker } from './worker.js';

export { CheckpointMovedError } from './batch-commit.js';
export { UnknownProjectionError, type RunnerLogger } from './worker.js';

export interface ProjectionRunnerOptions {
  /** the read-model database (also holds `projection_checkpoints`) */
  pool: pg.Pool;
  store: EventStore;
  projections: readonly Projection[];
  /** events per transaction while live and in `catchUp` (default 1000) */
  batchSize?: number;
  /** events per page of the log in a rebuild, and at most per transaction of each projection (default 5000) */
  rebuildBatchSize?: number;
  /**
   * The declared read-model tables (`READ_MODEL_TABLES`, as `createProjectionRunner` passes them): a rebuild
   * drops the secondary indexes of the tables it refills and builds them once after the replay, and a runner
   * creates the missing ones when it starts (a rebuild cut off by a crash). Without them indexes stay as they are.
   */
  tables?: readonly Table[];
  /**
   * Rebuild as live processing applies: pages of `batchSize`, one transaction per page and projection, indexes
   * kept. Only to compare (`bench:rebuild` measures both in one run); the read models come out the same.
   */
  rebuildAsLive?: boolean;
  /**
   * In rebuild mode, append-only rows (versions, history, audit trail) are copied in with `COPY` (default true).
   * false: upserted as live processing does. Only to compare (`bench:rebuild`, `BENCH_COMPARE=copy`).
   */
  rebuildCopy?: boolean;
  /** the store's fallback polling interval while live */
  pollIntervalMs?: number;
  /** first delay before a failed projection is restarted; doubles up to `maxRetryDelayMs` */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** counts events for lag and rebuild progress (default: pages through readAll, capped) */
  countEvents?: EventCounter;
  logger?: RunnerLogger;
  /**
   * Several runners on one database: each projection runs in the one runner holding its lease (a PostgreSQL
   * advisory lock); the others stand by and retry every `electionIntervalMs` (default 1,500 ms).
   */
  election?: boolean;
  electionIntervalMs?: number;
  /** the dedicated connection that holds the leases (default: a client with the pool's settings) */
  leaseConnection?: () => pg.Client;
}

export interface WaitForPositionOptions {
  /** the projections to wait for (default: all of this runner's) */
  names?: readonly string[];
  /**
   * the tenant the reader reads: only its replays after an erasure count (docs/decisions.md, "Erasure replays
   * beside the projection"); without it, every tenant's
   */
  tenantId?: string;
  /**
   * the checkpoints alone, without the replays after erasures: a push waits for these only (its reader's
   * re-read with `minPosition` waits for its own tenant's replay)
   */
  checkpointsOnly?: boolean;
  /** default 5000 ms */
  timeoutMs?: number;
  /** how often the checkpoints are read while no local commit wakes the wait (default 100 ms) */
  pollIntervalMs?: number;
}

/**
 * Runs projections from the global log: the public face of the projection engine, which wires its parts
 * together (each in its own file):
 *   - `lifecycle.ts`   start, follow the log live, pause for a rebuild, drain on stop;
 *   - `election.ts`    with several runners, one active per projection (leases, `leases.ts`);
 *   - `retry.ts`       back-off before a failed projection is restarted;
 *   - `batch-commit.ts` one batch: read-model writes and checkpoint in one transaction;
 *   - `rebuild.ts`     truncate and replay the log into one or more projections.
 * Status, catch-up and the wait for a position are answered here.
 */
export class ProjectionRunner {
  private readonly workers: Workers;
  private readonly batchSize: number;
  private readonly countEvents: EventCounter;
  private readonly committer: BatchCommitter;
  private readonly lifecycle: ProjectionLifecycle;
  private readonly election: ProjectionElection | null;
  private readonly rebuilder: Rebuild;
  private readonly logger: RunnerLogger;
  private initialised: Promise<void> | null = null;
  private rebuildQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.workers = new Workers(options.projections);
    this.batchSize = options.batchSize ?? 1000;
    this.countEvents = options.countEvents ?? readAllEventCounter(options.store);
    const logger = options.logger ?? silentLogger;
    this.logger = logger;
    // the projections that replay a tenant at an erasure read its log once between them
    const replaying = options.projections.filter((projection) => projection.replayOnErasure === true).length;
    this.committer = new BatchCommitter(options.pool, logger, options.store, this.batchSize, replaying);
    const retry = new RetryPolicy(options, logger);
    this.lifecycle = new ProjectionLifecycle({
      pool: options.pool,
      store: options.store,
      committer: this.committer,
      retry,
      logger,
      batchSize: this.batchSize,
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      requiresLease: options.election === true,
      rebuild: (names) => this.rebuild(names),
      ensureIndexes: (workers) => this.ensureIndexes(workers),
    });
    this.election = options.election
      ? new ProjectionElection({
          workers: this.workers,
          connect: options.leaseConnection ?? poolClientFactory(options.pool),
          ...(options.electionIntervalMs ? { intervalMs: options.electionIntervalMs } : {}),
          logger,
          stopping: () => this.lifecycle.stopping,
          activate: (won) => this.lifecycle.activate(won),
          failed: (worker, error) => this.lifecycle.fail(worker, error),
          lost: (worker) => this.lifecycle.detach(worker),
        })
      : null;
    this.rebuilder = new Rebuild({
      pool: options.pool,
      store: options.store,
      committer: this.committer,
      countEvents: this.countEvents,
      batchSize: options.rebuildAsLive ? this.batchSize : (options.rebuildBatchSize ?? 5000),
      fast: !options.rebuildAsLive,
      copy: !options.rebuildAsLive && options.rebuildCopy !== false,
      tables: options.tables ?? [],
      stopping: () => this.lifecycle.stopping,
    });
  }

  get projectionNames(): string[] {
    return this.workers.names;
  }

  /**
   * Starts the projections (all by default): creates missing checkpoints, rebuilds those whose `version`
   * changed, then follows the log live. Resolves once every subscription is started (not caught up: see
   * `waitForPosition`). A failing projection is retried with back-off and does not stop the others.
   */
  async start(names?: readonly string[]): Promise<void> {
    const workers = this.workers.select(names);
    this.lifecycle.stopping = false;
    await this.init();
    for (const worker of workers) worker.wanted = true;
    if (this.election) await this.election.start();
    else await this.lifecycle.activate(workers);
  }

  /** The projections this runner is active for (all it started, without election). */
  get activeProjections(): string[] {
    return this.workers
      .all()
      .filter((worker) => worker.wanted && (!this.election || worker.leased))
      .map((worker) => worker.projection.name);
  }

  /** Stops following the log; each projection finishes (commits or rolls back) the batch in flight. */
  async stop(): Promise<void> {
    this.lifecycle.stopping = true;
    await this.election?.stop();
    await this.lifecycle.drain(this.workers.all());
    // a replay beside a projection rolls back; its request stays for the runner that takes over
    await this.committer.stopTenantReplays();
    // a rebuild in progress stops after its current batch (its checkpoints stay consistent)
    await this.rebuildQueue.catch(() => undefined);
    await this.election?.close();
    this.committer.committed.notify();
  }

  /**
   * Applies everything up to the current head and returns, without following the log live (tests, the
   * CLI, one-shot runs). Refuses projections that this runner is running live.
   */
  async catchUp(names?: readonly string[]): Promise<Position> {
    const workers = this.workers.select(names);
    for (const worker of workers) {
      if (worker.subscription)
        throw new Error(`projection ${worker.projection.name} is running live; use waitForPosition`);
    }
    await this.init();
    await this.ensureIndexes(workers);
    const checkpoints = await readCheckpoints(
      this.options.pool,
      workers.map((w) => w.projection.name),
    );
    for (const worker of workers) {
      worker.position = checkpoints.get(worker.projection.name)?.position ?? START;
    }
    // the log is read once for all of them (from the lowest checkpoint); each page goes to every projection
    // that has not seen it, each in its own transaction, side by side
    let from = lowestPosition(workers.map((w) => w.position));
    for (;;) {
      const page = await this.options.store.readAll(from, this.batchSize);
      if (page.events.length === 0) break;
      await Promise.all(
        workers.map((worker) => {
          const after = worker.position;
          const unseen = page.events.filter((event) => event.position > after);
          return this.committer.commit(worker, unseen, page.position, false);
        }),
      );
      from = page.position;
    }
    // the tenants erased meanwhile are replayed beside the projections: caught up means those too
    await this.committer.drainTenantReplays(workers.map((w) => w.projection.name));
    return lowestPosition(workers.map((w) => w.position));
  }

  /**
   * Rebuilds projections from zero: stops them, truncates their read models and resets their checkpoints
   * in one transaction, replays the whole log (read once, applied to every projection being rebuilt, each
   * batch in its own transaction per projection) and restarts those that were running. `target`: a
   * projection name, several, or 'all'. Rebuilds run one after the other; with election a rebuild needs
   * the projections' leases (`PROJECTION.BUSY` when another runner holds one).
   */
  rebuild(
    target: string | readonly string[] = 'all',
    onProgress?: RebuildProgressListener,
  ): Promise<RebuildResult> {
    let workers: Worker[];
    try {
      workers =
        target === 'all'
          ? this.workers.all()
          : this.workers.select(typeof target === 'string' ? [target] : target);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const election = this.election;
    const run = this.rebuildQueue
      .catch(() => undefined)
      .then(() =>
        election
          ? election.withLeases(workers, () => this.rebuildNow(workers, onProgress))
          : this.rebuildNow(workers, onProgress),
      );
    this.rebuildQueue = run;
    return run;
  }

  /** Per projection: its checkpoint and how many events it is behind the head of the log. */
  async status(): Promise<ProjectionStatus[]> {
    const names = this.projectionNames;
    const checkpoints = await readCheckpoints(this.options.pool, names);
    return Promise.all(
      names.map(async (name) => {
        const worker = this.workers.get(name)!;
        const checkpoint = checkpoints.get(name);
        const position = checkpoint?.position ?? START;
        // counted from the checkpoint to whatever a reader can see now (no separate head query)
        const lag = await this.countEvents(position, null);
        return {
          name,
          version: worker.projection.version ?? 1,
          position,
          lag: lag.count,
          lagCapped: lag.capped,
          running: worker.subscription !== null,
          lastError: worker.lastError,
          updatedAt: checkpoint?.updatedAt ?? null,
        };
      }),
    );
  }

  /**
   * Resolves when every named projection (all by default) has a checkpoint at or past `minPosition`, or
   * when `timeoutMs` ran out; `position` is then the lowest of their checkpoints. Works whether the
   * projections run in this process (woken by its commits) or in another one (polls the checkpoints).
   */
  async waitForPosition(
    minPosition: Position,
    timeoutOrOptions: number | WaitForPositionOptions = {},
    names?: readonly string[],
  ): Promise<WaitResult> {
    const options: WaitForPositionOptions =
      typeof timeoutOrOptions === 'number'
        ? { timeoutMs: timeoutOrOptions, ...(names ? { names } : {}) }
        : timeoutOrOptions;
    const waitFor = options.names ?? this.projectionNames;
    const deadline = Date.now() + (options.timeoutMs ?? 5_000);
    const pollIntervalMs = options.pollIntervalMs ?? 100;
    for (;;) {
      const wake = this.committer.committed.next();
      const checkpoints = await readCheckpoints(this.options.pool, waitFor);
      const position = lowestPosition(waitFor.map((name) => checkpoints.get(name)?.position ?? START));
      if (
        position >= minPosition &&
        (options.checkpointsOnly === true ||
          !(await replayPending(this.options.pool, waitFor, minPosition, options.tenantId)))
      ) {
        return { reached: true, position };
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { reached: false, position };
      await wake.within(Math.min(remaining, pollIntervalMs));
    }
  }

  /** Called after every committed batch; returns the function that removes the listener. */
  onApplied(listener: AppliedListener): () => void {
    return this.committer.onApplied(listener);
  }

  // ---------------------------------------------------------------------------------------------------

  private init(): Promise<void> {
    this.initialised ??= ensureCheckpoints(this.options.pool, this.options.projections).then(
      async (checkpoints) => {
        for (const [name, checkpoint] of checkpoints) {
          const worker = this.workers.get(name);
          if (worker && !worker.subscription) worker.position = checkpoint.position;
        }
        await this.warnWithoutAutovacuum();
      },
      (error: unknown) => {
        this.initialised = null;
        throw error;
      },
    );
    return this.initialised;
  }

  /**
   * Read models are updated in place all day: without autovacuum their pages are never marked all-visible
   * (index-only scans read the heap anyway) and their statistics go stale (docs/operations.md).
   */
  private async warnWithoutAutovacuum(): Promise<void> {
    const { rows } = await this.options.pool.query<{ autovacuum: string }>(
      `select current_setting('autovacuum') as autovacuum`,
    );
    if (rows[0]?.autovacuum === 'off') {
      this.logger.log(
        'warning: autovacuum is off in this PostgreSQL; read models slow down as they change (docs/operations.md, "Size PostgreSQL for its data")',
      );
    }
  }

  /**
   * Creates the declared indexes of the workers' tables that are missing: a rebuild cut off by a crash (or a
   * killed projector) left them dropped. Before this runner applies batches to the projections.
   */
  private async ensureIndexes(workers: readonly Worker[]): Promise<void> {
    const created = await createMissingIndexes(
      this.options.pool,
      secondaryIndexesOf(
        this.options.tables ?? [],
        workers.map((w) => w.projection),
      ),
    );
    if (created.length > 0) this.logger.log(`created the missing indexes ${created.join(', ')}`);
    // the same moment: before this runner applies batches to them, it takes up the replays they owe
    await this.committer.resumeTenantReplays(workers);
  }

  /** Takes the projections off the log, rebuilds them, hands them back to live processing. */
  private async rebuildNow(workers: Worker[], onProgress?: RebuildProgressListener): Promise<RebuildResult> {
    const started = Date.now();
    await this.init();
    try {
      await this.lifecycle.pause(workers);
      return await this.rebuilder.run(workers, started, onProgress);
    } finally {
      await this.lifecycle.resume(workers);
    }
  }
}
