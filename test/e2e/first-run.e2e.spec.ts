// The first start of an empty, non-demo deployment: a one-time setup code in the server log lets whoever reads
// the log create the city and its first coordinator; a stranger without the code cannot.
import { startTestApi, type TestApi } from '../support/api-harness.js';

let test: TestApi;

beforeAll(async () => {
  test = await startTestApi();
});

afterAll(async () => {
  await test?.close();
});

const setup = (code: string, password = 'een lang wachtwoord') => ({
  code,
  tenantId: 'heuvelbeke',
  tenantName: 'Gemeente Heuvelbeke',
  email: 'Regie@Heuvelbeke.be',
  name: 'Team lokaal sociaal beleid',
  password,
});

describe('first run', () => {
  it('creates the tenant and its first coordinator only with the code from the log, once', async () => {
    expect((await test.http.get('/api/setup').expect(200)).body).toEqual({ needed: true });
    const code = test.api.runtime.firstRun.pendingCode!;
    expect(code).toMatch(/^[A-Z2-9]{12}$/);

    const wrong = await test.http.post('/api/setup').send(setup('AAAA-BBBB-CCCC')).expect(403);
    expect(wrong.body).toMatchObject({ code: 'SETUP.INVALID_CODE' });
    const short = await test.http.post('/api/setup').send(setup(code, 'kort')).expect(400);
    expect(short.body.details).toEqual([expect.objectContaining({ field: 'password' })]);

    // typed as the log prints it: grouped, any case
    const typed = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`.toLowerCase();
    const created = await test.http.post('/api/setup').send(setup(typed)).expect(201);
    expect(created.body).toEqual({
      tenantId: 'heuvelbeke',
      userId: expect.any(String),
      position: expect.stringMatching(/^\d{20}-\d{20}$/),
    });

    const login = await test.http
      .post('/api/auth/login')
      .send({ email: 'regie@heuvelbeke.be', password: 'een lang wachtwoord' })
      .expect(200);
    expect(login.body.user).toMatchObject({ tenantId: 'heuvelbeke', roles: ['coordinator'] });

    // once: the code is spent and the page is no longer offered
    expect((await test.http.get('/api/setup').expect(200)).body).toEqual({ needed: false });
    expect(test.api.runtime.firstRun.pendingCode).toBeNull();
    const again = await test.http.post('/api/setup').send(setup(code)).expect(409);
    expect(again.body).toMatchObject({ code: 'SETUP.DONE' });
  });

  it('replaces the code after ten wrong ones', async () => {
    const other = await startTestApi();
    try {
      const first = other.api.runtime.firstRun.pendingCode!;
      for (let i = 0; i < 10; i++)
        await other.http.post('/api/setup').send(setup('WRONG-CODE-0000')).expect(403);
      const second = other.api.runtime.firstRun.pendingCode!;
      expect(second).not.toBe(first);
      await other.http.post('/api/setup').send(setup(first)).expect(403);
      await other.http.post('/api/setup').send(setup(second)).expect(201);
    } finally {
      await other.close();
    }
  });
});
