import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '#platform';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import type { NewEvent, StoredEvent } from '../event-store.port.js';
import {
  EVENT_STORE_MIGRATIONS,
  EventStoreAppendFunction1767225600001,
  EventStoreTables1767225600000,
  runEventStoreMigrations,
} from '../postgres/migrations/index.js';
import { PostgresChainCheckpoints } from '../postgres/postgres-chain-checkpoints.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { START } from '../position.js';
import { chainHash, contentDigest } from './event-hash.js';
import { DailyChainCheckpoints } from './checkpoint-schedule.js';
import { NoChainCheckpointError, recordChainCheckpoint, verifyEventChain } from './verify.js';

/**
 * Tamper evidence on PostgreSQL (docs/audit.md): rows are edited, deleted and swapped directly in the
 * database, as someone with database access would, and `verify` must name each with its position and stream.
 */
let db: TestDatabase;
let store: PostgresEventStore;
let admin: pg.Pool;
let checkpoints: PostgresChainCheckpoints;

beforeAll(async () => {
  db = await createTestDatabase('event_chain');
  await runEventStoreMigrations(db.url);
  store = new PostgresEventStore(db.url);
  admin = new pg.Pool({ connectionString: db.url, max: 2 });
  checkpoints = new PostgresChainCheckpoints(admin);
});

afterAll(async () => {
  await store?.close();
  await admin?.end();
  await db?.drop();
});

function event(
  tenantId: string,
  data: unknown = { n: Math.random(), text: 'Ça va, café ✓ "quoted"\n' },
): NewEvent {
  return {
    id: randomUUID(),
    type: 'ThingHappened',
    data,
    metadata: {
      actorId: 'user-1',
      tenantId,
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2026-01-01T10:00:00.000Z',
    },
  };
}

interface Seeded {
  tenant: string;
  a: string;
  b: string;
  /** the events in log order: a1, b1, a2, b2, a3 */
  events: StoredEvent[];
}

/** two streams of a new tenant, interleaved over five appends: a1, b1, a2, b2, a3 */
async function seed(): Promise<Seeded> {
  const tenant = `tenant-${randomUUID()}`;
  const a = `plan-${randomUUID()}`;
  const b = `action-${randomUUID()}`;
  for (const stream of [a, b, a, b, a]) await store.appendToStream(stream, [event(tenant)]);
  return { tenant, a, b, events: await readable(tenant, 5) };
}

/**
 * The tenant's events once `count` are readable: the global log is read below the oldest running transaction
 * (of the whole server, other tests' included), so what was just appended can be held back for a moment.
 */
