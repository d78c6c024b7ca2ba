import { EventEmitter } from 'node:events';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type EventData,
  type Position as KurrentPosition,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type {
  KurrentAppendResult,
  KurrentClient,
  KurrentLiveFeed,
  KurrentReadAllOptions,
  KurrentReadStreamOptions,
} from '../../libs/event-store/src/kurrentdb/kurrentdb-client.js';

/** One record of the fake log, in the shape the client converts the server's records to. */
export interface FakeRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  /** undefined: written without metadata (the client then gives undefined) */
  metadata: unknown;
  created: Date;
  position: KurrentPosition;
}

type Method = 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll';

/** A live subscription of the fake: the test makes it emit data, errors or an end. */
export class FakeLiveFeed extends EventEmitter implements KurrentLiveFeed {
  unsubscribed = false;
  unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.removeAllListeners();
    return Promise.resolve();
  }
}

/**
 * A scripted stand-in for KurrentDB behind the adapter's client seam (`KurrentClient`). It keeps a log with
 * (commit, prepare) positions, reads `$all` from a position inclusively like the server, applies the
 * expected-version rules of an append, and lets a test inject failures, replies and live-feed events. It
 * models the server only as far as the adapter's own logic needs; it is no substitute for the contract suite
 * against a real server.
 */
export class FakeKurrentDB implements KurrentClient {
  readonly log: FakeRecord[] = [];
  readonly calls: { method: Method; stream?: string; options: unknown }[] = [];
  readonly feeds: FakeLiveFeed[] = [];
  private nextPosition = 1000n;
  private readonly failures: { method: Method; error: Error }[] = [];
  /** rewrites the reply of the next appends (e.g. to drop the position) */
  replyOverride: ((reply: KurrentAppendResult) => KurrentAppendResult) | null = null;
  /** runs inside the next append, before it writes (e.g. another writer getting in first) */
  beforeAppend: (() => void) | null = null;

  /** the next call of `method` fails with `error` (queued: several can be scripted) */
  failNext(method: Method, error: Error): void {
    this.failures.push({ method, error });
  }

  /** writes records directly, as another program would (no checks); wakes the live feeds */
  write(
    streamId: string,
    records: Partial<Omit<FakeRecord, 'streamId' | 'revision' | 'position'>>[],
  ): FakeRecord[] {
    const written: FakeRecord[] = [];
    let revision = BigInt(this.streamRecords(streamId).length);
    for (const record of records) {
      const position = this.nextPosition;
      this.nextPosition += 100n;
      const stored: FakeRecord = {
        streamId,
        id: record.id ?? `foreign-${position}`,
        revision: revision++,
        type: record.type ?? 'SomethingForeign',
        isJson: record.isJson ?? true,
        data: record.data ?? {},
        metadata: record.metadata,
        created: record.created ?? new Date('2026-01-01T00:00:00.000Z'),
        position: { commit: position, prepare: position },
      };
      this.log.push(stored);
      written.push(stored);
    }
    // the server tells its live subscriptions
    for (const feed of this.feeds) if (!feed.unsubscribed) feed.emit('data', {});
    return written;
  }

  appendToStream(
    streamId: string,
    events: EventData[],
    options: { streamState: AppendStreamState },
  ): Promise<KurrentAppendResult> {
    this.calls.push({ method: 'appendToStream', stream: streamId, options });
    const failure = this.takeFailure('appendToStream');
    if (failure) return Promise.reject(failure);
    this.beforeAppend?.();
    this.beforeAppend = null;
    const existing = this.streamRecords(streamId);
    const current = existing.length === 0 ? NO_STREAM : BigInt(existing.length - 1);
    const state = options.streamState;
    const ok =
      state === ANY ||
      (state === NO_STREAM && current === NO_STREAM) ||
      (state === STREAM_EXISTS && current !== NO_STREAM) ||
      (typeof state === 'bigint' && current === state);
    if (!ok) {
      return Promise.reject(
        new WrongExpectedVersionError(undefined, { streamName: streamId, expected: state, current }),
      );
    }
    const written = this.write(
      streamId,
      events.map((event) => ({
        id: event.id,
        type: event.type,
        isJson: event.contentType === 'application/json',
        data: event.data,
        metadata: event.metadata,
      })),
    );
    const last = written.at(-1)!;
    let reply: KurrentAppendResult = { nextExpectedRevision: last.revision, position: last.position };
    if (this.replyOverride) reply = this.replyOverride(reply);
    return Promise.resolve(reply);
  }

