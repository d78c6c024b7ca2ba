import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** a read-model row as JSON (sql.ts's `JsonRow`; not imported, sql.ts imports this module) */
type JsonRow = Record<string, unknown>;

/**
 * The clients whose transaction is a batch of a rebuild in rebuild mode: every table its projection writes was
 * emptied by the rebuild, so a row of an append-only table (`upsertRows` with `appendOnly`) is new unless an
 * earlier page of the same rebuild wrote it (an erasure's replay of a tenant does that). Set around
 * `projection.apply` by the batch commit.
 */
const freshClients = new WeakSet<object>();

/** Runs `work` with `client` marked as writing into tables a rebuild emptied (`freshClients`). */
export async function writingFresh<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  freshClients.add(client);
  try {
    return await work();
  } finally {
    freshClients.delete(client);
  }
}

export function isWritingFresh(tx: object): tx is pg.ClientBase {
  return freshClients.has(tx);
}

/** per table: each column's type as `format_type` names it (`text`, `text[]`, `jsonb`, ...) */
const columnTypes = new Map<string, Promise<Map<string, string>>>();

async function typesOf(tx: pg.ClientBase, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    types = tx
      .query<{ name: string; type: string }>(
        `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
          where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
        [table],
      )
      .then(({ rows }) => new Map(rows.map((row) => [row.name, row.type])));
    columnTypes.set(table, types);
    types.catch(() => columnTypes.delete(table));
  }
  return types;
}

/**
 * Appends `rows` with `COPY ... FROM STDIN` in the transaction of `client`, under a savepoint: answers false
 * (and has written nothing) when a row's key was already there, so the caller upserts them instead. COPY takes
 * a row for about 7 µs where the upsert through `json_populate_recordset` took 29-48 µs (a version row of 1 KB,
 * docs/benchmarks.md "Rebuild: append-only rows copied"). Each value is written as `json_populate_recordset`
 * would read it from the row's JSON, so both paths store the same (`copy-rows.int.spec.ts` compares them value
 * by value, `rebuild-equivalence.int.spec.ts` a whole rebuild against live processing).
 */
export async function copyRowsIfNew(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly JsonRow[],
): Promise<boolean> {
  const types = await typesOf(client, table);
  let chunks: Buffer[];
  try {
    chunks = encodeRows(rows, columns, types);
  } catch {
    // a value COPY's text form does not take as the upsert would (an array of arrays): the upsert writes it
    return false;
  }
  await client.query('savepoint copy_rows');
  try {
    await pipeline(
      Readable.from(chunks),
      client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)),
    );
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await client.query('rollback to savepoint copy_rows');
    return false;
  }
  await client.query('release savepoint copy_rows');
  return true;
}

const UNIQUE_VIOLATION = '23505';

/**
 * The text of COPY's input in chunks of about this many characters. One string for a whole batch (1-2 MB, built
 * by `+=`) cost 5 ms per MB to turn into bytes, since V8 flattens the string's tree of millions of pieces
 * first; lines joined per chunk cost a tenth of that (docs/benchmarks.md, "Rebuild: COPY's text in chunks").
 */
const CHUNK_CHARS = 64 * 1024;

/** COPY's text format: one line per row, values by tab, `\N` for null; as UTF-8, in chunks of CHUNK_CHARS. */
function encodeRows(
  rows: readonly JsonRow[],
  columns: readonly string[],
  types: ReadonlyMap<string, string>,
): Buffer[] {
  const kinds = columns.map((column) => {
    const type = types.get(column);
    if (type === undefined) throw new Error(`no column ${column}`);
    return type === 'json' || type === 'jsonb' ? 'json' : type.endsWith('[]') ? 'array' : 'scalar';
  });
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  let length = 0;
  for (const row of rows) {
    let line = '';
    for (let index = 0; index < columns.length; index++) {
      if (index > 0) line += '\t';
      line += encodeValue(row[columns[index]!], kinds[index]!);
    }
    line += '\n';
    lines.push(line);
    length += line.length;
    if (length >= CHUNK_CHARS) {
      chunks.push(Buffer.from(lines.join(''), 'utf8'));
      lines = [];
      length = 0;
    }
  }
  if (lines.length > 0) chunks.push(Buffer.from(lines.join(''), 'utf8'));
  return chunks;
}

function encodeValue(value: unknown, kind: 'json' | 'array' | 'scalar'): string {
  if (value === null || value === undefined) return NULL;
  switch (typeof value) {
    case 'string':
      return kind === 'json' ? escapeJson(JSON.stringify(value)) : escapeCopy(value);
    case 'number':
      // what JSON.stringify of the row makes of NaN and the infinities: null
      return Number.isFinite(value) ? String(value) : NULL;
    case 'boolean':
      return String(value);
    case 'object':
      if (kind === 'json') return escapeJson(JSON.stringify(value));
      if (kind === 'array' && Array.isArray(value))
        return escapeCopy(`{${value.map(arrayElement).join(',')}}`);
      return textOf(value);
    default:
      // functions and symbols: JSON.stringify leaves them out of the row (null)
      return NULL;
  }
}

const NULL = '\\N';

/** another value in a scalar column: as it stands in the row's JSON (a Date its ISO string, an object its JSON) */
function textOf(value: object): string {
  const json = JSON.parse(JSON.stringify(value)) as unknown;
  if (json === null) return NULL;
  return escapeCopy(typeof json === 'string' ? json : JSON.stringify(json));
}

function arrayElement(element: unknown): string {
  if (element === null || element === undefined) return 'NULL';
  if (typeof element === 'string') return quoteElement(element);
  if (typeof element === 'number') return Number.isFinite(element) ? String(element) : 'NULL';
  if (typeof element === 'boolean') return String(element);
  if (typeof element !== 'object') return 'NULL';
  if (Array.isArray(element)) throw new Error('an array of arrays');
  const json = JSON.parse(JSON.stringify(element)) as unknown;
  if (json === null) return 'NULL';
  return quoteElement(typeof json === 'string' ? json : JSON.stringify(json));
}

const quoteElement = (text: string): string => `"${text.replace(/[\\"]/g, '\\$&')}"`;

const COPY_SPECIAL = /[\\\n\r\t]/;

/** backslash, newline, carriage return and tab as COPY's text format escapes them */
function escapeCopy(text: string): string {
  if (!COPY_SPECIAL.test(text)) return text;
  // the backslashes first: the other escapes add their own
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t');
}

/**
 * The text of `JSON.stringify` (no indentation) holds no raw newline, carriage return or tab (it writes them
 * inside strings as `\n`, `\r`, `\t`): only its backslashes need COPY's escape. In a CPU profile of a whole
 * rebuild the general escape took 2.6 s of 53 s of Node, this one 0.3 s with the escape of the other values
 * 0.8 s (docs/benchmarks.md, "Rebuild: the dated versions emptied at once").
 */
function escapeJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}
