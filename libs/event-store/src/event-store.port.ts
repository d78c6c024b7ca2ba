import type { Position } from './position.js';

/** What the writer expects of the stream before the append. */
export type ExpectedVersion =
  /** append whatever the stream's state */
  | 'any'
  /** the stream must not exist yet */
  | 'no_stream'
  /** the stream must already have at least one event */
  | 'stream_exists'
  /** the stream's current version must be exactly this (1 = one event written) */
  | number;

/** Metadata every event carries (ARCHITECTURE.md "Write side"). Data, not a log line. */
export interface EventMetadata {
  /** the acting user */
  actorId: string;
  tenantId: string;
  correlationId: string;
  causationId: string | null;
  /** ISO-8601 instant, given by the caller (never read from a global clock inside the domain) */
  occurredAt: string;
  /** set when the change was made during a working-group meeting */
  meetingId?: string | null;
  /** the Idempotency-Key of the request that wrote the event, if any */
  idempotencyKey?: string | null;
  [extra: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /**
   * client- or server-chosen uuid; appending an id already in the stream is an idempotent no-op. The KurrentDB
   * adapter recognises such a retry only when the events carry `metadata.idempotencyKey` (the command layer
   * derives the ids from the key, and gives random ids without one): see README, "Event stores".
   */
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface StoredEvent<Type extends string = string, Data = unknown> {
  id: string;
  streamId: string;
  /** 1-based version of the event within its stream */
  version: number;
  /** opaque, totally ordered global position */
  position: Position;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /** when the store recorded it */
  recordedAt: string;
}

export interface AppendResult {
  streamId: string;
  /** the stream's version after the append (version of its last event) */
  version: number;
  /** global position of the last event written (or of the first write, when idempotent) */
  position: Position;
  /** true when every event id was already in the stream: nothing was written */
  duplicate: boolean;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
}

export interface ReadAllOptions {
  /** only the events of this tenant (`metadata.tenantId`); the position still orders the whole log */
  tenantId?: string;
}

export interface ReadAllResult {
  events: StoredEvent[];
  /**
   * position to resume from: the last event read; when none was read, the `from` given, or a later position
   * when the adapter stepped over records that are not events of this store (KurrentDB: foreign events)
   */
  position: Position;
}

export interface SubscribeOptions {
  /** events per batch handed to the handler */
  batchSize?: number;
  /** fallback polling interval when no NOTIFY arrives */
  pollIntervalMs?: number;
  /** only these event types (others are skipped, the position still advances) */
  eventTypes?: readonly string[];
  /** only the events of this tenant (`metadata.tenantId`) */
  tenantId?: string;
}

/**
 * A catch-up subscription: reads from its start position, then turns live. The handler is awaited,
 * batches are delivered strictly in global order, each event exactly once per subscription.
 */
export interface Subscription {
  /** position of the last event handed to the handler */
  readonly position: Position;
  /** resolves once the subscription has caught up with the head at least once */
  readonly caughtUp: Promise<void>;
  /** stops after the batch in flight; resolves when stopped */
  stop(): Promise<void>;
  /** rejects when the handler throws or the store fails; the subscription is then stopped */
  readonly done: Promise<void>;
}

export type BatchHandler = (events: StoredEvent[], lastPosition: Position) => Promise<void>;

/** The event store port. Adapters: PostgreSQL (default) and KurrentDB. */
export interface EventStore {
  readonly kind: 'postgres' | 'kurrentdb';
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected?: ExpectedVersion,
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** the stream's current version, 0 when it has no events */
  streamVersion(streamId: string): Promise<number>;
  /** events strictly after `from`, in global order, only those already safe to read (no gaps later) */
  readAll(from: Position, limit: number, options?: ReadAllOptions): Promise<ReadAllResult>;
  subscribeToAll(from: Position, handler: BatchHandler, options?: SubscribeOptions): Subscription;
  /** position of the last event a reader can currently see */
  headPosition(): Promise<Position>;
  /**
   * Position of the latest committed event, readable yet or not: on a store whose readable head can be held back
   * by a transaction still running elsewhere (PostgreSQL), what a caller must wait for to have seen every event
   * committed so far. Stores without such a hold (KurrentDB) leave it out: their head is that position.
   */
  lastCommittedPosition?(): Promise<Position>;
  /**
   * Ids of the tenant's streams whose id starts with `prefix` (`'plan-'`), every committed stream included.
   * For write-side checks: unlike `readAll`, the answer is never held back by a transaction still running
   * elsewhere in the database, so a stream written a moment ago is always in it.
   */
  streamIds(tenantId: string, prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
