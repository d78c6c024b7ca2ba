import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore, runEventStoreMigrations, type StoredEvent } from '#event-store';
import {
  ProjectionBusyError,
  ProjectionRunner,
  readCheckpoints,
  runReadModelMigrations,
  type Projection,
  type ProjectionTx,
} from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, lastWrittenPosition } from './scenario.js';

/** Records each applied event once (unique position) and counts applications: a double apply shows. */
function recorder(name: string): Projection {
  return {
    name,
    version: 1,
    eventTypes: ['ActionNoteAdded'],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      for (const event of events) {
        await tx.query(`insert into election_effects (projection, position) values ($1, $2)`, [
          name,
          event.position,
        ]);
        await tx.query(
          `insert into election_counters (projection, n) values ($1, 1)
           on conflict (projection) do update set n = election_counters.n + 1`,
          [name],
        );
      }
    },
    async truncate(tx: ProjectionTx) {
      await tx.query(`delete from election_effects where projection = $1`, [name]);
      await tx.query(`delete from election_counters where projection = $1`, [name]);
    },
  };
}

const until = async (what: string, predicate: () => Promise<boolean> | boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('one active runner per projection (advisory-lock leases)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let scenario: Scenario;
  const runners: ProjectionRunner[] = [];
  /** what each runner logged as an error (a lost lease is logged the moment the runner notices it) */
  const errorsOf = new Map<ProjectionRunner, string[]>();

  const runner = (name = 'elected'): ProjectionRunner => {
    const errors: string[] = [];
    const created = new ProjectionRunner({
      pool,
      store,
      projections: [recorder(name)],
      election: true,
      electionIntervalMs: 100,
      pollIntervalMs: 50,
      logger: { log: () => undefined, error: (message) => void errors.push(message) },
    });
    runners.push(created);
    errorsOf.set(created, errors);
    return created;
  };
  const notes = async (count: number): Promise<void> => {
    for (let index = 0; index < count; index++) await scenario.note('e-a1', `note ${index}`);
  };
  const applied = async (name = 'elected') => {
    const { rows } = await pool.query<{ rows: string; n: number | null }>(
      `select (select count(*) from election_effects where projection = $1) as rows,
              (select n from election_counters where projection = $1) as n`,
      [name],
    );
    return { rows: Number(rows[0]!.rows), applications: rows[0]!.n ?? 0 };
  };
  const caughtUp = async (name = 'elected') => {
    const head = await lastWrittenPosition(pool);
    const checkpoint = (await readCheckpoints(pool, [name])).get(name)?.position;
    return checkpoint !== undefined && checkpoint >= head;
  };
  const noteCount = async () =>
    Number(
      (await pool.query<{ n: string }>(`select count(*) as n from events where type = 'ActionNoteAdded'`))
        .rows[0]!.n,
    );

  beforeAll(async () => {
    db = await createTestDatabase('election');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    store = new PostgresEventStore(db.url, { pollIntervalMs: 50 });
    pool = new pg.Pool({ connectionString: db.url, max: 12 });
    await pool.query(
      `create table election_effects (projection text, position text, primary key (projection, position))`,
    );
    await pool.query(`create table election_counters (projection text primary key, n integer not null)`);
    scenario = new Scenario(store, 'tenant-e', 'user-e');
    await scenario.createPlan('e-plan', 'Plan');
    await scenario.addTheme('e-plan', 'e-theme', '1', 'Thema');
  });

  afterAll(async () => {
    for (const created of runners) await created.stop().catch(() => undefined);
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('runs each projection in one runner; the standby takes over when the active one stops; no event twice', async () => {
    await scenario.addAction('e-plan', 'e-theme', 'e-a1', '1.1', 'Actie');
    await notes(20);
    const first = runner();
    const second = runner();
    await first.start();
    await second.start();
    expect(first.activeProjections).toEqual(['elected']);
    expect(second.activeProjections).toEqual([]);
    await until('the active runner to catch up', () => caughtUp());

    await first.stop();
    await notes(20);
    await until('the standby to take over', () => second.activeProjections.length === 1, 5_000);
    await until('the standby to catch up', () => caughtUp());
    const total = await noteCount();
    expect(await applied()).toEqual({ rows: total, applications: total });

    // and a stopped runner that starts again stands by while the other holds the lease
    await first.start();
    expect(first.activeProjections).toEqual([]);
    await second.stop();
    await until(
      'the first runner to take the projection back',
      () => first.activeProjections.length === 1,
      5_000,
    );
    await notes(5);
    await until('catching up after the hand-back', () => caughtUp());
    const after = await noteCount();
    expect(await applied()).toEqual({ rows: after, applications: after });
    await first.stop();
  });

  it('takes its projections back when restarted alone', async () => {
    const alone = runner('restarted');
    await alone.start();
    expect(alone.activeProjections).toEqual(['restarted']);
    await alone.stop();
    expect(alone.activeProjections).toEqual([]);
    await alone.start();
    await until('the restarted runner to be active', () => alone.activeProjections.length === 1, 5_000);
    await notes(3);
    await until('catching up after the restart', () => caughtUp('restarted'));
    await alone.stop();
  });

  it('refuses a rebuild while another runner holds the projection', async () => {
    const active = runner('rebuilt');
    await active.start();
    const other = runner('rebuilt');
    await expect(other.rebuild('rebuilt')).rejects.toBeInstanceOf(ProjectionBusyError);
    await expect(active.rebuild('rebuilt')).resolves.toMatchObject({ completed: true });
    await active.stop();
    // with nobody running it, a one-off runner (the CLI) may rebuild it
    await expect(runner('rebuilt').rebuild('rebuilt')).resolves.toMatchObject({ completed: true });
  });

  it('stops at once when its lease connection dies, and the standby takes over', async () => {
    const first = runner('fragile');
    const second = runner('fragile');
    await first.start();
    await second.start();
    const active = first.activeProjections.length === 1 ? first : second;
    const standby = active === first ? second : first;
    // the database ends the session that holds the lease (a network cut, a failover)
    await pool.query(
      // this database's only: the other test files on the same server have leases of their own
      `select pg_terminate_backend(pid) from pg_locks
        where locktype = 'advisory' and classid = 1886350450 and granted
          and database = (select oid from pg_database where datname = current_database())`,
    );
    // noticed by its log line, not by sampling its state: with elections every 100 ms it may take the lease
    // back on a new connection before a loaded test process looks (a CI run failed that way)
    await until(
      'the active runner to notice',
      () => errorsOf.get(active)!.some((message) => message.startsWith('lost the leases of fragile')),
      5_000,
    );
    expect(errorsOf.get(standby)!.some((message) => message.startsWith('lost the leases'))).toBe(false);
    await until(
      'one runner to be active again',
      () => first.activeProjections.length + second.activeProjections.length === 1,
      5_000,
    );
    await notes(5);
    await until('catching up after the failover', () => caughtUp('fragile'));
    const total = await noteCount();
    expect(await applied('fragile')).toEqual({ rows: total, applications: total });
  });
});
