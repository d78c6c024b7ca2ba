import { jest } from '@jest/globals';
import pg from 'pg';
import { createUserCommand, rebuildCommand, statusCommand } from '../../apps/cli/src/commands.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;
const saved = process.env.DATABASE_URL;

beforeAll(async () => {
  db = await createTestDatabase('cli');
  process.env.DATABASE_URL = db.url;
});

afterAll(async () => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
  await db?.drop();
});

describe('admin CLI', () => {
  it('creates the first coordinator of a new tenant, rebuilds the read models and reports their status', async () => {
    const logs: string[] = [];
    const log = jest
      .spyOn(console, 'log')
      .mockImplementation((line: unknown) => void logs.push(String(line)));
    const table = jest.spyOn(console, 'table').mockImplementation(() => undefined);
    try {
      await createUserCommand({
        tenant: 'brugge',
        tenantName: 'Stad Brugge',
        email: 'regie@brugge.test',
        name: 'Regisseur',
        role: 'coordinator',
        password: 'een lang wachtwoord',
      });
      await rebuildCommand([]);
      await statusCommand();
    } finally {
      log.mockRestore();
      table.mockRestore();
    }
    expect(logs.join('\n')).toMatch(/tenant brugge \(Stad Brugge\) created/);
    expect(logs.join('\n')).toMatch(/rebuilt .*users.*: \d+ events/);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const users = await client.query('select email, role, tenant_id from rm_users');
    await client.end();
    expect(users.rows).toEqual([{ email: 'regie@brugge.test', role: 'coordinator', tenant_id: 'brugge' }]);
  });

  it('fails with a message on bad input', async () => {
    await expect(rebuildCommand(['no-such-projection'])).rejects.toThrow(/no-such-projection/);
    await expect(
      createUserCommand({
        tenant: 'brugge',
        email: 'x@brugge.test',
        name: 'X',
        role: 'boss',
        password: 'een lang wachtwoord',
      }),
    ).rejects.toThrow(/--role/);
    await expect(
      createUserCommand({
        tenant: 'brugge',
        email: 'regie@brugge.test',
        name: 'Dubbel',
        role: 'viewer',
        password: 'een lang wachtwoord',
      }),
    ).rejects.toThrow(/already used/);
  });
});
