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
  pool.on('error', (error) => warn(`an idle database connection was lost (${error.message}); dropped it`));
  pool.on('connect', (client) => {
    // the query running on it rejects with the same error; the pool discards the client on release
    client.on('error', () => undefined);
  });
  return pool;
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
