import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { WrongExpectedVersionError } from '../errors.js';
import type { ExpectedVersion, NewEvent, StoredEvent } from '../event-store.port.js';
import { START } from '../position.js';
import { runEventStoreMigrations } from './migrations/index.js';
import { PostgresEventStore } from './postgres-event-store.js';

/**
 * The proof that the global log has no gaps for a reader (ARCHITECTURE.md "Event store"): many writers
 * commit out of sequence order while a subscription, started before them, reads. It must see every event
 * exactly once, each stream in version order, positions strictly increasing.
 */
const WRITERS = 16;
const EVENTS_PER_WRITER = 640; // 16 × 640 = 10,240 events
const SHARED_STREAMS = 6;

type WriterKind = 'any-shared' | 'exact-shared' | 'own-streams';
const kindOf = (writer: number): WriterKind =>
  writer < 6 ? 'any-shared' : writer < 10 ? 'exact-shared' : 'own-streams';

describe('PostgreSQL event store: gap-free global log under concurrent writers', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('gap_free');
    await runEventStoreMigrations(db.url);
    store = new PostgresEventStore(db.url);
  });

  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it(`delivers all ${WRITERS * EVENTS_PER_WRITER}+ events of ${WRITERS} concurrent writers exactly once, in order`, async () => {
    // --- readers, started before any writer -----------------------------------------------------------
    const received: StoredEvent[] = [];
    const subscription = store.subscribeToAll(START, async (events) => {
      received.push(...events);
      if (Math.random() < 0.1) await delay(2); // a handler that sometimes takes its time
    });
    const smallBatches: StoredEvent[] = [];
    const second = store.subscribeToAll(START, async (events) => void smallBatches.push(...events), {
      batchSize: 7,
    });
    await Promise.all([subscription.caughtUp, second.caughtUp]);
    // for comparison only: a reader that trusts the sequence alone (what several public event stores do)
    const naive = naiveSequenceReader(db.url);

    // --- writers ---------------------------------------------------------------------------------------
    const written: string[] = [];
    let conflicts = 0;
    let orderRetries = 0;
    const sharedStreams = Array.from({ length: SHARED_STREAMS }, (_, i) => `shared-${i}`);
    const writer = async (index: number): Promise<void> => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const kind = kindOf(index);
      let ownStream = '';
      let ownVersion = 0;
      let count = 0;
      try {
        while (count < EVENTS_PER_WRITER) {
          const batch = Array.from({ length: Math.min(1 + randomInt(4), EVENTS_PER_WRITER - count) }, () =>
            newEvent(index),
          );
          let streamId: string;
          let expected: ExpectedVersion;
          if (kind === 'own-streams') {
            if (ownStream === '' || randomInt(5) === 0) {
              ownStream = `own-${index}-${randomUUID()}`;
              ownVersion = 0;
            }
            streamId = ownStream;
            expected = ownVersion === 0 ? 'no_stream' : ownVersion;
          } else {
            streamId = sharedStreams[randomInt(SHARED_STREAMS)]!;
            expected = kind === 'any-shared' ? 'any' : await store.streamVersion(streamId);
          }
          for (let attempt = 1; ; attempt++) {
            try {
              await client.query('begin');
              if (randomInt(3) === 0) {
                // take a transaction id now, write later: ids and sequence numbers are handed out in different orders
                await client.query('select pg_current_xact_id()');
                await delay(randomInt(3));
              }
              const result = await store.appendWith(client, streamId, batch, expected);
              if (randomInt(2) === 0) await delay(randomInt(4)); // commit late: a lower seq becomes visible after higher ones
              await client.query('commit');
              if (kind === 'own-streams') ownVersion = result.version;
              break;
            } catch (error) {
              await client.query('rollback');
              if (attempt > 100) throw error;
              if (error instanceof pg.DatabaseError && error.code === '40001') {
                // this transaction took its id before another one appended to the stream: retry it
                orderRetries++;
                continue;
              }
              if (!(error instanceof WrongExpectedVersionError) || kind !== 'exact-shared') throw error;
              conflicts++;
              expected = error.actual; // retry on the version we missed
            }
          }
          written.push(...batch.map((e) => e.id));
          count += batch.length;
        }
      } finally {
        await client.end();
      }
    };
    const started = Date.now();
    try {
      await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i)));
    } catch (error) {
      await Promise.all([subscription.stop(), second.stop(), naive.stop(0)]);
      throw error;
    }
    const writeMs = Date.now() - started;

    // --- wait for the readers, then compare --------------------------------------------------------------
    const { rows } = await store.pool.query<{ n: string }>('select count(*) as n from events');
    const total = Number(rows[0]!.n);
    expect(total).toBe(written.length);
    expect(total).toBeGreaterThanOrEqual(10_000);
    await until(() => received.length >= total && smallBatches.length >= total, 30_000).catch(
      async (error: unknown) => {
        await Promise.all([subscription.stop(), second.stop(), naive.stop(0)]);
        const head = await store.headPosition();
        const held = await store.hasHeldBackEvents();
        const { rows: xmin } = await store.pool.query('select pg_current_snapshot()::text as s');
        throw new Error(
          `${String(error)}: received ${received.length} / ${smallBatches.length} of ${total}; subscription at ` +
            `${subscription.position}, head ${head}, held back ${held}, snapshot ${JSON.stringify(xmin)}`,
        );
      },
    );
    await delay(300); // nothing more may arrive
    await subscription.stop();
    await second.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    const missedBySequence = await naive.stop(total);

    for (const events of [received, smallBatches]) {
      expect(events).toHaveLength(total);
      // every event exactly once
      const ids = new Set(events.map((e) => e.id));
      expect(ids.size).toBe(total);
      expect([...ids].sort()).toEqual([...written].sort());
      // strictly increasing positions
      for (let i = 1; i < events.length; i++) {
        if (!(events[i - 1]!.position < events[i]!.position)) {
          throw new Error(`position ${events[i]!.position} after ${events[i - 1]!.position} at ${i}`);
        }
      }
      // each stream in version order, without holes
      const versions = new Map<string, number>();
      for (const event of events) {
        const last = versions.get(event.streamId) ?? 0;
        if (event.version !== last + 1) {
          throw new Error(`stream ${event.streamId}: version ${event.version} after ${last}`);
        }
        versions.set(event.streamId, event.version);
      }
      for (const [streamId, version] of versions) expect(await store.streamVersion(streamId)).toBe(version);
    }
    expect(subscription.position).toBe(received.at(-1)!.position);
    expect(conflicts).toBeGreaterThan(0); // the exact-version writers did collide and retry

    console.log(
      `gap-free: ${total} events by ${WRITERS} writers in ${writeMs} ms, ${conflicts} version conflicts and ` +
        `${orderRetries} transaction-order conflicts retried; ` +
        `a reader trusting seq alone would have skipped ${missedBySequence} of them`,
    );
  }, 90_000);
});

/** Reads `seq > last` in seq order, as a naive store would; returns how many events it never saw. */
function naiveSequenceReader(url: string): { stop(total: number): Promise<number> } {
  const client = new pg.Client({ connectionString: url });
  const seen = new Set<string>();
  let last = '0';
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query<{ seq: string; event_id: string }>(
        'select seq, event_id from events where seq > $1 order by seq limit 1000',
        [last],
      );
      for (const row of rows) seen.add(row.event_id);
      if (rows.length > 0) last = rows.at(-1)!.seq;
      else await delay(2);
    }
    // one last read after everything committed: what it still gets is what it had not skipped
    const { rows } = await client.query<{ seq: string; event_id: string }>(
      'select seq, event_id from events where seq > $1 order by seq',
      [last],
    );
    for (const row of rows) seen.add(row.event_id);
    await client.end();
  })();
  return {
    async stop(total: number): Promise<number> {
      stopped = true;
      await loop;
      return total - seen.size;
    },
  };
}

function newEvent(writer: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'LoadTested',
    data: { writer },
    metadata: {
      actorId: `writer-${writer}`,
      tenantId: 'load',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    },
  };
}

function randomInt(below: number): number {
  return Math.floor(Math.random() * below);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(20);
  }
}
