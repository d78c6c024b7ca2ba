import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { IdempotencyMismatchError, StreamTenantMismatchError, WrongExpectedVersionError } from '../errors.js';
import { describeEventStoreContract } from '../event-store.contract.js';
import type { NewEvent, StoredEvent } from '../event-store.port.js';
import { parsePosition, START } from '../position.js';
import {
  EVENT_STORE_MIGRATIONS,
  revertEventStoreMigrations,
  runEventStoreMigrations,
} from './migrations/index.js';
import { verifyEventChain } from '../chain/verify.js';
import { SQL } from './event-rows.js';
import { PostgresChainCheckpoints } from './postgres-chain-checkpoints.js';
import { PostgresEventStore } from './postgres-event-store.js';

let database: Promise<TestDatabase> | null = null;

/** one database for this file, migrated once */
function testDatabase(): Promise<TestDatabase> {
  database ??= (async () => {
    const db = await createTestDatabase('event_store');
    await runEventStoreMigrations(db.url);
    return db;
  })();
  return database;
}

afterAll(async () => {
  if (database) await (await database).drop();
});

describeEventStoreContract('postgres', async () => {
  const db = await testDatabase();
  const store = new PostgresEventStore(db.url);
  return { store, cleanup: () => store.close() };
});

function event(tenantId = 'tenant-a', type = 'ThingHappened'): NewEvent {
  return {
    id: randomUUID(),
    type,
    data: { at: Date.now() },
    metadata: {
      actorId: 'user-1',
      tenantId,
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    },
  };
}

