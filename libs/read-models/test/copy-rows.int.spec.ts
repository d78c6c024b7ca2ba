import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { upsertRows } from '#read-models';
import { writingFresh } from '../src/projection/copy-rows.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

/**
 * Append-only rows in a rebuild are copied in (`COPY`) instead of upserted through `json_populate_recordset`:
 * both must store exactly the same values, whatever the row holds, and a row already there must not fail the
 * batch (the upsert takes over).
 */
describe('upsertRows with appendOnly, in a batch of a rebuild (COPY)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  const columns = `id text primary key, label text, n integer, x double precision, flag boolean,
    at timestamptz, day date, tags text[], numbers integer[], doc jsonb, raw json`;

  beforeAll(async () => {
    db = await createTestDatabase('copy_rows');
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    await pool.query(`create table copied (${columns})`);
    await pool.query(`create table upserted (${columns})`);
    // which statement wrote each row of `copied`: a COPY, or the upsert's INSERT
    await pool.query(`create table written_by (query text)`);
    await pool.query(`create function note_statement() returns trigger language plpgsql as $$
      begin insert into written_by values (current_query()); return new; end $$`);
    await pool.query(
      `create trigger note_statement before insert on copied for each row execute function note_statement()`,
    );
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const rows = [
    {
      id: 'plain',
      label: 'Buurtwerk Sint-Kruis',
      n: 3,
      x: 0.25,
      flag: true,
      at: '2025-12-31T23:00:00.000Z',
      day: '2025-12-31',
      tags: ['a', 'b c', 'quote " and \\ backslash', 'comma, brace } {', ''],
      numbers: [1, 2, 3],
      doc: { title: 'Actie 1', nested: { list: [1, 'twee', null, true] }, empty: {} },
      raw: { kept: 'as JSON' },
    },
    {
      id: 'escapes',
      label: 'tab\there, newline\nhere, return\rhere, backslash \\ here, \\N not null',
      n: null,
      x: null,
      flag: false,
      at: null,
      day: null,
      tags: [null, 'NULL', 'tab\t', 'line\nbreak'],
      numbers: [],
      doc: { text: 'tab\t newline\n backslash \\ quote " \\N é 🚲 \u2028' },
      raw: ['an', 'array'],
    },
    {
      id: 'json scalars',
      label: 'éèê ĳ 𝔘',
      n: 0,
      x: -1.5e-10,
      flag: null,
      at: '2021-01-06T02:09:06.600Z',
      day: '2021-01-06',
      tags: ['solo'],
      numbers: [null, 7],
      doc: 'a JSON string',
      raw: 42,
    },
    // a JSON string that holds what COPY escapes (JSON writes it escaped; only its backslashes need COPY's)
    { id: 'json string escapes', doc: 'line\nbreak\ttab\rreturn \\ backslash \\N', raw: '\\\\two' },
    // keys missing from a row, and a non-finite number: null, as JSON.stringify makes them
    {
      id: 'sparse',
      label: undefined,
      n: undefined,
      x: Number.NaN,
      at: new Date('2025-06-30T22:00:00Z'),
      numbers: [Number.NaN, 3],
      doc: null,
      raw: false,
    },
    // a value of another shape than its column: a scalar column with an object, as its JSON text
    { id: 'object in text', label: { an: 'object' }, tags: [{ in: 'array' }, 5, true] },
  ];

  const table = async (name: string): Promise<unknown[]> =>
    (await pool.query<{ r: unknown }>(`select to_jsonb(t) as r from ${name} t order by id`)).rows.map(
      (row) => row.r,
    );

  const copiedTableLooksLike = async (): Promise<void> => {
    const copied = await table('copied');
    expect(copied).toHaveLength(rows.length);
    expect(copied).toEqual(await table('upserted'));
  };

  /** `rows` written as a batch of a rebuild writes them (copied in), in one transaction */
  const copyIntoCopied = async (batch: readonly Record<string, unknown>[]): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await writingFresh(client, () =>
        upsertRows(client, 'copied', ['id'], batch, { onConflict: 'nothing', appendOnly: true }),
      );
      await client.query('commit');
    } finally {
      client.release();
    }
  };

  it('stores every kind of value as the upsert does', async () => {
    // the upsert reads only the columns of the first row: it carries every one
    await upsertRows(pool, 'upserted', ['id'], rows, { onConflict: 'nothing' });
    await copyIntoCopied(rows);
    const { rows: statements } = await pool.query<{ query: string }>(`select query from written_by`);
    expect(statements.map((row) => row.query.split(' ', 1)[0])).toEqual(rows.map(() => 'copy'));
    await copiedTableLooksLike();
  });

  it('upserts instead when a row is already there, and the batch goes on', async () => {
    await pool.query('truncate copied, written_by');
    await upsertRows(pool, 'copied', ['id'], [rows[0]!], { onConflict: 'nothing' });
    const client = await pool.connect();
    try {
      await client.query('begin');
      await writingFresh(client, () =>
        upsertRows(client, 'copied', ['id'], rows, { onConflict: 'nothing', appendOnly: true }),
      );
      // the transaction is still usable after the COPY that met the existing key
      await client.query('select 1');
      await client.query('commit');
    } finally {
      client.release();
    }
    await copiedTableLooksLike();
    // the COPY's rows went with its savepoint; the upsert wrote the batch (its trigger fires for the row that
    // was there too, before the conflict is found)
    const { rows: statements } = await pool.query<{ query: string }>(`select query from written_by`);
    expect(statements.map((row) => row.query.trim().split(/\s/, 1)[0])).toEqual([
      'insert',
      ...rows.map(() => 'insert'),
    ]);
  });

  it('copies only in a batch of a rebuild: outside one, a row already there is kept as the upsert keeps it', async () => {
    await pool.query('truncate copied');
    await upsertRows(pool, 'copied', ['id'], [{ ...rows[0]!, label: 'first' }], { onConflict: 'nothing' });
    await upsertRows(pool, 'copied', ['id'], rows, { onConflict: 'nothing', appendOnly: true });
    const { rows: first } = await pool.query<{ label: string }>(
      `select label from copied where id = 'plain'`,
    );
    expect(first[0]!.label).toBe('first');
  });

  it('copies a batch whose text spans many chunks: every row whole, multi-byte text intact', async () => {
    await pool.query('truncate copied, upserted, written_by');
    // about 1,500 characters a row, 400 rows: the COPY text is sent in several chunks of 64 K characters
    const many = Array.from({ length: 400 }, (_, index) => ({
      ...rows[index % 3]!,
      id: `row ${String(index).padStart(3, '0')}`,
      label: `${'Wijkgezondheidscentrum é 🚲 \t\\ '.repeat(30)} ${index}`,
      doc: { index, text: 'tab\t é 🚲 backslash \\ '.repeat(20) },
    }));
    await upsertRows(pool, 'upserted', ['id'], many, { onConflict: 'nothing' });
    await copyIntoCopied(many);
    const { rows: statements } = await pool.query<{ query: string }>(`select query from written_by`);
    expect(statements.map((row) => row.query.split(' ', 1)[0])).toEqual(many.map(() => 'copy'));
    const copied = await table('copied');
    expect(copied).toHaveLength(many.length);
    expect(copied).toEqual(await table('upserted'));
  });
});
