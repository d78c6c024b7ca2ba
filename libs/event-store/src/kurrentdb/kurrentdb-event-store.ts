import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START as KURRENT_START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type CurrentStreamState,
  type EventData,
  type Position as KurrentPosition,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
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
import { CatchUpSubscription } from '../catch-up-subscription.js';
import type { ChainedEvent, ChainSource, StreamHead } from '../chain/chain.port.js';
import { CHAIN_HASH_METADATA_KEY, chainHash, contentDigest } from '../chain/event-hash.js';
import { START, parsePosition, toPosition, type Position } from '../position.js';
import { connectKurrentDB, type KurrentClient, type KurrentLiveFeed } from './kurrentdb-client.js';

export interface KurrentDBEventStoreOptions {
  /** fallback polling interval of subscriptions when the server's live notification is quiet (ms) */
  pollIntervalMs?: number;
  /**
   * how far back an append that carries an idempotency key looks for its event ids (idempotent retries);
   * default 4,096 events of the stream
   */
  idempotencyWindow?: number;
  /** how long a subscription keeps retrying reads that fail with a transient error before giving up (default 30 s) */
  readRetryMs?: number;
  /** first delay before resubscribing the live feed after it failed; doubles up to 10 s (default 250 ms) */
  liveRetryDelayMs?: number;
  /** problems the store recovers from on its own (live feed lost, read retried) */
  onWarning?: (message: string, error?: unknown) => void;
}

/** Port position <-> KurrentDB (commit, prepare) position: the same two numbers, in the same order. */
export const fromKurrentPosition = (position: KurrentPosition): Position =>
  toPosition(position.commit, position.prepare);

export const toKurrentPosition = (position: Position): KurrentPosition => {
  const { major, minor } = parsePosition(position);
  return { commit: major, prepare: minor };
};

/** The port's expected version (1-based versions) as KurrentDB's stream state (0-based revisions). */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (!Number.isInteger(expected) || expected < 0)
    throw new RangeError(`bad expected version ${String(expected)}`);
  return expected === 0 ? NO_STREAM : BigInt(expected - 1);
}

/** KurrentDB's "actual state" of a stream as the port's version (events in the stream). */
export const versionOfState = (state: CurrentStreamState | undefined): number =>
  state === undefined || state === NO_STREAM ? 0 : Number(state) + 1;

/**
 * The account the store connects with may not read `$all` (a secure server: only `$admins` may by default).
 * Subscriptions, projections and the readiness check need it.
 */
export class KurrentAccessDeniedError extends Error {
  readonly code = 'EVENT_STORE.ACCESS_DENIED';
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(
      `KurrentDB refused ${operation}: the account of EVENTSTORE_CONNECTION_STRING may not read $all. ` +
        'Connect as a member of $admins, or name the account in the read ACL ($r) of $all ' +
        '(see README, "Event stores")',
      { cause },
    );
  }
}

/** Errors of a read that a retry can cure: the server or a cluster node is (briefly) not reachable. */
const TRANSIENT_ERROR_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function isTransientKurrentError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  return (
    (typeof type === 'string' && TRANSIENT_ERROR_TYPES.has(type)) ||
    (typeof code === 'string' && TRANSIENT_NODE_CODES.has(code))
  );
}

const isAccessDenied = (error: unknown): boolean =>
  error instanceof Error && (error as { type?: unknown }).type === 'access-denied';

/** the smallest page of a backward search for event ids; doubles up to the window */
const FIRST_ID_PAGE = 32;
/** attempts of an append with an idempotency key that lost a race to another writer of the same stream */
const APPEND_ATTEMPTS = 3;
/** attempts of an append without a key (expected version any) that lost a race for the stream's chain */
const UNKEYED_APPEND_ATTEMPTS = 20;
/** pages a readAll reads over events that are not ours before it hands back its progress */
const MAX_SKIPPED_PAGES = 20;

interface ReadPage extends ReadAllResult {
  /** the read reached the end of the log (a short page) */
  end: boolean;
}

interface Known {
  version: number;
  position: Position;
}

