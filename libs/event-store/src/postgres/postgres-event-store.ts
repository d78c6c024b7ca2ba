import pg from 'pg';
import { guardPool, POOL_DEFAULTS } from '#platform';
import { IdempotencyMismatchError, StreamTenantMismatchError, WrongExpectedVersionError } from '../errors.js';
import type {
  AppendResult,
  BatchHandler,
  EventMetadata,
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
import { APPEND_ERROR_CODES, APPEND_NOTIFY_CHANNEL } from './migrations/index.js';

/** the longest pause between reads while committed events are held back by an older open transaction */
const HELD_BACK_MAX_DELAY_MS = 250;

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
  /** problems the store recovers from on its own (LISTEN connection lost, read retried) */
  onWarning?: (message: string, error?: unknown) => void;
}

/** Anything that runs a query: the pool, or a client inside the caller's transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

interface EventRow {
  seq: string;
  tx: string;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /** ISO-8601, UTC */
  recorded_at: string;
}

interface AppendRow {
  version: number;
  tx_id: string;
  seq: string;
  duplicate: boolean;
}

// The text copy of tx_id must not be named tx_id: ORDER BY would then sort by the text ("999" after "1000").
// recorded_at is formatted by the server: parsing 1,000 timestamps into Dates costs more than the query.
const COLUMNS =
  'seq, tx_id::text as tx, stream_id, version, event_id, type, data, metadata, ' +
  `to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at`;
/** below this transaction id every transaction has ended: rows under it can no longer appear or vanish */
const WATERMARK = 'pg_snapshot_xmin(pg_current_snapshot())';

const SQL = {
  append: 'select version, tx_id, seq, duplicate from append_to_stream($1, $2, $3, $4::jsonb, $5)',
  readStream: `select ${COLUMNS} from events where stream_id = $1 and version between $2 and $3 order by version`,
  streamVersion: 'select version from streams where stream_id = $1',
  readAll:
    `select ${COLUMNS} from events where (tx_id, seq) > ($1::xid8, $2::bigint) and tx_id < ${WATERMARK} ` +
    'order by tx_id, seq limit $3',
  readAllTenant:
    `select ${COLUMNS} from events where tenant_id = $4 and (tx_id, seq) > ($1::xid8, $2::bigint) ` +
    `and tx_id < ${WATERMARK} order by tx_id, seq limit $3`,
  head: `select tx_id::text as tx, seq from events where tx_id < ${WATERMARK} order by tx_id desc, seq desc limit 1`,
  /** committed events a reader cannot see yet because an older transaction is still running */
  heldBack: `select exists (select 1 from events where tx_id >= ${WATERMARK}) as held`,
} as const;

const MAX_VERSION = 2_147_483_647;

