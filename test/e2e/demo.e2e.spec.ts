import request from 'supertest';
import { DEMO_USERS } from '#commands';
import { startApi } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('demo');
});

afterAll(async () => {
  await db?.drop();
});

describe('demo mode', () => {
  it('creates the demo tenant with one user per role (password "demo") once, and keeps it across restarts', async () => {
    const options = {
      databaseUrl: db.url,
      port: 0,
      host: '127.0.0.1',
      demo: true,
      logLevel: 'warn' as const,
    };
    const first = await startApi(options);
    try {
      for (const user of DEMO_USERS) {
        const response = await request(first.url)
          .post('/api/auth/login')
          .send({ email: user.email, password: 'demo' })
          .expect(200);
        expect(response.body.user).toMatchObject({ email: user.email, tenantId: 'demo', roles: [user.role] });
      }
    } finally {
      await first.close();
    }
    const second = await startApi(options);
    try {
      const login = await request(second.url)
        .post('/api/auth/login')
        .send({ email: 'coordinator@demo.local', password: 'demo' })
        .expect(200);
      const users = await request(second.url)
        .get('/api/users')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      expect((users.body.items as unknown[]).length).toBe(DEMO_USERS.length);
    } finally {
      await second.close();
    }
  });

  it('creates nothing when demo mode is off', async () => {
    const other = await createTestDatabase('nodemo');
    const api = await startApi({
      databaseUrl: other.url,
      port: 0,
      host: '127.0.0.1',
      demo: false,
      logLevel: 'warn',
    });
    try {
      await request(api.url)
        .post('/api/auth/login')
        .send({ email: 'coordinator@demo.local', password: 'demo' })
        .expect(401);
    } finally {
      await api.close();
      await other.drop();
    }
  });
});