/**
 * The event store port on KurrentDB / EventStoreDB, through the official client `@kurrent/kurrentdb-client`
 * (the maintained continuation of `@eventstore/db-client`), behind the narrow seam `KurrentClient`.
 * Positions are KurrentDB's (commit, prepare) pair in the port's string form; versions are revisions + 1;
 * only JSON events with our metadata (a tenant) outside `$`-streams are returned, everything else in `$all` is
 * stepped over. Read models and checkpoints stay in PostgreSQL.
 *
 * What an append promises (README, "Event stores"):
 * - version and position come from the server's reply to the append, never from a read-back;
 * - an append whose events carry `metadata.idempotencyKey` is checked against the stream's last
 *   `idempotencyWindow` events (ids only, on the leader, stopping as soon as every id is found): all ids found
 *   answers the first write (`duplicate: true`), some found is refused. The append is then made at the
 *   version the check saw, so a concurrent writer makes it look again instead of writing past it unchecked;
 * - without a key, the append is made at the exact version the store read before it (the chain links each
 *   event to the stream's last hash), also for `any` and `stream_exists`: a concurrent writer makes it read
 *   again and retry (up to UNKEYED_APPEND_ATTEMPTS); the server's own de-duplication recognises a re-append of
 *   the same ids at that version; the callers give random event ids then, so a re-append cannot occur;
 * - the tenant of the stream is checked against its last event, read on the leader (one event).
 * Stream reads (`readStream`, `streamVersion`) are served by the leader too: they feed write decisions.
 */
export class KurrentDBEventStore implements EventStore, ChainSource {
  readonly kind = 'kurrentdb' as const;
  /** KurrentDB assigns position and time after the write: the hash has neither (docs/audit.md) */
  readonly hashesPosition = false;
  private readonly client: KurrentClient;
  private readonly pollIntervalMs: number;
  private readonly window: number;
  private readonly readRetryMs: number;
  private readonly liveRetryDelayMs: number;
  private readonly onWarning: ((message: string, error?: unknown) => void) | undefined;
  private readonly subscriptions = new Set<KurrentSubscription>();
  /** per tenant: the ids of its streams seen so far and how far the log was read for them (streamIds) */
  private readonly streamsSeen = new Map<string, { ids: Set<string>; position: Position }>();

  constructor(connection: string | KurrentClient, options: KurrentDBEventStoreOptions = {}) {
    this.client = typeof connection === 'string' ? connectKurrentDB(connection) : connection;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.window = Math.max(1, options.idempotencyWindow ?? 4096);
    this.readRetryMs = options.readRetryMs ?? 30_000;
    this.liveRetryDelayMs = options.liveRetryDelayMs ?? 250;
    this.onWarning = options.onWarning;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion = 'any',
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const requested = toStreamState(expected);
    const tenantId = events[0]!.metadata.tenantId;
    if (events.some((event) => event.metadata.tenantId !== tenantId))
      throw new StreamTenantMismatchError(streamId, tenantId, null);
    const keyed = events.some((event) => typeof event.metadata.idempotencyKey === 'string');
    const ids = events.map((event) => event.id);
    const exact = requested !== ANY && requested !== STREAM_EXISTS;

    for (let attempt = 1; ; attempt++) {
      let streamState = requested;
      // the chain (docs/audit.md): the append continues from the stream's last event, so it is made at the
      // version where that event was seen; a writer in between makes the server refuse, and we look again
      let seen: { version: number; hash: string | null };
      if (keyed) {
        const found = await this.findIds(streamId, ids);
        this.checkTenant(streamId, tenantId, found.tenantId);
        const duplicate = this.duplicateOf(streamId, ids, found.found);
        if (duplicate) return duplicate;
        seen = { version: found.version, hash: found.lastHash };
      } else {
        const last = await this.lastRecord(streamId);
        this.checkTenant(streamId, tenantId, last.event?.metadata.tenantId ?? null);
        seen = { version: last.version, hash: last.hash };
      }
      if (!exact && (requested === ANY || seen.version > 0))
        streamState = seen.version === 0 ? NO_STREAM : BigInt(seen.version - 1);

      try {
        const reply = await this.client.appendToStream(streamId, this.chained(streamId, events, seen), {
          streamState,
        });
        const version = Number(reply.nextExpectedRevision) + 1;
        if (reply.position) {
          this.wakeAll();
          return { streamId, version, position: fromKurrentPosition(reply.position), duplicate: false };
        }
        // no position: the server recognised a re-append of the same ids at the same expected version (older
        // servers report no position then) and names the last revision of the first write: its position is
        // that event's
        return {
          streamId,
          version,
          position: await this.positionAt(streamId, reply.nextExpectedRevision),
          duplicate: true,
        };
      } catch (error) {
        if (!(error instanceof KurrentWrongExpectedVersionError)) throw error;
        const actual = versionOfState(error.actualState);
        if (streamState !== requested && attempt < (keyed ? APPEND_ATTEMPTS : UNKEYED_APPEND_ATTEMPTS))
          continue;
        if (keyed) {
          // the same request may have been written meanwhile by another process
          const duplicate = this.duplicateOf(streamId, ids, (await this.findIds(streamId, ids)).found);
          if (duplicate) return duplicate;
        }
        throw new WrongExpectedVersionError(streamId, expected, actual);
      }
    }
  }