/**
 * The PostgreSQL event store (ARCHITECTURE.md "Event store"). Appends are one call of the
 * `append_to_stream` function; the global log is read in `(tx_id, seq)` order below the transaction-id
 * watermark, so a catch-up reader never skips an event that commits late with a lower sequence number.
 * Subscriptions share one LISTEN connection to wake up and poll as a fallback.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly options: Required<Omit<PostgresEventStoreOptions, 'onWarning'>> &
    Pick<PostgresEventStoreOptions, 'onWarning'>;
  private readonly subscriptions = new Set<PgSubscription>();
  private readonly listener: Listener;
  private readonly notifier: Notifier;
  private closed = false;

  constructor(connection: string | pg.Pool, options: PostgresEventStoreOptions = {}) {
    this.options = {
      poolSize: options.poolSize ?? 10,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      batchSize: options.batchSize ?? 500,
      reconnectDelayMs: options.reconnectDelayMs ?? 250,
      readRetryMs: options.readRetryMs ?? 30_000,
      notifyIntervalMs: options.notifyIntervalMs ?? 5,
      onWarning: options.onWarning,
    };
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
      () => this.wakeAll(),
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
    for (let attempt = 1; ; attempt++) {
      try {
        // no NOTIFY inside the append's transaction (it would serialise commits, see append_to_stream):
        // the notifier sends one after the commit, coalescing concurrent appends
        const result = await this.append(this.pool, streamId, events, expected, false);
        if (!result.duplicate && events.length > 0) {
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
    return this.append(db, streamId, events, expected, true);
  }

  private async append(
    db: Queryable,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
    notifyOnCommit: boolean,
  ): Promise<AppendResult> {
    checkExpected(expected);
    const tenantId = events[0]?.metadata?.tenantId ?? null;
    const payload = JSON.stringify(
      events.map((event) => ({ id: event.id, type: event.type, data: event.data, metadata: event.metadata })),
    );
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

  /** true when committed events are held back by an older transaction still running (they will show up) */
  async hasHeldBackEvents(): Promise<boolean> {
    const { rows } = await this.pool.query<{ held: boolean }>({
      name: 'event_store_held_back',
      text: SQL.heldBack,
    });
    return rows[0]?.held ?? false;
  }

  subscribeToAll(from: Position, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    parsePosition(from);
    if (this.closed) throw new Error('the event store is closed');
    const subscription = new PgSubscription(this, from, handler, {
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
    for (const subscription of this.subscriptions) subscription.wake();
  }
}

interface PgSubscriptionOptions {
  batchSize: number;
  pollIntervalMs: number;
  eventTypes: ReadonlySet<string> | null;
  tenantId: string | undefined;
  readRetryMs: number;
}

/**
 * One catch-up subscription: a loop that reads a batch after its position, awaits the handler, advances,
 * and when it has read everything visible waits for a NOTIFY or the polling interval.
 */
class PgSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  readonly done: Promise<void>;
  /** resolves when the loop has ended, however it ended */
  readonly finished: Promise<void>;
  private current: Position;
  private stopped = false;
  private wakes = 0;
  private interruptSleep: (() => void) | null = null;
  private resolveCaughtUp!: () => void;
  private rejectCaughtUp!: (error: unknown) => void;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;
  private isCaughtUp = false;

  constructor(
    private readonly store: PostgresEventStore,
    from: Position,
    private readonly handler: BatchHandler,
    private readonly options: PgSubscriptionOptions,
  ) {
    this.current = from;
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.resolveCaughtUp = resolve;
      this.rejectCaughtUp = reject;
    });
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // a failure is reported through `done`; a caller that only calls stop() must not crash the process
    this.caughtUp.catch(() => undefined);
    this.done.catch(() => undefined);
    this.finished = this.done.then(
      () => undefined,
      () => undefined,
    );
  }

  get position(): Position {
    return this.current;
  }

  start(): void {
    void this.run().then(
      () => {
        this.markCaughtUp(); // stopped before catching up: release whoever waits
        this.resolveDone();
      },
      (error: unknown) => {
        this.stopped = true;
        this.rejectCaughtUp(error);
        this.rejectDone(error);
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.finished;
  }

  wake(): void {
    this.wakes++;
    this.interruptSleep?.();
  }

  private async run(): Promise<void> {
    const { batchSize, pollIntervalMs } = this.options;
    let retryDelay = 0;
    while (!this.stopped) {
      const wakesBefore = this.wakes;
      const { events, position } = await this.read();
      if (this.stopped) return;
      if (events.length > 0) {
        const selected = this.options.eventTypes
          ? events.filter((event) => this.options.eventTypes!.has(event.type))
          : events;
        if (selected.length > 0) await this.handler(selected, position);
        this.current = position;
      }
      if (events.length === batchSize) continue; // more to read
      this.markCaughtUp();
      if (this.stopped) return;
      if (this.wakes !== wakesBefore) {
        retryDelay = 0;
        continue; // something was committed while we read or handled
      }
      // Committed events behind an older, still running transaction show up as soon as it ends, which
      // sends no NOTIFY when it wrote no events: look again soon, backing off to at most 250 ms (a busy server
      // holds readers back often and briefly; a longer back-off let one delivery wait for seconds).
      if (events.length === 0 && (await this.heldBack())) {
        retryDelay = Math.min(
          retryDelay === 0 ? 5 : retryDelay * 2,
          Math.min(pollIntervalMs, HELD_BACK_MAX_DELAY_MS),
        );
        await this.sleep(retryDelay);
      } else {
        retryDelay = 0;
        if (this.wakes === wakesBefore) await this.sleep(pollIntervalMs);
      }
    }
  }

  private async read(): Promise<ReadAllResult> {
    return this.retrying(() =>
      this.store.readAll(
        this.current,
        this.options.batchSize,
        this.options.tenantId !== undefined ? { tenantId: this.options.tenantId } : {},
      ),
    );
  }

  private async heldBack(): Promise<boolean> {
    return this.retrying(() => this.store.hasHeldBackEvents());
  }

  /** retries reads that fail because the connection failed, for up to `readRetryMs`; other errors end the subscription */
  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let delay = 100; ; delay = Math.min(delay * 2, 5000)) {
      try {
        return await work();
      } catch (error) {
        if (!isConnectionError(error) || Date.now() - started > this.options.readRetryMs || this.stopped)
          throw error;
        this.store.warn(`subscription read failed, retrying in ${delay} ms`, error);
        await this.sleep(delay);
        if (this.stopped) throw error;
      }
    }
  }

  private markCaughtUp(): void {
    if (this.isCaughtUp) return;
    this.isCaughtUp = true;
    this.resolveCaughtUp();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const finish = (): void => {
        clearTimeout(timer);
        this.interruptSleep = null;
        resolve();
      };
      timer = setTimeout(finish, ms);
      this.interruptSleep = finish;
    });
  }
}

/**
 * The LISTEN connection shared by the subscriptions of a store: connected while at least one subscription
 * runs, reconnected with a backoff when it drops (the subscriptions keep polling meanwhile, and are woken
 * once it is back, since notifications sent while it was down are lost).
 */
