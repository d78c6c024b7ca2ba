import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ErasureService, systemContext } from '#commands';
import { PERSONAL_DATA_POLICY } from '#domain';
import { PostgresEventStore, protectPersonalData } from '#event-store';
import {
  createProjectionRunner,
  getActionHistory,
  runReadModelMigrations,
  TENANT_REPLAY_LOCK_NAMESPACE,
  type ProjectionRunner,
} from '#read-models';
import { runEventStoreMigrations } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, seedPlan } from '../../../libs/read-models/test/scenario.js';

/**
 * An erasure replays the erased tenant beside each projection that holds personal data, not inside its batch
 * (docs/decisions.md, "Erasure replays beside the projection"): while one tenant's replay is held up, another
 * tenant's events are applied and read; the erased tenant's reads wait for its replay; what was written to the
 * erased tenant meanwhile is in its read models afterwards; a runner stopped in the middle leaves the request,
 * and the next runner finishes it; and the result equals a rebuild.
 */
describe('erasure replays beside the projections', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let plain: PostgresEventStore;
  let store: ReturnType<typeof protectPersonalData>;
  let keyPool: pg.Pool;
  const secret = 'tenant-replays-test-personal-data-secret-0123456789';

  beforeAll(async () => {
    db = await createTestDatabase('tenant_replays');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 12 });
    keyPool = new pg.Pool({ connectionString: db.url, max: 4 });
    plain = new PostgresEventStore(db.url, { pollIntervalMs: 50 });
    store = protectPersonalData(plain, { pool: keyPool, masterSecret: secret, policy: PERSONAL_DATA_POLICY });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await keyPool?.end();
    await pool?.end();
    await db?.drop();
  });

  const historyTexts = async (tenantId: string, actionId: string): Promise<string[]> => {
    const history = await getActionHistory(pool, tenantId, actionId);
    return (history?.items ?? [])
      .filter((entry) => entry.type === 'ActionNoteAdded')
      .map((entry) => String((entry.data as { text?: unknown }).text));
  };
  const requests = async (): Promise<string[]> =>
    (
      await pool.query<{ r: string }>(
        `select projection || '/' || tenant_id as r from projection_tenant_replays order by 1`,
      )
    ).rows.map((row) => row.r);

  it('applies other tenants meanwhile, holds the erased tenant back until it is replayed, and survives a restart', async () => {
    let runner: ProjectionRunner = createProjectionRunner({ pool, store });
    await runner.start();
    const a = new Scenario(store, 'tenant-a', 'user-a');
    const b = new Scenario(store, 'tenant-b', 'user-b');
    await a.tenant({ type: 'TenantCreated', data: { tenantId: 'tenant-a', name: 'Stad A', demo: false } });
    await b.tenant({ type: 'TenantCreated', data: { tenantId: 'tenant-b', name: 'Stad B', demo: false } });
    const idsA = await seedPlan(a, 'a');
    const idsB = await seedPlan(b, 'b');
    const secretNote = await a.note(idsA.a2, 'Mevrouw Janssens belde over haar huur');
    await a.note(idsA.a2, 'Tweede nota');
    await b.note(idsB.a2, 'Nota van B');
    expect((await runner.waitForPosition((await b.note(idsB.a2, 'B 2')).position, 20_000)).reached).toBe(
      true,
    );
    expect(await historyTexts('tenant-a', idsA.a2)).toContain('Mevrouw Janssens belde over haar huur');

    // hold tenant A's replay of the action history up: each of its steps takes this lock first (a lock that
    // gives the session no transaction id, so the readers of the log are not held back by it)
    const blocker = await pool.connect();
    await blocker.query('select pg_advisory_lock($1, hashtext($2))', [
      TENANT_REPLAY_LOCK_NAMESPACE,
      'action-history/tenant-a',
    ]);
    let released = false;
    try {
      const erased = await new ErasureService(store, store, null).erase(
        { kind: 'text', aggregate: 'action', aggregateId: idsA.a2, version: secretNote.version },
        'objection',
        systemContext('tenant-a'),
      );
      const laterA = await a.note(idsA.a2, 'Na het wissen');
      const laterB = await b.note(idsB.a2, 'B na het wissen van A');

      // tenant B is applied and readable while A's replay waits
      const forB = await runner.waitForPosition(laterB.position, { tenantId: 'tenant-b', timeoutMs: 20_000 });
      expect(forB.reached).toBe(true);
      expect(await historyTexts('tenant-b', idsB.a2)).toContain('B na het wissen van A');
      expect(await requests()).toContain('action-history/tenant-a');
      // A's reads wait for A's replay; so does a wait for every tenant
      expect(
        (await runner.waitForPosition(erased.position, { tenantId: 'tenant-a', timeoutMs: 300 })).reached,
      ).toBe(false);
      expect((await runner.waitForPosition(laterB.position, { timeoutMs: 300 })).reached).toBe(false);
      // meanwhile A's history still shows what it showed before the erasure, without the later note
      expect(await historyTexts('tenant-a', idsA.a2)).not.toContain('Na het wissen');

      // the runner stops in the middle: the replay rolls back, its request stays
      const stopped = runner.stop();
      await blocker.query('select pg_advisory_unlock_all()');
      released = true;
      await stopped;
      expect(await requests()).toContain('action-history/tenant-a');

      // the next runner takes the request up
      runner = createProjectionRunner({ pool, store });
      await runner.start();
      const forA = await runner.waitForPosition(laterA.position, { tenantId: 'tenant-a', timeoutMs: 30_000 });
      expect(forA.reached).toBe(true);
      expect(await requests()).toEqual([]);
      const texts = await historyTexts('tenant-a', idsA.a2);
      expect(texts).not.toContain('Mevrouw Janssens belde over haar huur');
      expect(texts).toContain('[erased]');
      expect(texts).toContain('Tweede nota');
      expect(texts).toContain('Na het wissen');

      // the same read models as a rebuild gives
      const snapshot = async (): Promise<unknown[]> =>
        (
          await pool.query<{ r: unknown }>(
            `select to_jsonb(h) as r from rm_action_history h where tenant_id = 'tenant-a' order by position`,
          )
        ).rows.map((row) => row.r);
      const replayed = await snapshot();
      await runner.stop();
      await createProjectionRunner({ pool, store }).rebuild('action-history');
      expect(await snapshot()).toEqual(replayed);
    } finally {
      if (!released) await blocker.query('select pg_advisory_unlock_all()').catch(() => undefined);
      blocker.release();
      await runner.stop();
    }
  }, 120_000);
});
