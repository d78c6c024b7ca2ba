import { JwtService } from '@nestjs/jwt';
import {
  PASSWORD,
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/** Issue 12, items 3 and 6: the login lockout under concurrency, refresh-token reuse, tokens without `exp`. */
let test: TestApi;
let fx: TenantFixture;

beforeAll(async () => {
  // without the two-tab grace (REFRESH_GRACE_SECONDS): a replayed secret is reuse at once (the grace: session-cookie.e2e)
  test = await startTestApi({ refreshGraceSeconds: 0 });
  fx = await seedTenant(test, 'harden');
});
afterAll(() => test?.close());

async function newUser() {
  const email = `u-${Math.random().toString(36).slice(2, 10)}@harden.test`;
  await test.api.runtime.userAdmin.register(
    { email, name: 'Tijdelijk', role: 'viewer', password: PASSWORD },
    fx.context,
  );
  return email;
}

describe('login lockout', () => {
  it('checks at most ten of 19 concurrent wrong passwords, and then refuses the right one too', async () => {
    const email = await newUser();
    const answers = await Promise.all(
      Array.from({ length: 19 }, (_, i) =>
        test.http.post('/api/auth/login').send({ email, password: `fout wachtwoord ${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    for (const answer of answers.filter((a) => a.status === 429))
      expect(answer.body).toMatchObject({ statusCode: 429, code: 'AUTH.TOO_MANY_ATTEMPTS' });
    expect(await test.api.runtime.identity.recentLoginFailures(email, 900)).toBe(10);

    const right = await test.http.post('/api/auth/login').send({ email, password: PASSWORD });
    expect(right.status).toBe(429);
  });

  it('does not count a successful login as a failure, also when logins race', async () => {
    const email = await newUser();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => test.http.post('/api/auth/login').send({ email, password: PASSWORD })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(await test.api.runtime.identity.recentLoginFailures(email, 900)).toBe(0);
  });
});

describe('refresh tokens', () => {
  const loginAs = async (email: string) =>
    (await test.http.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };

  it('a wrong secret for a real session is invalid and leaves the session alone', async () => {
    const email = await newUser();
    const session = await loginAs(email);
    const sid = session.refreshToken.split('.')[0]!;
    for (const junk of [`${sid}.junk`, `${sid}.${'a'.repeat(43)}`]) {
      const refused = await test.http.post('/api/auth/refresh').send({ refreshToken: junk });
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('AUTH.REFRESH_INVALID');
    }
    await test.http.get('/api/me').set(bearer(session.accessToken)).expect(200);
    await test.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
  });

  it('a correct secret that was already traded in is reuse: the session ends', async () => {
    const email = await newUser();
    const session = await loginAs(email);
    const next = (
      await test.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200)
    ).body as { accessToken: string; refreshToken: string };
    const replay = await test.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('AUTH.REFRESH_REUSED');
    const after = await test.http.get('/api/me').set(bearer(next.accessToken));
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH.SESSION_ENDED');
    await test.http.post('/api/auth/refresh').send({ refreshToken: next.refreshToken }).expect(401);
  });

  it('a malformed session id is a 401, not a failure', async () => {
    for (const refreshToken of [`${'-'.repeat(36)}.x`, 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz.x']) {
      const refused = await test.http.post('/api/auth/refresh').send({ refreshToken });
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('AUTH.REFRESH_INVALID');
    }
  });
});

describe('access tokens', () => {
  it('refuses a correctly signed token without exp', async () => {
    const email = await newUser();
    const session = (await test.http.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200))
      .body as { accessToken: string };
    const jwt = new JwtService({ secret: test.api.runtime.jwtSecret });
    const claims = jwt.decode<{ sub: string; tid: string; sid: string; exp: number }>(session.accessToken);
    expect(typeof claims.exp).toBe('number');
    await test.http.get('/api/me').set(bearer(session.accessToken)).expect(200);

    const forever = jwt.sign({ sub: claims.sub, tid: claims.tid, sid: claims.sid }, { algorithm: 'HS256' });
    expect(jwt.decode<{ exp?: number }>(forever).exp).toBeUndefined();
    const refused = await test.http.get('/api/me').set(bearer(forever));
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('AUTH.TOKEN_INVALID');

    const badSid = jwt.sign({ sub: claims.sub, tid: claims.tid, sid: 'not-a-uuid' }, { expiresIn: 60 });
    const refusedSid = await test.http.get('/api/me').set(bearer(badSid));
    expect(refusedSid.status).toBe(401);
    expect(refusedSid.body.code).toBe('AUTH.TOKEN_INVALID');
  });
});