  /** The events as written: each with its hash in the metadata, chained from the stream's last event. */
  private chained(
    streamId: string,
    events: readonly NewEvent[],
    seen: { version: number; hash: string | null },
  ): EventData[] {
    let prev = seen.hash;
    return events.map((event, index) => {
      const hash = chainHash({
        prev,
        position: null,
        stream: streamId,
        version: seen.version + 1 + index,
        time: null,
        content: contentDigest(event.type, event.data, event.metadata),
      });
      prev = hash;
      return jsonEvent({
        id: event.id,
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: { ...event.metadata, [CHAIN_HASH_METADATA_KEY]: hash },
      });
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = Math.max(1, options.fromVersion ?? 1);
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    if (to < from) return [];
    const read: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(from - 1),
        maxCount: BigInt(Math.min(to - from + 1, Number.MAX_SAFE_INTEGER)),
        // a stream's history feeds the next write decision (the command layer's expected version)
        requiresLeader: true,
      })) {
        const event = toStored(resolved);
        if (event) read.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return read;
  }

  async streamVersion(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1n,
        requiresLeader: true,
      })) {
        // the revision of the last record counts, ours or not
        const recorded = resolved.event;
        if (recorded) return Number(recorded.revision) + 1;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
    return 0;
  }

  async readAll(from: Position, limit: number, options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const { events, position } = await this.readPage(from, limit, options.tenantId);
    return { events, position };
  }

  /** readAll with the hash each event carries in its metadata, for `verify` (docs/audit.md) */
  async readChain(
    from: Position,
    limit: number,
    tenantId?: string,
  ): Promise<{ events: ChainedEvent[]; position: Position }> {
    const { events, position } = await this.readPage(from, limit, tenantId);
    return { events: events.map((event) => ({ event, hash: hashOf(event) })), position };
  }

  async chainHashAt(streamId: string, version: number): Promise<string | null> {
    const [event] = await this.readStream(streamId, { fromVersion: version, toVersion: version });
    return event ? hashOf(event) : null;
  }

  /** KurrentDB keeps no stream heads apart from the events */
  streamHeads(): Promise<StreamHead[] | null> {
    return Promise.resolve(null);
  }

  /**
   * KurrentDB keeps no table of streams per tenant: the tenant's events are read once and then only what
   * follows. Nothing is held back in `$all` (every acknowledged append is readable), so the cached position is
   * safe to resume from.
   */
  async streamIds(tenantId: string, prefix: string): Promise<string[]> {
    const seen = this.streamsSeen.get(tenantId) ?? { ids: new Set<string>(), position: START };
    this.streamsSeen.set(tenantId, seen);
    for (;;) {
      const page = await this.readPage(seen.position, 1000, tenantId);
      for (const event of page.events) seen.ids.add(event.streamId);
      seen.position = page.position;
      if (page.end) break;
    }
    return [...seen.ids].filter((id) => id.startsWith(prefix)).sort();
  }

  async tenants(): Promise<string[]> {
    const tenants = new Set<string>();
    let position = START;
    for (;;) {
      const page = await this.readPage(position, 1000);
      for (const event of page.events) tenants.add(event.metadata.tenantId);
      if (page.end) break;
      position = page.position;
    }
    return [...tenants].sort();
  }

  /**
   * @internal
   * Events after `from`, at most `limit`. The cursor moves past every event of `$all` it sees, ours or not
   * (binary, metadata-less, in `$`-streams, another tenant's), so no page of unusable events is read for
   * ever: `position` is the last event returned or, when none is, the last one seen. `end` only on a short
   * page. Over a long run of events that are not ours it hands back its progress (no events, not `end`)
   * after MAX_SKIPPED_PAGES pages.
   */
  async readPage(from: Position, limit: number, tenantId?: string): Promise<ReadPage> {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`readAll: limit must be a positive integer (got ${limit})`);
    const events: StoredEvent[] = [];
    let position = from;
    // KurrentDB starts a read at the given position (inclusive): what sits exactly there was read before
    let cursor: KurrentPosition | typeof KURRENT_START =
      from === START ? KURRENT_START : toKurrentPosition(from);
    const pageSize = Math.max(limit + 1, 100);
    try {
      for (let pages = 1; ; pages++) {
        let seen = 0;
        for await (const resolved of this.client.readAll({
          direction: FORWARDS,
          fromPosition: cursor,
          maxCount: BigInt(pageSize),
          filter: excludeSystemEvents(),
        })) {
          seen++;
          const raw = positionOf(resolved);
          if (!raw) continue;
          const at = fromKurrentPosition(raw);
          if (at <= position) continue;
          position = at;
          const event = toStored(resolved);
          if (!event || (tenantId !== undefined && event.metadata.tenantId !== tenantId)) continue;
          events.push(event);
          if (events.length === limit) return { events, position, end: false };
        }
        if (seen < pageSize) return { events, position: events.at(-1)?.position ?? position, end: true };
        if (events.length === 0 && pages >= MAX_SKIPPED_PAGES) return { events, position, end: false };
        cursor = toKurrentPosition(position);
      }
    } catch (error) {
      throw isAccessDenied(error) ? new KurrentAccessDeniedError('a read of $all', error) : error;
    }
  }

  subscribeToAll(from: Position, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    parsePosition(from);
    const subscription = new KurrentSubscription(this, from, handler, {
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? this.pollIntervalMs,
      eventTypes: options.eventTypes ? new Set(options.eventTypes) : null,
      tenantId: options.tenantId,
      readRetryMs: this.readRetryMs,
      liveRetryDelayMs: this.liveRetryDelayMs,
    });
    this.subscriptions.add(subscription);
    void subscription.finished.then(() => this.subscriptions.delete(subscription));
    subscription.start();
    return subscription;
  }

  async headPosition(): Promise<Position> {
    try {
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1n,
        filter: excludeSystemEvents(),
      })) {
        const raw = positionOf(resolved);
        if (raw) return fromKurrentPosition(raw);
      }
    } catch (error) {
      throw isAccessDenied(error) ? new KurrentAccessDeniedError('a read of $all', error) : error;
    }
    return START;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /** @internal */
  liveFeed(): KurrentLiveFeed {
    return this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
  }

  /** @internal */
  warn(message: string, error?: unknown): void {
    this.onWarning?.(message, error);
  }

  /** @internal wakes the subscriptions of this store at once after its own appends */
  wakeAll(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  private checkTenant(streamId: string, tenantId: string, streamTenant: string | null): void {
    if (streamTenant !== null && streamTenant !== tenantId)
      throw new StreamTenantMismatchError(streamId, tenantId, streamTenant);
  }

  /** all ids known: the first write's answer (its highest version); some known: refused; none: null */
  private duplicateOf(
    streamId: string,
    ids: readonly string[],
    found: Map<string, Known>,
  ): AppendResult | null {
    if (found.size === 0) return null;
    if (found.size < new Set(ids).size) throw new IdempotencyMismatchError(streamId, [...found.keys()]);
    let last: Known | null = null;
    for (const known of found.values()) if (!last || known.version > last.version) last = known;
    return { streamId, version: last!.version, position: last!.position, duplicate: true };
  }

  /**
   * Looks for `ids` among the stream's last `window` events, on the leader, newest first, in pages that
   * grow from FIRST_ID_PAGE: a retry finds its ids in the first page. Keeps only ids, versions and positions.
   */
  private async findIds(
    streamId: string,
    ids: readonly string[],
  ): Promise<{
    found: Map<string, Known>;
    version: number;
    tenantId: string | null;
    lastHash: string | null;
  }> {
    const wanted = new Set(ids);
    const found = new Map<string, Known>();
    let version = 0;
    let tenantId: string | null = null;
    let lastHash: string | null = null;
    let from: bigint | typeof END = END;
    let read = 0;
    try {
      for (let page = FIRST_ID_PAGE; read < this.window; page *= 2) {
        const count = Math.min(page, this.window - read);
        let seen = 0;
        let oldest: bigint | null = null;
        const records: AsyncIterable<ResolvedEvent> = this.client.readStream(streamId, {
          direction: BACKWARDS,
          fromRevision: from,
          maxCount: BigInt(count),
          requiresLeader: true,
        });
        for await (const resolved of records) {
          const recorded = resolved.event;
          if (!recorded) continue;
          seen++;
          oldest = recorded.revision;
          const event = toStored(resolved);
          if (version === 0) {
            version = Number(recorded.revision) + 1;
            lastHash = event ? hashOf(event) : null;
          }
          if (tenantId === null && event) tenantId = event.metadata.tenantId;
          if (wanted.has(recorded.id) && event)
            found.set(recorded.id, { version: event.version, position: event.position });
        }
        read += seen;
        if (found.size === wanted.size || seen < count || oldest === null || oldest === 0n) break;
        from = oldest - 1n;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { found, version, tenantId, lastHash };
  }

  /**
   * The stream's last record, on the leader: its version (0 for a stream never written), the event (null when
   * it is not one of ours) and its hash.
   */
  private async lastRecord(
    streamId: string,
  ): Promise<{ version: number; event: StoredEvent | null; hash: string | null }> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1n,
        requiresLeader: true,
      })) {
        const recorded = resolved.event;
        if (!recorded) continue;
        const event = toStored(resolved);
        return { version: Number(recorded.revision) + 1, event, hash: event ? hashOf(event) : null };
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { version: 0, event: null, hash: null };
      throw error;
    }
    return { version: 0, event: null, hash: null };
  }

  /** The log position of the event at `revision`, read on the leader. */
  private async positionAt(streamId: string, revision: bigint): Promise<Position> {
    for await (const resolved of this.client.readStream(streamId, {
      direction: FORWARDS,
      fromRevision: revision,
      maxCount: 1n,
      requiresLeader: true,
    })) {
      const raw = positionOf(resolved);
      if (raw) return fromKurrentPosition(raw);
    }
    throw new Error(`stream ${streamId}: no event at revision ${revision} after an append that named it`);
  }
}

