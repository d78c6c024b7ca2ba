import pg from 'pg';
import { ERASURE_RECORDED_TYPE as ERASURE_RECORDED } from '#domain';
import { databaseFailureKind } from '#platform';
import {
  START,
  type EventStore,
  type Position,
  type ReadAllResult,
  type StoredEvent,
  type Subscription,
} from '#event-store';
import {
  advanceCheckpoint,
  ensureCheckpoints,
  lowestPosition,
  readCheckpoints,
  resetCheckpoint,
} from './checkpoints.js';
import { readAllEventCounter, type EventCounter } from './event-counter.js';
import type {
  AppliedBatch,
  AppliedListener,
  Projection,
  ProjectionStatus,
  RebuildProgressListener,
  RebuildResult,
  WaitResult,
} from './projection.js';
import { ProjectionBusyError, ProjectionLeases } from './leases.js';
import { Wakeup } from './wakeup.js';

export interface RunnerLogger {
  log(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface ProjectionRunnerOptions {
  /** the read-model database (also holds `projection_checkpoints`) */
  pool: pg.Pool;
  store: EventStore;
  projections: readonly Projection[];
  /** events per transaction (default 1000) */
  batchSize?: number;
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

/** The checkpoint row no longer held what this runner committed: a rebuild or another runner moved it. */
export class CheckpointMovedError extends Error {
  readonly code = 'PROJECTION.CHECKPOINT_MOVED';
  constructor(
    readonly projection: string,
    readonly expected: Position,
  ) {
    super(
      `projection ${projection}: the checkpoint is no longer at ${expected}; resuming from the stored one`,
    );
  }
}

export class UnknownProjectionError extends Error {
  readonly code = 'PROJECTION.UNKNOWN';
  constructor(readonly projection: string) {
    super(`unknown projection "${projection}"`);
  }
}

export interface WaitForPositionOptions {
  /** the projections to wait for (default: all of this runner's) */
  names?: readonly string[];
  /** default 5000 ms */
  timeoutMs?: number;
  /** how often the checkpoints are read while no local commit wakes the wait (default 100 ms) */
  pollIntervalMs?: number;
}

interface Worker {
  readonly projection: Projection;
  readonly types: ReadonlySet<string>;
  /** the checkpoint this process last committed or read */
  position: Position;
  /** start() was called and stop() not yet */
  wanted: boolean;
  /** with election: this runner holds the projection's lease */
  leased: boolean;
  /** a rebuild owns the projection for now */
  paused: boolean;
  subscription: Subscription | null;
  /** bumped on every (re)subscription: batches of an older subscription are refused */
  generation: number;
  failures: number;
  lastError: string | null;
  retryTimer: NodeJS.Timeout | null;
}

/** the longest pause before a projection stopped by a lost database connection tries again */
const CONNECTION_RETRY_MAX_MS = 5_000;

/** pages the rebuild reader may read ahead of the slowest projection */
const REPLAY_AHEAD = 4;

const silentLogger: RunnerLogger = { log: () => undefined, error: () => undefined };

/**
 * Runs projections from the global log. Per projection and per batch, ONE transaction holds the
 * read-model writes and the move of its checkpoint from the position it was read from to the batch's last
 * position (`update ... where position = <expected>`, which also locks the row). A crash or a failing
 * `apply` rolls back both, and the projection resumes from the committed checkpoint: a batch is applied
 * completely once or not at all. The checkpoint advances past events the projection ignores.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, Worker>();
  private readonly listeners = new Set<AppliedListener>();
  private readonly wakeup = new Wakeup();
  private readonly batchSize: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly countEvents: EventCounter;
  private readonly logger: RunnerLogger;
  private initialised: Promise<void> | null = null;
  private rebuildQueue: Promise<unknown> = Promise.resolve();
  private stopRequested = false;
  private readonly leases: ProjectionLeases | null;
  private electionTimer: NodeJS.Timeout | null = null;
  private electing: Promise<void> | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.batchSize = options.batchSize ?? 1000;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    this.countEvents = options.countEvents ?? readAllEventCounter(options.store);
    this.logger = options.logger ?? silentLogger;
    this.leases = options.election
      ? new ProjectionLeases(
          options.leaseConnection ??
            (() => new pg.Client((options.pool as pg.Pool & { options: pg.ClientConfig }).options)),
          (names) => this.leasesLost(names),
        )
      : null;
    for (const projection of options.projections) {
      if (this.workers.has(projection.name))
        throw new Error(`two projections are named "${projection.name}"`);
      this.workers.set(projection.name, {
        projection,
        types: new Set(projection.eventTypes),
        position: START,
        wanted: false,
        leased: false,
        paused: false,
        subscription: null,
        generation: 0,
        failures: 0,
        lastError: null,
        retryTimer: null,
      });
    }
  }

  get projectionNames(): string[] {
    return [...this.workers.keys()];
  }

  /**
   * Starts the projections (all by default): creates missing checkpoints, rebuilds those whose `version`
   * changed, then follows the log live. Resolves once every subscription is started (not caught up: see
   * `waitForPosition`). A failing projection is retried with back-off and does not stop the others.
   */
  async start(names?: readonly string[]): Promise<void> {
    const workers = this.select(names);
    this.stopRequested = false;
    await this.init();
    for (const worker of workers) worker.wanted = true;
    if (!this.leases) {
      await this.activate(workers);
      return;
    }
    await this.elect();
    if (!this.electionTimer) {
      this.electionTimer = setInterval(() => {
        this.elect().catch((error: unknown) => this.logger.error('projection election failed', error));
      }, this.options.electionIntervalMs ?? 1_500);
      this.electionTimer.unref?.();
    }
  }

  /** The projections this runner is active for (all it started, without election). */
  get activeProjections(): string[] {
    return [...this.workers.values()]
      .filter((worker) => worker.wanted && (!this.leases || worker.leased))
      .map((worker) => worker.projection.name);
  }

  /** Rebuilds the outdated ones among `workers`, then follows the log live with each. */
  private async activate(workers: Worker[]): Promise<void> {
    const checkpoints = await readCheckpoints(
      this.options.pool,
      workers.map((w) => w.projection.name),
    );
    const outdated = workers.filter(
      (w) => (checkpoints.get(w.projection.name)?.version ?? 1) !== (w.projection.version ?? 1),
    );
    if (outdated.length > 0) {
      const outdatedNames = outdated.map((w) => w.projection.name);
      this.logger.log(`projection version changed, rebuilding: ${outdatedNames.join(', ')}`);
      await this.rebuild(outdatedNames);
    }
    for (const worker of workers) {
      if (worker.wanted && !worker.paused && !worker.subscription) await this.subscribe(worker);
    }
  }

  /** Takes the leases of wanted projections nobody runs, and runs them. */
  private elect(): Promise<void> {
    if (this.electing) return this.electing;
    const run = (async () => {
      const candidates = [...this.workers.values()].filter((w) => w.wanted && !w.leased && !w.paused);
      if (candidates.length === 0 || !this.leases || this.stopRequested) return;
      const held = new Set(await this.leases.tryAcquire(candidates.map((w) => w.projection.name)));
      const won = candidates.filter((w) => held.has(w.projection.name) && w.wanted);
      if (won.length === 0) return;
      for (const worker of won) worker.leased = true;
      this.logger.log(`active for ${won.map((w) => w.projection.name).join(', ')}`);
      try {
        await this.activate(won);
      } catch (error) {
        // e.g. the database went away between taking the leases and subscribing: retry each with back-off
        // (a lease lost meanwhile makes the retry a no-op; the next election takes it again)
        for (const worker of won) {
          if (worker.wanted && !worker.paused && !worker.subscription && !worker.retryTimer)
            this.fail(worker, error);
        }
        throw error;
      }
    })();
    // cleared when done (and only if no later election replaced it)
    this.electing = run.finally(() => {
      if (this.electing === guarded) this.electing = null;
    });
    const guarded = this.electing;
    return guarded;
  }

  /** The lease connection dropped: stop those projections at once; the next election may take them back. */
  private leasesLost(names: string[]): void {
    this.logger.error(`lost the leases of ${names.join(', ')}: standing by`);
    for (const name of names) {
      const worker = this.workers.get(name);
      if (!worker) continue;
      worker.leased = false;
      worker.generation++;
      const subscription = worker.subscription;
      worker.subscription = null;
      void subscription?.stop().catch(() => undefined);
    }
  }

  /** Stops following the log; each projection finishes (commits or rolls back) the batch in flight. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.electionTimer) clearInterval(this.electionTimer);
    this.electionTimer = null;
    await this.electing?.catch(() => undefined);
    const stopping: Promise<void>[] = [];
    for (const worker of this.workers.values()) {
      worker.wanted = false;
      worker.generation++;
      if (worker.retryTimer) clearTimeout(worker.retryTimer);
      worker.retryTimer = null;
      if (worker.subscription) stopping.push(worker.subscription.stop().catch(() => undefined));
      worker.subscription = null;
    }
    await Promise.all(stopping);
    // a rebuild in progress stops after its current batch (its checkpoints stay consistent)
    await this.rebuildQueue.catch(() => undefined);
    if (this.leases) {
      for (const worker of this.workers.values()) worker.leased = false;
      await this.leases.close();
    }
    this.wakeup.notify();
  }

  /**
   * Applies everything up to the current head and returns, without following the log live (tests, the
   * CLI, one-shot runs). Refuses projections that this runner is running live.
   */
  async catchUp(names?: readonly string[]): Promise<Position> {
    const workers = this.select(names);
    for (const worker of workers) {
      if (worker.subscription)
        throw new Error(`projection ${worker.projection.name} is running live; use waitForPosition`);
    }
    await this.init();
    const checkpoints = await readCheckpoints(
      this.options.pool,
      workers.map((w) => w.projection.name),
    );
    for (const worker of workers) {
      worker.position = checkpoints.get(worker.projection.name)?.position ?? START;
      for (;;) {
        const page = await this.options.store.readAll(worker.position, this.batchSize);
        if (page.events.length === 0) break;
        await this.commit(worker, page.events, page.position, false);
      }
    }
    return lowestPosition(workers.map((w) => w.position));
  }

  /**
   * Rebuilds projections from zero: stops them, truncates their read models and resets their checkpoints
   * in one transaction, replays the whole log (read once, applied to every projection being rebuilt, each
   * batch in its own transaction per projection) and restarts those that were running. `target`: a
   * projection name, several, or 'all'.
   */
  rebuild(
    target: string | readonly string[] = 'all',
    onProgress?: RebuildProgressListener,
  ): Promise<RebuildResult> {
    let workers: Worker[];
    try {
      workers =
        target === 'all'
          ? [...this.workers.values()]
          : this.select(typeof target === 'string' ? [target] : target);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const run = this.rebuildQueue
      .catch(() => undefined)
      .then(async () => {
        const leases = this.leases;
        if (!leases) return this.doRebuild(workers, onProgress);
        // with election a rebuild needs the leases: nobody else may apply batches meanwhile
        const names = workers.map((w) => w.projection.name);
        const held = new Set(await leases.tryAcquire(names));
        const missing = names.filter((name) => !held.has(name));
        if (missing.length > 0) {
          await leases.release(names.filter((name) => held.has(name) && !this.workers.get(name)!.leased));
          throw new ProjectionBusyError(missing);
        }
        const borrowed = workers.filter((w) => !w.leased);
        for (const worker of workers) worker.leased = true;
        try {
          return await this.doRebuild(workers, onProgress);
        } finally {
          // leases taken only for the rebuild go back unless the projection is wanted live here
          const giveBack = borrowed.filter((w) => !w.wanted);
          for (const worker of giveBack) worker.leased = false;
          await leases.release(giveBack.map((w) => w.projection.name));
        }
      });
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
      const wake = this.wakeup.next();
      const checkpoints = await readCheckpoints(this.options.pool, waitFor);
      const position = lowestPosition(waitFor.map((name) => checkpoints.get(name)?.position ?? START));
      if (position >= minPosition) return { reached: true, position };
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { reached: false, position };
      await wake.within(Math.min(remaining, pollIntervalMs));
    }
  }

  /** Called after every committed batch; returns the function that removes the listener. */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------------------------------------------------------------------------------------------------

  private select(names?: readonly string[]): Worker[] {
    if (!names) return [...this.workers.values()];
    return names.map((name) => {
      const worker = this.workers.get(name);
      if (!worker) throw new UnknownProjectionError(name);
      return worker;
    });
  }

  private init(): Promise<void> {
    this.initialised ??= ensureCheckpoints(this.options.pool, this.options.projections).then(
      (checkpoints) => {
        for (const [name, checkpoint] of checkpoints) {
          const worker = this.workers.get(name);
          if (worker && !worker.subscription) worker.position = checkpoint.position;
        }
      },
      (error: unknown) => {
        this.initialised = null;
        throw error;
      },
    );
    return this.initialised;
  }

  private async subscribe(worker: Worker): Promise<void> {
    const name = worker.projection.name;
    const checkpoints = await readCheckpoints(this.options.pool, [name]);
    if (!worker.wanted || worker.paused || worker.subscription) return;
    if (this.leases && !worker.leased) return;
    worker.position = checkpoints.get(name)?.position ?? START;
    const generation = ++worker.generation;
    const subscription = this.options.store.subscribeToAll(
      worker.position,
      async (events, lastPosition) => {
        if (generation !== worker.generation) throw new Error(`projection ${name}: stale subscription`);
        await this.commit(worker, events, lastPosition, false);
      },
      {
        batchSize: this.batchSize,
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

  private fail(worker: Worker, error: unknown): void {
    // another runner (the CLI, a rebuild) moved the checkpoint: nothing failed, resume from it at once
    const moved = error instanceof CheckpointMovedError;
    if (!moved) worker.failures++;
    worker.lastError = moved ? null : error instanceof Error ? error.message : String(error);
    // a database that is away is retried at least every 5 s, so the projections resume soon after it is back
    const maxDelay =
      databaseFailureKind(error) === 'connection'
        ? Math.min(this.maxRetryDelayMs, CONNECTION_RETRY_MAX_MS)
        : this.maxRetryDelayMs;
    const delay = moved ? 20 : Math.min(this.retryDelayMs * 2 ** (worker.failures - 1), maxDelay);
    const level = error instanceof CheckpointMovedError ? 'log' : 'error';
    const message = `projection ${worker.projection.name} stopped at ${worker.position} (${error instanceof Error ? error.message : String(error)}); retrying in ${delay} ms`;
    if (level === 'log') this.logger.log(message);
    else this.logger.error(message, error);
    worker.retryTimer = setTimeout(() => {
      worker.retryTimer = null;
      if (!worker.wanted || worker.paused) return;
      this.subscribe(worker).catch((subscribeError: unknown) => this.fail(worker, subscribeError));
    }, delay);
    worker.retryTimer.unref?.();
  }

  /** One batch of one projection: read-model writes and checkpoint, one transaction. */
  private async commit(
    worker: Worker,
    events: readonly StoredEvent[],
    lastPosition: Position,
    rebuilding: boolean,
  ): Promise<void> {
    const { projection } = worker;
    const expected = worker.position;
    if (lastPosition <= expected) return;
    const relevant = events.filter(
      (event) =>
        event.position > expected &&
        (worker.types.has(event.type) ||
          (projection.replayOnErasure === true && event.type === ERASURE_RECORDED)),
    );
    const client = await this.options.pool.connect();
    let broken: Error | undefined;
    // a connection that dies mid-batch fails the batch (and is discarded), it must not crash the process
    const onClientError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onClientError);
    try {
      // Read models commit asynchronously (live and in a rebuild): they are derived data, writes and
      // checkpoint still commit atomically, a database crash can only lose the last batches as a whole, and
      // those are replayed from the older checkpoint. The events themselves are committed synchronously.
      await client.query('begin; set local synchronous_commit = off');
      if (!(await advanceCheckpoint(client, projection.name, expected, lastPosition))) {
        throw new CheckpointMovedError(projection.name, expected);
      }
      if (relevant.length > 0) await this.applyWithErasures(worker, client, relevant);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.off('error', onClientError);
      client.release(broken);
    }
    worker.position = lastPosition;
    worker.failures = 0;
    worker.lastError = null;
    this.wakeup.notify();
    const batch: AppliedBatch = { projection: projection.name, position: lastPosition, events, rebuilding };
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.logger.error(`an onApplied listener failed for projection ${projection.name}`, error);
      }
    }
  }

  /**
   * Applies a batch; at each `ErasureRecorded` a projection that holds personal data (`replayOnErasure`) deletes
   * the erasure's tenant from its tables and replays that tenant's events up to the erasure, in the same
   * transaction. The keys are gone by then, so the replay writes the erased marker where the data was
   * (docs/privacy.md, "Read models").
   */
  private async applyWithErasures(
    worker: Worker,
    client: pg.PoolClient,
    events: readonly StoredEvent[],
  ): Promise<void> {
    const { projection } = worker;
    let segment: StoredEvent[] = [];
    const flush = async (): Promise<void> => {
      if (segment.length > 0) await projection.apply(client, segment);
      segment = [];
    };
    for (const event of events) {
      if (event.type !== ERASURE_RECORDED || projection.replayOnErasure !== true) {
        if (worker.types.has(event.type)) segment.push(event);
        continue;
      }
      await flush();
      const tenantId = event.metadata.tenantId;
      for (const table of projection.tables ?? []) {
        await client.query(`delete from ${table} where tenant_id = $1`, [tenantId]);
      }
      let from: Position = START;
      for (;;) {
        const page = await this.options.store.readAll(from, this.batchSize, { tenantId });
        const upTo = page.events.filter((e) => e.position <= event.position);
        const applicable = upTo.filter((e) => worker.types.has(e.type));
        if (applicable.length > 0) await projection.apply(client, applicable);
        if (upTo.length < page.events.length || page.events.length === 0 || page.position >= event.position)
          break;
        from = page.position;
      }
    }
    await flush();
  }

  private async doRebuild(workers: Worker[], onProgress?: RebuildProgressListener): Promise<RebuildResult> {
    const names = workers.map((w) => w.projection.name);
    const started = Date.now();
    await this.init();
    // 1. take the projections over: stop their live subscriptions at a batch boundary
    for (const worker of workers) {
      worker.paused = true;
      worker.generation++;
      if (worker.retryTimer) clearTimeout(worker.retryTimer);
      worker.retryTimer = null;
    }
    try {
      await Promise.all(
        workers.flatMap((w) => (w.subscription ? [w.subscription.stop().catch(() => undefined)] : [])),
      );
      for (const worker of workers) worker.subscription = null;

      // 2. truncate and reset the checkpoints in one transaction
      const client = await this.options.pool.connect();
      try {
        await client.query('begin');
        for (const worker of workers) {
          await worker.projection.truncate(client);
          await resetCheckpoint(client, worker.projection.name, worker.projection.version ?? 1);
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      for (const worker of workers) worker.position = START;

      // 3. replay: one reader reads each page of the log once and hands it to every projection; each
      //    projection applies the pages at its own pace (the reader stays at most REPLAY_AHEAD pages ahead
      //    of the slowest), so a slow read model does not hold the fast ones back
      const total = await this.countEvents(START, null);
      const queues = workers.map((): ReadAllResult[] => []);
      const doneBy = workers.map(() => 0);
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
      const reader = (async () => {
        let from: Position = START;
        try {
          for (;;) {
            for (;;) {
              const wake = signal.next();
              if (failure || this.stopRequested || !queues.some((queue) => queue.length >= REPLAY_AHEAD))
                break;
              await wake.within(1_000);
            }
            if (failure) return;
            if (this.stopRequested) {
              completed = false;
              return;
            }
            const page = await this.options.store.readAll(from, this.batchSize);
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
        for (;;) {
          const wake = signal.next();
          if (failure) return;
          if (this.stopRequested) {
            completed = false;
            return;
          }
          const page = queue.shift();
          if (!page) {
            if (readerDone) return;
            await wake.within(1_000);
            continue;
          }
          signal.notify(); // room for the reader
          try {
            await this.commit(worker, page.events, page.position, true);
          } catch (error) {
            fail(error);
            return;
          }
          doneBy[index]! += page.events.length;
          positionBy[index] = page.position;
          const done = Math.min(...doneBy);
          if (done > reported) {
            reported = done;
            onProgress?.({
              projections: names,
              done,
              total: total.capped ? null : Math.max(total.count, done),
              position: lowestPosition(positionBy),
              elapsedMs: Date.now() - started,
            });
          }
        }
      });
      await Promise.all([reader, ...consumers]);
      if (failure) throw (failure as { error: unknown }).error;
      const done = Math.min(...doneBy);
      const position = lowestPosition(positionBy);
      const elapsedMs = Date.now() - started;
      return {
        projections: names,
        events: done,
        position,
        elapsedMs,
        eventsPerSecond: elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : done,
        completed,
      };
    } finally {
      // 4. hand the projections back to live processing (from their committed checkpoints)
      for (const worker of workers) {
        worker.paused = false;
        if (worker.wanted && !worker.subscription) {
          await this.subscribe(worker).catch((error: unknown) => this.fail(worker, error));
        }
      }
    }
  }
}
