import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Decider } from '#domain';
import { PostgresEventStore, runEventStoreMigrations, WrongExpectedVersionError } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { CommandExecutor } from './command-executor.js';
import { systemContext } from './system-context.js';

const TENANT = 'tenant-queue';

/** a tally: every command adds one event */
const tally: Decider<number, { type: 'Count' }, { type: 'Counted'; data: { n: number } }> = {
  name: 'tally',
  streamId: (id) => `tally-${id}`,
  decide: (_command, state) => [{ type: 'Counted', data: { n: state + 1 } }],
  evolve: (state) => state + 1,
  initialState: () => 0,
};

/** how many appends the store refused for a version conflict */
function conflictsOf(store: PostgresEventStore): () => number {
  let conflicts = 0;
  const append = store.appendToStream.bind(store);
  jest.spyOn(store, 'appendToStream').mockImplementation(async (...args) => {
    try {
      return await append(...args);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) conflicts++;
      throw error;
    }
  });
  return () => conflicts;
}

describe('writes to one stream from one process take turns (StreamQueue)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let other: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('stream_queue');
    await runEventStoreMigrations(db.url);
    store = new PostgresEventStore(db.url);
    other = new PostgresEventStore(db.url);
  });

  afterAll(async () => {
    await store.close();
    await other.close();
    await db.drop();
  });

  it('runs 30 concurrent commands on one aggregate without a single version conflict, each on the state before it', async () => {
    const conflicts = conflictsOf(store);
    // two executors over the same store (as the api's services each have one) share the queue
    const executors = [new CommandExecutor(store), new CommandExecutor(store)];
    const id = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        executors[index % 2]!.execute(tally, id, { type: 'Count' }, systemContext(TENANT)),
      ),
    );
    expect(conflicts()).toBe(0);
    expect(results.map((result) => result.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, index) => index + 1),
    );
    const events = await store.readStream(tally.streamId(id));
    expect(events.map((event) => (event.data as { n: number }).n)).toEqual(
      Array.from({ length: 30 }, (_, index) => index + 1),
    );
  });

  it('keeps every write when writers in two processes (two stores) race on one aggregate', async () => {
    const fresh = new PostgresEventStore(db.url);
    const here = new CommandExecutor(fresh);
    const there = new CommandExecutor(other);
    const id = randomUUID();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? here : there).execute(tally, id, { type: 'Count' }, systemContext(TENANT)),
      ),
    );
    const events = await store.readStream(tally.streamId(id));
    expect(events.map((event) => (event.data as { n: number }).n)).toEqual(
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
    // the queue is per store: the processes' writers race, and the expected version with the executor's
    // retries on a fresh read is what keeps every write (each event numbered on the state before it)
    await fresh.close();
  });

  it('hands the turn on after a failed write; a write to another stream beside them succeeds', async () => {
    const executor = new CommandExecutor(store);
    const failing: typeof tally = {
      ...tally,
      decide: () => {
        throw new Error('refused by the rule');
      },
    };
    const id = randomUUID();
    const outcomes = await Promise.allSettled([
      executor.execute(failing, id, { type: 'Count' }, systemContext(TENANT)),
      executor.execute(tally, id, { type: 'Count' }, systemContext(TENANT)),
      executor.execute(tally, randomUUID(), { type: 'Count' }, systemContext(TENANT)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});
