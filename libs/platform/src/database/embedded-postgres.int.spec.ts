import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { SCHED_BATCH, SCHED_OTHER, schedulingPolicy } from './batch-scheduling.js';
import { EmbeddedDatabaseError, postmasterPid, startEmbeddedPostgres } from './embedded-postgres.js';

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL (the default without DATABASE_URL)', () => {
  let dataDir: string;

  beforeAll(async () => {
    await mkdir(resolve('.data'), { recursive: true });
    dataDir = await mkdtemp(join(resolve('.data'), 'embedded-spec-'));
    await chmod(dataDir, 0o755);
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts a real server on a free port (never 5432), and keeps the data across a restart', async () => {
    const first = await startEmbeddedPostgres({ dataDir, database: 'backbone' });
    try {
      expect(first.created).toBe(true);
      expect(first.port).not.toBe(5432);
      await query(first.url, 'create table kept (value text); insert into kept values ($$still here$$)');
      const version = await query(first.url, 'show server_version_num');
      expect(Number(version.rows[0].server_version_num)).toBeGreaterThanOrEqual(130000);
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, database: 'backbone' });
    try {
      expect(second.created).toBe(false);
      const rows = await query(second.url, 'select value from kept');
      expect(rows.rows).toEqual([{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('runs the server under SCHED_BATCH (Linux), the backends of new connections too, unless told not to', async () => {
    if (process.platform !== 'linux') return; // the policy is Linux's; elsewhere nothing changes
    const lines: string[] = [];
    const server = await startEmbeddedPostgres({
      dataDir,
      database: 'backbone',
      log: (line) => lines.push(line),
    });
    try {
      const postmaster = await postmasterPid(server.clusterDir);
      expect(postmaster).not.toBeNull();
      expect(await schedulingPolicy(postmaster!)).toBe(SCHED_BATCH);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
        expect(await schedulingPolicy(rows[0]!.pid)).toBe(SCHED_BATCH);
      } finally {
        await client.end();
      }
      expect(lines.filter((line) => line.includes('default CPU scheduling'))).toEqual([]);
    } finally {
      await server.stop();
    }

    const plain = await startEmbeddedPostgres({ dataDir, database: 'backbone', batchScheduling: false });
    try {
      expect(await schedulingPolicy((await postmasterPid(plain.clusterDir))!)).toBe(SCHED_OTHER);
    } finally {
      await plain.stop();
    }
  });

  it('says clearly when the data directory is unusable', async () => {
    const blocker = join(dataDir, 'a-file');
    await writeFile(blocker, 'not a directory');
    await expect(startEmbeddedPostgres({ dataDir: join(blocker, 'data') })).rejects.toThrow(
      EmbeddedDatabaseError,
    );
    await expect(startEmbeddedPostgres({ dataDir: join(blocker, 'data') })).rejects.toThrow(
      /DATA_DIR|DATABASE_URL/,
    );
  });
});
