import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { ErasureService, systemContext } from '#commands';
import { PERSONAL_DATA_POLICY } from '#domain';
import { PostgresEventStore, protectPersonalData } from '#event-store';
import { getAction, type ProjectionRunner } from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, lastWrittenPosition, seedPlan } from '../../../libs/read-models/test/scenario.js';
import { PROJECTION_RUNNER, ProjectorModule } from '../src/projector.module.js';
import { startProjector } from '../src/projector.js';

describe('projector', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('projector');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('startProjector migrates, runs every projection live and stops at a batch boundary', async () => {
    const projector = await startProjector({
      databaseUrl: db.url,
      batchSize: 50,
      personalDataSecret: 'projector-test-personal-data-secret-0123456789',
    });
    const store = new PostgresEventStore(db.url);
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const ids = await seedPlan(new Scenario(store, 'tenant-p', 'user-p'), 'p');
      const head = await lastWrittenPosition(pool);
      const waited = await projector.runner.waitForPosition(head, 15_000);
      expect(waited.reached).toBe(true);
      expect(waited.position >= head).toBe(true);
      expect((await getAction(pool, 'tenant-p', ids.a1, '2026-02-01'))!.title).toBe('Spring job fair');
      expect((await projector.runner.status()).every((s) => s.running && s.lag === 0)).toBe(true);
      await projector.stop();
      // stopped: new events are not applied
      await new Scenario(store, 'tenant-p', 'user-p').note(ids.a1, 'after stop');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await getAction(pool, 'tenant-p', ids.a1, '2026-02-01'))!.noteCount).toBe(1);
    } finally {
      await projector.stop();
      await store.close();
      await pool.end();
    }
  });

  it('ProjectorModule provides the runner inside a Nest application and stops it on close', async () => {
    const app = await NestFactory.createApplicationContext(
      ProjectorModule.forRoot({
        databaseUrl: db.url,
        personalDataSecret: 'projector-test-personal-data-secret-0123456789',
      }),
      {
        logger: false,
      },
    );
    app.enableShutdownHooks();
    const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
    const store = new PostgresEventStore(db.url);
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      const head = await lastWrittenPosition(pool);
      expect((await runner.waitForPosition(head, 15_000)).reached).toBe(true); // caught up with the note written above
      expect((await runner.status()).every((s) => s.running)).toBe(true);
    } finally {
      await app.close();
    }
    const before = await lastWrittenPosition(pool);
    await new Scenario(store, 'tenant-p', 'user-p').note('p-a2', 'after close');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { rows } = await pool.query<{ position: string }>(
      `select distinct position from projection_checkpoints`,
    );
    expect(rows).toEqual([{ position: before }]);
    await pool.end();
    await store.close();
  });

  it('applies an erasure: every projection replays the tenant without starving the key reads of a connection', async () => {
    // Nine projections replay the erasure's tenant at once, each in a transaction on the projector's pool, and
    // each replay reads the tenant's encrypted notes, whose keys the personal-data layer reads. On one pool of
    // eight connections that was a deadlock: every connection held by a replay waiting for a key read.
    const secret = 'projector-test-personal-data-secret-0123456789';
    const projector = await startProjector({ databaseUrl: db.url, personalDataSecret: secret });
    const plain = new PostgresEventStore(db.url);
    const keyPool = new pg.Pool({ connectionString: db.url, max: 2 });
    const store = protectPersonalData(plain, {
      pool: keyPool,
      masterSecret: secret,
      policy: PERSONAL_DATA_POLICY,
    });
    try {
      const s = new Scenario(store, 'tenant-e', 'user-e');
      await s.tenant({ type: 'TenantCreated', data: { tenantId: 'tenant-e', name: 'Stad E', demo: false } });
      const ids = await seedPlan(s, 'e');
      for (let n = 0; n < 20; n++) await s.note(ids.a2, `note ${n}`);
      const erased = await new ErasureService(store, store, null).erase(
        { kind: 'guest', guestName: 'Nobody Named' },
        'consent-withdrawn',
        systemContext('tenant-e'),
      );
      const waited = await projector.runner.waitForPosition(erased.position, 30_000);
      expect(waited.reached).toBe(true);
      expect((await projector.runner.status()).every((status) => status.lastError === null)).toBe(true);
      expect((await getAction(keyPool, 'tenant-e', ids.a2, '2026-02-01'))!.noteCount).toBe(20);
      // a rebuild hands each page to every projection at once: all of them meet the erasure together
      const rebuilt = await Promise.race([
        projector.runner.rebuild('all'),
        new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 30_000).unref()),
      ]);
      expect(rebuilt).toMatchObject({ completed: true });
      expect((await getAction(keyPool, 'tenant-e', ids.a2, '2026-02-01'))!.noteCount).toBe(20);
    } finally {
      await projector.stop();
      await store.close();
      await keyPool.end();
    }
  });
});
