import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  PostgresEventStore,
  runEventStoreMigrations,
  WrongExpectedVersionError,
  type NewEvent,
  type StoredEvent,
} from '#event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { keepStreams } from './kept-streams.js';

const TENANT = 'tenant-kept';

function event(data: Record<string, unknown>): NewEvent {
  return {
    id: randomUUID(),
    type: 'ThingHappened',
    data,
    metadata: {
      actorId: 'user-1',
      tenantId: TENANT,
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2024-05-06T07:08:09.000Z',
      meetingId: undefined,
    },
  };
}

/** what a reader of a stream relies on: everything but the store's bookkeeping of when and where */
const content = (events: readonly StoredEvent[]) =>
  events.map(({ id, streamId, version, type, data, metadata }) => ({
    id,
    streamId,
    version,
    type,
    data,
    metadata,
  }));

describe('keepStreams (the demo seed, alone in its tenant, keeps what it read and wrote)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('kept_streams');
    await runEventStoreMigrations(db.url);
    store = new PostgresEventStore(db.url);
  });

  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('answers what the store answers, reading each stream once', async () => {
    const streamId = `plan-${randomUUID()}`;
    await store.appendToStream(streamId, [event({ n: 1 })]);
    const kept = keepStreams(store);
    const reads = jest.spyOn(store, 'readStream');
    expect(content(await kept.readStream(streamId))).toEqual(content(await store.readStream(streamId)));
    const appends = [
      // a field left undefined is absent once stored (JSON), nested objects keep their shape
      await kept.appendToStream(
        streamId,
        [event({ n: 2, gone: undefined }), event({ n: 3, list: [{ a: 1 }] })],
        1,
      ),
      await kept.appendToStream(streamId, [event({ n: 4 })], 3),
    ];
    reads.mockClear();
    const fromKept = await kept.readStream(streamId);
    expect(reads).not.toHaveBeenCalled();
    const fromStore = await store.readStream(streamId);
    expect(content(fromKept)).toEqual(content(fromStore));
    expect(fromKept.map((e) => e.version)).toEqual([1, 2, 3, 4]);
    // the last event of each append carries the store's own position (the others share it: one transaction)
    for (const append of appends) {
      expect(fromKept.find((e) => e.version === append.version)!.position).toBe(append.position);
      expect(fromStore.find((e) => e.version === append.version)!.position).toBe(append.position);
    }
    expect(content(await kept.readStream(streamId, { fromVersion: 2, toVersion: 3 }))).toEqual(
      content(await store.readStream(streamId, { fromVersion: 2, toVersion: 3 })),
    );
    expect(await kept.readStream(streamId, { fromVersion: 5 })).toEqual([]);
    reads.mockRestore();
  });

  it('keeps a stream it created, and asks again for one that was empty', async () => {
    const kept = keepStreams(store);
    const created = `plan-${randomUUID()}`;
    await kept.appendToStream(created, [event({ n: 1 })], 'no_stream');
    const empty = `plan-${randomUUID()}`;
    expect(await kept.readStream(empty)).toEqual([]);
    // another writer creates the stream the seed saw empty: the seed sees it
    await store.appendToStream(empty, [event({ n: 1 })], 'no_stream');
    const reads = jest.spyOn(store, 'readStream');
    expect(await kept.readStream(created)).toHaveLength(1);
    expect(await kept.readStream(empty)).toHaveLength(1);
    expect(reads.mock.calls.map(([id]) => id)).toEqual([empty]);
    reads.mockRestore();
  });

  it('drops a stream someone else wrote to, so that the retry reads it afresh', async () => {
    const streamId = `plan-${randomUUID()}`;
    const kept = keepStreams(store);
    await kept.appendToStream(streamId, [event({ n: 1 })], 'no_stream');
    await store.appendToStream(streamId, [event({ by: 'another writer' })], 1);
    // the kept version is 1: the command decides on it and the store refuses the stale version
    expect((await kept.readStream(streamId)).map((e) => e.version)).toEqual([1]);
    await expect(kept.appendToStream(streamId, [event({ n: 2 })], 1)).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(content(await kept.readStream(streamId))).toEqual(content(await store.readStream(streamId)));
    // an append that does not continue the kept version (another writer in between, expected 'any') drops it
    await store.appendToStream(streamId, [event({ by: 'another writer' })], 2);
    await kept.appendToStream(streamId, [event({ n: 3 })]);
    expect((await kept.readStream(streamId)).map((e) => e.version)).toEqual([1, 2, 3, 4]);
  });
});
