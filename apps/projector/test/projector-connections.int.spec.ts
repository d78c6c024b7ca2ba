import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore } from '#event-store';
import { belgianToday } from '#domain';
import { getAction } from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, lastWrittenPosition, seedPlan } from '../../../libs/read-models/test/scenario.js';
import { startProjector } from '../src/projector.js';

/**
 * The projector process's connections (issue 12, item 1): its pool, its event store's pool and LISTEN
 * connection and its lease connection all lose their backends at once, idle or busy. Nothing may throw out of
 * them (an unhandled 'error' would end this test process), and the projections carry on by themselves.
 */
describe('projector with its database connections terminated', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('projconn');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('survives every one of its connections being terminated and keeps projecting', async () => {
    const projector = await startProjector({
      databaseUrl: db.url,
      batchSize: 50,
      personalDataSecret: 'projector-test-personal-data-secret-0123456789',
    });
    const store = new PostgresEventStore(db.url);
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    try {
      const ids = await seedPlan(new Scenario(store, 'tenant-c', 'user-c'), 'c');
      expect((await projector.runner.waitForPosition(await lastWrittenPosition(pool), 15_000)).reached).toBe(
        true,
      );
      const scenario = new Scenario(store, 'tenant-c', 'user-c');
      for (let round = 0; round < 3; round++) {
        // every backend of the database but this query's own: the projector's and the writing store's
        const { rows } = await pool.query<{ n: string }>(
          `select count(pg_terminate_backend(pid)) as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()`,
        );
        expect(Number(rows[0]!.n)).toBeGreaterThan(2);
        // writes go on (the writer retries one the cut hit), and the projector applies them
        for (let note = 0; note < 3; note++) {
          for (let attempt = 0; ; attempt++) {
            try {
              await scenario.note(ids.a1, `round ${round} note ${note}`);
              break;
            } catch (error) {
              if (attempt > 5) throw error;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          }
        }
        const head = await lastWrittenPosition(pool);
        expect((await projector.runner.waitForPosition(head, 20_000)).reached).toBe(true);
      }
      // the read model holds exactly the notes in the log (a retried write whose first try committed is a
      // second note there too: what matters is that nothing was applied twice or skipped)
      const { rows } = await pool.query<{ n: string }>(
        `select count(*) as n from events where type = 'ActionNoteAdded' and data->>'actionId' = $1`,
        [ids.a1],
      );
      expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(10);
      expect((await getAction(pool, 'tenant-c', ids.a1, belgianToday(new Date())))!.noteCount).toBe(
        Number(rows[0]!.n),
      );
      expect(projector.runner.activeProjections.length).toBe(projector.runner.projectionNames.length);
    } finally {
      await projector.stop();
      await store.close();
      await pool.end();
    }
  });
});
