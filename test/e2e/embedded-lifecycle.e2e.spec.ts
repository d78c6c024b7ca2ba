import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, request } from 'node:http';
import { embeddedClusterDir, postmasterPid, stopCluster } from '#platform';
import { ensureBuilt, startChildApi, type ChildApi } from '../support/child-api.js';

const PASSWORD = 'lifecycle password';

/**
 * The embedded database's life next to the processes that use it (issue 12, items 6 and 7): a CLI run beside a
 * running api neither rebuilds the read models under it nor stops its database; SIGTERM under keep-alive load
 * ends the api cleanly and in time; as root, a project in a directory the postgres user cannot enter (a clone under
 * /root) starts all the same, its binaries and cluster kept where that user can reach them.
 */
describe('the embedded database and the processes that share it', () => {
  let dataDir: string;
  let clusterDir: string;
  let api: ChildApi | null = null;
  const env = (): Record<string, string> => ({ DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'warn' });
  /**
   * Runs the CLI without blocking this process. With a synchronous child, fetch's timer that retires an idle
   * keep-alive connection a little before the api's 5 s timeout could not run; the next fetch took a connection
   * the api was closing at that moment and failed with "other side closed" (stop 28's CI run, a loaded machine).
   */
  const cli = (...args: string[]): Promise<{ status: number | null; stderr: string }> =>
    new Promise((done, fail) => {
      const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
        env: { ...process.env, ...env(), USER_PASSWORD: PASSWORD },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('error', fail);
      child.once('close', (status) => {
        clearTimeout(timer);
        done({ status, stderr });
      });
    });

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync('.data', { recursive: true });
    dataDir = mkdtempSync(join(resolve('.data'), 'lifecycle-'));
    chmodSync(dataDir, 0o755);
    const created = await cli(
      'create-admin',
      '--tenant',
      'life',
      '--tenant-name',
      'Stad Leven',
      '--email',
      'admin@life.test',
      '--name',
      'Beheerder',
    );
    expect(created.status).toBe(0);
    clusterDir = embeddedClusterDir(dataDir);
    // the CLI started the database and, as its only user, stopped it again
    expect(await postmasterPid(clusterDir)).toBeNull();
    api = await startChildApi({ ...env(), SHUTDOWN_TIMEOUT_MS: '10000' });
  }, 120_000);

  afterAll(async () => {
    if (api) await api.stop('SIGKILL');
    if (clusterDir) await stopCluster(clusterDir).catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a CLI rebuild while the api runs the projections, and leaves the database running', async () => {
    const login = await fetch(`${api!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@life.test', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const write = await fetch(`${api!.url}/api/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'CAW Leven', kind: 'non_profit' }),
    });
    expect(write.status).toBe(201);
    const { position } = (await write.json()) as { position: string };
    const postmaster = await postmasterPid(clusterDir);
    expect(postmaster).not.toBeNull();

    const rebuild = await cli('rebuild');
    expect(rebuild.status).toBe(1);
    expect(rebuild.stderr).toMatch(/is run by another process/);
    expect(rebuild.stderr).toMatch(/used by process \d+; sharing it/);
    // nothing was truncated under the api, and the database it uses still runs
    const read = await fetch(`${api!.url}/api/partners?minPosition=${position}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { items: { name: string }[] }).items.map((item) => item.name)).toContain(
      'CAW Leven',
    );
    expect(await postmasterPid(clusterDir)).toBe(postmaster);
    expect((await fetch(`${api!.url}/api/health/ready`)).status).toBe(200);
  });

  it('on SIGTERM under keep-alive load: finishes what is in flight, closes idle connections, exits 0 in time', async () => {
    const { hostname, port } = new URL(api!.url);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const get = (): Promise<number> =>
      new Promise((done) => {
        const req = request({ host: hostname, port, path: '/api/health/live', agent }, (response) => {
          response.resume();
          response.on('end', () => done(response.statusCode ?? 0));
          response.on('error', () => done(-1));
        });
        req.on('error', () => done(-1));
        req.end();
      });
    let running = true;
    const answered: number[] = [];
    const loops = Array.from({ length: 8 }, async () => {
      while (running) {
        const status = await get();
        answered.push(status);
        if (status === -1) await new Promise((done) => setTimeout(done, 20));
      }
    });
    await new Promise((done) => setTimeout(done, 1_000));
    const before = answered.filter((status) => status === 200).length;
    expect(before).toBeGreaterThan(20);
    const started = Date.now();
    const code = await api!.stop('SIGTERM');
    const tookMs = Date.now() - started;
    running = false;
    await Promise.all(loops);
    agent.destroy();
    api = null;
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    // every request got a whole answer or was refused a connection; none was cut off with a 5xx
    expect(answered.filter((status) => status >= 500)).toEqual([]);
    // the api was the database's last user: it stopped it
    expect(await postmasterPid(clusterDir)).toBeNull();
  });

  it('as root, starts from a private directory (like a clone under /root) and keeps its data across restarts', async () => {
    if (process.getuid?.() !== 0) {
      console.log(
        'not running as root: the embedded database runs as the current user, nothing to reproduce',
      );
      return;
    }
    // a copy of the built product in a directory the unprivileged postgres user cannot enter (mode 700, like
    // /root): its binaries (node_modules, hard links) and its DATA_DIR are both out of that user's reach
    const home = mkdtempSync(join(tmpdir(), 'private-home-'));
    chmodSync(home, 0o700);
    const shared = mkdtempSync(join(tmpdir(), 'postgres-home-'));
    chmodSync(shared, 0o755);
    const project = join(home, 'project');
    mkdirSync(join(project, 'libs', 'importer'), { recursive: true });
    const copy = (args: string[]) => {
      const result = spawnSync('cp', args, { stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`cp ${args.join(' ')} failed`);
    };
    copy(['-r', 'dist', 'package.json', project]);
    copy(['-r', 'libs/importer/plans', join(project, 'libs', 'importer')]);
    copy(['-al', 'node_modules', join(project, 'node_modules')]);
    const start = (): Promise<{ child: ChildProcess; output: () => string; url: string }> =>
      new Promise((done, fail) => {
        let output = '';
        const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
          cwd: project,
          env: {
            ...process.env,
            PORT: '0',
            DEMO: 'false',
            LOG_LEVEL: 'info',
            EMBEDDED_POSTGRES_HOME: shared,
          },
        });
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const ready = /API ready at (http:\/\/[^/\s]+)\/api/.exec(output);
          if (ready) done({ child, output: () => output, url: ready[1]! });
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) =>
          fail(new Error(`the api exited with ${code} before it was ready:\n${output}`)),
        );
      });
    const stop = (child: ChildProcess) =>
      new Promise<number | null>((done) => {
        child.removeAllListeners('exit');
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      });
    try {
      const first = await start();
      expect(first.output()).toMatch(/cannot run the PostgreSQL binaries .*; using a copy in /);
      expect(first.output()).toMatch(/cannot enter .*; the database files live in /);
      expect(first.output()).not.toMatch(/EACCES|Unhandled/);
      expect((await fetch(`${first.url}/api/health/ready`)).status).toBe(200);
      expect(await stop(first.child)).toBe(0);
      const clusters = readdirSync(join(shared, 'clusters'));
      expect(clusters).toHaveLength(1);
      const cluster = join(shared, 'clusters', clusters[0]!, 'postgres');
      // the api was the cluster's only user: it stopped it
      expect(await postmasterPid(cluster)).toBeNull();
      // a second start finds the same cluster (no new initdb) and the copy of the binaries made the first time
      const second = await start();
      expect(second.output()).not.toMatch(/created the embedded PostgreSQL/);
      expect((await fetch(`${second.url}/api/health/ready`)).status).toBe(200);
      expect(await stop(second.child)).toBe(0);
      expect(readdirSync(join(shared, 'clusters'))).toEqual(clusters);
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(shared, { recursive: true, force: true });
    }
  }, 180_000);
});
