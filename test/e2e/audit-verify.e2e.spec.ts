import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { ensureBuilt } from '../support/child-api.js';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * Tamper evidence end to end (docs/audit.md): `GET /api/audit/verify` and `npm run cli -- verify` over a real
 * api and PostgreSQL, after rows were edited and deleted directly in the database.
 */
const CLI = 'dist/apps/cli/src/main.js';

let test: TestApi;
let alpha: TenantFixture;
let beta: TenantFixture;
let db: pg.Pool;

beforeAll(async () => {
  ensureBuilt(); // the CLI runs from the build
  test = await startTestApi();
  alpha = await seedTenant(test, 'alpha');
  beta = await seedTenant(test, 'beta');
  db = new pg.Pool({ connectionString: test.api.databaseUrl, max: 2 });
}, 300_000);

afterAll(async () => {
  await db?.end();
  await test?.close();
});

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: test.api.databaseUrl, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Report {
  ok: boolean;
  tenants: { tenantId: string; eventCount: number; eventsVerified: number; checkpointsCompared: number }[];
  problems: {
    code: string;
    tenantId: string;
    streamId: string | null;
    position: string;
    version: number | null;
  }[];
}

describe('GET /api/audit/verify and checkpoints', () => {
  it('is for coordinators only (member, partner, viewer 403; no token 401)', async () => {
    for (const path of ['/api/audit/verify', '/api/audit/checkpoints']) {
      for (const role of ['member', 'partner', 'viewer'] as const) {
        const refused = await test.http.get(path).set(bearer(alpha.users[role].token)).expect(403);
        expect(refused.body.code).toBe('AUTH.FORBIDDEN');
      }
      await test.http.get(path).expect(401);
    }
    await test.http.post('/api/audit/checkpoints').set(bearer(alpha.users.member.token)).expect(403);
    await test.http.post('/api/audit/checkpoints').expect(401);
  });

  it("verifies the caller's tenant, records checkpoints and verifies from the latest one", async () => {
    const report = (
      await test.http.get('/api/audit/verify').set(bearer(alpha.users.coordinator.token)).expect(200)
    ).body as Report;
    expect(report.ok).toBe(true);
    expect(report.tenants.map((t) => t.tenantId)).toEqual(['alpha']);
    expect(report.tenants[0]!.eventCount).toBeGreaterThan(5);

    const bad = await test.http
      .get('/api/audit/verify?fromCheckpoint=yes')
      .set(bearer(alpha.users.coordinator.token))
      .expect(400);
    expect(bad.body.code).toBe('REQUEST.VALIDATION_FAILED');
    const none = await test.http
      .get('/api/audit/verify?fromCheckpoint=true')
      .set(bearer(beta.users.coordinator.token))
      .expect(422);
    expect(none.body.code).toBe('AUDIT.NO_CHECKPOINT');

    const recorded = await test.http
      .post('/api/audit/checkpoints')
      .set(bearer(alpha.users.coordinator.token))
      .expect(201);
    expect(recorded.body).toMatchObject({
      tenantId: 'alpha',
      eventCount: report.tenants[0]!.eventCount,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      reason: 'manual',
    });
    const listed = await test.http
      .get('/api/audit/checkpoints')
      .set(bearer(alpha.users.coordinator.token))
      .expect(200);
    expect(listed.body).toContainEqual(expect.objectContaining({ id: recorded.body.id }));
    // another tenant's coordinator sees only her own
    const betaList = await test.http
      .get('/api/audit/checkpoints')
      .set(bearer(beta.users.coordinator.token))
      .expect(200);
    expect((betaList.body as { tenantId: string }[]).every((cp) => cp.tenantId === 'beta')).toBe(true);

    await alpha.newAction();
    const fromCheckpoint = (
      await test.http
        .get('/api/audit/verify?fromCheckpoint=true')
        .set(bearer(alpha.users.coordinator.token))
        .expect(200)
    ).body as Report;
    expect(fromCheckpoint.ok).toBe(true);
    expect(fromCheckpoint.tenants[0]!.eventsVerified).toBeGreaterThan(0);
    expect(fromCheckpoint.tenants[0]!.eventsVerified).toBeLessThan(fromCheckpoint.tenants[0]!.eventCount);
  });

  it('reports a changed and a removed event with position and stream, in the api and the CLI (exit code 1)', async () => {
    const clean = cli('verify', '--tenant', 'alpha');
    expect({ status: clean.status, stderr: clean.stderr }).toMatchObject({ status: 0 });
    expect(clean.stdout).toContain('verify: the log is intact');

    const { rows } = await db.query<{
      event_id: string;
      stream_id: string;
      version: number;
      position: string;
    }>(
      `select event_id, stream_id, version,
              lpad(tx_id::text, 20, '0') || '-' || lpad(seq::text, 20, '0') as position
         from events e
        where tenant_id = 'alpha' and exists (select 1 from events n where n.stream_id = e.stream_id and n.version = e.version + 1)
        order by tx_id, seq limit 2`,
    );
    const [changed, removed] = rows as [(typeof rows)[0], (typeof rows)[0]];
    await db.query(`update events set data = jsonb_set(data, '{tampered}', 'true') where event_id = $1`, [
      changed.event_id,
    ]);
    await db.query(`delete from events where event_id = $1`, [removed.event_id]);

    const report = (
      await test.http.get('/api/audit/verify').set(bearer(alpha.users.coordinator.token)).expect(200)
    ).body as Report;
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'AUDIT.EVENT_CHANGED',
          streamId: changed.stream_id,
          position: changed.position,
          version: changed.version,
        }),
        expect.objectContaining({
          code: 'AUDIT.EVENT_REMOVED',
          streamId: removed.stream_id,
          version: removed.version + 1,
        }),
        // the checkpoint recorded before covers the removed event
        expect.objectContaining({ code: 'AUDIT.CHECKPOINT_MISMATCH' }),
      ]),
    );

    const broken = cli('verify', '--tenant', 'alpha');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(
      `AUDIT.EVENT_CHANGED tenant alpha position ${changed.position} stream ${changed.stream_id}`,
    );
    expect(broken.stdout).toContain(`AUDIT.EVENT_REMOVED tenant alpha`);
    expect(broken.stdout).toContain(`stream ${removed.stream_id}`);
    // the other tenant is untouched, and verified on its own
    expect(cli('verify', '--tenant', 'beta').status).toBe(0);
    // every tenant at once: broken, since alpha is
    const all = cli('verify', '--json');
    expect(all.status).toBe(1);
    const json = JSON.parse(all.stdout) as Report;
    expect(json.tenants.map((t) => t.tenantId).sort()).toEqual(expect.arrayContaining(['alpha', 'beta']));
    expect(new Set(json.problems.map((p) => p.tenantId))).toEqual(new Set(['alpha']));
    // a checkpoint printed by the CLI
    const checkpoint = cli('checkpoint', '--tenant', 'beta');
    expect(checkpoint.status).toBe(0);
    expect(checkpoint.stdout).toMatch(
      /checkpoint \d+ of tenant beta at .*: \d+ events up to position \d{20}-\d{20}, head [0-9a-f]{64}/,
    );
    // five CLI processes, each opening and migrating the database: slow on a busy 2-core machine
  }, 300_000);
});