interface KurrentSubscriptionOptions {
  batchSize: number;
  pollIntervalMs: number;
  eventTypes: ReadonlySet<string> | null;
  tenantId: string | undefined;
  readRetryMs: number;
  liveRetryDelayMs: number;
}

/**
 * One catch-up subscription: reads a page after its position, hands the events it wants to the handler
 * (never an empty batch), advances past everything it read, and once at the end waits for the live feed or
 * the polling interval. The server's live subscription only wakes the reader (readAll gives order and
 * exactly-once); when it fails it is resubscribed with a back-off, and the reader woken, since what was
 * appended meanwhile was not signalled. Reads that fail transiently are retried for `readRetryMs`.
 */
class KurrentSubscription extends CatchUpSubscription {
  private live: KurrentLiveFeed | null = null;
  private liveTimer: NodeJS.Timeout | null = null;
  private liveDelay: number;

  constructor(
    private readonly store: KurrentDBEventStore,
    from: Position,
    handler: BatchHandler,
    private readonly options: KurrentSubscriptionOptions,
  ) {
    super(from, handler, {
      readRetryMs: options.readRetryMs,
      isRetryable: isTransientKurrentError,
      warn: (message, error) => store.warn(message, error),
    });
    this.liveDelay = options.liveRetryDelayMs;
  }

