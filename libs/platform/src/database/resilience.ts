import type { EventEmitter } from 'node:events';
import pg from 'pg';

/**
 * Settings every pool of the product uses: a request never waits forever for a connection to a database that
 * cannot be reached (a stopped one refuses at once; an unreachable host or a pool exhausted for 10 s fails with a
 * connection error, answered 503), and dead peers are noticed by TCP keep-alive.
 */
export const POOL_DEFAULTS = { connectionTimeoutMillis: 10_000, keepAlive: true } as const;

/**
 * Makes a pool survive lost connections (a terminated backend, a restarted or failed-over database): an idle
 * client that loses its connection is dropped and logged instead of crashing the process with an unhandled
 * `'error'`, and a client that loses it while checked out fails the query that used it (the pool discards it on
 * release, because it is no longer queryable) instead of emitting an unhandled `'error'` as well. The next
 * query opens a new connection: nothing else is needed to reconnect.
 */
export function guardPool(pool: pg.Pool, warn: (message: string) => void): pg.Pool {
  if (GUARDED in pool) return pool;
  pool.on('error', (error) => warn(`an idle database connection was lost (${error.message}); dropped it`));
  pool.on('connect', (client) => {
    // the query running on it rejects with the same error; the pool discards the client on release
    client.on('error', () => undefined);
  });
  keepConnectionsOnRefusals(pool);
  Object.defineProperty(pool, GUARDED, { value: true });
  return pool;
}

const GUARDED = Symbol('guarded pool');

/**
 * `pool.query` as pg-pool has it, except that a statement the server refused keeps its connection. pg-pool
 * discards the connection after any failed query, so every refusal the product expects (an expected-version
 * conflict raised by `append_to_stream`, a unique violation that answers "already exists") cost a new
 * PostgreSQL backend: a fork and cold catalog caches, several milliseconds of the database's CPU each. Under
 * load that fed itself: slower commands overlap more, conflict more, and reconnect more (docs/benchmarks.md,
 * "Live pushes: connections kept after a refused statement").
 *
 * A connection is kept only when the server answered with an error of the statement (a `DatabaseError` that is
 * not a connection or storage failure) and the connection is back outside any transaction (`I`): exactly the
 * state of a fresh one. Anything else (a lost connection, a protocol error, a failure inside a transaction a
 * multi-statement text opened) discards it as before. The callback form is pg-pool's own.
 */
function keepConnectionsOnRefusals(pool: pg.Pool): void {
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const query = async (config: unknown, values?: unknown): Promise<pg.QueryResult> => {
    const client = await pool.connect();
    let result: pg.QueryResult;
    try {
      result = await client.query(config as pg.QueryConfig, values as unknown[] | undefined);
    } catch (error) {
      client.release((await keptAfter(client, error)) ? undefined : (error as Error));
      throw error;
    }
    client.release();
    return result;
  };
  pool.query = ((...args: unknown[]) =>
    typeof args[args.length - 1] === 'function' || typeof args[0] === 'function'
      ? original(...args)
      : query(args[0], args[1])) as typeof pool.query;
}

async function keptAfter(client: pg.PoolClient, error: unknown): Promise<boolean> {
  if (!(error instanceof pg.DatabaseError) || databaseFailureKind(error) !== null) return false;
  // pg answers the error as soon as it arrives; the transaction status comes with the server's next "ready
  // for query", which may arrive a moment later (a multi-statement text, a separate network read)
  const internal = client as unknown as {
    readyForQuery?: boolean;
    connection?: EventEmitter;
    _queryable?: boolean;
  };
  // pg marks a connection it saw die: asked before and after the wait below
  const usable = (): boolean => internal._queryable !== false;
  if (!usable()) return false;
  if (internal.readyForQuery !== true && !(await readyAgain(internal.connection))) return false;
  return usable() && client.getTransactionStatus() === 'I';
}

/** resolves true on the connection's next "ready for query" (pg's own handler ran first), false if it ends */
function readyAgain(connection: EventEmitter | undefined): Promise<boolean> {
  if (!connection) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (ready: boolean) => () => {
      clearTimeout(timer);
      connection.off('readyForQuery', onReady);
      connection.off('end', onEnd);
      resolve(ready);
    };
    const onReady = settle(true);
    const onEnd = settle(false);
    const timer = setTimeout(settle(false), 5_000);
    connection.once('readyForQuery', onReady);
    connection.once('end', onEnd);
  });
}

/** A pool with POOL_DEFAULTS and guardPool's handlers. */
export function createGuardedPool(config: pg.PoolConfig, warn: (message: string) => void): pg.Pool {
  return guardPool(new pg.Pool({ ...POOL_DEFAULTS, ...config }), warn);
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What kind of database failure an error is, looking through `cause`s:
 * - `'connection'`: the database cannot be reached or dropped the connection (refused, reset, terminated,
 *   timed out, shutting down or starting up: SQLSTATE classes 08 and 57P01-57P03, 53300 too many connections);
 * - `'storage'`: the database cannot write (53100 disk full, 53200 out of memory, 58030 I/O error, 58P0x
 *   missing or duplicate files);
 * - `null`: anything else (a bug, a constraint, a rule).
 */
export function databaseFailureKind(error: unknown): 'connection' | 'storage' | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (!(current instanceof Error)) return null;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code === '53100' || code === '53200' || code === '58030' || /^58P0\d$/.test(code)) return 'storage';
      if (
        code.startsWith('08') ||
        /^57P0[1-3]$/.test(code) ||
        code === '53300' ||
        CONNECTION_ERROR_CODES.has(code)
      )
        return 'connection';
    }
    if (
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end/i.test(
        current.message,
      )
    )
      return 'connection';
    if (/No space left on device/i.test(current.message)) return 'storage';
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