async function readable(tenantId: string, count: number): Promise<StoredEvent[]> {
  for (const started = Date.now(); ;) {
    const { events } = await store.readAll(START, 10_000, { tenantId });
    if (events.length >= count) return events;
    if (Date.now() - started > 20_000) throw new Error(`only ${events.length} of ${count} events readable`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const verify = (tenantId: string, fromCheckpoint = false) =>
  verifyEventChain(store, checkpoints, { tenantId, fromCheckpoint });

const at = (events: StoredEvent[], streamId: string, version: number): StoredEvent =>
  events.find((e) => e.streamId === streamId && e.version === version)!;

describe('hash chain on PostgreSQL', () => {
  it('verifies an untouched log; the database hashed what the code recomputes', async () => {
    const { tenant, a, events } = await seed();
    // several events in one append are chained too
    await store.appendToStream(a, [event(tenant), event(tenant, [1, 'two', null, { z: 1, a: 2 }])]);
    await readable(tenant, 7);
    const report = await verify(tenant);
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.tenants).toEqual([
      expect.objectContaining({ tenantId: tenant, eventsVerified: 7, eventCount: 7 }),
    ]);

    const { events: chained } = await store.readChain(START, 10_000, tenant);
    const first = chained.find((c) => c.event.id === events[0]!.id)!;
    expect(first.hash).toBe(
      chainHash({
        prev: null,
        position: first.event.position,
        stream: a,
        version: 1,
        time: first.event.recordedAt,
        content: contentDigest(first.event.type, first.event.data, first.event.metadata),
      }),
    );
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports an event whose data was updated, with its position and stream', async () => {
    const { tenant, a, events } = await seed();
    const a2 = at(events, a, 2);
    await admin.query(`update events set data = jsonb_set(data, '{n}', '42') where event_id = $1`, [a2.id]);
    const report = await verify(tenant);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: 'AUDIT.EVENT_CHANGED',
        streamId: a,
        position: a2.position,
        version: 2,
      }),
    ]);
  });

  it('reports an event whose metadata or type was updated', async () => {
    const { tenant, b, events } = await seed();
    const b1 = at(events, b, 1);
    await admin.query(
      `update events set metadata = metadata || '{"actorId":"someone-else"}' where event_id = $1`,
      [b1.id],
    );
    const b2 = at(events, b, 2);
    await admin.query(`update events set type = 'OtherThing' where event_id = $1`, [b2.id]);
    const problems = (await verify(tenant)).problems;
    expect(problems.map((p) => [p.code, p.streamId, p.position])).toEqual([
      ['AUDIT.EVENT_CHANGED', b, b1.position],
      ['AUDIT.EVENT_CHANGED', b, b2.position],
    ]);
  });

  it('reports an event deleted in the middle of a stream at the next event', async () => {
    const { tenant, a, events } = await seed();
    await admin.query(`delete from events where event_id = $1`, [at(events, a, 2).id]);
    const report = await verify(tenant);
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: 'AUDIT.EVENT_REMOVED',
        streamId: a,
        position: at(events, a, 3).position,
        version: 3,
      }),
    ]);
    expect(report.problems[0]!.message).toContain('version 2 missing');
  });

  it("reports an event deleted at the end of a stream from the stream's head", async () => {
    const { tenant, a, events } = await seed();
    await admin.query(`delete from events where event_id = $1`, [at(events, a, 3).id]);
    expect((await verify(tenant)).problems).toEqual([
      expect.objectContaining({
        code: 'AUDIT.EVENT_REMOVED',
        streamId: a,
        position: at(events, a, 2).position,
        version: 3,
      }),
    ]);
  });

  it('reports two events of a stream swapped in the log as reordered', async () => {
    const { tenant, a, events } = await seed();
    const [a1, a2] = [at(events, a, 1), at(events, a, 2)];
    // swap their places in the log: each takes the other's transaction id
    await admin.query(
      `update events e set tx_id = case when e.event_id = $1 then (select tx_id from events where event_id = $2)
                                        else (select tx_id from events where event_id = $1) end
        where e.event_id in ($1, $2)`,
      [a1.id, a2.id],
    );
    const problems = (await verify(tenant)).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'AUDIT.EVENT_REORDERED' && p.streamId === a)).toBe(true);
    expect(problems.map((p) => p.version).sort()).toEqual([1, 2]);
  });

  it('reports two events whose contents were swapped', async () => {
    const { tenant, b, events } = await seed();
    const [b1, b2] = [at(events, b, 1), at(events, b, 2)];
    await admin.query(
      `update events e set data = case when e.event_id = $1 then (select data from events where event_id = $2)
                                       else (select data from events where event_id = $1) end
        where e.event_id in ($1, $2)`,
      [b1.id, b2.id],
    );
    expect((await verify(tenant)).problems.map((p) => [p.code, p.streamId, p.position])).toEqual([
      ['AUDIT.EVENT_CHANGED', b, b1.position],
      ['AUDIT.EVENT_CHANGED', b, b2.position],
    ]);
  });

  it('a rewrite that recomputes the chain is caught by the checkpoint recorded before it', async () => {
    const { tenant, a, events } = await seed();
    const checkpoint = await recordChainCheckpoint(store, checkpoints, tenant, 'manual');
    expect(checkpoint).toMatchObject({ tenantId: tenant, eventCount: 5, position: events.at(-1)!.position });
    // someone with database access edits a2 and recomputes its hash, a3's and the stream head's
    const a2 = at(events, a, 2);
    await admin.query(`update events set data = '{"n": 0}' where event_id = $1`, [a2.id]);
    const { events: chained } = await store.readChain(START, 10_000, tenant);
    let prev = chained.find((c) => c.event.id === at(events, a, 1).id)!.hash;
    for (const version of [2, 3]) {
      const { event: e } = chained.find((c) => c.event.streamId === a && c.event.version === version)!;
      const hash = chainHash({
        prev,
        position: e.position,
        stream: a,
        version,
        time: e.recordedAt,
        content: contentDigest(e.type, e.data, e.metadata),
      });
      await admin.query(`update events set hash = $2 where event_id = $1`, [e.id, hash]);
      prev = hash;
    }
    await admin.query(`update streams set head_hash = $2 where stream_id = $1`, [a, prev]);

    const report = await verify(tenant);
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: 'AUDIT.CHECKPOINT_MISMATCH',
        streamId: null,
        position: checkpoint!.position,
      }),
    ]);
  });

  it('a deleted event makes the checkpoints after it disagree', async () => {
    const { tenant, b, events } = await seed();
    await recordChainCheckpoint(store, checkpoints, tenant, 'manual');
    await admin.query(`delete from events where event_id = $1`, [at(events, b, 1).id]);
    const codes = (await verify(tenant)).problems.map((p) => p.code).sort();
    expect(codes).toEqual(['AUDIT.CHECKPOINT_MISMATCH', 'AUDIT.EVENT_REMOVED']);
  });

  it('--from-checkpoint verifies only what came after the latest checkpoint, trusting it', async () => {
    const { tenant, a, b, events } = await seed();
    await expect(verify(tenant, true)).rejects.toBeInstanceOf(NoChainCheckpointError);
    await recordChainCheckpoint(store, checkpoints, tenant, 'manual');
    await store.appendToStream(a, [event(tenant)]);
    await store.appendToStream(`new-${randomUUID()}`, [event(tenant)]);
    await readable(tenant, 7);
    const clean = await verify(tenant, true);
    expect(clean).toMatchObject({
      ok: true,
      tenants: [expect.objectContaining({ eventsVerified: 2, eventCount: 7 })],
    });
    // a checkpoint over the new events agrees with a full verification
    await recordChainCheckpoint(store, checkpoints, tenant, 'manual');
    expect((await verify(tenant)).ok).toBe(true);

    // an edit before the checkpoint: not seen from the checkpoint, seen by the full pass
    await admin.query(`update events set data = '{"n": 1}' where event_id = $1`, [at(events, b, 1).id]);
    expect((await verify(tenant, true)).ok).toBe(true);
    expect((await verify(tenant)).problems.map((p) => p.code)).toContain('AUDIT.EVENT_CHANGED');
  });

  it('records one daily checkpoint per tenant and Belgian day, and any number of others', async () => {
    const { tenant } = await seed();
    expect(await recordChainCheckpoint(store, checkpoints, tenant, 'daily')).not.toBeNull();
    expect(await recordChainCheckpoint(store, checkpoints, tenant, 'daily')).toBeNull();
    expect(await recordChainCheckpoint(store, checkpoints, tenant, 'manual')).not.toBeNull();
    expect((await checkpoints.list(tenant)).map((cp) => cp.reason)).toEqual(['daily', 'manual']);
  });

  it('the daily round records one checkpoint per tenant and day, however often it runs', async () => {
    const { tenant } = await seed();
    const daily = new DailyChainCheckpoints(store, checkpoints);
    await daily.runOnce();
    await daily.runOnce();
    const recorded = (await checkpoints.list(tenant)).filter((cp) => cp.reason === 'daily');
    expect(recorded).toEqual([expect.objectContaining({ tenantId: tenant, eventCount: 5 })]);
    // a stopped round records nothing more
    const aborted = new AbortController();
    aborted.abort();
    const other = await seed();
    await daily.runOnce(aborted.signal);
    expect(await checkpoints.list(other.tenant)).toEqual([]);
  });

  it('verifies every tenant when none is named', async () => {
    await seed();
    const report = await verifyEventChain(store, checkpoints);
    // the tenants tampered with above are reported; every untouched one verifies
    expect(report.tenants.length).toBeGreaterThan(5);
    const broken = new Set(report.problems.map((p) => p.tenantId));
    expect(report.tenants.filter((t) => !broken.has(t.tenantId)).length).toBeGreaterThan(1);
  });
});

