import type { AppendResult, EventStore, NewEvent, ReadStreamOptions, StoredEvent } from '#event-store';

/**
 * A store for a writer that is alone in its tenant while it writes (the demo seed: a tenant nobody else
 * can reach until the seed is recorded as completed): it keeps in memory every stream it read or wrote, so
 * that loading an aggregate before a command is not a round trip to the database and a decryption of the
 * stream's personal data every time. The demo writes 1,860 times; without it, 3,666 stream reads and 1,625
 * key reads of its 12,167 queries (docs/benchmarks.md, "Start-up: the seed keeps its streams").
 *
 * What it answers is what the store would answer, with one difference: the events of one append share the
 * position of its last event (the store returns only that one). They were committed in one transaction, so
 * waiting for either position is the same wait. Guarded for a writer that turns out not to be alone:
 * - a stream is kept only once it has events (an empty answer is asked again: another writer may create it);
 * - an append that does not continue the kept version exactly (written meanwhile by someone else), a
 *   duplicate, and any failed append (a version conflict among them) drop the stream, so the retry of the
 *   command reads it afresh;
 * - a read that overlapped an append of the same stream is answered but not kept.
 * Everything else is the store's own.
 */
export function keepStreams(store: EventStore): EventStore {
  const streams = new Map<string, readonly StoredEvent[]>();
  /** appends started and finished per stream: a read that saw this change may be older than the stream */
  const changes = new Map<string, number>();
  const changed = (streamId: string) => changes.set(streamId, (changes.get(streamId) ?? 0) + 1);

  const readStream = async (streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> => {
    let events = streams.get(streamId);
    if (!events) {
      const before = changes.get(streamId);
      const read = await store.readStream(streamId);
      if (read.length > 0 && changes.get(streamId) === before && !streams.has(streamId)) {
        streams.set(streamId, read);
      }
      events = read;
    }
    const from = Math.max(options.fromVersion ?? 1, 1);
    const to = options.toVersion ?? Number.POSITIVE_INFINITY;
    return events.filter((event) => event.version >= from && event.version <= to);
  };

  const appendToStream = async (
    streamId: string,
    events: readonly NewEvent[],
    ...rest: unknown[]
  ): Promise<AppendResult> => {
    changed(streamId);
    let result: AppendResult;
    try {
      result = await (store.appendToStream as (...args: unknown[]) => Promise<AppendResult>)(
        streamId,
        events,
        ...rest,
      );
    } catch (error) {
      streams.delete(streamId);
      throw error;
    } finally {
      changed(streamId);
    }
    const kept = streams.get(streamId);
    const before = result.version - events.length;
    const continues = kept ? kept.at(-1)!.version === before : before === 0;
    if (result.duplicate || events.length === 0 || !continues) {
      streams.delete(streamId);
      return result;
    }
    const recordedAt = new Date().toISOString();
    const written = events.map((event, index): StoredEvent => ({
      id: event.id,
      streamId,
      version: before + index + 1,
      position: result.position,
      type: event.type,
      // as the store gives it back: JSON (a field left undefined is absent)
      data: JSON.parse(JSON.stringify(event.data)) as unknown,
      metadata: JSON.parse(JSON.stringify(event.metadata)) as StoredEvent['metadata'],
      recordedAt,
    }));
    streams.set(streamId, kept ? [...kept, ...written] : written);
    return result;
  };

  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readStream') return readStream;
      if (property === 'appendToStream') return appendToStream;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
