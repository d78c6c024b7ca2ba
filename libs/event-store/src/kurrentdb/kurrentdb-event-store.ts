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
import { START, parsePosition, toPosition, type Position } from '../position.js';
import { connectKurrentDB, type KurrentClient } from './kurrentdb-client.js';

export interface KurrentDBEventStoreOptions {
  /** fallback polling interval of subscriptions when the server's live notification is quiet (ms) */
  pollIntervalMs?: number;
  /** how far back an append looks for event ids already written (idempotent retries); default 4,096 */
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
 * The event store port on KurrentDB / EventStoreDB, through the official client `@kurrent/kurrentdb-client`
 * (the maintained continuation of `@eventstore/db-client`). Positions are KurrentDB's (commit, prepare) pair in
 * the port's string form; versions are revisions + 1; system events (`$...`) are never returned. Idempotent
 * retries keep the port's meaning (an append whose ids were all written answers the first write, a partial
 * overlap is refused), checked against the stream's last `idempotencyWindow` events. Read models and
 * checkpoints stay in PostgreSQL.
 */
export class KurrentDBEventStore implements EventStore {
  readonly kind = 'kurrentdb' as const;
  private readonly client: KurrentClient;
  private readonly pollIntervalMs: number;
  private readonly window: number;
  private readonly subscriptions = new Set<Subscription>();

  constructor(connection: string | KurrentClient, options: KurrentDBEventStoreOptions = {}) {
    this.client = typeof connection === 'string' ? connectKurrentDB(connection) : connection;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.window = options.idempotencyWindow ?? 4096;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion = 'any',
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const tenants = new Set(events.map((event) => event.metadata.tenantId));
    const tenantId = events[0]!.metadata.tenantId;
    if (tenants.size > 1) throw new StreamTenantMismatchError(streamId, tenantId, null);

    // idempotency and tenant: what the stream already holds at its end
    const tail = await this.readTail(streamId, this.window);
    const streamTenant = tail[0]?.metadata.tenantId ?? null;
    if (streamTenant !== null && streamTenant !== tenantId) {
      throw new StreamTenantMismatchError(streamId, tenantId, streamTenant);
    }
    const known = new Map(tail.map((event) => [event.id, event]));
    const repeated = events.filter((event) => known.has(event.id));
    if (repeated.length === events.length) {
      const first = known.get(events[0]!.id)!;
      const last = known.get(events.at(-1)!.id)!;
      return { streamId, version: last.version, position: first.position, duplicate: true };
    }
    if (repeated.length > 0) {
      throw new IdempotencyMismatchError(
        streamId,
        repeated.map((event) => event.id),
      );
    }

    try {
      await this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({
            id: event.id,
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: event.metadata,
          }),
        ),
        { streamState: toStreamState(expected) },
      );
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersionError) {
        throw new WrongExpectedVersionError(streamId, expected, versionOfState(error.actualState));
      }
      throw error;
    }
    const [last] = await this.readTail(streamId, 1);
    return { streamId, version: last!.version, position: last!.position, duplicate: false };
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
    const [last] = await this.readTail(streamId, 1);
    return last?.version ?? 0;
  }

  async readAll(from: Position, limit: number, options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const events: StoredEvent[] = [];
    let position = from;
    // KurrentDB starts a read at the given position (inclusive): what sits exactly there was read before
    let cursor: KurrentPosition | typeof KURRENT_START =
      from === START ? KURRENT_START : toKurrentPosition(from);
    const page = Math.max(limit, 100);
    for (;;) {
      let seen = 0;
      let last: Position | null = null;
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition: cursor,
        maxCount: BigInt(page),
        filter: excludeSystemEvents(),
      })) {
        seen++;
        const event = toStored(resolved);
        if (!event || event.position <= position) continue;
        last = event.position;
        if (options.tenantId !== undefined && event.metadata.tenantId !== options.tenantId) continue;
        events.push(event);
        if (events.length === limit) return { events, position: event.position };
      }
      if (last !== null) position = last;
      // a page that was not full: the end of the log
      if (seen < page || last === null) return { events, position: events.at(-1)?.position ?? position };
      cursor = toKurrentPosition(last);
    }
  }

  subscribeToAll(from: Position, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    const batchSize = options.batchSize ?? 500;
    const types = options.eventTypes ? new Set(options.eventTypes) : null;
    let position = from;
    let stopped = false;
    let wake: (() => void) | null = null;
    let resolveCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));
    // the server's live subscription only wakes the reader; readAll gives order and exactly-once
    const live = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    live.on('data', () => wake?.());
    live.on('error', () => undefined);

    const loop = async (): Promise<void> => {
      while (!stopped) {
        const page = await this.readAll(
          position,
          batchSize,
          options.tenantId ? { tenantId: options.tenantId } : {},
        );
        if (page.events.length > 0) {
          const wanted = types ? page.events.filter((event) => types.has(event.type)) : page.events;
          if (wanted.length > 0 || types) await handler(wanted, page.position);
          position = page.position;
          continue;
        }
        resolveCaughtUp();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollIntervalMs ?? this.pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    };
    const done = loop().finally(() => {
      stopped = true;
      void live.unsubscribe().catch(() => undefined);
      this.subscriptions.delete(subscription);
    });
    const subscription: Subscription = {
      get position() {
        return position;
      },
      caughtUp,
      done,
      stop: async () => {
        stopped = true;
        wake?.();
        await done.catch(() => undefined);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1n,
      filter: excludeSystemEvents(),
    })) {
      const event = toStored(resolved);
      if (event) return event.position;
    }
    return START;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /** The last `count` events of a stream, oldest first (empty for a stream never written). */
  private async readTail(streamId: string, count: number): Promise<StoredEvent[]> {
    const tail: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: BigInt(count),
      })) {
        const event = toStored(resolved);
        if (event) tail.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return tail.reverse();
  }
}

/** A recorded KurrentDB event in the port's shape (null for what is not one of ours: links, binary, system). */
export function toStored(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null {
  const recorded = resolved.event;
  if (!recorded || !recorded.isJson || recorded.type.startsWith('$') || recorded.streamId.startsWith('$'))
    return null;
  const raw =
    recorded.position ??
    (resolved.commitPosition !== undefined
      ? { commit: resolved.commitPosition, prepare: resolved.commitPosition }
      : null);
  if (!raw) return null;
  return {
    id: recorded.id,
    streamId: recorded.streamId,
    version: Number(recorded.revision) + 1,
    position: fromKurrentPosition(raw),
    type: recorded.type,
    data: recorded.data,
    metadata: recorded.metadata as unknown as EventMetadata,
    recordedAt: recorded.created.toISOString(),
  };
}
