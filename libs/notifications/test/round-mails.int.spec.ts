import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { periodStreamId, userStreamId } from '#domain';
import { PostgresEventStore, runEventStoreMigrations, type NewEvent } from '#event-store';
import { createProjectionRunner, runReadModelMigrations } from '#read-models';
import { outboxProjection, runNotificationMigrations } from '#notifications';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { catchUpFully } from '../../read-models/test/scenario.js';

/**
 * A round's mail names its period by the label the outbox learnt from the period's opening, in the log's order:
 * it does not depend on the periods read model having applied that opening (under load it had not, and the mail
 * went out as "Vraag om je update: tegen ..." without the period). Here the periods projection does not run at
 * all.
 */
describe('update round mails', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase('round_mails');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    await runNotificationMigrations(db.url);
    store = new PostgresEventStore(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('name the period although the periods read model has not seen it', async () => {
    const tenantId = 'tenant-rounds';
    const event = (type: string, data: Record<string, unknown>): NewEvent => ({
      id: randomUUID(),
      type,
      data,
      metadata: {
        actorId: 'user-coordinator',
        tenantId,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
    });
    await store.appendToStream(userStreamId('user-caw'), [
      event('UserRegistered', {
        userId: 'user-caw',
        email: 'caw@example.org',
        name: 'An CAW',
        role: 'partner',
        partnerId: 'caw',
        demo: false,
      }),
    ]);
    await store.appendToStream(periodStreamId('rp-1'), [
      event('ReportingPeriodOpened', {
        periodId: 'rp-1',
        planId: 'p-1',
        kind: 'year',
        label: '2026',
        start: '2026-01-01',
        end: '2026-12-31',
      }),
      event('UpdateRoundStarted', {
        periodId: 'rp-1',
        roundId: 'r-1',
        deadline: '2026-12-10',
        scope: 'all',
        requests: [{ actionId: 'a-1', leadPartnerId: 'caw' }],
      }),
    ]);
    const runner = createProjectionRunner({ pool, store, projections: [outboxProjection()] });
    // not one catch-up: the log is read below the oldest running transaction of the whole server, and another
    // test's may hold these events back for a moment (a CI run failed so, with an empty outbox)
    await catchUpFully(runner, pool);
    const { rows } = await pool.query<{ payload: { kind: string; periodLabel: string | null } }>(
      `select payload from nf_outbox where tenant_id = $1 and user_id = 'user-caw'`,
      [tenantId],
    );
    expect(rows.map((row) => [row.payload.kind, row.payload.periodLabel])).toEqual([
      ['update_round', '2026'],
    ]);
    expect((await pool.query(`select 1 from rm_periods where tenant_id = $1`, [tenantId])).rowCount).toBe(0);
  });
});
