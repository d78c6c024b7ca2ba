import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { runEventStoreMigrations } from '../postgres/migrations/index.js';
import { MasterKey } from './envelope.js';
import { PersonalDataKeys } from './key-store.js';

/**
 * The key table on a real PostgreSQL: one statement reads the live keys, creates the missing ones and records
 * the texts' authors; concurrent writers of the same new subject end with one live key between them.
 */
describe('PersonalDataKeys.keysFor on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let keys: PersonalDataKeys;

  beforeAll(async () => {
    db = await createTestDatabase('key_store');
    await runEventStoreMigrations(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 20 });
    keys = new PersonalDataKeys(pool, new MasterKey('a test master secret of enough length, 32+'));
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const liveRows = async (tenantId: string) =>
    (
      await pool.query<{ subject: string; n: string }>(
        `select subject, count(*) as n from personal_data_keys
          where tenant_id = $1 and erased_at is null group by subject order by subject`,
        [tenantId],
      )
    ).rows.map((row) => [row.subject, Number(row.n)]);

  it('creates the missing keys, answers the existing ones with their material, and records authors once', async () => {
    const first = await keys.keysFor(
      't1',
      ['user:a', 'text:note/1'],
      [{ subjectId: 'text:note/1', authorId: 'u1' }],
    );
    expect([...first.keys()].sort()).toEqual(['text:note/1', 'user:a']);
    const again = await keys.keysFor(
      't1',
      ['text:note/1', 'user:a', 'guest:b'],
      [
        { subjectId: 'text:note/1', authorId: 'u1' },
        { subjectId: 'text:note/1', authorId: 'u2' },
      ],
    );
    expect(again.get('user:a')!.keyId).toBe(first.get('user:a')!.keyId);
    expect(again.get('user:a')!.key.equals(first.get('user:a')!.key)).toBe(true);
    expect(again.get('text:note/1')!.key.equals(first.get('text:note/1')!.key)).toBe(true);
    expect(again.get('guest:b')!.key).toHaveLength(32);
    expect(await liveRows('t1')).toEqual([
      ['guest:b', 1],
      ['text:note/1', 1],
      ['user:a', 1],
    ]);
    const { rows } = await pool.query<{ author_id: string }>(
      `select author_id from personal_data_text_authors where tenant_id = 't1' order by author_id`,
    );
    expect(rows.map((row) => row.author_id)).toEqual(['u1', 'u2']);
    // another tenant's subject of the same name is another key
    const other = await keys.keysFor('t2', ['user:a']);
    expect(other.get('user:a')!.keyId).not.toBe(first.get('user:a')!.keyId);
  });

  it('gives a subject erased before a new key', async () => {
    const before = await keys.keysFor('t3', ['text:agenda/1']);
    await pool.query(
      `update personal_data_keys set wrapped_key = null, erased_at = now() where tenant_id = 't3' and subject = $1`,
      ['text:agenda/1'],
    );
    const after = await keys.keysFor('t3', ['text:agenda/1']);
    expect(after.get('text:agenda/1')!.keyId).not.toBe(before.get('text:agenda/1')!.keyId);
    expect(await liveRows('t3')).toEqual([['text:agenda/1', 1]]);
  });

  it('sees an erased key at once although its unwrapping was remembered, and stays right past its bound', async () => {
    const small = new PersonalDataKeys(pool, keys.master, 2);
    const created = await small.keysFor('t5', ['user:a', 'user:b', 'user:c']);
    const ids = ['user:a', 'user:b', 'user:c'].map((subject) => created.get(subject)!.keyId);
    const read = await small.keys(ids);
    for (const [n, id] of ids.entries())
      expect(read.get(id)!.key!.equals(created.get(['user:a', 'user:b', 'user:c'][n]!)!.key)).toBe(true);
    // another process erases user:b (its wrapped key goes): this one reads it as erased at once
    await pool.query(
      `update personal_data_keys set wrapped_key = null, erased_at = now() where tenant_id = 't5' and subject = 'user:b'`,
    );
    const after = await small.keys(ids);
    expect(after.get(ids[1]!)!.key).toBeNull();
    expect(after.get(ids[0]!)!.key!.equals(created.get('user:a')!.key)).toBe(true);
    expect(after.get(ids[2]!)!.key!.equals(created.get('user:c')!.key)).toBe(true);
    // the same keys through a reader that remembers nothing
    const plain = await new PersonalDataKeys(pool, keys.master, 0).keys(ids);
    for (const id of ids)
      expect(plain.get(id)!.key?.toString('hex') ?? null).toBe(after.get(id)!.key?.toString('hex') ?? null);
  });

  it('leaves one live key per subject when 16 writers create the same subjects at once, each answered with it', async () => {
    const subjects = Array.from({ length: 20 }, (_, n) => `guest:g${n}`);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, writer) =>
        keys.keysFor('t4', writer % 2 === 0 ? subjects : [...subjects].reverse()),
      ),
    );
    expect(await liveRows('t4')).toEqual([...subjects].sort().map((subject) => [subject, 1]));
    const { rows } = await pool.query<{ subject: string; key_id: string }>(
      `select subject, key_id::text from personal_data_keys where tenant_id = 't4'`,
    );
    const stored = new Map(rows.map((row) => [row.subject, row.key_id]));
    for (const answer of answers)
      for (const subject of subjects) expect(answer.get(subject)!.keyId).toBe(stored.get(subject));
  });
});
