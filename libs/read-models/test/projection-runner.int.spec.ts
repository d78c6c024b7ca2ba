import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  PostgresEventStore,
  START,
  protectPersonalData,
  runEventStoreMigrations,
  type Position,
  type StoredEvent,
} from '#event-store';
import {
  CHECKPOINT_TABLE,
  ProjectionRunner,
  createProjectionRunner,
  createReadModelProjections,
  postgresEventCounter,
  readAllEventCounter,
  readCheckpoints,
  runReadModelMigrations,
  waitForCheckpoints,
  type AppliedBatch,
  type Projection,
  type ProjectionTx,
  type RebuildProgress,
} from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, catchUpFully, lastWrittenPosition, seedPlan } from './scenario.js';

/**
 * A projection that records every event it is given in `effects` (unique on position) and bumps a
 * counter: any event applied twice shows as a duplicate key or counter > rows, any event lost as a gap.
 */
function counterProjection(
  name: string,
  options: {
    eventTypes?: readonly string[];
    failOnce?: (event: StoredEvent) => boolean;
    delayMs?: number;
  } = {},
): Projection & { failures: number } {
  let failed = false;
  const projection = {
    name,
    version: 1,
    failures: 0,
    eventTypes: options.eventTypes ?? ['ActionNoteAdded', 'ActionSignalRecorded'],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      for (const event of events) {
        // a write, then the crash in the middle of the batch: the rollback must take the write back
        await tx.query(`insert into test_effects (projection, position, event_id) values ($1, $2, $3)`, [
          name,
          event.position,
          event.id,
        ]);
        await tx.query(
          `insert into test_counters (projection, n) values ($1, 1) on conflict (projection) do update set n = test_counters.n + 1`,
          [name],
        );
        if (!failed && options.failOnce?.(event)) {
          failed = true;
          projection.failures++;
          throw new Error('boom in the middle of a batch');
        }
      }
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    },
    async truncate(tx: ProjectionTx) {
      await tx.query(`delete from test_effects where projection = $1`, [name]);
      await tx.query(`delete from test_counters where projection = $1`, [name]);
    },
  };
  return projection;
}

