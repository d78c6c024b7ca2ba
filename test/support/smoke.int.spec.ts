import pg from 'pg';
import { createTestDatabase } from './test-database.js';

describe('test database', () => {
  it('gives each test file its own empty PostgreSQL database', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = 'public'",
    );
    await client.end();
    await db.drop();
    expect(rows[0]?.n).toBe('0');
  });
});
