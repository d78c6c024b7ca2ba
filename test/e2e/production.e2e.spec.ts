import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ensureBuilt, startChildApi, type ChildApi } from '../support/child-api.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const PASSWORD = 'a long production password';
const METRICS_TOKEN = randomBytes(24).toString('hex');
const JWT_SECRET = randomBytes(32).toString('hex');
const FAR_FUTURE = '99999999999999999999-00000000000000000000';

/**
 * Production mode of the built api (issue 7): configuration validated, liveness and readiness, Prometheus
 * metrics behind a token, JSON logs with correlation ids and no credentials, graceful shutdown that lets an
 * in-flight request finish and reports "not ready" while draining.
 */
describe('the built api in production mode', () => {
  let db: TestDatabase;
  let api: ChildApi;
  let token: string;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase('prod');
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      JWT_SECRET,
      USER_PASSWORD: PASSWORD,
    };
    // the first coordinator, as an operator creates it (runs the migrations too)
    const created = spawnSync(
      process.execPath,
      [
        'dist/apps/cli/src/main.js',
        'create-admin',
        '--tenant',
        'prod',
        '--tenant-name',
        'Stad Prod',
        '--email',
        'admin@prod.test',
        '--name',
        'Beheerder',
      ],
      { env, encoding: 'utf8' },
    );
    expect(created.status).toBe(0);
    api = await startChildApi({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      JWT_SECRET,
      METRICS_TOKEN,
      SHUTDOWN_DRAIN_MS: '1000',
      LOG_LEVEL: 'info',
    });
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-login-1' },
      body: JSON.stringify({ email: 'admin@prod.test', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { accessToken: string }).accessToken;
  }, 180_000);

  afterAll(async () => {
    if (api) await api.stop('SIGKILL');
    await db?.drop();
  });

  it('refuses to start in production without a database or a JWT secret, saying which', async () => {
    // asynchronously: a blocked test process would not see the api close its idle keep-alive connection
    // meanwhile, and the next test's request would go out on that dead socket
    const result = await new Promise<{ status: number | null; output: string }>((done) => {
      execFile(
        process.execPath,
        ['dist/apps/api/src/main.js'],
        {
          env: {
            ...process.env,
            NODE_ENV: 'production',
            DATABASE_URL: '',
            JWT_SECRET: '',
            PERSONAL_DATA_KEY: '',
            PORT: '0',
          },
          encoding: 'utf8',
          timeout: 30_000,
        },
        (error, stdout, stderr) =>
          done({
            status: error ? (typeof error.code === 'number' ? error.code : null) : 0,
            output: stdout + stderr,
          }),
      );
    });
    expect(result.status).toBe(1);
    const output = result.output;
    expect(output).toMatch(/DATABASE_URL is required/);
    expect(output).toMatch(/JWT_SECRET is required/);
    expect(output).toMatch(/PERSONAL_DATA_KEY is required/);
  });

  it('answers liveness and readiness', async () => {
    const live = await fetch(`${api.url}/api/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${api.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: {
        lifecycle: { status: 'up' },
        database: { status: 'up' },
        eventStore: { status: 'up', kind: 'postgres' },
      },
    });
  });

  it('serves Prometheus metrics only with the token, with HTTP, command, append, projection and socket metrics', async () => {
    const wrongLogin = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@prod.test', password: 'wrong password here' }),
    });
    expect(wrongLogin.status).toBe(401);
    const plan = await fetch(`${api.url}/api/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Plan',
        description: '',
        periodStart: '2026-01-01',
        periodEnd: '2031-12-31',
      }),
    });
    expect(plan.status).toBe(201);

    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    const response = await fetch(`${api.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/health\/ready"/);
    expect(text).toMatch(/commands_total\{command="POST \/api\/plans",outcome="ok"\} 1/);
    expect(text).toMatch(/commands_total\{command="POST \/api\/auth\/login",outcome="rejected"\} 1/);
    expect(text).toMatch(/event_store_append_duration_seconds_count\{outcome="ok"\} [1-9]/);
    expect(text).toMatch(/projection_lag_events\{projection="action-list"\} \d+/);
    expect(text).toMatch(/realtime_connected_sockets 0/);
    expect(text).toMatch(/process_resident_memory_bytes/);
  });

  it('logs JSON lines with correlation ids and never a password or token', () => {
    const lines = api
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(3);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.every((entry) => typeof entry.level === 'string' && typeof entry.time === 'string')).toBe(
      true,
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        context: 'http',
        correlationId: 'corr-login-1',
        route: '/api/auth/login',
        status: 200,
      }),
    );
    const output = api.output();
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(token);
    expect(output).not.toContain(METRICS_TOKEN);
  });

  it('shuts down gracefully: not ready while draining, the in-flight request finishes, exit 0', async () => {
    // a read that waits (2 s) for a position nobody has written: in flight when SIGTERM arrives
    const slow = fetch(`${api.url}/api/plans?minPosition=${FAR_FUTURE}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await new Promise((wait) => setTimeout(wait, 200));
    api.process.kill('SIGTERM');
    await new Promise((wait) => setTimeout(wait, 200));
    const draining = await fetch(`${api.url}/api/health/ready`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ code: 'HEALTH.NOT_READY' });
    const answered = await slow;
    expect(answered.status).toBeLessThan(500);
    expect(await api.stop()).toBe(0);
    expect(api.output()).toMatch(/SIGTERM: shutting down/);
  });
});