describe('hash chain migration', () => {
  it('gives the events written before it their hashes, in order, without rewriting data or metadata', async () => {
    const scratch = await createTestDatabase('event_chain_migration');
    const client = new pg.Client({ connectionString: scratch.url });
    try {
      await runMigrations(scratch.url, [
        EventStoreTables1767225600000,
        EventStoreAppendFunction1767225600001,
      ]);
      await client.connect();
      const tenant = 'tenant-old';
      const streams = ['s-1', 's-2', 's-1', 's-1', 's-2'];
      for (const stream of streams) {
        const e = event(tenant, { n: 1.5, nested: { b: [true, null], a: 'é' } });
        // the append as it was before the chain: no digest
        await client.query(`select * from append_to_stream($1, $2, 'any', $3::jsonb, false)`, [
          stream,
          tenant,
          JSON.stringify([{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }]),
        ]);
      }
      const before = await client.query(
        `select event_id, data::text, metadata::text from events order by seq`,
      );
      expect(await runEventStoreMigrations(scratch.url)).toEqual(
        EVENT_STORE_MIGRATIONS.slice(2).map((m) => new m().name),
      );
      const after = await client.query(
        `select event_id, data::text, metadata::text from events order by seq`,
      );
      expect(after.rows).toEqual(before.rows);

      const migrated = new PostgresEventStore(scratch.url);
      try {
        const cps = new PostgresChainCheckpoints(client);
        // the log is read up to its head, which stops below the oldest transaction running on the server (in
        // any database: other tests run beside this one): wait until the five events are readable
        for (let waited = 0; (await migrated.readAll(START, 10)).events.length < 5 && waited < 100; waited++)
          await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await verifyEventChain(migrated, cps)).toMatchObject({
          ok: true,
          tenants: [expect.objectContaining({ tenantId: tenant, eventCount: 5 })],
        });
        // new appends continue the chain the migration computed
        await migrated.appendToStream('s-2', [event(tenant)]);
        expect((await verifyEventChain(migrated, cps)).ok).toBe(true);
        await client.query(`update events set data = '{}' where stream_id = 's-1' and version = 1`);
        expect((await verifyEventChain(migrated, cps)).problems).toEqual([
          expect.objectContaining({ code: 'AUDIT.EVENT_CHANGED', streamId: 's-1', version: 1 }),
        ]);
      } finally {
        await migrated.close();
      }
    } finally {
      await client.end().catch(() => undefined);
      await scratch.drop();
    }
  });
});
