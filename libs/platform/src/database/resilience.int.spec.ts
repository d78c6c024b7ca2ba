import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { createGuardedPool } from './resilience.js';

/**
 * A guarded pool against a real PostgreSQL: a statement the server refuses keeps its connection (pg-pool's own
 * `query` opened a new backend after every refusal), anything that may have left the connection unlike a fresh
 * one still discards it, and the connection's session is the same backend the next query gets.
 */
describe('a guarded pool after a failed query', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const backend = async (): Promise<number> =>
    (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;

  beforeAll(async () => {
    db = await createTestDatabase('resilience');
    pool = createGuardedPool({ connectionString: db.url, max: 1 }, () => undefined);
    await pool.query(`
      create table names (name text primary key);
      create function refuse(expected int) returns int language plpgsql as $$
      begin
        raise exception 'expected version %, actual %', expected, expected + 1 using errcode = 'P0001';
      end $$;`);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('keeps the connection after a raised exception, a unique violation and a syntax error', async () => {
    const first = await backend();
    await expect(pool.query('select refuse($1)', [3])).rejects.toMatchObject({
      code: 'P0001',
      message: 'expected version 3, actual 4',
    });
    expect(await backend()).toBe(first);
    await pool.query('insert into names values ($1)', ['Mia']);
    await expect(pool.query('insert into names values ($1)', ['Mia'])).rejects.toMatchObject({
      code: '23505',
    });
    await expect(pool.query('selec 1')).rejects.toMatchObject({ code: '42601' });
    expect(await backend()).toBe(first);
    // the kept connection is outside any transaction: what it writes next is committed
    await pool.query('insert into names values ($1)', ['Jan']);
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      expect((await other.query('select name from names order by name')).rows).toEqual([
        { name: 'Jan' },
        { name: 'Mia' },
      ]);
    } finally {
      await other.end();
    }
    expect(pool.totalCount).toBe(1);
  });

  it('discards a connection left inside a failed transaction, and the next query gets a fresh one', async () => {
    const first = await backend();
    // one text with several statements: the failure leaves the session in an aborted transaction ('E')
    await expect(pool.query('begin; select refuse(1); commit')).rejects.toMatchObject({ code: 'P0001' });
    expect(await backend()).not.toBe(first);
    expect(pool.totalCount).toBe(1);
  });

  it('discards a connection the server ended, and reconnects on the next query', async () => {
    const first = await backend();
    const sleeping = pool.query('select pg_sleep(30)');
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      // once the sleep runs, end its backend from another session (an administrator, a failover)
      for (let tries = 0; ; tries++) {
        const { rows } = await admin.query<{ ended: boolean }>(
          "select pg_terminate_backend(pid) as ended from pg_stat_activity where pid = $1 and query like 'select pg_sleep%'",
          [first],
        );
        if (rows[0]?.ended) break;
        if (tries > 100) throw new Error('the sleep never started');
        await new Promise((wait) => setTimeout(wait, 20));
      }
    } finally {
      await admin.end();
    }
    await expect(sleeping).rejects.toBeDefined();
    const next = await backend();
    expect(next).not.toBe(first);
    expect(pool.totalCount).toBe(1);
  });

  it('answers through the callback form as pg-pool does', async () => {
    const rows = await new Promise<unknown[]>((resolve, reject) =>
      pool.query('select 1 as one', (error: Error | null, result: pg.QueryResult) =>
        error ? reject(error) : resolve(result.rows),
      ),
    );
    expect(rows).toEqual([{ one: 1 }]);
  });
});
