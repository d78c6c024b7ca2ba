import {
  KurrentDBClient,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type BACKWARDS,
  type END,
  type EventData,
  type Filter,
  type FORWARDS,
  type Position as KurrentPosition,
  type ResolvedEvent,
  type START,
} from '@kurrent/kurrentdb-client';

/** What an append answers: the stream's last revision after it, and the log position the server reports. */
export interface KurrentAppendResult {
  nextExpectedRevision: bigint;
  /** absent when the server reports none (an idempotent re-append on servers before KurrentDB 25) */
  position?: KurrentPosition;
}

export interface KurrentReadStreamOptions {
  direction: typeof FORWARDS | typeof BACKWARDS;
  fromRevision: bigint | typeof START | typeof END;
  maxCount: bigint;
  /** served by the leader of a cluster (reads that feed a write decision) */
  requiresLeader?: boolean;
}

export interface KurrentReadAllOptions {
  direction: typeof FORWARDS | typeof BACKWARDS;
  fromPosition: KurrentPosition | typeof START | typeof END;
  maxCount: bigint;
  filter?: Filter;
}

/** The server's live subscription, used only as a wake-up signal. */
export interface KurrentLiveFeed {
  on(event: 'data', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  unsubscribe(): Promise<void>;
}

/**
 * The part of `@kurrent/kurrentdb-client` the adapter uses: a narrow seam, so that the adapter's own logic
 * (idempotency, cursor movement, retries, resubscription) is tested against a scripted fake without a server.
 * `connectKurrentDB` is the real implementation; it adds no behaviour of its own.
 */
export interface KurrentClient {
  appendToStream(
    streamId: string,
    events: EventData[],
    options: { streamState: AppendStreamState },
  ): Promise<KurrentAppendResult>;
  readStream(streamId: string, options: KurrentReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: KurrentReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: { fromPosition: typeof END; filter?: Filter }): KurrentLiveFeed;
  dispose(): Promise<void>;
}

/** The real client behind the seam. */
export function connectKurrentDB(connectionString: string): KurrentClient {
  const client = KurrentDBClient.connectionString`${connectionString}`;
  return {
    appendToStream: (streamId, events, options) => client.appendToStream(streamId, events, options),
    readStream: (streamId, options) => client.readStream(streamId, options),
    readAll: (options) => client.readAll(options),
    subscribeToAll: (options) => client.subscribeToAll(options),
    dispose: () => client.dispose(),
  };
}
