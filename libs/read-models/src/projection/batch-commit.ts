import type pg from 'pg';
import { ERASURE_RECORDED_TYPE } from '#domain';
import { START, type EventStore, type Position, type StoredEvent } from '#event-store';
import { CheckpointAdvances } from './checkpoint-advances.js';
import { openBatch, readCheckpoints } from './checkpoints.js';
import { writingFresh } from './copy-rows.js';
import { ErasureReplayPages } from './erasure-replay-pages.js';
import { keepingRows, type RebuildRows } from './rebuild-rows.js';
import type { AppliedBatch, AppliedListener } from './projection.js';
import {
  TENANT_REPLAYS_TABLE,
  TENANT_REPLAY_LOCK_NAMESPACE,
  heldTenants,
  holdTenant,
} from './tenant-replays.js';
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
 * all. The checkpoint advances past events the projection ignores; a batch with none of its events only moves
 * the checkpoint, in one statement with the other projections' such moves (`CheckpointAdvances`). After a
 * commit it wakes `committed` (the in-process waits for a position) and tells the `onApplied` listeners.
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
  /** the replays beside the projections, per projection and tenant (`again`: run once more when it ends) */
  private readonly tenantReplays = new Map<
    string,
    { again: boolean; run: Promise<void>; projection: string }
  >();
  private replaysStopped = false;
  /** the checkpoint moves of batches that held nothing for their projection, gathered into one statement */
  private readonly advances: CheckpointAdvances;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: RunnerLogger,
    /** the log, for the tenant replay at an erasure */
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly replayPageSize: number,
    /** how many projections of this runner replay at an erasure (they share the pages they read) */
    private readonly replayingProjections = 1,
  ) {
    this.replayPages = new ErasureReplayPages(store, replayPageSize);
    this.advances = new CheckpointAdvances(pool);
  }

  /** Called after every committed batch; returns the function that removes the listener. */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * One batch of one projection: read-model writes and checkpoint, one transaction. `fresh`: a batch of a
   * rebuild in rebuild mode, whose tables the rebuild emptied: append-only rows are copied in
   * (`copy-rows.ts`).
   */
  async commit(
    worker: Worker,
    events: readonly StoredEvent[],
    lastPosition: Position,
    rebuilding: boolean,
    fresh = false,
    /** a rebuild's rows kept from page to page for this projection (`rebuild-rows.ts`) */
    kept: RebuildRows | null = null,
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
    // a rebuild still replays the tenant inside its batch (nothing reads its half-built read models); live
    // processing records the replay and leaves it to `replayTenant`, beside the projection
    const replays =
      rebuilding &&
      projection.replayOnErasure === true &&
      relevant.some((event) => event.type === ERASURE_RECORDED_TYPE);
    if (replays) {
      // the replay deletes the tenant's rows with plain statements: the kept rows no longer tell what is there
      kept?.drop();
      await this.startReplay();
    }
    let requested: string[] = [];
    try {
      if (relevant.length === 0 && !rebuilding) {
        // nothing to write but the checkpoint: moved together with the other projections' (CheckpointAdvances)
        if (!(await this.advances.advance(projection.name, expected, lastPosition)))
          throw new CheckpointMovedError(projection.name, expected);
      } else {
        requested = await this.commitInTransaction(worker, relevant, lastPosition, rebuilding, fresh, kept);
      }
    } finally {
      if (replays) this.endReplay();
    }
    for (const tenantId of requested) this.scheduleTenantReplay(worker, tenantId);
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

  /** Answers the tenants whose replay the batch requested (it met their erasure). */
  private async commitInTransaction(
    worker: Worker,
    relevant: readonly StoredEvent[],
    lastPosition: Position,
    rebuilding: boolean,
    fresh: boolean,
    kept: RebuildRows | null,
  ): Promise<string[]> {
    const { projection } = worker;
    const expected = worker.position;
    return this.withClient(async (client) => {
      // Read models commit asynchronously (live and in a rebuild): they are derived data, writes and
      // checkpoint still commit atomically, a database crash can only lose the last batches as a whole, and
      // those are replayed from the older checkpoint. The events themselves are committed synchronously.
      // A projection that replays at an erasure reads its held tenants after the checkpoint row is locked
      // (a replay that ends deletes its row under that lock).
      const beside = projection.replayOnErasure === true && !rebuilding && relevant.length > 0;
      const opened = await openBatch(client, projection.name, expected, lastPosition, beside);
      if (!opened.moved) throw new CheckpointMovedError(projection.name, expected);
      const applyAll = () => this.applyWithErasures(worker, client, relevant, rebuilding, opened.held);
      const apply = rebuilding && kept ? () => keepingRows(client, kept, applyAll) : applyAll;
      const requested =
        relevant.length > 0 ? await (rebuilding && fresh ? writingFresh(client, apply) : apply()) : [];
      await client.query('commit');
      return requested;
    });
  }

  /**
   * Runs `work` on a client of the pool. A connection that dies meanwhile fails the work and is discarded (it
   * must not crash the process); a failing `work` is rolled back.
   */
  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onClientError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onClientError);
    try {
      return await work(client);
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
   * Applies a batch. A projection that holds personal data (`replayOnErasure`) must rewrite what it stored of an
   * erased subject: the keys are gone once `ErasureRecorded` is in the log, so replaying the tenant's events
   * writes the erased marker where the data was (docs/privacy.md, "Read models").
   *
   * Live, the batch records the replay (`projection_tenant_replays`) and skips that tenant's events from then
   * on, so every other tenant's events go on being applied; `replayTenant` rebuilds the tenant beside it
   * (docs/decisions.md, "Erasure replays beside the projection"). In a rebuild the tenant is deleted and
   * replayed up to the erasure here, in the batch's transaction. Answers the tenants whose replay it recorded.
   */
  private async applyWithErasures(
    worker: Worker,
    client: pg.PoolClient,
    events: readonly StoredEvent[],
    rebuilding: boolean,
    /** the tenants whose replay the projection waits for, read after its checkpoint row was locked */
    held: Map<string, Position>,
  ): Promise<string[]> {
    const { projection } = worker;
    const beside = projection.replayOnErasure === true && !rebuilding;
    const requested: string[] = [];
    let segment: StoredEvent[] = [];
    const flush = async (): Promise<void> => {
      if (segment.length > 0) await projection.apply(client, segment);
      segment = [];
    };
    for (const event of events) {
      const tenantId = event.metadata.tenantId;
      if (beside && held.has(tenantId)) {
        // its replay applies it; a later erasure of the tenant moves the replay's goal on (it starts again)
        if (event.type === ERASURE_RECORDED_TYPE) {
          await holdTenant(client, projection.name, tenantId, event.position);
          if (!requested.includes(tenantId)) requested.push(tenantId);
        }
        continue;
      }
      if (event.type !== ERASURE_RECORDED_TYPE || projection.replayOnErasure !== true) {
        if (worker.types.has(event.type)) segment.push(event);
        continue;
      }
      await flush();
      if (beside) {
        await holdTenant(client, projection.name, tenantId, event.position);
        held.set(tenantId, event.position);
        requested.push(tenantId);
        continue;
      }
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
    return requested;
  }

  // ---------------------------------------------------------------------------------------------------
  // replays beside the projections

  /**
   * Makes sure a replay of `tenantId` for `worker`'s projection runs (one per projection and tenant; asked
   * again while it runs, it runs once more when it ends). It retries with back-off until it succeeds or the
   * runner stops; the row in `projection_tenant_replays` stays until then, and a runner that becomes active
   * for the projection starts it again (`resumeTenantReplays`).
   */
  scheduleTenantReplay(worker: Worker, tenantId: string): void {
    const name = worker.projection.name;
    const key = `${name}\u0000${tenantId}`;
    const existing = this.tenantReplays.get(key);
    if (existing) {
      existing.again = true;
      return;
    }
    const entry = { again: true, run: Promise.resolve(), projection: name };
    entry.run = (async () => {
      let failures = 0;
      while (entry.again && !this.replaysStopped) {
        entry.again = false;
        try {
          await this.startReplay();
          try {
            await this.replayTenant(worker, tenantId);
          } finally {
            this.endReplay();
          }
          failures = 0;
        } catch (error) {
          if (this.replaysStopped) return;
          entry.again = true;
          failures++;
          this.logger.error(
            `projection ${name}: the replay of tenant ${tenantId} after an erasure failed (attempt ${failures}); trying again`,
            error,
          );
          await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 250 * 2 ** failures)));
        }
      }
    })().finally(() => {
      this.tenantReplays.delete(key);
      // asked again between the loop's end and here
      if (entry.again && !this.replaysStopped) this.scheduleTenantReplay(worker, tenantId);
    });
    this.tenantReplays.set(key, entry);
  }

  /** Starts the replays the workers' projections still owe (rows left by a stopped or failed runner). */
  async resumeTenantReplays(workers: readonly Worker[]): Promise<void> {
    this.replaysStopped = false;
    for (const worker of workers) {
      if (worker.projection.replayOnErasure !== true) continue;
      for (const tenantId of (await heldTenants(this.pool, worker.projection.name)).keys()) {
        this.scheduleTenantReplay(worker, tenantId);
      }
    }
  }

  /** Resolves when no replay of the named projections runs (or is due) in this runner. */
  async drainTenantReplays(names: readonly string[]): Promise<void> {
    for (;;) {
      const running = [...this.tenantReplays.values()].filter((entry) => names.includes(entry.projection));
      if (running.length === 0) return;
      await Promise.all(running.map((entry) => entry.run));
    }
  }

  /** Stops the replays: one in flight rolls back at its next page; its row stays for the next runner. */
  async stopTenantReplays(): Promise<void> {
    this.replaysStopped = true;
    await Promise.all([...this.tenantReplays.values()].map((entry) => entry.run));
  }

  /**
   * One replay of `tenantId` for `worker`'s projection, as short transactions (a long one would hold every
   * reader of the log back: the log is read below the oldest running transaction of the server, docs/
   * operations.md "Long transactions hold the log back"). Each step serialises with any other replay of the
   * same projection and tenant (an advisory lock) and with the projection's batches that meet another erasure
   * of the tenant (the request's row); see `replayStep`.
   */
  private async replayTenant(worker: Worker, tenantId: string): Promise<void> {
    for (;;) {
      if (this.replaysStopped) throw new Error('the runner stops: the replay goes on where it got to');
      if ((await this.replayStep(worker, tenantId)) === 'done') return;
    }
  }

  /**
   * One step, one transaction: the first deletes the tenant's rows; each next one replays a page of the
   * tenant's log up to the projection's checkpoint and records how far it got (`replayed_to`); the last, with
   * the checkpoint row locked (the projection's next batch waits for it), replays what the projection committed
   * meanwhile and deletes the request. Until then the tenant's read models are being rebuilt (the erased data is
   * gone from the first step on), and its readers' waits for a position past the erasure wait for the last
   * step. A later erasure of the tenant resets the request (`holdTenant`): the next step deletes again.
   */
  private async replayStep(worker: Worker, tenantId: string): Promise<'done' | 'more'> {
    const { projection } = worker;
    const name = projection.name;
    return this.withClient(async (client) => {
      const request = async (lock: boolean) =>
        (
          await client.query<{ erasure_position: string; replayed_to: string | null }>(
            `select erasure_position, replayed_to from ${TENANT_REPLAYS_TABLE}
              where projection = $1 and tenant_id = $2${lock ? ' for update' : ''}`,
            [name, tenantId],
          )
        ).rows[0];
      const progress = (to: Position) =>
        client.query(
          `update ${TENANT_REPLAYS_TABLE} set replayed_to = $3 where projection = $1 and tenant_id = $2`,
          [name, tenantId, to],
        );
      await client.query('begin; set local synchronous_commit = off');
      await client.query('select pg_advisory_xact_lock($1, hashtext($2))', [
        TENANT_REPLAY_LOCK_NAMESPACE,
        `${name}/${tenantId}`,
      ]);
      const seen = await request(false);
      if (!seen) {
        await client.query('rollback');
        return 'done';
      }
      const reached = (await readCheckpoints(client, [name])).get(name)?.position ?? START;
      const last = seen.replayed_to !== null && seen.replayed_to >= reached;
      // the last step locks the checkpoint row before the request's, in the order the batches lock them
      const locked = last
        ? (((
            await client.query<{ position: string }>(
              `select position from projection_checkpoints where name = $1 for update`,
              [name],
            )
          ).rows[0]?.position ?? START) as Position)
        : null;
      const now = await request(true);
      if (!now || now.erasure_position !== seen.erasure_position || now.replayed_to !== seen.replayed_to) {
        await client.query('rollback');
        return now ? 'more' : 'done';
      }
      if (now.replayed_to === null) {
        for (const table of projection.tables ?? []) {
          await client.query(`delete from ${table} where tenant_id = $1`, [tenantId]);
        }
        await progress(START);
      } else if (locked === null) {
        const to = await this.replayPage(worker, client, tenantId, now.replayed_to, reached, {
          shared: now.erasure_position,
        });
        await progress(to);
      } else {
        let from = now.replayed_to as Position;
        while (from < locked) from = await this.replayPage(worker, client, tenantId, from, locked, {});
        await client.query(`delete from ${TENANT_REPLAYS_TABLE} where projection = $1 and tenant_id = $2`, [
          name,
          tenantId,
        ]);
      }
      await client.query('commit');
      if (locked === null) return 'more';
      this.committed.notify();
      return 'done';
    });
  }

  /**
   * Applies the tenant's next page of events after `from`, those up to `upTo`, to the projection; answers how
   * far that got. With `shared` (the erasure's position) the page comes from the pages the projections
   * replaying that erasure share.
   */
  private async replayPage(
    worker: Worker,
    client: pg.PoolClient,
    tenantId: string,
    from: Position,
    upTo: Position,
    options: { shared?: Position },
  ): Promise<Position> {
    const page = options.shared
      ? await this.replayPages.read(tenantId, options.shared, from, this.replayingProjections)
      : await this.store.readAll(from, this.replayPageSize, { tenantId });
    const inRange = page.events.filter((event) => event.position <= upTo);
    const applicable = inRange.filter((event) => worker.types.has(event.type));
    if (applicable.length > 0) await worker.projection.apply(client, applicable);
    // the whole page was in range and the log goes on: the next page starts after it
    return page.events.length > 0 && inRange.length === page.events.length && page.position < upTo
      ? page.position
      : upTo;
  }
}
