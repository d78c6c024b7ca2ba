import pg from 'pg';
import { guardPool, POOL_DEFAULTS } from '#platform';
import type {
  AppendResult,
  BatchHandler,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { parsePosition, START, toPosition, type Position } from '../position.js';
import type { ChainedEvent, ChainSource, StreamHead } from '../chain/chain.port.js';
import { contentDigest } from '../chain/event-hash.js';
import { AppendBatcher, type BatchItem } from './append-batcher.js';
import { SharedReads } from './shared-reads.js';
import { checkExpected, MAX_VERSION, toAppendError } from './append-errors.js';
import { SQL, toStoredEvent, type EventRow } from './event-rows.js';
import { Listener } from './listener.js';
import { Notifier } from './notifier.js';
import { PgSubscription } from './pg-subscription.js';

export interface PostgresEventStoreOptions {
  /** size of the pool the store creates from a connection string (default 10) */
  poolSize?: number;
  /** default fallback polling interval of subscriptions (default 500 ms) */
  pollIntervalMs?: number;
  /** default number of events per subscription batch (default 500) */
  batchSize?: number;
  /** first delay before reconnecting a dropped LISTEN connection; doubles up to 10 s (default 250 ms) */
  reconnectDelayMs?: number;
  /**
   * least time between two NOTIFYs this store sends for its own appends (default 5 ms): under load one
   * notification covers the appends of that window. Subscriptions of the same store are woken at once.
   */
  notifyIntervalMs?: number;
  /** how long a subscription keeps retrying reads that fail with a connection error before giving up (default 30 s) */
  readRetryMs?: number;
  /**
   * group commit of `appendToStream` (docs/decisions.md "Concurrent appends share a transaction"): appends
   * that arrive while this many calls run wait and then share one call and one transaction (default 2; 0 turns
   * it off: every append its own call)
   */
  appendConcurrency?: number;
  /** problems the store recovers from on its own (LISTEN connection lost, read retried) */
  onWarning?: (message: string, error?: unknown) => void;
}

/** appends in one shared call at most */
const MAX_APPENDS_PER_CALL = 64;
/** a shared call running longer than this (a stream lock held elsewhere) lets the appends behind it start */
const SLOW_CALL_MS = 20;

/** An append ready for the database: the events as the function takes them (with their content digests). */
interface PreparedAppend {
  streamId: string;
  tenantId: string | null;
  expected: ExpectedVersion;
  events: readonly NewEvent[];
  /** JSON text of the events' array */
  payload: string;
}

/** Anything that runs a query: the pool, or a client inside the caller's transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

interface AppendRow {
  version: number;
  tx_id: string;
  seq: string;
  duplicate: boolean;
}

interface SharedAppendRow extends AppendRow {
  /** 1-based place of the append in the call */
  item: number;
}

/** Checks the expected version and serialises the events with their content digests (docs/audit.md). */
function prepareAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): PreparedAppend {
  checkExpected(expected);
  const payload = JSON.stringify(
    // the content digest is the part of the hash PostgreSQL cannot compute (JCS); it adds the rest
    events.map((event) => ({
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      digest: contentDigest(event.type, event.data, event.metadata),
    })),
  );
  return { streamId, tenantId: events[0]?.metadata?.tenantId ?? null, expected, events, payload };
}
/**
 * The PostgreSQL event store (ARCHITECTURE.md "Event store"). Appends are one call of the
 * `append_to_stream` function; the global log is read in `(tx_id, seq)` order below the transaction-id
 * watermark, so a catch-up reader never skips an event that commits late with a lower sequence number.
 * Subscriptions share one LISTEN connection to wake up and poll as a fallback.
 */
export class PostgresEventStore implements EventStore, ChainSource {
  readonly kind = 'postgres' as const;
  /** the hash covers the position and the time this store assigns (docs/audit.md) */
  readonly hashesPosition = true;
  readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly options: Required<Omit<PostgresEventStoreOptions, 'onWarning'>> &
    Pick<PostgresEventStoreOptions, 'onWarning'>;
  private readonly subscriptions = new Set<PgSubscription>();
  private readonly listener: Listener;
  private readonly notifier: Notifier;
  private readonly batcher: AppendBatcher<PreparedAppend, AppendResult> | null;
  /** the subscriptions' reads, shared when they would ask the same at the same time */
  private readonly sharedReads = new SharedReads(this);
  private closed = false;

