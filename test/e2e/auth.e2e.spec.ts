import request from 'supertest';
import {
  PASSWORD,
  bearer,
  login,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

let test: TestApi;
let fx: TenantFixture;

beforeAll(async () => {
  // no grace for a just-rotated refresh token here: its reuse is refused at once (session-cookie.e2e tests the grace)
  test = await startTestApi({ refreshGraceSeconds: 0 });
  fx = await seedTenant(test, 'auth');
});

afterAll(async () => {
  await test?.close();
});

async function newUser(role: 'member' | 'viewer' = 'viewer') {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@auth.test`;
  const { id } = await test.api.runtime.userAdmin.register(
    { email, name: 'Tijdelijk', role, password: PASSWORD },
    fx.context,
  );
  return { id, email };
}

describe('sessions', () => {
  it('logs in with the user of API.md and answers /api/me', async () => {
    const response = await test.http
      .post('/api/auth/login')
      .send({ email: fx.users.member.email.toUpperCase(), password: PASSWORD })
      .expect(200);
    expect(response.body.user).toMatchObject({
      email: fx.users.member.email,
      tenantId: 'auth',
      roles: ['member'],
    });
    expect(response.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const me = await test.http.get('/api/me').set(bearer(response.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id: fx.users.member.id, roles: ['member'] });
    const groups = await test.http
      .get('/api/me/working-groups')
      .set(bearer(response.body.accessToken))
      .expect(200);
    expect(JSON.stringify(groups.body)).toContain(fx.workingGroupId);
    const none = await test.http
      .get('/api/me/working-groups')
      .set(bearer(fx.users.outsider.token))
      .expect(200);
    expect(JSON.stringify(none.body)).not.toContain(fx.workingGroupId);
  });

  it('refuses a wrong password, a missing, malformed or forged token with stable codes', async () => {
    const wrong = await test.http
      .post('/api/auth/login')
      .send({ email: fx.users.member.email, password: 'nope' })
      .expect(401);
    expect(wrong.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    const unknown = await test.http
      .post('/api/auth/login')
      .send({ email: 'nobody@auth.test', password: 'nope' })
      .expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect((await test.http.get('/api/me').expect(401)).body.code).toBe('AUTH.TOKEN_MISSING');
    expect((await test.http.get('/api/me').set('Authorization', 'Bearer x.y.z').expect(401)).body.code).toBe(
      'AUTH.TOKEN_INVALID',
    );
    const [head, , sig] = fx.users.viewer.token.split('.');
    const forgedClaims = Buffer.from(
      JSON.stringify({ sub: fx.users.coordinator.id, tid: 'auth', sid: 'x' }),
    ).toString('base64url');
    expect(
      (
        await test.http
          .get('/api/me')
          .set(bearer(`${head}.${forgedClaims}.${sig}`))
          .expect(401)
      ).body.code,
    ).toBe('AUTH.TOKEN_INVALID');
  });

  it('rotates refresh tokens and ends the session when a used one comes back', async () => {
    const user = await newUser();
    const first = (
      await test.http.post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(200)
    ).body;
    const second = (
      await test.http.post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    await test.http.get('/api/me').set(bearer(second.accessToken)).expect(200);
    const reused = await test.http
      .post('/api/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);
    expect(reused.body.code).toBe('AUTH.REFRESH_REUSED');
    // the whole session is gone: also the tokens the thief or the owner got from it
    expect((await test.http.get('/api/me').set(bearer(second.accessToken)).expect(401)).body.code).toBe(
      'AUTH.SESSION_ENDED',
    );
    await test.http.post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('ends a session at logout, at once', async () => {
    const user = await newUser();
    const token = await login(test, user.email);
    await test.http.post('/api/auth/logout').set(bearer(token)).expect(204);
    expect((await test.http.get('/api/me').set(bearer(token)).expect(401)).body.code).toBe(
      'AUTH.SESSION_ENDED',
    );
  });

  it('locks a disabled user out at once, and lets her in again when enabled', async () => {
    const user = await newUser('member');
    const token = await login(test, user.email);
    const coordinator = bearer(fx.users.coordinator.token);
    await test.http
      .post(`/api/users/${user.id}/disable`)
      .set(coordinator)
      .send({ reason: 'vertrokken' })
      .expect(200);
    await test.http.get('/api/me').set(bearer(token)).expect(401);
    await test.http.post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(401);
    await test.http.post(`/api/users/${user.id}/enable`).set(coordinator).send({}).expect(200);
    await login(test, user.email);
  });

  it('applies a role change on the next request', async () => {
    const user = await newUser('viewer');
    const token = await login(test, user.email);
    await test.http.get('/api/working-groups').set(bearer(token)).expect(403);
    await test.http
      .patch(`/api/users/${user.id}`)
      .set(bearer(fx.users.coordinator.token))
      .send({ role: 'member' })
      .expect(200);
    await test.http.get('/api/working-groups').set(bearer(token)).expect(200);
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const user = await newUser();
    const here = await login(test, user.email);
    const elsewhere = await login(test, user.email);
    const short = await test.http
      .post('/api/me/password')
      .set(bearer(here))
      .send({ currentPassword: PASSWORD, newPassword: 'kort' })
      .expect(400);
    expect(short.body.details[0].field).toBe('newPassword');
    await test.http
      .post('/api/me/password')
      .set(bearer(here))
      .send({ currentPassword: 'fout', newPassword: 'een nieuw wachtwoord' })
      .expect(422);
    await test.http
      .post('/api/me/password')
      .set(bearer(here))
      .send({ currentPassword: PASSWORD, newPassword: 'een nieuw wachtwoord' })
      .expect(204);
    await test.http.get('/api/me').set(bearer(here)).expect(200);
    await test.http.get('/api/me').set(bearer(elsewhere)).expect(401);
    await test.http.post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(401);
    await login(test, user.email, 'een nieuw wachtwoord');
  });

  it('refuses further logins for an email after ten failures, whatever the password', async () => {
    const user = await newUser();
    for (let i = 0; i < 10; i++) {
      await test.http
        .post('/api/auth/login')
        .send({ email: user.email, password: `wrong ${i}` })
        .expect(401);
    }
    const locked = await test.http
      .post('/api/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(429);
    expect(locked.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
  });

  it('records logins, failures, role changes and disabled users for coordinators to read', async () => {
    const user = await newUser('viewer');
    await test.http.post('/api/auth/login').send({ email: user.email, password: 'fout' }).expect(401);
    await login(test, user.email);
    const coordinator = bearer(fx.users.coordinator.token);
    await test.http.patch(`/api/users/${user.id}`).set(coordinator).send({ role: 'member' }).expect(200);
    const disabled = await test.http
      .post(`/api/users/${user.id}/disable`)
      .set(coordinator)
      .send({ reason: 'test' })
      .expect(200);
    const events = await test.http
      .get(`/api/security-events?userId=${user.id}&minPosition=${disabled.body.position}`)
      .set(coordinator)
      .expect(200);
    const types = (events.body.items as { type: string }[]).map((item) => item.type).sort();
    expect(types).toEqual([
      'UserDisabled',
      'UserLoggedIn',
      'UserLoginFailed',
      'UserRegistered',
      'UserRoleChanged',
    ]);
  });

  it('shows the real actor by name in action history', async () => {
    const actionId = await fx.newAction();
    const write = await test.http
      .post(`/api/actions/${actionId}/notes`)
      .set(bearer(fx.users.member.token))
      .send({ text: 'Door Mia' })
      .expect(200);
    const history = await test.http
      .get(`/api/actions/${actionId}/history?minPosition=${write.body.position}`)
      .set(bearer(fx.users.coordinator.token))
      .expect(200);
    const note = (history.body.items as { type: string; actor: { id: string; name: string } }[]).find(
      (i) => i.type === 'ActionNoteAdded',
    );
    expect(note?.actor).toEqual({ id: fx.users.member.id, name: 'member of auth' });
  });
});

describe('security basics', () => {
  it('sends security headers and refuses cross-origin browsers not on the allowlist', async () => {
    const response = await test.http.get('/api/health').set('Origin', 'https://evil.example').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never leaks a stack trace or SQL', async () => {
    const response = await request(test.api.url)
      .post('/api/plans')
      .set(bearer(fx.users.coordinator.token))
      .send({ title: 'x'.repeat(301), periodStart: 'nope', periodEnd: '2030-01-01' })
      .expect(400);
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|select |insert into/i);
  });
});
