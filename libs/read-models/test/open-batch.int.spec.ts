import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CHECKPOINT_TABLE, runReadModelMigrations } from '#read-models';
import { openBatch } from '../src/projection/checkpoints.js';
import { TENANT_REPLAYS_TABLE } from '../src/projection/tenant-replays.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

const position = (n: number): string => `${String(n).padStart(20, '0')}-${String(n).padStart(20, '0')}`;
/** a name with a quote, sent as a literal */
const NAME = "o'brien-projection";

/**
 * A projection's batch opens its transaction, moves its checkpoint and reads its held tenants in one round
 * trip. The held tenants must be read after the checkpoint row is locked: a replay that ends deletes its
 * request under that lock, and a batch that saw the request would skip the tenant's events for ever.
 */
describe('openBatch (begin, the checkpoint move and the held tenants in one round trip)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase('open_batch');
    await runReadModelMigrations(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
  });

  beforeEach(async () => {
    await pool.query(`delete from ${CHECKPOINT_TABLE}`);
    await pool.query(`delete from ${TENANT_REPLAYS_TABLE}`);
    await pool.query(`insert into ${CHECKPOINT_TABLE} (name, position) values ($1, $2)`, [NAME, position(1)]);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const stored = async () =>
    (
      await pool.query<{ position: string }>(`select position from ${CHECKPOINT_TABLE} where name = $1`, [
        NAME,
      ])
    ).rows[0]!.position;

  it('moves the checkpoint inside a transaction that commits or rolls back with the batch', async () => {
    const client = await pool.connect();
    try {
      const opened = await openBatch(client, NAME, position(1), position(7), true);
      expect(opened).toEqual({ moved: true, held: new Map() });
      const inside = await client.query<{ s: string }>(`select current_setting('synchronous_commit') as s`);
      expect(inside.rows[0]!.s).toBe('off');
      await client.query('rollback');
      expect(await stored()).toBe(position(1));

      await openBatch(client, NAME, position(1), position(7), false);
      await client.query('commit');
      expect(await stored()).toBe(position(7));
      // the setting was the transaction's only
      const after = await client.query<{ s: string }>(`select current_setting('synchronous_commit') as s`);
      expect(after.rows[0]!.s).toBe('on');
    } finally {
      client.release();
    }
  });

  it('answers moved = false when the row is not at the expected position', async () => {
    const client = await pool.connect();
    try {
      const opened = await openBatch(client, NAME, position(3), position(7), true);
      expect(opened.moved).toBe(false);
      await client.query('rollback');
      expect(await stored()).toBe(position(1));
    } finally {
      client.release();
    }
  });

  it('reads the held tenants after the lock: a replay that ended while the batch waited is not held', async () => {
    await pool.query(
      `insert into ${TENANT_REPLAYS_TABLE} (projection, tenant_id, erasure_position) values ($1, 't-ended', $2), ($1, 't-running', $3)`,
      [NAME, position(1), position(1)],
    );
    // a replay's last step: the checkpoint row locked, its request deleted, not yet committed
    const replay = await pool.connect();
    const batch = await pool.connect();
    try {
      await replay.query('begin');
      await replay.query(`select position from ${CHECKPOINT_TABLE} where name = $1 for update`, [NAME]);
      await replay.query(
        `delete from ${TENANT_REPLAYS_TABLE} where projection = $1 and tenant_id = 't-ended'`,
        [NAME],
      );
      const opening = openBatch(batch, NAME, position(1), position(9), true);
      // the batch waits for the row's lock
      const waiting = async () =>
        (
          await pool.query(
            `select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%${CHECKPOINT_TABLE}%'`,
          )
        ).rowCount ?? 0;
      for (let i = 0; i < 200 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await waiting()).toBe(1);
      await replay.query('commit');
      const opened = await opening;
      expect(opened.moved).toBe(true);
      expect([...opened.held.keys()]).toEqual(['t-running']);
      expect(opened.held.get('t-running')).toBe(position(1));
      await batch.query('commit');
    } finally {
      replay.release();
      batch.release();
    }
  });
});
