import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore, runEventStoreMigrations } from '#event-store';
import {
  CHECKPOINT_TABLE,
  TENANT_REPLAYS_TABLE,
  READ_MODEL_TABLES,
  createProjectionRunner,
  runReadModelMigrations,
} from '#read-models';
import { generateLog } from '../../../test/bench/scale-log.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

/**
 * A rebuild (rebuild mode: big pages, pages without an event for a projection committed with its next one,
 * secondary indexes dropped and built again at the end) gives exactly the read models that live processing
 * (small batches, one transaction each) built, table by table and row by row, with the same indexes. The log is
 * bench:scale's multi-tenant generator (tenants, users, partners, plans, actions, working groups, meetings,
 * signals), small.
 */
describe('rebuild against live processing', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let total: number;

  // the engine's own tables: checkpoints, and the replays after erasures (none left once caught up)
  const tables = READ_MODEL_TABLES.filter(
    (table) => table.name !== CHECKPOINT_TABLE && table.name !== TENANT_REPLAYS_TABLE,
  );

  const snapshot = async (): Promise<Record<string, unknown[]>> => {
    const result: Record<string, unknown[]> = {};
    for (const table of tables) {
      const { rows } = await pool.query<{ r: unknown }>(
        `select to_jsonb(t) as r from ${table.name} t order by to_jsonb(t)::text`,
      );
      result[table.name] = rows.map((row) => row.r);
    }
    return result;
  };
  const indexes = async (): Promise<string[]> => {
    const { rows } = await pool.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where schemaname = current_schema() and tablename like 'rm\\_%' order by indexname`,
    );
    return rows.map((row) => row.indexdef);
  };

  const filenodeOfVersions = async (): Promise<string> =>
    (await pool.query<{ f: string }>(`select pg_relation_filenode('rm_row_versions')::text as f`)).rows[0]!.f;

  beforeAll(async () => {
    db = await createTestDatabase('rebuild_eq');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    store = new PostgresEventStore(db.url, { pollIntervalMs: 50 });
    pool = new pg.Pool({ connectionString: db.url, max: 14 });
    const generated = await generateLog(
      pool,
      { events: 6_000, tenants: 2, actionsPerTenant: 40 },
      () => undefined,
    );
    total = generated.written;
  }, 300_000);

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('gives the same read models, table by table, as live processing, with the same indexes', async () => {
    const indexesBefore = await indexes();
    expect(indexesBefore.length).toBeGreaterThan(10);

    // live: small batches, each its own transaction per projection
    const live = createProjectionRunner({ pool, store, batchSize: 97 });
    await live.start();
    const head = await store.headPosition();
    // time is not what this test measures: a loaded CI machine takes minutes for three passes over the log
    expect((await live.waitForPosition(head, 400_000)).reached).toBe(true);
    await live.stop();
    const built = await snapshot();
    // the generated log reaches every read model (an empty table would compare equal for free)
    const empty = tables.filter((table) => built[table.name]!.length === 0).map((table) => table.name);
    expect(empty).toEqual([]);

    // a rebuild in rebuild mode, with pages small enough that some hold nothing for a projection
    const rebuilder = createProjectionRunner({ pool, store, rebuildBatchSize: 250 });
    const versionsFile = await filenodeOfVersions();
    const result = await rebuilder.rebuild('all');
    // every versioned table is refilled: the dated versions went with one truncate (a new file), not a delete
    expect(await filenodeOfVersions()).not.toBe(versionsFile);
    expect(result).toMatchObject({ events: total, completed: true, position: head });
    const rebuilt = await snapshot();
    for (const table of tables)
      expect([table.name, rebuilt[table.name]]).toEqual([table.name, built[table.name]]);
    expect(await indexes()).toEqual(indexesBefore);

    // and as live processing applies (the comparison bench:rebuild makes)
    const asLive = createProjectionRunner({ pool, store, batchSize: 500, rebuildAsLive: true });
    await asLive.rebuild('all');
    expect(await snapshot()).toEqual(built);

    // every checkpoint is at the head
    const { rows } = await pool.query<{ position: string }>(`select position from ${CHECKPOINT_TABLE}`);
    expect(rows.map((row) => row.position)).toEqual(rows.map(() => head));
  }, 900_000);

  it("rebuilds one versioned projection without touching the other projections' dated versions", async () => {
    const before = await pool.query<{ source: string; n: string }>(
      'select source, count(*) as n from rm_row_versions group by source order by source',
    );
    expect(before.rows.map((row) => row.source)).toEqual(
      expect.arrayContaining(['rm_actions', 'rm_plans', 'rm_signals']),
    );
    const all = await snapshot();
    const versionsFile = await filenodeOfVersions();
    const rebuilder = createProjectionRunner({ pool, store, rebuildBatchSize: 250 });
    expect(await rebuilder.rebuild('action-list')).toMatchObject({ completed: true });
    // the others' versions are not in it: deleted row by row, in the same file
    expect(await filenodeOfVersions()).toBe(versionsFile);
    expect(await snapshot()).toEqual(all);
  }, 300_000);

  it('creates the indexes a rebuild cut off by a crash left dropped when a runner starts', async () => {
    const indexesBefore = await indexes();
    await pool.query('drop index rm_audit_trail_actor_idx, rm_audit_trail_seen_idx');
    expect((await indexes()).length).toBe(indexesBefore.length - 2);
    const lines: string[] = [];
    const runner = createProjectionRunner({ pool, store, logger: (line) => lines.push(line) });
    await runner.start();
    await runner.stop();
    expect(await indexes()).toEqual(indexesBefore);
    expect(lines.some((line) => line.includes('rm_audit_trail_actor_idx'))).toBe(true);
  });
});