describe('PostgresEventStore (PostgreSQL specifics)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let admin: pg.Pool;

  beforeAll(async () => {
    db = await testDatabase();
    store = new PostgresEventStore(db.url);
    admin = new pg.Pool({ connectionString: db.url, max: 4 });
  });

  afterAll(async () => {
    await store.close();
    await admin.end();
  });

  it('migrations are idempotent and reversible', async () => {
    const scratch = await createTestDatabase('event_store_migrations');
    try {
      expect(await runEventStoreMigrations(scratch.url)).toEqual(
        EVENT_STORE_MIGRATIONS.map((m) => new m().name),
      );
      expect(await runEventStoreMigrations(scratch.url)).toEqual([]);
      await revertEventStoreMigrations(scratch.url);
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      const { rows } = await client.query<{ n: string }>(
        `select count(*) as n from pg_class where relname in ('events', 'streams') and relkind = 'r'`,
      );
      const fn = await client.query(`select 1 from pg_proc where proname = 'append_to_stream'`);
      await client.end();
      expect(rows[0]?.n).toBe('0');
      expect(fn.rowCount).toBe(0);
      expect(await runEventStoreMigrations(scratch.url)).toHaveLength(EVENT_STORE_MIGRATIONS.length);
    } finally {
      await scratch.drop();
    }
  });

  it('never skips an event that commits late with a lower sequence number (the transaction-id watermark)', async () => {
    const before = await store.headPosition();
    const late = event();
    const early = event();
    const earlyStream = `early-${randomUUID()}`;
    const slow = new pg.Client({ connectionString: db.url });
    await slow.connect();
    const received: StoredEvent[] = [];
    const subscription = store.subscribeToAll(
      before,
      async (events) => {
        received.push(...events);
      },
      { pollIntervalMs: 100 },
    );
    try {
      await subscription.caughtUp;
      await slow.query('begin');
      await store.appendWith(slow, `late-${randomUUID()}`, [late]); // lower seq, lower transaction id, not committed
      const committed = await store.appendToStream(earlyStream, [early]); // higher seq, committed first

      expect((await admin.query('select 1 from events where event_id = $1', [early.id])).rowCount).toBe(1); // committed
      // the committed event is there, but held back behind the running transaction
      expect(await store.hasHeldBackEvents()).toBe(true);
      // the latest committed event is known all the same (what a period's close waits for)
      expect(await store.lastCommittedPosition()).toBe(committed.position);
      expect(await store.headPosition()).not.toBe(committed.position);
      expect((await store.readAll(before, 100)).events.map((e) => e.id)).not.toContain(early.id);
      // the write side's stream lookup is not held back: a stream committed a moment ago counts at once
      expect(await store.streamIds(early.metadata.tenantId, earlyStream)).toEqual([earlyStream]);
      await delay(400);
      expect(received.map((e) => e.id)).not.toContain(early.id);

      await slow.query('commit');
      await until(() => received.some((e) => e.id === early.id));
      const ids = received.map((e) => e.id);
      expect(ids.indexOf(late.id)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(late.id)).toBeLessThan(ids.indexOf(early.id));
      const { rows } = await admin.query<{ event_id: string; seq: string }>(
        'select event_id, seq from events where event_id = any($1::uuid[])',
        [[late.id, early.id]],
      );
      const seqOf = (id: string): bigint => BigInt(rows.find((r) => r.event_id === id)!.seq);
      expect(seqOf(late.id)).toBeLessThan(seqOf(early.id));
    } finally {
      await slow.query('rollback').catch(() => undefined);
      await slow.end();
      await subscription.stop();
    }
  });

  it('orders by transaction id as a number, also where its number of digits changes', async () => {
    // consume transaction ids up to just below the next power of ten, then write across it
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ x: string }>('select pg_current_xact_id()::text as x');
      const current = BigInt(rows[0]!.x);
      const burn = 10n ** BigInt(rows[0]!.x.length) - current - 4n;
      if (burn > 0n && burn < 200_000n) {
        await client.query('set synchronous_commit = off');
        await client.query(
          `do $$ begin for i in 1..${burn} loop perform pg_current_xact_id(); commit; end loop; end $$`,
        );
      }
    } finally {
      await client.end();
    }
    const before = await store.headPosition();
    const written: string[] = [];
    for (let i = 0; i < 8; i++) {
      const e = event();
      const result = await store.appendToStream(`digits-${randomUUID()}`, [e]);
      written.push(e.id);
      if (i === 7) {
        await until(async () => (await store.headPosition()) >= result.position);
      }
    }
    const read = (await store.readAll(before, 1000)).events.filter((e) => written.includes(e.id));
    expect(read.map((e) => e.id)).toEqual(written);
    const majors = read.map((e) => e.position.split('-')[0]!.replace(/^0+/, '').length);
    console.log(`transaction id digits of the events written: ${[...new Set(majors)].join(', ')}`);
    expect((await store.readAll(read[3]!.position, 1000)).events.map((e) => e.id)).toEqual(
      expect.arrayContaining(written.slice(4)),
    );
    expect((await store.readAll(read[3]!.position, 1000)).events.map((e) => e.id)).not.toContain(written[3]);
  });

  it('lists a hot stream in version order in the global log, without retries (each append its own call)', async () => {
    const streamId = `hot-${randomUUID()}`;
    const before = await store.headPosition();
    const own = new PostgresEventStore(db.url, { poolSize: 8, appendConcurrency: 0 });
    const attempts = jest.spyOn(
      own as unknown as { append: (...args: unknown[]) => Promise<unknown> },
      'append',
    );
    try {
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = 0; i < 40; i++) await own.appendToStream(streamId, [event()]);
        }),
      );
      expect(attempts).toHaveBeenCalledTimes(320); // no transaction-order retry was needed
    } finally {
      await own.close();
    }
    let read: StoredEvent[] = [];
    await until(async () => {
      read = (await store.readAll(before, 10_000)).events.filter((e) => e.streamId === streamId);
      return read.length === 320;
    });
    expect(read.map((e) => e.version)).toEqual(Array.from({ length: 320 }, (_, i) => i + 1));
  });

  it('shares one transaction between appends that arrive together, in version order, without retries', async () => {
    const tenant = `shared-${randomUUID()}`;
    const hot = `shared-hot-${randomUUID()}`;
    const many = Array.from({ length: 50 }, () => `shared-${randomUUID()}`);
    const before = await store.headPosition();
    const own = new PostgresEventStore(db.url, { poolSize: 8, appendConcurrency: 2 });
    const internals = own as unknown as {
      append: (...args: unknown[]) => Promise<unknown>;
      appendShared: (items: readonly unknown[]) => Promise<void>;
    };
    const attempts = jest.spyOn(internals, 'append');
    const calls = jest.spyOn(internals, 'appendShared');
    const answered: string[] = [];
    try {
      await Promise.all(
        Array.from({ length: 8 }, async (_, writer) => {
          for (let i = 0; i < 40; i++) {
            const streamId = writer % 2 === 0 ? hot : many[(writer * 40 + i) % many.length]!;
            answered.push((await own.appendToStream(streamId, [event(tenant)])).position);
          }
        }),
      );
      const sizes = calls.mock.calls.map(([items]) => items.length);
      // alone only when a call had one append: no shared call fell back, no transaction-order retry
      expect(attempts).toHaveBeenCalledTimes(sizes.filter((n) => n === 1).length);
      expect(sizes.reduce((sum, n) => sum + n, 0)).toBe(320);
      expect(Math.max(...sizes)).toBeGreaterThan(1);
    } finally {
      await own.close();
    }
    expect(new Set(answered).size).toBe(320);
    const streams = new Set([hot, ...many]);
    let read: StoredEvent[] = [];
    await until(async () => {
      read = (await store.readAll(before, 10_000)).events.filter((e) => streams.has(e.streamId));
      return read.length === 320;
    });
    expect(read.map((e) => e.position).sort()).toEqual([...answered].sort());
    // the global log lists every stream in version order, the hot one included
    for (const streamId of streams) {
      const versions = read.filter((e) => e.streamId === streamId).map((e) => e.version);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    }
    const transactions = new Set(read.map((e) => parsePosition(e.position).major));
    expect(transactions.size).toBeLessThan(320);
    expect(
      (await verifyEventChain(store, new PostgresChainCheckpoints(store.pool), { tenantId: tenant })).ok,
    ).toBe(true);
  });

  it('answers each append of a shared call on its own: a wrong expected version fails only its own', async () => {
    const own = new PostgresEventStore(db.url, { poolSize: 4, appendConcurrency: 1 });
    const tenant = `own-${randomUUID()}`;
    const e = (): NewEvent => event(tenant);
    const [first, second, third] = [
      `own-a-${randomUUID()}`,
      `own-b-${randomUUID()}`,
      `own-c-${randomUUID()}`,
    ];
    try {
      await own.appendToStream(third, [e()]);
      // the first takes the only slot; the next four wait and share one call, which fails on the third's
      // expected version and is made again append by append
      const settled = await Promise.allSettled([
        own.appendToStream(first, [e()]),
        own.appendToStream(second, [e()], 'no_stream'),
        own.appendToStream(second, [e()], 1),
        own.appendToStream(third, [e()], 5),
        own.appendToStream(first, [e(), e()]),
      ]);
      expect(settled.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
      expect((settled[3] as PromiseRejectedResult).reason).toMatchObject({ actual: 1 });
      expect(await own.streamVersion(first)).toBe(3);
      expect(await own.streamVersion(second)).toBe(2);
      expect(await own.streamVersion(third)).toBe(1);

      // the same four without the wrong version: one call, one transaction, consecutive versions
      const together = await Promise.all([
        own.appendToStream(first, [e()]),
        own.appendToStream(second, [e()], 2),
        own.appendToStream(second, [e()], 3),
        own.appendToStream(third, [e()], 1),
        own.appendToStream(first, [e()]),
      ]);
      expect(together.map((r) => r.version)).toEqual([4, 3, 4, 2, 5]);
      const shared = together.slice(1).map((r) => parsePosition(r.position).major);
      expect(new Set(shared).size).toBe(1);
      const verification = await verifyEventChain(store, new PostgresChainCheckpoints(store.pool), {
        tenantId: tenant,
      });
      expect(verification.ok).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('answers a retried shared call with the first results (idempotent by event id)', async () => {
    const own = new PostgresEventStore(db.url, { poolSize: 4, appendConcurrency: 1 });
    const streams = [`retry-a-${randomUUID()}`, `retry-b-${randomUUID()}`];
    const events = [event(), event(), event()];
    try {
      const run = () =>
        Promise.all([
          own.appendToStream(`retry-lead-${randomUUID()}`, [event()]),
          own.appendToStream(streams[0]!, [events[0]!]),
          own.appendToStream(streams[1]!, [events[1]!, events[2]!]),
        ]);
      const first = await run();
      const again = await run();
      expect(again.slice(1).map((r) => r.duplicate)).toEqual([true, true]);
      expect(again.slice(1).map((r) => [r.version, r.position])).toEqual(
        first.slice(1).map((r) => [r.version, r.position]),
      );
      expect((await own.readStream(streams[1]!)).map((e) => e.id)).toEqual([events[1]!.id, events[2]!.id]);
    } finally {
      await own.close();
    }
  });

  it('an append inside a transaction that rolls back writes nothing', async () => {
    const streamId = `rolled-back-${randomUUID()}`;
    const client = await store.pool.connect();
    try {
      await client.query('begin');
      const result = await store.appendWith(client, streamId, [event(), event()]);
      expect(result.version).toBe(2);
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await store.streamVersion(streamId)).toBe(0);
    expect(await store.readStream(streamId)).toEqual([]);
  });

  it('concurrent appends of the same events write them once and answer the others as duplicates', async () => {
    const streamId = `race-${randomUUID()}`;
    const batch = [event(), event(), event()];
    const results = await Promise.all(
      Array.from({ length: 6 }, () => store.appendToStream(streamId, batch, 'no_stream')),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => `${r.version}/${r.position}`)).size).toBe(1);
    expect(await store.readStream(streamId)).toHaveLength(3);
  });

  it('keeps a stream within its tenant', async () => {
    const streamId = `tenant-${randomUUID()}`;
    await store.appendToStream(streamId, [event('tenant-a')]);
    await expect(store.appendToStream(streamId, [event('tenant-b')])).rejects.toBeInstanceOf(
      StreamTenantMismatchError,
    );
    await expect(
      store.appendToStream(`mixed-${randomUUID()}`, [event('tenant-a'), event('tenant-b')]),
    ).rejects.toBeInstanceOf(StreamTenantMismatchError);
    expect(await store.streamVersion(streamId)).toBe(1);
  });

  it('reads the global log of one tenant', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const before = await store.headPosition();
    const mine = [event(tenant), event(tenant)];
    await store.appendToStream(`t-${randomUUID()}`, [mine[0]!]);
    await store.appendToStream(`t-${randomUUID()}`, [event('someone-else')]);
    await store.appendToStream(`t-${randomUUID()}`, [mine[1]!]);
    let read: StoredEvent[] = [];
    await until(async () => {
      read = (await store.readAll(before, 100, { tenantId: tenant })).events;
      return read.length === 2;
    });
    expect(read.map((e) => e.id)).toEqual(mine.map((e) => e.id));
    expect(
      (await store.readAll(read[0]!.position, 100, { tenantId: tenant })).events.map((e) => e.id),
    ).toEqual([mine[1]!.id]);

    const received: StoredEvent[] = [];
    const subscription = store.subscribeToAll(before, async (events) => void received.push(...events), {
      tenantId: tenant,
    });
    await until(() => received.length === 2);
    await subscription.stop();
    expect(received.map((e) => e.id)).toEqual(mine.map((e) => e.id));
  });

  it('wakes subscriptions by NOTIFY, and reconnects its LISTEN connection when it drops', async () => {
    const warnings: string[] = [];
    const local = new PostgresEventStore(db.url, {
      onWarning: (message) => warnings.push(message),
      reconnectDelayMs: 50,
    });
    const received: string[] = [];
    // polling so slow that only a notification can deliver within the test
    const options = { pollIntervalMs: 60_000 };
    const a = local.subscribeToAll(
      await local.headPosition(),
      async (events) => void received.push(...events.map((e) => e.id)),
      options,
    );
    const b = local.subscribeToAll(await local.headPosition(), async () => undefined, options);
    try {
      await Promise.all([a.caughtUp, b.caughtUp]);
      await until(() => local.listenerPid !== null);
      const listeners = await admin.query(
        `select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'`,
      );
      expect(listeners.rowCount).toBe(1); // one LISTEN connection for both subscriptions

      // appended through another store: only a notification can wake `local` (the NOTIFY sent after the commit)
      const first = event();
      await store.appendToStream(`live-${randomUUID()}`, [first]);
      await until(() => received.includes(first.id), 5000);

      // appended inside a caller's transaction: the NOTIFY is sent by its commit
      const inTransaction = event();
      const client = await store.pool.connect();
      try {
        await client.query('begin');
        await store.appendWith(client, `live-${randomUUID()}`, [inTransaction]);
        await delay(200);
        expect(received).not.toContain(inTransaction.id);
        await client.query('commit');
      } finally {
        client.release();
      }
      await until(() => received.includes(inTransaction.id), 5000);

      const pid = local.listenerPid!;
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await until(() => local.listenerPid !== null && local.listenerPid !== pid, 10_000);
      expect(warnings.some((w) => w.includes('LISTEN connection lost'))).toBe(true);

      const second = event();
      await store.appendToStream(`live-${randomUUID()}`, [second]);
      await until(() => received.includes(second.id), 5000);
    } finally {
      await local.close();
    }
    await expect(a.done).resolves.toBeUndefined();
    await expect(b.done).resolves.toBeUndefined();
  });

  it('wakes its subscriptions once for its own append (its own NOTIFY does not wake them again), and for every other store', async () => {
    const local = new PostgresEventStore(db.url);
    const other = new PostgresEventStore(db.url);
    const wakes = jest.spyOn(local as unknown as { wakeAll(): void }, 'wakeAll');
    const seenByOther: string[] = [];
    const options = { pollIntervalMs: 60_000 };
    const a = local.subscribeToAll(await local.headPosition(), async () => undefined, options);
    // the other store listens too: once it has its copy of a notification, the local listener has had its own
    const b = other.subscribeToAll(
      await other.headPosition(),
      async (events) => void seenByOther.push(...events.map((e) => e.id)),
      options,
    );
    try {
      await Promise.all([a.caughtUp, b.caughtUp]);
      await until(() => local.listenerPid !== null && other.listenerPid !== null);
      await delay(100);
      wakes.mockClear();

      const own = event();
      await local.appendToStream(`live-${randomUUID()}`, [own]);
      await until(() => seenByOther.includes(own.id), 5000);
      await delay(300);
      expect(wakes).toHaveBeenCalledTimes(1);

      const theirs = event();
      await other.appendToStream(`live-${randomUUID()}`, [theirs]);
      await until(() => wakes.mock.calls.length === 2, 5000);
      await delay(300);
      expect(wakes).toHaveBeenCalledTimes(2);
    } finally {
      wakes.mockRestore();
      await local.close();
      await other.close();
    }
  });

  it('answers its idle and held-back checks from the primary key, never by reading the whole log', async () => {
    // every subscription asks these after each read that was not a full batch: a scan of the table per
    // question reads the whole log. A young table has no statistics yet (a first start writes thousands of
    // events before autovacuum looks at it), and the planner then guesses a watermark bound matches a third
    // of the rows and scans for it; the checks must take the primary key whatever the statistics say.
    const scratch = await createTestDatabase('event_store_idle_plans');
    await runEventStoreMigrations(scratch.url);
    const young = new PostgresEventStore(scratch.url);
    const pool = new pg.Pool({ connectionString: scratch.url, max: 1 });
    try {
      const tenantId = `tenant-${randomUUID()}`;
      for (let stream = 0; stream < 40; stream++) {
        await young.appendToStream(
          `plan-${randomUUID()}`,
          Array.from({ length: 100 }, () => event(tenantId)),
        );
      }
      const head = parsePosition(await young.headPosition());
      const checks: [string, string, unknown[]][] = [
        ['idle', SQL.idle, [head.major.toString(), head.minor.toString()]],
        ['idleTenant', SQL.idleTenant, [head.major.toString(), head.minor.toString(), tenantId]],
        ['heldBack', SQL.heldBack, []],
      ];
      for (const [name, text, values] of checks) {
        const { rows } = await pool.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${text}`, values);
        const plan = JSON.stringify(rows[0]!['QUERY PLAN']);
        expect({ name, seqScan: plan.includes('"Seq Scan"') }).toEqual({ name, seqScan: false });
      }
      // and they still answer: nothing after the head is readable (whether anything is held back depends on
      // transactions of other tests on the same server, the watermark being the whole cluster's: the held-back
      // answers are tested above, with a transaction this test holds open)
      expect((await young.idleState(await young.headPosition())).readable).toBe(false);
    } finally {
      await young.close();
      await pool.end();
      await scratch.drop();
    }
  });

  it('rejects event ids written to another stream, and an id twice in one append, without writing', async () => {
    const elsewhere = event();
    await store.appendToStream(`first-${randomUUID()}`, [elsewhere]);
    const streamId = `second-${randomUUID()}`;
    for (const batch of [[elsewhere], [event(), elsewhere]]) {
      const error = await store.appendToStream(streamId, batch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdempotencyMismatchError);
      expect((error as IdempotencyMismatchError).knownIds).toEqual([elsewhere.id]);
    }
    const twice = event();
    await expect(store.appendToStream(streamId, [twice, twice])).rejects.toThrow(/twice in one append/);
    expect(await store.streamVersion(streamId)).toBe(0);
    expect(await store.readStream(streamId)).toEqual([]);
  });

  it('rejects an invalid expected version without writing', async () => {
    const streamId = `invalid-${randomUUID()}`;
    await expect(store.appendToStream(streamId, [event()], -1)).rejects.toBeInstanceOf(RangeError);
    await expect(store.appendToStream(streamId, [event()], 'sometimes' as never)).rejects.toBeInstanceOf(
      RangeError,
    );
    expect(await store.streamVersion(streamId)).toBe(0);
  });

  it('checks the expected version of an empty append without writing', async () => {
    const streamId = `empty-${randomUUID()}`;
    expect(await store.appendToStream(streamId, [], 'no_stream')).toEqual({
      streamId,
      version: 0,
      position: START,
      duplicate: false,
    });
    const written = await store.appendToStream(streamId, [event()]);
    expect(await store.appendToStream(streamId, [], 1)).toEqual({ ...written, duplicate: false });
    await expect(store.appendToStream(streamId, [], 'no_stream')).rejects.toMatchObject({ actual: 1 });
  });
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(10);
  }
}
