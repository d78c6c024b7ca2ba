import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { postmasterPid, startEmbeddedPostgres, stopCluster } from './embedded-postgres.js';
import { embeddedClusterDir } from './postgres-user-place.js';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * One embedded cluster, several processes (issue 12, item 6): the last process using it stops it, so a CLI run
 * never stops the database of an api that uses it too, and a server left behind by a killed process is adopted
 * and stopped by the next one.
 */
describe('the embedded PostgreSQL shared between processes', () => {
  let dataDir: string;
  const lines: string[] = [];
  const log = (line: string): void => void lines.push(line);

  beforeAll(async () => {
    await mkdir(resolve('.data'), { recursive: true });
    dataDir = await mkdtemp(join(resolve('.data'), 'embedded-sharing-'));
    await chmod(dataDir, 0o755);
  });

  afterAll(async () => {
    await stopCluster(embeddedClusterDir(dataDir)).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stays up while another live process uses it, and is adopted and stopped once that one is gone', async () => {
    const first = await startEmbeddedPostgres({ dataDir, database: 'backbone', log });
    const clusterDir = first.clusterDir;
    const postmaster = await postmasterPid(clusterDir);
    expect(postmaster).not.toBeNull();
    // another process (an api that started using the server this one started) registers as a user
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    await writeFile(join(dataDir, 'embedded-postgres.users', String(other.pid)), '');
    try {
      await first.stop();
      expect(lines.at(-1)).toMatch(new RegExp(`still used by process ${other.pid}`));
      expect(await postmasterPid(clusterDir)).toBe(postmaster);
      expect(await answers(first.url)).toBe(true);
    } finally {
      other.kill('SIGKILL');
      await new Promise((done) => other.once('exit', done));
    }
    // that process was killed: the server is an orphan now; the next start adopts it, its stop stops it
    const next = await startEmbeddedPostgres({ dataDir, database: 'backbone', log });
    expect(lines.at(-1)).toMatch(/left by a process that ended; adopting it/);
    expect(await postmasterPid(clusterDir)).toBe(postmaster);
    await next.stop();
    expect(await postmasterPid(clusterDir)).toBeNull();
    expect(await answers(next.url)).toBe(false);
  });
});