  constructor(connection: string | pg.Pool, options: PostgresEventStoreOptions = {}) {
    this.options = {
      poolSize: options.poolSize ?? 10,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      batchSize: options.batchSize ?? 500,
      reconnectDelayMs: options.reconnectDelayMs ?? 250,
      readRetryMs: options.readRetryMs ?? 30_000,
      notifyIntervalMs: options.notifyIntervalMs ?? 5,
      appendConcurrency: options.appendConcurrency ?? 2,
      onWarning: options.onWarning,
    };
    this.batcher =
      this.options.appendConcurrency > 0
        ? new AppendBatcher<PreparedAppend, AppendResult>({
            run: (items) => this.appendShared(items),
            maxInFlight: this.options.appendConcurrency,
            maxBatch: MAX_APPENDS_PER_CALL,
            slowMs: SLOW_CALL_MS,
          })
        : null;
    if (typeof connection === 'string') {
      this.pool = new pg.Pool({ ...POOL_DEFAULTS, connectionString: connection, max: this.options.poolSize });
      this.ownsPool = true;
    } else {
      this.pool = connection;
      this.ownsPool = false;
    }
    // a client that loses its connection (idle or in use) must not crash the process; the next query reconnects
    guardPool(this.pool, (message) => this.warn(message));
    this.listener = new Listener(
      this.pool.options,
      this.options.reconnectDelayMs,
      (sender) => {
        // this store's own notifier only repeats what its appends woke as they committed: a second wake would
        // make every subscription that reads after it read again (docs/decisions.md "Subscriptions share
        // their reads")
        if (sender !== undefined && sender === this.notifier.pid) return;
        this.wakeAll();
      },
      (message, error) => this.warn(message, error),
    );
    this.notifier = new Notifier(this.pool.options, this.options.notifyIntervalMs, (message, error) =>
      this.warn(message, error),
    );
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion = 'any',
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expected);
    if (this.batcher && events.length > 0) return this.batcher.submit(prepared);
    return this.appendAlone(prepared);
  }

  /** One append, its own call and transaction. */
  private async appendAlone(prepared: PreparedAppend): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        // no NOTIFY inside the append's transaction (it would serialise commits, see append_to_stream):
        // the notifier sends one after the commit, coalescing concurrent appends
        const result = await this.append(this.pool, prepared, false);
        if (!result.duplicate && prepared.events.length > 0) {
          this.notifier.notify();
          this.wakeAll();
        }
        return result;
      } catch (error) {
        // a transaction that took its id before the stream's last writer did (see append_to_stream): a
        // fresh transaction gets a newer id. Within one call this needs a very unlucky schedule.
        if (attempt >= 5 || !(error instanceof pg.DatabaseError) || error.code !== '40001') throw error;
      }
    }
  }

  /**
   * The appends the batcher gathered: alone when there is one, else in one call of `append_to_streams` (one
   * transaction). When that call fails, nothing of it was written, and each append is made again on its own
   * (a stream's appends in the order they came), so that each caller gets its own answer: its result, or its own typed error (a wrong expected version of
   * one append does not fail the others). A call whose commit was lost with its connection is repeated the
   * same way, and the repeat answers the first result (event ids make appends idempotent).
   */
  private async appendShared(items: ReadonlyArray<BatchItem<PreparedAppend, AppendResult>>): Promise<void> {
    const alone = (item: BatchItem<PreparedAppend, AppendResult>): Promise<void> =>
      this.appendAlone(item.value).then(
        (result) => item.resolve(result),
        (error: unknown) => item.reject(error),
      );
    if (items.length === 1) return alone(items[0]!);
    let rows: SharedAppendRow[];
    try {
      const appends = items.map(
        ({ value }) =>
          `{"stream":${JSON.stringify(value.streamId)},"tenant":${JSON.stringify(value.tenantId)},` +
          `"expected":${JSON.stringify(String(value.expected))},"events":${value.payload}}`,
      );
      ({ rows } = await this.pool.query<SharedAppendRow>({
        name: 'event_store_append_shared',
        text: SQL.appendShared,
        values: [`[${appends.join(',')}]`],
      }));
      if (rows.length !== items.length) throw new Error('append_to_streams answered another number of rows');
    } catch {
      // streams in parallel, a stream's appends in the order they came (as the shared call made them)
      const byStream = new Map<string, Array<BatchItem<PreparedAppend, AppendResult>>>();
      for (const item of items) {
        const queue = byStream.get(item.value.streamId);
        if (queue) queue.push(item);
        else byStream.set(item.value.streamId, [item]);
      }
      await Promise.all(
        [...byStream.values()].map(async (queue) => {
          for (const item of queue) await alone(item);
        }),
      );
      return;
    }
    let written = false;
    for (const row of rows) {
      const item = items[row.item - 1]!;
      written ||= !row.duplicate;
      item.resolve({
        streamId: item.value.streamId,
        version: row.version,
        position: toPosition(row.tx_id, row.seq),
        duplicate: row.duplicate,
      });
    }
    if (written) {
      this.notifier.notify();
      this.wakeAll();
    }
  }

  /**
   * The same append on a given client, e.g. inside the caller's own transaction (then the events become
   * visible, and readers are notified, when that transaction commits). A failed append aborts that transaction.
   * Besides the typed errors of `appendToStream`, it can fail with a serialization failure (SQLSTATE 40001)
   * when the transaction took its id before another transaction appended to the same stream (the global
   * log must list a stream's events in version order): retry the whole transaction. Appending before the
   * transaction's other writes avoids it. Run it in READ COMMITTED. While the transaction is open, readers of
   * the global log wait for it (nothing written after it started is delivered before it ends): keep it short.
   */
  async appendWith(
    db: Queryable,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion = 'any',
  ): Promise<AppendResult> {
    return this.append(db, prepareAppend(streamId, events, expected), true);
  }

  private async append(
    db: Queryable,
    prepared: PreparedAppend,
    notifyOnCommit: boolean,
  ): Promise<AppendResult> {
    const { streamId, tenantId, expected, events, payload } = prepared;
    let row: AppendRow | undefined;
    try {
      const result = await db.query<AppendRow>({
        name: 'event_store_append',
        text: SQL.append,
        values: [streamId, tenantId, String(expected), payload, notifyOnCommit],
      });
      row = result.rows[0];
    } catch (error) {
      throw toAppendError(error, streamId, expected, tenantId, events);
    }
    if (!row) throw new Error(`append_to_stream returned no row for stream ${streamId}`);
    return {
      streamId,
      version: row.version,
      position: toPosition(row.tx_id, row.seq),
      duplicate: row.duplicate,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'event_store_read_stream',
      text: SQL.readStream,
      values: [
        streamId,
        Math.max(options.fromVersion ?? 1, 1),
        Math.min(options.toVersion ?? MAX_VERSION, MAX_VERSION),
      ],
    });
    return rows.map(toStoredEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>({
      name: 'event_store_stream_version',
      text: SQL.streamVersion,
      values: [streamId],
    });
    return rows[0]?.version ?? 0;
  }

  async readAll(from: Position, limit: number, options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const { major, minor } = parsePosition(from);
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`readAll: limit must be a positive integer (got ${limit})`);
    const tenant = options.tenantId !== undefined;
    const { rows } = await this.pool.query<EventRow>({
      name: tenant ? 'event_store_read_all_tenant' : 'event_store_read_all',
      text: tenant ? SQL.readAllTenant : SQL.readAll,
      values: tenant
        ? [major.toString(), minor.toString(), limit, options.tenantId]
        : [major.toString(), minor.toString(), limit],
    });
    const events = rows.map(toStoredEvent);
    return { events, position: events.at(-1)?.position ?? from };
  }

  async headPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ tx: string; seq: string }>({
      name: 'event_store_head',
      text: SQL.head,
    });
    const row = rows[0];
    return row ? toPosition(row.tx, row.seq) : START;
  }

  async lastCommittedPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ tx: string; seq: string }>({
      name: 'event_store_last_committed',
      text: SQL.lastCommitted,
    });
    const row = rows[0];
    return row ? toPosition(row.tx, row.seq) : START;
  }

  /** readAll with the stored hash of each event, for `verify` (docs/audit.md) */
  async readChain(
    from: Position,
    limit: number,
    tenantId?: string,
  ): Promise<{ events: ChainedEvent[]; position: Position }> {
    const { major, minor } = parsePosition(from);
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`readChain: limit must be a positive integer (got ${limit})`);
    const tenant = tenantId !== undefined;
    const { rows } = await this.pool.query<EventRow & { hash: string | null }>({
      name: tenant ? 'event_store_read_chain_tenant' : 'event_store_read_chain',
      text: tenant ? SQL.readChainTenant : SQL.readChain,
      values: tenant
        ? [major.toString(), minor.toString(), limit, tenantId]
        : [major.toString(), minor.toString(), limit],
    });
    const events = rows.map((row) => ({ event: toStoredEvent(row), hash: row.hash }));
    return { events, position: events.at(-1)?.event.position ?? from };
  }

  async chainHashAt(streamId: string, version: number): Promise<string | null> {
    const { rows } = await this.pool.query<{ hash: string | null }>(SQL.hashAt, [streamId, version]);
    return rows[0]?.hash ?? null;
  }

  async streamHeads(tenantId?: string): Promise<StreamHead[]> {
    const { rows } = await this.pool.query<{
      stream_id: string;
      tenant_id: string | null;
      version: number;
      head_hash: string | null;
    }>(
      tenantId === undefined ? SQL.streamHeads : SQL.streamHeadsTenant,
      tenantId === undefined ? [] : [tenantId],
    );
    return rows.map((row) => ({
      streamId: row.stream_id,
      tenantId: row.tenant_id,
      version: row.version,
      hash: row.head_hash,
    }));
  }

  async streamIds(tenantId: string, prefix: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ stream_id: string }>({
      name: 'event_store_stream_ids',
      text: SQL.streamIds,
      values: [tenantId, prefix],
    });
    return rows.map((row) => row.stream_id);
  }

  /** the tenants that have events */
  async tenants(): Promise<string[]> {
    const { rows } = await this.pool.query<{ tenant_id: string }>(SQL.tenants);
    return rows.map((row) => row.tenant_id);
  }

  /** true when committed events are held back by an older transaction still running (they will show up) */
  async hasHeldBackEvents(): Promise<boolean> {
    const { rows } = await this.pool.query<{ held: boolean }>({
      name: 'event_store_held_back',
      text: SQL.heldBack,
    });
    return rows[0]?.held ?? false;
  }

  /**
   * What a subscription that read everything up to `from` should do next, decided in one snapshot: read again
   * (`readable`: events after `from`, of the tenant when given, are visible now), look again soon (`heldBack`:
   * committed events wait behind an older running transaction, which sends no NOTIFY when it ends), or wait.
   */
  async idleState(from: Position, tenantId?: string): Promise<{ readable: boolean; heldBack: boolean }> {
    const { major, minor } = parsePosition(from);
    const tenant = tenantId !== undefined;
    const { rows } = await this.pool.query<{ readable: boolean; held: boolean }>({
      name: tenant ? 'event_store_idle_tenant' : 'event_store_idle',
      text: tenant ? SQL.idleTenant : SQL.idle,
      values: tenant ? [major.toString(), minor.toString(), tenantId] : [major.toString(), minor.toString()],
    });
    return { readable: rows[0]?.readable ?? false, heldBack: rows[0]?.held ?? false };
  }

  subscribeToAll(from: Position, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    parsePosition(from);
    if (this.closed) throw new Error('the event store is closed');
    const subscription = new PgSubscription(this.sharedReads.source(), from, handler, {
      batchSize: options.batchSize ?? this.options.batchSize,
      pollIntervalMs: options.pollIntervalMs ?? this.options.pollIntervalMs,
      eventTypes: options.eventTypes ? new Set(options.eventTypes) : null,
      tenantId: options.tenantId,
      readRetryMs: this.options.readRetryMs,
    });
    this.subscriptions.add(subscription);
    this.listener.acquire();
    void subscription.finished.then(() => {
      this.subscriptions.delete(subscription);
      this.listener.release();
    });
    subscription.start();
    return subscription;
  }

  /** process id of the LISTEN connection's backend, null when not connected (for tests and diagnostics) */
  get listenerPid(): number | null {
    return this.listener.pid;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await Promise.all([this.listener.close(), this.notifier.close()]);
    if (this.ownsPool) await this.pool.end();
  }

  /** @internal */
  warn(message: string, error?: unknown): void {
    this.options.onWarning?.(message, error);
  }

  private wakeAll(): void {
    this.sharedReads.woke();
    for (const subscription of this.subscriptions) subscription.wake();
  }
}
