import {
  PASSWORD,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * The web app's session (issue 15): the refresh token in an HttpOnly, SameSite=Strict cookie (Secure over
 * https) so a new tab or a reload keeps the session, rotation that tolerates two tabs refreshing at once,
 * and the JSON body contract for API clients unchanged.
 */
let test: TestApi;
let fx: TenantFixture;

beforeAll(async () => {
  test = await startTestApi();
  fx = await seedTenant(test, 'cookie');
});

afterAll(async () => {
  await test?.close();
});

interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number;
  user: { email: string };
}

const setCookieOf = (headers: Record<string, unknown>): string => {
  const value = headers['set-cookie'];
  const all = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
  const cookie = all.find((line) => line.startsWith('spb_refresh='));
  if (!cookie) throw new Error(`no spb_refresh cookie in ${JSON.stringify(all)}`);
  return cookie;
};
const cookieValue = (setCookie: string) => setCookie.split(';')[0]!;

const logIn = async (headers: Record<string, string> = {}) => {
  const response = await test.http
    .post('/api/auth/login')
    .set(headers)
    .send({ email: fx.users.member.email, password: PASSWORD })
    .expect(200);
  return { body: response.body as Tokens, setCookie: setCookieOf(response.headers) };
};

it('sets the refresh token as an HttpOnly, SameSite=Strict cookie on /api/auth, Secure over https only', async () => {
  const { body, setCookie } = await logIn();
  // the JSON contract for API clients is unchanged
  expect(body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
  expect(cookieValue(setCookie)).toBe(`spb_refresh=${encodeURIComponent(body.refreshToken!)}`);
  expect(setCookie).toMatch(/; HttpOnly/);
  expect(setCookie).toMatch(/; SameSite=Strict/);
  expect(setCookie).toMatch(/; Path=\/api\/auth/);
  expect(setCookie).not.toMatch(/; Secure/);

  const overHttps = await logIn({ 'X-Forwarded-Proto': 'https' });
  expect(overHttps.setCookie).toMatch(/; Secure/);
});

it('refreshes from the cookie alone (a new tab, a reload) and rotates it', async () => {
  const { setCookie } = await logIn();
  const refreshed = await test.http
    .post('/api/auth/refresh')
    .set('Cookie', cookieValue(setCookie))
    .send({})
    .expect(200);
  const body = refreshed.body as Tokens;
  expect(body.user.email).toBe(fx.users.member.email);
  const rotated = setCookieOf(refreshed.headers);
  expect(cookieValue(rotated)).not.toBe(cookieValue(setCookie));
  await test.http.get('/api/me').set('Authorization', `Bearer ${body.accessToken}`).expect(200);
  // without a cookie or a body there is nothing to refresh
  const none = await test.http.post('/api/auth/refresh').send({}).expect(401);
  expect(none.body.code).toBe('AUTH.REFRESH_INVALID');
});

it('lets two tabs refresh with the same cookie at once, and still ends the session on a real reuse', async () => {
  const { setCookie } = await logIn();
  const send = () => test.http.post('/api/auth/refresh').set('Cookie', cookieValue(setCookie)).send({});
  const [one, two] = await Promise.all([send(), send()]);
  expect([one.status, two.status]).toEqual([200, 200]);
  const answers = [one, two].map((response) => response.body as Tokens);
  // one rotated the token (and set the new cookie); the other got an access token within the grace
  expect(answers.filter((answer) => answer.refreshToken === null)).toHaveLength(1);
  const winner = [one, two].find((response) => (response.body as Tokens).refreshToken !== null)!;
  const loser = [one, two].find((response) => (response.body as Tokens).refreshToken === null)!;
  expect(loser.headers['set-cookie']).toBeUndefined();
  for (const answer of answers)
    await test.http.get('/api/me').set('Authorization', `Bearer ${answer.accessToken}`).expect(200);

  // the session goes on with the newest token
  const newest = cookieValue(setCookieOf(winner.headers));
  const next = await test.http.post('/api/auth/refresh').set('Cookie', newest).send({}).expect(200);
  // the first token is now two rotations old: presenting it is a reuse, and the session ends
  const reused = await test.http
    .post('/api/auth/refresh')
    .set('Cookie', cookieValue(setCookie))
    .send({})
    .expect(401);
  expect(reused.body.code).toBe('AUTH.REFRESH_REUSED');
  // a refused cookie is cleared
  expect(setCookieOf(reused.headers)).toMatch(/^spb_refresh=;/);
  const after = await test.http
    .get('/api/me')
    .set('Authorization', `Bearer ${(next.body as Tokens).accessToken}`)
    .expect(401);
  expect(after.body.code).toBe('AUTH.SESSION_ENDED');
});

it('clears the cookie at logout', async () => {
  const { body, setCookie } = await logIn();
  const out = await test.http
    .post('/api/auth/logout')
    .set('Authorization', `Bearer ${body.accessToken}`)
    .set('Cookie', cookieValue(setCookie))
    .expect(204);
  expect(setCookieOf(out.headers)).toMatch(/^spb_refresh=;.*Expires=Thu, 01 Jan 1970/);
  await test.http.post('/api/auth/refresh').set('Cookie', cookieValue(setCookie)).send({}).expect(401);
});