  readStream(streamId: string, options: KurrentReadStreamOptions): AsyncIterable<ResolvedEvent> {
    this.calls.push({ method: 'readStream', stream: streamId, options });
    const failure = this.takeFailure('readStream');
    const records = this.streamRecords(streamId);
    return (async function* () {
      await Promise.resolve();
      if (failure) throw failure;
      if (records.length === 0) throw new StreamNotFoundError(undefined, streamId);
      const backwards = options.direction === BACKWARDS;
      const ordered = backwards ? [...records].reverse() : records;
      const from =
        options.fromRevision === START
          ? backwards
            ? -1n
            : 0n
          : options.fromRevision === END
            ? backwards
              ? BigInt(records.length - 1)
              : BigInt(records.length)
            : options.fromRevision;
      let count = 0n;
      for (const record of ordered) {
        if (count >= options.maxCount) return;
        if (backwards ? record.revision > from : record.revision < from) continue;
        count++;
        yield { event: toRecorded(record) };
      }
    })();
  }

  readAll(options: KurrentReadAllOptions): AsyncIterable<AllStreamResolvedEvent> {
    this.calls.push({ method: 'readAll', options });
    const failure = this.takeFailure('readAll');
    const log = [...this.log];
    return (async function* () {
      await Promise.resolve();
      if (failure) throw failure;
      const backwards = options.direction === BACKWARDS;
      const ordered = backwards ? log.reverse() : log;
      const regex =
        options.filter && 'regex' in options.filter && options.filter.regex
          ? new RegExp(options.filter.regex)
          : null;
      let count = 0n;
      for (const record of ordered) {
        if (count >= options.maxCount) return;
        const from = options.fromPosition;
        if (from !== START && from !== END) {
          // inclusive, like the server
          if (!backwards && comparePosition(record.position, from) < 0) continue;
          if (backwards && comparePosition(record.position, from) > 0) continue;
        }
        if (from === END && !backwards) return;
        if (regex && !regex.test(record.type)) continue;
        count++;
        yield { event: toRecorded(record), commitPosition: record.position.commit };
      }
    })();
  }

  subscribeToAll(options: { fromPosition: typeof END }): KurrentLiveFeed {
    this.calls.push({ method: 'subscribeToAll', options });
    const feed = new FakeLiveFeed();
    const failure = this.takeFailure('subscribeToAll');
    if (failure) setImmediate(() => feed.emit('error', failure));
    this.feeds.push(feed);
    return feed;
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }

  /** the live feeds still subscribed */
  get activeFeeds(): FakeLiveFeed[] {
    return this.feeds.filter((feed) => !feed.unsubscribed);
  }

  private streamRecords(streamId: string): FakeRecord[] {
    return this.log.filter((record) => record.streamId === streamId);
  }

  private takeFailure(method: Method): Error | null {
    const index = this.failures.findIndex((failure) => failure.method === method);
    if (index < 0) return null;
    return this.failures.splice(index, 1)[0]!.error;
  }
}

function toRecorded(record: FakeRecord): NonNullable<AllStreamResolvedEvent['event']> {
  return { ...record } as unknown as NonNullable<AllStreamResolvedEvent['event']>;
}

function comparePosition(a: KurrentPosition, b: KurrentPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare < b.prepare ? -1 : a.prepare > b.prepare ? 1 : 0;
}
