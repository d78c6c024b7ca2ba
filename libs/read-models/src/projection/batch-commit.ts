import type pg from 'pg';
import { ERASURE_RECORDED_TYPE } from '#domain';
import { START, type EventStore, type Position, type StoredEvent } from '#event-store';
import { advanceCheckpoint } from './checkpoints.js';
import { ErasureReplayPages } from './erasure-replay-pages.js';
import type { AppliedBatch, AppliedListener } from './projection.js';
import { Wakeup } from './wakeup.js';
import type { RunnerLogger, Worker } from './worker.js';

/**
 * Erasure replays of one runner that run at once. Each holds a connection of the runner's pool in its
 * transaction for the whole replay of a tenant and reads the tenant's log meanwhile (whose personal-data keys
 * may come from the same pool): unbounded, nine replaying projections took every connection of a pool of eight
 * and waited for ever for one more (a rebuild after an erasure failed in the projector and the CLI). Two keep
 * the pool free for everything else and PostgreSQL busy (the replays share the pages they read).
 */
export const MAX_CONCURRENT_ERASURE_REPLAYS = 2;

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

/**
 * Applies one batch of one projection: per projection and per batch, ONE transaction holds the read-model
 * writes and the move of its checkpoint from the position it was read from to the batch's last position
 * (`update ... where position = <expected>`, which also locks the row). A crash or a failing `apply` rolls back
 * both, and the projection resumes from the committed checkpoint: a batch is applied completely once or not at
 * all. The checkpoint advances past events the projection ignores. After a commit it wakes `committed` (the
 * in-process waits for a position) and tells the `onApplied` listeners.
 */
export class BatchCommitter {
  private readonly listeners = new Set<AppliedListener>();
  /** notified after every committed batch */
  readonly committed = new Wakeup();
  /** the tenant's log at an erasure, read once for the projections that replay it */
  private readonly replayPages: ErasureReplayPages;
  /** erasure replays running, and those waiting for one of them to end */
  private replaysRunning = 0;
  private readonly replaysWaiting: Array<() => void> = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: RunnerLogger,
    /** the log, for the tenant replay at an erasure */
    store: Pick<EventStore, 'readAll'>,
    replayPageSize: number,
    /** how many projections of this runner replay at an erasure (they share the pages they read) */
    private readonly replayingProjections = 1,
  ) {
    this.replayPages = new ErasureReplayPages(store, replayPageSize);
  }

  /** Called after every committed batch; returns the function that removes the listener. */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One batch of one projection: read-model writes and checkpoint, one transaction. */
  async commit(
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
          (projection.replayOnErasure === true && event.type === ERASURE_RECORDED_TYPE)),
    );
    const replays =
      projection.replayOnErasure === true && relevant.some((event) => event.type === ERASURE_RECORDED_TYPE);
    if (replays) await this.startReplay();
    try {
      await this.commitInTransaction(worker, relevant, lastPosition);
    } finally {
      if (replays) this.endReplay();
    }
    worker.position = lastPosition;
    worker.failures = 0;
    worker.lastError = null;
    this.committed.notify();
    const batch: AppliedBatch = { projection: projection.name, position: lastPosition, events, rebuilding };
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.logger.error(`an onApplied listener failed for projection ${projection.name}`, error);
      }
    }
  }

  private async startReplay(): Promise<void> {
    if (this.replaysRunning < MAX_CONCURRENT_ERASURE_REPLAYS) {
      this.replaysRunning++;
      return;
    }
    // the slot passes straight from the replay that ends to the first waiting one
    await new Promise<void>((resolve) => this.replaysWaiting.push(resolve));
  }

  private endReplay(): void {
    const next = this.replaysWaiting.shift();
    if (next) next();
    else this.replaysRunning--;
  }

  private async commitInTransaction(
    worker: Worker,
    relevant: readonly StoredEvent[],
    lastPosition: Position,
  ): Promise<void> {
    const { projection } = worker;
    const expected = worker.position;
    const client = await this.pool.connect();
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
      if (event.type !== ERASURE_RECORDED_TYPE || projection.replayOnErasure !== true) {
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
        const page = await this.replayPages.read(tenantId, event.position, from, this.replayingProjections);
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
}