class Listener {
  private client: pg.Client | null = null;
  private users = 0;
  private connecting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private delay: number;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly baseDelayMs: number,
    private readonly onNotify: () => void,
    private readonly warn: (message: string, error?: unknown) => void,
  ) {
    this.delay = baseDelayMs;
  }

  get pid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  acquire(): void {
    this.users++;
    if (this.users === 1) this.connect();
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) void this.disconnect();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.disconnect();
  }

  private wanted(): boolean {
    return !this.closed && this.users > 0;
  }

  private connect(): void {
    if (this.client || this.connecting || this.timer || !this.wanted()) return;
    const client = new pg.Client({ ...this.config, keepAlive: true });
    let lost = false;
    const onLost = (error?: unknown): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.wanted()) return;
      this.warn(`LISTEN connection lost, reconnecting in ${this.delay} ms`, error);
      this.schedule();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', () => this.onNotify());
    this.connecting = (async () => {
      try {
        await client.connect();
        await client.query(`listen ${APPEND_NOTIFY_CHANNEL}`);
        if (lost) return;
        if (!this.wanted()) {
          lost = true;
          await client.end().catch(() => undefined);
          return;
        }
        this.client = client;
        this.delay = this.baseDelayMs;
        this.onNotify(); // anything committed while we were not listening
      } catch (error) {
        onLost(error);
      } finally {
        this.connecting = null;
      }
    })();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, 10_000);
  }

  private async disconnect(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.connecting;
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('notification');
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * Sends the NOTIFY of the store's own appends after they committed, from one connection of its own with
 * synchronous_commit off (a notification is not durable anyway), at most one at a time and at most one per
 * `intervalMs`: appends that complete meanwhile are covered by the next one. A failure only costs readers
 * a poll interval.
 */
class Notifier {
  private client: pg.Client | null = null;
  private sending: Promise<void> | null = null;
  private pending = false;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly intervalMs: number,
    private readonly warn: (message: string, error?: unknown) => void,
  ) {}

  notify(): void {
    if (this.closed) return;
    this.pending = true;
    this.sending ??= this.send().finally(() => {
      this.sending = null;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.sending;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async send(): Promise<void> {
    while (this.pending && !this.closed) {
      this.pending = false;
      try {
        const client = this.client ?? (await this.connect());
        await client.query(`select pg_notify('${APPEND_NOTIFY_CHANNEL}', '')`);
        // stay "sending" for a moment: what is appended meanwhile waits for the next notification
        if (this.intervalMs > 0 && !this.closed)
          await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
      } catch (error) {
        this.warn('NOTIFY after append failed; readers will poll', error);
        const client = this.client;
        this.client = null;
        await client?.end().catch(() => undefined);
        return;
      }
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ ...this.config, keepAlive: true });
    client.on('error', (error) => {
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      this.warn('NOTIFY connection lost', error);
    });
    await client.connect();
    await client.query('set synchronous_commit = off');
    this.client = client;
    return client;
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    version: row.version,
    // both are decimal strings already: the padding of toPosition without its BigInt round trip
    position: `${row.tx.padStart(20, '0')}-${row.seq.padStart(20, '0')}`,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

function checkExpected(expected: ExpectedVersion): void {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isInteger(expected) && expected >= 0 && expected <= MAX_VERSION)
    return;
  throw new RangeError(
    `expected version must be any, no_stream, stream_exists or a version >= 0 (got ${String(expected)})`,
  );
}

function toAppendError(
  error: unknown,
  streamId: string,
  expected: ExpectedVersion,
  tenantId: string | null,
  events: readonly NewEvent[],
): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  const detail = parseDetail(error.detail);
  switch (error.code) {
    case APPEND_ERROR_CODES.wrongExpectedVersion:
      return new WrongExpectedVersionError(streamId, expected, Number(detail.actual));
    case APPEND_ERROR_CODES.idempotencyMismatch:
      return new IdempotencyMismatchError(
        streamId,
        Array.isArray(detail.known) ? detail.known.map(String) : [],
      );
    case APPEND_ERROR_CODES.tenantMismatch:
      return new StreamTenantMismatchError(
        streamId,
        tenantId,
        typeof detail.streamTenantId === 'string' ? detail.streamTenantId : null,
      );
    case '23505':
      // an event id being written at this very moment by a concurrent append to another stream
      if (error.constraint === 'events_event_id_key') {
        return new IdempotencyMismatchError(
          streamId,
          events.map((event) => event.id),
        );
      }
      return error;
    default:
      return error;
  }
}

function parseDetail(detail: string | undefined): Record<string, unknown> {
  if (!detail) return {};
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // SQLSTATE class 08 (connection exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now)
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || CONNECTION_ERROR_CODES.has(code)) return true;
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    error.message,
  );
}