  override start(): void {
    this.subscribeLive();
    super.start();
  }

  protected override onStopping(): void {
    this.closeLive();
  }

  protected override onEnded(): void {
    this.closeLive();
  }

  protected async run(): Promise<void> {
    const { batchSize, eventTypes, tenantId } = this.options;
    while (!this.stopped) {
      const wakesBefore = this.wakes;
      const page = await this.retrying(() => this.store.readPage(this.current, batchSize, tenantId));
      if (this.stopped) return;
      const selected = eventTypes ? page.events.filter((event) => eventTypes.has(event.type)) : page.events;
      if (selected.length > 0) await this.handler(selected, page.position);
      this.current = page.position;
      if (!page.end) continue;
      this.markCaughtUp();
      if (this.stopped) return;
      if (this.wakes === wakesBefore) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private subscribeLive(): void {
    if (this.stopped) return;
    let feed: KurrentLiveFeed;
    try {
      feed = this.store.liveFeed();
    } catch (error) {
      this.liveLost(null, error);
      return;
    }
    this.live = feed;
    let lost = false;
    const onLost = (error?: unknown): void => {
      if (lost) return;
      lost = true;
      this.liveLost(feed, error);
    };
    feed.on('data', () => {
      this.liveDelay = this.options.liveRetryDelayMs;
      this.wake();
    });
    feed.on('error', (error) => onLost(error));
    feed.on('end', () => onLost());
    feed.on('close', () => onLost());
  }

  private liveLost(feed: KurrentLiveFeed | null, error: unknown): void {
    if (feed) {
      if (this.live === feed) this.live = null;
      void feed.unsubscribe().catch(() => undefined);
    }
    if (this.stopped || this.liveTimer) return;
    this.store.warn(`live subscription to $all lost, resubscribing in ${this.liveDelay} ms`, error);
    this.liveTimer = setTimeout(() => {
      this.liveTimer = null;
      this.subscribeLive();
      this.wake(); // appends while the feed was down were not signalled
    }, this.liveDelay);
    this.liveDelay = Math.min(this.liveDelay * 2, 10_000);
  }

  private closeLive(): void {
    if (this.liveTimer) {
      clearTimeout(this.liveTimer);
      this.liveTimer = null;
    }
    const feed = this.live;
    this.live = null;
    if (feed) void feed.unsubscribe().catch(() => undefined);
  }
}

/** The log position of a record read from `$all` or a stream (the event's, else the link's or commit's). */
function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): KurrentPosition | null {
  return (
    resolved.event?.position ??
    resolved.link?.position ??
    (resolved.commitPosition !== undefined
      ? { commit: resolved.commitPosition, prepare: resolved.commitPosition }
      : null)
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A recorded KurrentDB event in the port's shape, or null for what is not one of ours: links, binary events,
 * system events and `$`-streams, and events without our metadata (an object naming a tenant), which other
 * programs may write into the same server.
 */
export function toStored(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null {
  const recorded = resolved.event;
  if (!recorded || !recorded.isJson || recorded.type.startsWith('$') || recorded.streamId.startsWith('$'))
    return null;
  const metadata: unknown = recorded.metadata;
  if (!isRecord(metadata) || typeof metadata.tenantId !== 'string') return null;
  const raw = positionOf(resolved);
  if (!raw) return null;
  const { [CHAIN_HASH_METADATA_KEY]: hash, ...rest } = metadata;
  const stored: StoredEvent = {
    id: recorded.id,
    streamId: recorded.streamId,
    version: Number(recorded.revision) + 1,
    position: fromKurrentPosition(raw),
    type: recorded.type,
    data: recorded.data,
    metadata: rest as EventMetadata,
    recordedAt: recorded.created.toISOString(),
  };
  CHAIN_HASHES.set(stored, typeof hash === 'string' ? hash : null);
  return stored;
}

/** the hash each event read carried in its metadata (kept out of the metadata readers see) */
const CHAIN_HASHES = new WeakMap<StoredEvent, string | null>();

/** The hash an event read by this adapter carried (null: none, e.g. written by another program). */
export const hashOf = (event: StoredEvent): string | null => CHAIN_HASHES.get(event) ?? null;
