import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { startApi } from '../../apps/api/src/bootstrap.js';
import { dropWhenIdle } from '../support/test-database.js';

/**
 * The same api against an external PostgreSQL given by DATABASE_URL. It uses EXTERNAL_DATABASE_URL, or the
 * machine's PostgreSQL service at 127.0.0.1:5432 when one answers; where neither exists the test says so
 * and checks nothing (the rest of the suite runs on the embedded server).
 */
const adminUrl = process.env.EXTERNAL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describe('an external PostgreSQL through DATABASE_URL', () => {
  it('runs migrations, writes and reads through the same code path', async () => {
    if (!(await reachable(adminUrl))) {
      console.warn(
        `no external PostgreSQL at ${adminUrl.replace(/:[^:@/]+@/, ':***@')}: external-database test skipped`,
      );
      return;
    }
    const name = `ext_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    // DEMO must be asked for explicitly on an external database (API.md); this test asks
    const api = await startApi({
      databaseUrl: url.toString(),
      port: 0,
      host: '127.0.0.1',
      demo: true,
      logLevel: 'warn',
    });
    try {
      const session = await request(api.url)
        .post('/api/auth/login')
        .send({ email: 'coordinator@demo.local', password: 'demo' })
        .expect(200);
      const http = request.agent(api.url).set('Authorization', `Bearer ${session.body.accessToken}`);
      const created = await http
        .post('/api/plans')
        .send({ title: 'Extern plan', periodStart: '2026-01-01', periodEnd: '2031-12-31' })
        .expect(201);
      // a read waits up to 2 s for minPosition, then answers what it has and the position that reflects
      // (docs/api.md): right after the demo was written, on a loaded machine, the projections can be further
      // behind, so read again, as a client would, until the answer reflects the write
      const written = created.body.position as string;
      let plans = await http.get(`/api/plans?minPosition=${written}`).expect(200);
      for (let attempt = 1; (plans.body.position as string) < written && attempt < 30; attempt++)
        plans = await http.get(`/api/plans?minPosition=${written}`).expect(200);
      expect((plans.body.position as string) >= written).toBe(true);
      expect(JSON.stringify(plans.body)).toContain('Extern plan');
      const health = await http.get('/api/health').expect(200);
      expect(health.body.eventStore.kind).toBe('postgres');
      const rows = await admin.query(`select count(*)::int as n from pg_stat_activity where datname = $1`, [
        name,
      ]);
      expect(rows.rows[0].n).toBeGreaterThan(0);
    } finally {
      await api.close();
      await dropWhenIdle(admin, name);
      await admin.end();
    }
  });
});
