import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CHECKPOINT_TABLE, readCheckpoints, runReadModelMigrations } from '#read-models';
import { CheckpointAdvances } from '../src/projection/checkpoint-advances.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

const position = (n: number): string => `${String(n).padStart(20, '0')}-${String(n).padStart(20, '0')}`;
const NAMES = ['p-a', 'p-b', 'p-c'];

describe('CheckpointAdvances (the checkpoints of projections whose batch held nothing for them)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  /** the statements the advances sent */
  let statements: string[];
  let counted: Pick<pg.Pool, 'query'>;

  beforeAll(async () => {
    db = await createTestDatabase('advances');
    await runReadModelMigrations(db.url);
    // one connection: a setting left behind by a statement would show in the next one
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    counted = {
      query: ((text: string, values?: unknown[]) => {
        statements.push(text);
        return pool.query(text, values);
      }) as pg.Pool['query'],
    };
  });

  beforeEach(async () => {
    statements = [];
    await pool.query(`delete from ${CHECKPOINT_TABLE}`);
    await pool.query(`insert into ${CHECKPOINT_TABLE} (name, position) select unnest($1::text[]), $2`, [
      NAMES,
      position(1),
    ]);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('moves the checkpoints that arrive together in one statement, and each to its own position', async () => {
    const advances = new CheckpointAdvances(counted);
    const moved = await Promise.all(
      NAMES.map((name, i) => advances.advance(name, position(1), position(5 + i))),
    );
    expect(moved).toEqual([true, true, true]);
    expect(statements).toHaveLength(1);
    const checkpoints = await readCheckpoints(pool, NAMES);
    expect(NAMES.map((name) => checkpoints.get(name)?.position)).toEqual([
      position(5),
      position(6),
      position(7),
    ]);
    // the commit was asynchronous for that transaction only: the connection's setting is untouched
    const { rows } = await pool.query<{ synchronous_commit: string }>('show synchronous_commit');
    expect(rows[0]!.synchronous_commit).toBe('on');
  });

  it('answers false for a checkpoint that is no longer where the projection left it, and moves the others', async () => {
    // a rebuild or another runner moved p-b meanwhile
    await pool.query(`update ${CHECKPOINT_TABLE} set position = $2 where name = $1`, ['p-b', position(3)]);
    const advances = new CheckpointAdvances(counted);
    const moved = await Promise.all(NAMES.map((name) => advances.advance(name, position(1), position(9))));
    expect(moved).toEqual([true, false, true]);
    const checkpoints = await readCheckpoints(pool, NAMES);
    expect(NAMES.map((name) => checkpoints.get(name)?.position)).toEqual([
      position(9),
      position(3),
      position(9),
    ]);
  });

  it('sends what arrives while a statement runs in the next one, and never two at once', async () => {
    let running = 0;
    let most = 0;
    const slow: Pick<pg.Pool, 'query'> = {
      query: (async (text: string, values?: unknown[]) => {
        running++;
        most = Math.max(most, running);
        statements.push(text);
        await new Promise((resolve) => setTimeout(resolve, 30));
        try {
          return await pool.query(text, values);
        } finally {
          running--;
        }
      }) as pg.Pool['query'],
    };
    const advances = new CheckpointAdvances(slow);
    const first = advances.advance('p-a', position(1), position(2));
    await new Promise((resolve) => setTimeout(resolve, 10)); // the first statement is running
    const later = [
      advances.advance('p-b', position(1), position(2)),
      advances.advance('p-c', position(1), position(2)),
    ];
    await expect(Promise.all([first, ...later])).resolves.toEqual([true, true, true]);
    expect(statements).toHaveLength(2);
    expect(most).toBe(1);
  });

  it('fails every advance of a statement that fails, and the next statement works again', async () => {
    let fail = true;
    const flaky: Pick<pg.Pool, 'query'> = {
      query: ((text: string, values?: unknown[]) => {
        if (fail) return Promise.reject(new Error('connection terminated'));
        return pool.query(text, values);
      }) as pg.Pool['query'],
    };
    const advances = new CheckpointAdvances(flaky);
    const failed = await Promise.allSettled(
      NAMES.map((name) => advances.advance(name, position(1), position(4))),
    );
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const checkpoints = await readCheckpoints(pool, NAMES);
    expect(NAMES.map((name) => checkpoints.get(name)?.position)).toEqual([
      position(1),
      position(1),
      position(1),
    ]);
    fail = false;
    await expect(advances.advance('p-a', position(1), position(4))).resolves.toBe(true);
  });
});
