import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { IdempotencyMismatchError, WrongExpectedVersionError } from './errors.js';
import type { EventStore, ExpectedVersion, NewEvent, StoredEvent, Subscription } from './event-store.port.js';
import {
  comparePositions,
  InvalidPositionError,
  isPosition,
  parsePosition,
  START,
  toPosition,
  type Position,
} from './position.js';

/**
 * The behaviour every EventStore adapter must have. Usage, in an adapter's integration test:
 *
 *     describeEventStoreContract('postgres', async () => ({ store, cleanup }));
 *
 * `create` is called once for the suite; the suite only relies on the streams it writes itself (random ids),
 * so the store may hold other events. Reads of the global log are retried for a while, because an adapter
 * may legitimately hold recent events back until it is sure nothing can commit before them.
 */
export function describeEventStoreContract(
  name: string,
  create: () => Promise<{ store: EventStore; cleanup(): Promise<void> }>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void> = () => Promise.resolve();
    const tenantId = `tenant-${randomUUID()}`;

    beforeAll(async () => {
      const created = await create();
      store = created.store;
      cleanup = () => created.cleanup();
    });

    afterAll(async () => {
      await cleanup();
    });

    const stream = (label = 'stream'): string => `contract-${label}-${randomUUID()}`;
    const event = (type = 'ThingHappened', data: unknown = { n: Math.random() }): NewEvent => ({
      id: randomUUID(),
      type,
      data,
      metadata: {
        actorId: 'user-1',
        tenantId,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: '2026-01-01T10:00:00.000Z',
      },
    });
    const events = (count: number, type?: string): NewEvent[] =>
      Array.from({ length: count }, () => event(type));
    /** the events of one request sent with an Idempotency-Key, as the command layer writes them */
    const retriable = (count: number): NewEvent[] => {
      const idempotencyKey = randomUUID();
      return events(count).map((e) => ({ ...e, metadata: { ...e.metadata, idempotencyKey } }));
    };

    /** reads the global log after `from` until every id in `ids` was seen (or times out); returns those events */
    async function readAllUntil(
      from: Position,
      ids: readonly string[],
      pageSize = 1000,
    ): Promise<StoredEvent[]> {
      const wanted = new Set(ids);
      const found: StoredEvent[] = [];
      let position = from;
      const deadline = Date.now() + 20_000;
      while (found.length < wanted.size) {
        const page = await store.readAll(position, pageSize);
        for (const stored of page.events) if (wanted.has(stored.id)) found.push(stored);
        position = page.position;
        if (page.events.length < pageSize && found.length < wanted.size) {
          if (Date.now() > deadline)
            throw new Error(`readAll: only ${found.length} of ${wanted.size} events showed up`);
          await delay(25);
        }
      }
      return found;
    }

    async function expectWrongVersion(
      streamId: string,
      batch: NewEvent[],
      expected: ExpectedVersion,
      actual: number,
    ): Promise<void> {
      const error = await failure(store.appendToStream(streamId, batch, expected));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      const typed = error as WrongExpectedVersionError;
      expect(typed.code).toBe('STREAM.WRONG_EXPECTED_VERSION');
      expect(typed.streamId).toBe(streamId);
      expect(typed.expected).toBe(expected);
      expect(typed.actual).toBe(actual);
      // nothing was written
      expect(await store.streamVersion(streamId)).toBe(actual);
      expect(await store.readStream(streamId)).toHaveLength(actual);
    }

    describe('append', () => {
      it('appends one event and reads it back with its version, position, data and metadata', async () => {
        const streamId = stream();
        const written = event('PlanCreated', {
          title: 'Plan 2026',
          nested: { list: [1, 'two', null], flag: true },
        });
        const result = await store.appendToStream(streamId, [written], 'no_stream');
        expect(result).toEqual({ streamId, version: 1, position: expect.any(String), duplicate: false });
        expect(isPosition(result.position)).toBe(true);

        const [stored, ...rest] = await store.readStream(streamId);
        expect(rest).toHaveLength(0);
        expect(stored).toEqual({
          id: written.id,
          streamId,
          version: 1,
          position: result.position,
          type: 'PlanCreated',
          data: written.data,
          metadata: expect.objectContaining(written.metadata),
          recordedAt: expect.any(String),
        });
        expect(new Date(stored!.recordedAt).toISOString()).toBe(stored!.recordedAt);
        expect(await store.streamVersion(streamId)).toBe(1);
      });

      it('appends many events atomically, with consecutive versions and increasing positions', async () => {
        const streamId = stream();
        await store.appendToStream(streamId, events(2));
        const batch = events(3);
        const result = await store.appendToStream(streamId, batch, 2);
        expect(result.version).toBe(5);
        expect(result.duplicate).toBe(false);

        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
        expect(stored.slice(2).map((e) => e.id)).toEqual(batch.map((e) => e.id));
        expect(result.position).toBe(stored[4]!.position);
        expectIncreasing(stored.map((e) => e.position));
      });

      it('knows no events and version 0 for a stream never written', async () => {
        const streamId = stream();
        expect(await store.streamVersion(streamId)).toBe(0);
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('fails a batch as a whole: a rejected append of many events writes none of them', async () => {
        const streamId = stream();
        await store.appendToStream(streamId, events(1));
        await expectWrongVersion(streamId, events(4), 3, 1);
      });
    });

    describe('expected version', () => {
      it('any: appends to a new and to an existing stream', async () => {
        const streamId = stream();
        expect((await store.appendToStream(streamId, events(1), 'any')).version).toBe(1);
        expect((await store.appendToStream(streamId, events(2), 'any')).version).toBe(3);
        expect((await store.appendToStream(streamId, events(1))).version).toBe(4); // 'any' is the default
      });

      it('no_stream: appends to a new stream, fails on an existing one with the actual version', async () => {
        const streamId = stream();
        expect((await store.appendToStream(streamId, events(2), 'no_stream')).version).toBe(2);
        await expectWrongVersion(streamId, events(1), 'no_stream', 2);
      });

      it('stream_exists: fails on a new stream with actual version 0, appends to an existing one', async () => {
        const streamId = stream();
        await expectWrongVersion(streamId, events(2), 'stream_exists', 0);
        await store.appendToStream(streamId, events(1));
        expect((await store.appendToStream(streamId, events(1), 'stream_exists')).version).toBe(2);
      });

      it('exact version: appends when it matches, fails with the actual version when stale or ahead', async () => {
        const streamId = stream();
        expect((await store.appendToStream(streamId, events(1), 0)).version).toBe(1);
        expect((await store.appendToStream(streamId, events(2), 1)).version).toBe(3);
        await expectWrongVersion(streamId, events(2), 1, 3); // stale
        await expectWrongVersion(streamId, events(1), 7, 3); // ahead
        expect((await store.appendToStream(streamId, events(1), 3)).version).toBe(4);
      });

      it('exact version 0 fails on a stream that has events', async () => {
        const streamId = stream();
        await store.appendToStream(streamId, events(1));
        await expectWrongVersion(streamId, events(1), 0, 1);
      });
    });

    describe('idempotency', () => {
      it('answers a re-append of the same events with the first result and writes nothing', async () => {
        const streamId = stream();
        const batch = retriable(3);
        const first = await store.appendToStream(streamId, batch, 'no_stream');
        await store.appendToStream(streamId, events(2)); // the stream moves on

        for (const expected of ['no_stream', 'any', 0, 3, 'stream_exists'] as ExpectedVersion[]) {
          const again = await store.appendToStream(streamId, batch, expected);
          expect(again).toEqual({ ...first, duplicate: true });
        }
        expect(await store.streamVersion(streamId)).toBe(5);
        expect(await store.readStream(streamId)).toHaveLength(5);
      });

      it('answers a re-append of one event of an earlier batch with that write', async () => {
        const streamId = stream();
        const batch = retriable(2);
        await store.appendToStream(streamId, batch);
        const stored = await store.readStream(streamId);
        const again = await store.appendToStream(streamId, [batch[0]!]);
        expect(again).toEqual({ streamId, version: 1, position: stored[0]!.position, duplicate: true });
      });

      it('rejects an append whose ids were partly written before, and writes nothing', async () => {
        const streamId = stream();
        const [a, b, c] = retriable(3);
        await store.appendToStream(streamId, [a!, b!]);
        const error = await failure(store.appendToStream(streamId, [b!, c!]));
        expect(error).toBeInstanceOf(IdempotencyMismatchError);
        expect((error as IdempotencyMismatchError).code).toBe('STREAM.IDEMPOTENCY_MISMATCH');
        expect((error as IdempotencyMismatchError).streamId).toBe(streamId);
        expect((error as IdempotencyMismatchError).knownIds).toContain(b!.id);
        expect((await store.readStream(streamId)).map((e) => e.id)).toEqual([a!.id, b!.id]);
      });
    });

    describe('readStream', () => {
      it('reads a stream in version order, from and to a version (both inclusive)', async () => {
        const streamId = stream();
        const batch = events(6);
        await store.appendToStream(streamId, batch.slice(0, 2));
        await store.appendToStream(stream('other'), events(1));
        await store.appendToStream(streamId, batch.slice(2));

        const all = await store.readStream(streamId);
        expect(all.map((e) => e.id)).toEqual(batch.map((e) => e.id));
        expect(all.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(all.every((e) => e.streamId === streamId)).toBe(true);

        expect((await store.readStream(streamId, { fromVersion: 3 })).map((e) => e.version)).toEqual([
          3, 4, 5, 6,
        ]);
        expect((await store.readStream(streamId, { toVersion: 2 })).map((e) => e.version)).toEqual([1, 2]);
        expect(
          (await store.readStream(streamId, { fromVersion: 2, toVersion: 4 })).map((e) => e.version),
        ).toEqual([2, 3, 4]);
        expect(await store.readStream(streamId, { fromVersion: 7 })).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads the global log in append order, resumes strictly after a position, and pages by limit', async () => {
        const before = await store.headPosition();
        const s1 = stream();
        const s2 = stream();
        const written: string[] = [];
        for (const [streamId, count] of [
          [s1, 1],
          [s2, 2],
          [s1, 3],
          [s2, 1],
        ] as const) {
          const batch = events(count);
          await store.appendToStream(streamId, batch);
          written.push(...batch.map((e) => e.id));
        }

        const read = await readAllUntil(before, written);
        expect(read.map((e) => e.id)).toEqual(written);
        expectIncreasing(read.map((e) => e.position));
        expect(read.filter((e) => e.streamId === s1).map((e) => e.version)).toEqual([1, 2, 3, 4]);

        // resume strictly after the third of our events
        const resumed = await readAllUntil(read[2]!.position, written.slice(3));
        expect(resumed.map((e) => e.id)).toEqual(written.slice(3));
        const afterThird = await store.readAll(read[2]!.position, 1000);
        expect(afterThird.events.some((e) => e.id === written[2])).toBe(false);

        // pages of 2 give the same sequence as one read
        const paged: StoredEvent[] = [];
        let position = before;
        for (;;) {
          const page = await store.readAll(position, 2);
          expect(page.events.length).toBeLessThanOrEqual(2);
          if (page.events.length > 0) expect(page.position).toBe(page.events.at(-1)!.position);
          paged.push(...page.events.filter((e) => written.includes(e.id)));
          if (page.events.length === 0 || paged.length === written.length) break;
          position = page.position;
        }
        expect(paged.map((e) => e.id)).toEqual(written);
      });

      it('returns the given position and no events when nothing follows it', async () => {
        const streamId = stream();
        const batch = events(1);
        await store.appendToStream(streamId, batch);
        const [mine] = await readAllUntil(START, [batch[0]!.id], 10_000);
        const head = await store.headPosition();
        expect(comparePositions(head, mine!.position)).toBeGreaterThanOrEqual(0);
        const after = await store.readAll(head, 10);
        expect(after.events.every((e) => comparePositions(e.position, head) > 0)).toBe(true);
        if (after.events.length === 0) expect(after.position).toBe(head);
      });
    });

    describe('streamIds', () => {
      it("answers the tenant's streams with a prefix, a stream appended a moment ago included, no other tenant's", async () => {
        const prefix = `contract-ids-${randomUUID()}-`;
        const first = `${prefix}a`;
        const second = `${prefix}b`;
        await store.appendToStream(first, events(2));
        expect(await store.streamIds(tenantId, prefix)).toEqual([first]);
        await store.appendToStream(second, events(1));
        const other = event();
        await store.appendToStream(`${prefix}other-tenant`, [
          { ...other, metadata: { ...other.metadata, tenantId: `${tenantId}-other` } },
        ]);
        await store.appendToStream(stream(), events(1));
        expect(await store.streamIds(tenantId, prefix)).toEqual([first, second]);
        expect(await store.streamIds(tenantId, `${prefix}z`)).toEqual([]);
      });
    });

    describe('positions', () => {
      it('are strings that order like the log and survive a round trip', async () => {
        const streamId = stream();
        const before = await store.headPosition();
        const batch = events(3);
        await store.appendToStream(streamId, batch.slice(0, 1));
        await store.appendToStream(streamId, batch.slice(1));
        const read = await readAllUntil(
          before,
          batch.map((e) => e.id),
        );
        const positions = read.map((e) => e.position);

        for (const position of [before, ...positions]) {
          expect(isPosition(position)).toBe(true);
          const { major, minor } = parsePosition(position);
          expect(toPosition(major, minor)).toBe(position);
          expect((JSON.parse(JSON.stringify({ position })) as { position: string }).position).toBe(position);
        }
        expectIncreasing([before, ...positions]);
        expect([...positions].reverse().sort()).toEqual(positions); // string order is log order
        expect(comparePositions(START, positions[0]!)).toBeLessThan(0);
        expect((await store.readStream(streamId)).map((e) => e.position)).toEqual(positions);

        // resuming from a position read back from JSON
        const resumed = await store.readAll(JSON.parse(JSON.stringify(positions[0])) as Position, 1000);
        expect(resumed.events.map((e) => e.id)).toEqual(
          expect.arrayContaining(batch.slice(1).map((e) => e.id)),
        );
        expect(resumed.events.map((e) => e.id)).not.toContain(batch[0]!.id);
      });

      it('rejects a malformed position', async () => {
        await expect(store.readAll('42', 10)).rejects.toBeInstanceOf(InvalidPositionError);
      });
    });

    describe('subscribeToAll', () => {
      /** a subscription that records the events of the given streams */
      function record(
        from: Position,
        streams: ReadonlySet<string>,
        options: Parameters<EventStore['subscribeToAll']>[2] = {},
      ): { subscription: Subscription; received: StoredEvent[]; batches: StoredEvent[][] } {
        const received: StoredEvent[] = [];
        const batches: StoredEvent[][] = [];
        const subscription = store.subscribeToAll(
          from,
          async (batch, lastPosition) => {
            expect(comparePositions(lastPosition, batch.at(-1)!.position)).toBeGreaterThanOrEqual(0);
            expectIncreasing(batch.map((e) => e.position));
            batches.push(batch);
            received.push(...batch.filter((e) => streams.has(e.streamId)));
            await delay(1); // a handler that takes time: the next batch waits for it
          },
          { pollIntervalMs: 200, ...options },
        );
        return { subscription, received, batches };
      }

      it('catches up from a position, then delivers new events live, in order, exactly once', async () => {
        const before = await store.headPosition();
        const s1 = stream();
        const s2 = stream();
        const old = [...events(3)];
        await store.appendToStream(s1, old.slice(0, 2));
        await store.appendToStream(s2, old.slice(2));

        const { subscription, received } = record(before, new Set([s1, s2]), { batchSize: 2 });
        await subscription.caughtUp;
        await until(() => received.length >= 3);
        expect(received.map((e) => e.id)).toEqual(old.map((e) => e.id));

        const live = events(4);
        await store.appendToStream(s2, live.slice(0, 1));
        await store.appendToStream(s1, live.slice(1));
        await until(() => received.length >= 7);
        await delay(300); // nothing more, nothing twice
        expect(received.map((e) => e.id)).toEqual([...old, ...live].map((e) => e.id));
        expectIncreasing(received.map((e) => e.position));
        expect(comparePositions(subscription.position, received.at(-1)!.position)).toBeGreaterThanOrEqual(0);

        await subscription.stop();
        await expect(subscription.done).resolves.toBeUndefined();
      });

      it('hands batches of at most batchSize, awaiting the handler between them', async () => {
        const before = await store.headPosition();
        const streamId = stream();
        const batch = events(9);
        await store.appendToStream(streamId, batch);
        let running = 0;
        let overlapped = false;
        const mine: string[] = [];
        const subscription = store.subscribeToAll(
          before,
          async (events) => {
            expect(events.length).toBeLessThanOrEqual(4);
            overlapped ||= running > 0;
            running++;
            await delay(5);
            mine.push(...events.filter((e) => e.streamId === streamId).map((e) => e.id));
            running--;
          },
          { batchSize: 4, pollIntervalMs: 200 },
        );
        await until(() => mine.length >= 9);
        await subscription.stop();
        expect(overlapped).toBe(false);
        expect(mine).toEqual(batch.map((e) => e.id));
      });

      it('stops: no delivery after stop() resolves, and done resolves', async () => {
        const before = await store.headPosition();
        const streamId = stream();
        const { subscription, received } = record(before, new Set([streamId]));
        await subscription.caughtUp;
        await store.appendToStream(streamId, events(1));
        await until(() => received.length === 1);
        await subscription.stop();
        const position = subscription.position;
        expect(comparePositions(position, received[0]!.position)).toBeGreaterThanOrEqual(0);

        await store.appendToStream(streamId, events(2));
        await delay(500);
        expect(received).toHaveLength(1);
        expect(subscription.position).toBe(position);
        await expect(subscription.done).resolves.toBeUndefined();
        await subscription.stop(); // stopping twice is harmless
      });

      it('rejects done with the handler error and stops', async () => {
        const before = await store.headPosition();
        const streamId = stream();
        await store.appendToStream(streamId, events(2));
        let calls = 0;
        const subscription = store.subscribeToAll(
          before,
          (batch) => {
            if (batch.some((e) => e.streamId === streamId)) {
              calls++;
              return Promise.reject(new Error('handler failed'));
            }
            return Promise.resolve();
          },
          { pollIntervalMs: 100 },
        );
        await expect(subscription.done).rejects.toThrow('handler failed');
        await store.appendToStream(streamId, events(1));
        await delay(300);
        expect(calls).toBe(1);
        await subscription.stop(); // resolves: the failure was reported through done
      });

      it('skips event types not asked for, still advancing its position', async () => {
        const before = await store.headPosition();
        const streamId = stream();
        const wanted = event('Wanted');
        await store.appendToStream(streamId, [event('Other'), wanted, event('Other')]);
        const { subscription, received } = record(before, new Set([streamId]), { eventTypes: ['Wanted'] });
        await subscription.caughtUp;
        await until(() => received.length >= 1);
        const [, , last] = await store.readStream(streamId);
        await until(() => comparePositions(subscription.position, last!.position) >= 0);
        await subscription.stop();
        expect(received.map((e) => e.id)).toEqual([wanted.id]);
      });
    });
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

function expectIncreasing(positions: readonly Position[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (comparePositions(positions[i - 1]!, positions[i]!) >= 0) {
      throw new Error(`positions not strictly increasing at ${i}: ${positions[i - 1]} then ${positions[i]}`);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(10);
  }
}
