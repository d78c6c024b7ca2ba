import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessDeniedError } from '@kurrent/kurrentdb-client';
import { Module, type INestApplication } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import pg from 'pg';
import { EVENT_STORE, KurrentDBEventStore } from '#event-store';
import type { AppConfig } from '#platform';
import { FakeKurrentDB } from '../../../../test/support/fake-kurrentdb.js';
import { ErrorFilter } from '../http/error.filter.js';
import { APP_CONFIG, LIFECYCLE, PROJECTION_RUNNER, READ_POOL } from '../injection-tokens.js';
import { HealthController } from './health.controller.js';

/**
 * The readiness check's KurrentDB part (issue 20, item 5): an account that may not read `$all` fails
 * readiness with a message that says so. The real health controller and HTTP server, a real PostgreSQL for the
 * database check, the KurrentDB adapter over the scripted fake client (no KurrentDB server can run here).
 */
describe('readiness with the KurrentDB event store', () => {
  let pool: pg.Pool;
  let app: INestApplication | null = null;

  beforeAll(() => {
    pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 2 });
  });
  afterEach(async () => {
    await app?.close();
    app = null;
  });
  afterAll(async () => {
    await pool.end();
  });

  async function start(fake: FakeKurrentDB): Promise<string> {
    const store = new KurrentDBEventStore(fake);
    @Module({
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: PROJECTION_RUNNER, useValue: { status: () => Promise.resolve([]) } },
        { provide: READ_POOL, useValue: pool },
        { provide: LIFECYCLE, useValue: { shuttingDown: false } },
        { provide: APP_CONFIG, useValue: { healthMaxProjectionLag: 1000 } as Partial<AppConfig> },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    })
    class ReadinessModule {}
    app = await NestFactory.create(ReadinessModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    return `${await app.getUrl()}/health/ready`.replace('[::1]', '127.0.0.1');
  }

  it('is ready when the account may read $all', async () => {
    const url = await start(new FakeKurrentDB());
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      details: { eventStore: { status: 'up', kind: 'kurrentdb' } },
    });
  });

  it('is not ready, saying which account and ACL is missing, when the account may not read $all', async () => {
    const fake = new FakeKurrentDB();
    fake.failNext('readAll', new AccessDeniedError(undefined, 'Access denied'));
    const url = await start(fake);
    const response = await fetch(url);
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      code: string;
      details: { details: { eventStore: { status: string; message: string } } };
    };
    expect(body.code).toBe('HEALTH.NOT_READY');
    expect(body.details.details.eventStore.status).toBe('down');
    expect(body.details.details.eventStore.message).toMatch(/may not read \$all/);
    expect(body.details.details.eventStore.message).toMatch(/\$admins/);
  });
});