describe('ProjectionRunner on PostgreSQL with the real event store', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let tenant: Scenario;

  beforeAll(async () => {
    db = await createTestDatabase('runner');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    store = new PostgresEventStore(db.url, { pollIntervalMs: 50 });
    pool = new pg.Pool({ connectionString: db.url, max: 12 });
    await pool.query(
      `create table test_effects (projection text, position text, event_id uuid, primary key (projection, position))`,
    );
    await pool.query(`create table test_counters (projection text primary key, n integer not null)`);
    tenant = new Scenario(store, 'tenant-r', 'user-r');
    await seedPlan(tenant, 'r');
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  const countOf = async (types: readonly string[]): Promise<number> => {
    const { rows } = await pool.query<{ n: string }>(
      `select count(*) as n from events where type = any($1::text[])`,
      [types],
    );
    return Number(rows[0]!.n);
  };
  const effects = async (
    name: string,
  ): Promise<{ rows: number; counter: number; distinctEvents: number }> => {
    const { rows } = await pool.query<{ rows: string; distinct_events: string; counter: number | null }>(
      `select (select count(*) from test_effects where projection = $1) as rows,
              (select count(distinct event_id) from test_effects where projection = $1) as distinct_events,
              (select n from test_counters where projection = $1) as counter`,
      [name],
    );
    return {
      rows: Number(rows[0]!.rows),
      counter: rows[0]!.counter ?? 0,
      distinctEvents: Number(rows[0]!.distinct_events),
    };
  };
  const snapshotReadModels = async (): Promise<Record<string, unknown[]>> => {
    const tables = [
      'rm_partners',
      'rm_plans',
      'rm_plan_sections',
      'rm_plan_actions',
      'rm_actions',
      'rm_action_sections',
      'rm_action_history',
      'rm_history_names',
      'rm_tenants',
      'rm_users',
      'rm_working_groups',
      'rm_working_group_members',
      'rm_security_events',
      'rm_audit_trail',
      'rm_audit_trail_sections',
    ];
    const result: Record<string, unknown[]> = {};
    for (const table of tables) {
      const { rows } = await pool.query<{ r: unknown }>(
        `select to_jsonb(t) as r from ${table} t order by to_jsonb(t)::text`,
      );
      result[table] = rows.map((row) => row.r);
    }
    return result;
  };

  it('a failure in the middle of a batch rolls back and resumes from the checkpoint: nothing lost, nothing doubled', async () => {
    const types = ['ActionNoteAdded', 'ActionSignalRecorded', 'ActionStatusChanged'];
    let seen = 0;
    const projection = counterProjection('crashy', { eventTypes: types, failOnce: () => ++seen === 4 });
    const runner = new ProjectionRunner({
      pool,
      store,
      projections: [projection],
      batchSize: 5,
      retryDelayMs: 20,
    });
    await runner.start();
    const head = await lastWrittenPosition(pool);
    expect(await runner.waitForPosition(head, { timeoutMs: 20_000 })).toEqual({
      reached: true,
      position: head,
    });
    await runner.stop();
    expect(projection.failures).toBe(1);
    const expected = await countOf(types);
    expect(await effects('crashy')).toEqual({ rows: expected, counter: expected, distinctEvents: expected });
    const [status] = await runner.status();
    expect(status).toMatchObject({ name: 'crashy', position: head, lag: 0, running: false, lastError: null });
  });

  it('a connection killed in the middle of a batch (as by a crashed process) loses and doubles nothing', async () => {
    const types = ['ActionAdded', 'ActionOwnerChanged', 'ActionDueDateChanged'];
    let killed = false;
    const projection: Projection = {
      ...counterProjection('killed', { eventTypes: types }),
      async apply(tx, events) {
        await counterProjection('killed', { eventTypes: types }).apply(tx, events);
        if (!killed) {
          killed = true;
          // the backend of this very transaction dies before commit
          await tx.query('select pg_terminate_backend(pg_backend_pid())').catch(() => undefined);
          throw new Error('connection lost');
        }
      },
    };
    const runner = new ProjectionRunner({
      pool,
      store,
      projections: [projection],
      batchSize: 4,
      retryDelayMs: 20,
    });
    await runner.start();
    const head = await lastWrittenPosition(pool);
    expect((await runner.waitForPosition(head, { timeoutMs: 20_000 })).reached).toBe(true);
    await runner.stop();
    expect(killed).toBe(true);
    const expected = await countOf(types);
    expect(await effects('killed')).toEqual({ rows: expected, counter: expected, distinctEvents: expected });
  });

  it('two runners on the same projection never apply an event twice (the checkpoint is compare-and-set)', async () => {
    const make = () =>
      new ProjectionRunner({
        pool,
        store,
        projections: [
          counterProjection('contended', {
            eventTypes: ['ActionNoteAdded', 'ActionSignalRecorded', 'ActionPartnerAdded'],
            delayMs: 5,
          }),
        ],
        batchSize: 3,
        retryDelayMs: 10,
      });
    const one = make();
    const two = make();
    await Promise.all([one.start(), two.start()]);
    const extra = new Scenario(store, 'tenant-r', 'user-r');
    for (let i = 0; i < 10; i++) await extra.note('r-a1', `note ${i}`);
    const head = await lastWrittenPosition(pool);
    expect((await one.waitForPosition(head, { timeoutMs: 20_000 })).reached).toBe(true);
    await Promise.all([one.stop(), two.stop()]);
    const expected = await countOf(['ActionNoteAdded', 'ActionSignalRecorded', 'ActionPartnerAdded']);
    expect(await effects('contended')).toEqual({
      rows: expected,
      counter: expected,
      distinctEvents: expected,
    });
  });

  it('advances the checkpoint past events a projection ignores, and reports lag', async () => {
    const projection = counterProjection('rare', { eventTypes: ['NoSuchEvent'] });
    const runner = new ProjectionRunner({
      pool,
      store,
      projections: [projection],
      batchSize: 50,
      countEvents: postgresEventCounter(pool),
    });
    await catchUpFully(runner, pool); // creates the checkpoint at the start, then runs through
    const head = await lastWrittenPosition(pool);
    expect((await readCheckpoints(pool, ['rare'])).get('rare')!.position).toBe(head);
    expect(await effects('rare')).toEqual({ rows: 0, counter: 0, distinctEvents: 0 });

    const fresh = new ProjectionRunner({
      pool,
      store,
      projections: [counterProjection('lagging')],
      countEvents: postgresEventCounter(pool),
    });
    const total = Number((await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n);
    await fresh.catchUp(); // a no-op catch-up would hide the lag: reset it
    await pool.query(`update ${CHECKPOINT_TABLE} set position = $1 where name = 'lagging'`, [START]);
    expect((await fresh.status())[0]).toMatchObject({
      name: 'lagging',
      position: START,
      lag: total,
      lagCapped: false,
    });
    const capped = new ProjectionRunner({
      pool,
      store,
      projections: [counterProjection('lagging')],
      countEvents: readAllEventCounter(store, { cap: 10, pageSize: 4 }),
    });
    expect((await capped.status())[0]).toMatchObject({ lag: 10, lagCapped: true });
    const exact = new ProjectionRunner({
      pool,
      store,
      projections: [counterProjection('lagging')],
      countEvents: readAllEventCounter(store),
    });
    expect((await exact.status())[0]).toMatchObject({ lag: total, lagCapped: false });
  });

  it('catches several projections up with one read of the log, each from its own checkpoint', async () => {
    const types = ['ActionNoteAdded', 'ActionSignalRecorded'];
    const ahead = counterProjection('shared-ahead', { eventTypes: types });
    const behind = counterProjection('shared-behind', { eventTypes: types });
    let reads = 0;
    const counting = Object.create(store) as PostgresEventStore;
    counting.readAll = (...args) => {
      reads++;
      return store.readAll(...args);
    };
    const runner = new ProjectionRunner({
      pool,
      store: counting,
      projections: [ahead, behind],
      batchSize: 1_000,
    });
    await catchUpFully(runner, pool);
    // one is set back to the start: the catch-up reads from there once and gives each only what it has not seen
    await pool.query(`update ${CHECKPOINT_TABLE} set position = $1 where name = 'shared-behind'`, [START]);
    await pool.query(`delete from test_effects where projection = 'shared-behind'`);
    await pool.query(`delete from test_counters where projection = 'shared-behind'`);
    const total = await countOf(types);
    const all = Number((await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n);
    reads = 0;
    const head = await lastWrittenPosition(pool);
    expect(await runner.catchUp()).toBe(head);
    // the log's pages once and the empty page after them (each projection reading for itself: once more)
    expect(reads).toBe(Math.ceil(all / 1_000) + 1);
    expect(await effects('shared-ahead')).toEqual({ rows: total, counter: total, distinctEvents: total });
    expect(await effects('shared-behind')).toEqual({ rows: total, counter: total, distinctEvents: total });
  });

  it('counts lag with one query on the PostgreSQL store under the personal-data layer: status reads no event', async () => {
    // the api's store: every event read through it is decrypted, so a health check must not page through it
    const protectedStore = protectPersonalData(store, {
      pool,
      masterSecret: 'a master secret of at least thirty-two characters',
      policy: { types: {}, upcasters: [], erasedText: '' },
    });
    let reads = 0;
    const readAll = protectedStore.readAll.bind(protectedStore);
    protectedStore.readAll = (...args) => {
      reads++;
      return readAll(...args);
    };
    const runner = createProjectionRunner({
      pool,
      store: protectedStore,
      projections: [counterProjection('counted')],
    });
    await runner.catchUp();
    const total = Number((await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n);
    await pool.query(`update ${CHECKPOINT_TABLE} set position = $1 where name = 'counted'`, [START]);
    reads = 0;
    expect((await runner.status())[0]).toMatchObject({ name: 'counted', lag: total, lagCapped: false });
    expect(reads).toBe(0);
  });

  it('follows the log live, tells onApplied listeners, and waitForPosition resolves or times out', async () => {
    const runner = createProjectionRunner({ pool, store, batchSize: 100 });
    const batches: AppliedBatch[] = [];
    const unsubscribe = runner.onApplied((batch) => batches.push(batch));
    await runner.start();
    const head = await lastWrittenPosition(pool);
    expect((await runner.waitForPosition(head, 20_000)).reached).toBe(true);

    const s = new Scenario(store, 'tenant-r', 'user-r');
    const written = await s.note('r-a2', 'live note');
    const waited = await runner.waitForPosition(written.position, {
      timeoutMs: 10_000,
      names: ['action-list'],
    });
    expect(waited.reached).toBe(true);
    expect(waited.position >= written.position).toBe(true);
    const forAll = await runner.waitForPosition(written.position, 10_000);
    expect(forAll.reached).toBe(true);
    // the listeners run right after each commit: a reader may see the checkpoint a moment earlier
    const appliedNow = () =>
      batches.filter((batch) => batch.events.some((event) => event.position === written.position));
    // every projection sees every event (each one's own filter decides what it writes)
    const everyProjection = [...runner.projectionNames].sort();
    expect(everyProjection).toEqual([
      'action-history',
      'action-list',
      'audit-trail',
      'indicators',
      'meetings',
      'partners',
      'periods',
      'plan-tree',
      'security-events',
      'signals',
      'tenants',
      'users',
      'working-groups',
    ]);
    for (
      let waitedMs = 0;
      appliedNow().length < everyProjection.length && waitedMs < 15_000;
      waitedMs += 20
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const applied = appliedNow();
    expect(applied.map((batch) => batch.projection).sort()).toEqual(everyProjection);
    expect(applied.every((batch) => !batch.rebuilding && batch.position >= written.position)).toBe(true);

    const notYet = `${'9'.repeat(20)}-${'0'.repeat(20)}` as Position;
    const started = Date.now();
    const timedOut = await runner.waitForPosition(notYet, { timeoutMs: 200 });
    expect(timedOut.reached).toBe(false);
    expect(timedOut.position >= written.position).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(
      await waitForCheckpoints(pool, written.position, runner.projectionNames, { timeoutMs: 100 }),
    ).toMatchObject({
      reached: true,
    });

    const statuses = await runner.status();
    expect(statuses.map((status) => [status.name, status.lag, status.running])).toEqual([
      ['partners', 0, true],
      ['plan-tree', 0, true],
      ['action-list', 0, true],
      ['action-history', 0, true],
      ['tenants', 0, true],
      ['users', 0, true],
      ['working-groups', 0, true],
      ['security-events', 0, true],
      ['meetings', 0, true],
      ['signals', 0, true],
      ['audit-trail', 0, true],
      ['indicators', 0, true],
      ['periods', 0, true],
    ]);
    unsubscribe();
    await runner.stop();
    expect((await runner.status()).every((status) => !status.running)).toBe(true);
  });

  it('rebuilds from zero into identical read models, with progress, while running live', async () => {
    const runner = createProjectionRunner({ pool, store, batchSize: 16 });
    await runner.start();
    expect((await runner.waitForPosition(await lastWrittenPosition(pool), 20_000)).reached).toBe(true);
    const before = await snapshotReadModels();
    expect(before.rm_actions!.length).toBeGreaterThan(0);

    const progress: RebuildProgress[] = [];
    const result = await runner.rebuild('all', (p) => progress.push(p));
    const total = Number((await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n);
    expect(result).toMatchObject({ events: total, completed: true });
    expect(result.projections.sort()).toEqual([
      'action-history',
      'action-list',
      'audit-trail',
      'indicators',
      'meetings',
      'partners',
      'periods',
      'plan-tree',
      'security-events',
      'signals',
      'tenants',
      'users',
      'working-groups',
    ]);
    expect(progress.at(-1)).toMatchObject({ done: total });
    expect(progress.at(-1)!.total).toBeGreaterThanOrEqual(total);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((x, y) => x - y));
    expect(await snapshotReadModels()).toEqual(before);
    // the refilled tables (and the dated versions) were vacuumed and analysed once the replay completed
    const refilled = createReadModelProjections().flatMap((p) => p.tables ?? []);
    const unvacuumed = await pool.query<{ relname: string }>(
      `select relname from pg_stat_user_tables
        where relname = any($1::text[]) and (last_vacuum is null or last_analyze is null)`,
      [[...refilled, 'rm_row_versions', 'rm_row_version_keys']],
    );
    expect(unvacuumed.rows).toEqual([]);
    const visible = await pool.query<{ relallvisible: number }>(
      `select relallvisible from pg_class where relname = 'rm_actions'`,
    );
    expect(visible.rows[0]!.relallvisible).toBeGreaterThan(0);

    // still live after the rebuild
    const s = new Scenario(store, 'tenant-r', 'user-r');
    const written = await s.setStatus('r-a10', 'not_started', 'in_progress');
    expect((await runner.waitForPosition(written.position, 10_000)).reached).toBe(true);
    const { rows } = await pool.query<{ status: string }>(`select status from rm_actions where id = 'r-a10'`);
    expect(rows[0]!.status).toBe('in_progress');

    // one projection alone
    const single = await runner.rebuild('action-history');
    expect(single.projections).toEqual(['action-history']);
    await runner.stop();
    const after = await snapshotReadModels();
    const rebuiltOnce = createProjectionRunner({ pool, store });
    await rebuiltOnce.rebuild();
    expect(await snapshotReadModels()).toEqual(after);
    await expect(runner.rebuild('nope')).rejects.toMatchObject({ code: 'PROJECTION.UNKNOWN' });
  });

  it('rebuilds a projection whose version changed when it starts', async () => {
    const v1 = counterProjection('versioned', { eventTypes: ['PartnerRegistered'] });
    await catchUpFully(new ProjectionRunner({ pool, store, projections: [v1] }), pool);
    const registered = await countOf(['PartnerRegistered']);
    expect((await effects('versioned')).rows).toBe(registered);
    await pool.query(`insert into test_effects values ('versioned', 'stale', gen_random_uuid())`);
    const v2 = { ...counterProjection('versioned', { eventTypes: ['PartnerRegistered'] }), version: 2 };
    const runner = new ProjectionRunner({ pool, store, projections: [v2] });
    await runner.start();
    expect((await runner.waitForPosition(await lastWrittenPosition(pool), 10_000)).reached).toBe(true);
    await runner.stop();
    expect(await effects('versioned')).toEqual({
      rows: registered,
      counter: registered,
      distinctEvents: registered,
    });
    expect((await readCheckpoints(pool, ['versioned'])).get('versioned')!.version).toBe(2);
  });

  it('uses every read-model projection by default', () => {
    expect(createReadModelProjections().map((p) => p.name)).toEqual([
      'partners',
      'plan-tree',
      'action-list',
      'action-history',
      'tenants',
      'users',
      'working-groups',
      'security-events',
      'meetings',
      'signals',
      'audit-trail',
      'indicators',
      'periods',
    ]);
  });
});
