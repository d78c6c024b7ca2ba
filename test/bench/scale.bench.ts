/**
 * Scale benchmark (issue 19): one deployment for ~300 municipalities. Generates a multi-tenant log with COPY
 * (scale-log.ts: plans like Bruges', partners, users, working groups, meetings, signals, five years of
 * changes, each event with its hash chain as the store writes it), verifies it (`verifyEventChain`, what
 * `cli verify` runs: the bench stops when a hash or a stream head is wrong), then measures with the projections
 * caught up:
 *   - reading the whole log alone (the rebuild's reader, same page size) and a rebuild of every read model
 *     (time, events/s, ratio to the read alone);
 *   - p50/p99 of the reads the api serves for a random tenant: dashboard, action list (no filter, status,
 *     theme + text), action detail, action history, the same dashboard, list and history as of a past date,
 *     the status trend, the audit trail's first page (no filter, one kind, one year);
 *   - appends/s (single events, expected version any, random action streams) with the big log present, in
 *     alternating slices with the same appends to an empty log in a second database, and with the big log
 *     and random (v4) event ids (the product's ids are time-ordered since 2026-11-30);
 *   - disk per million events (the events table with its indexes, the read models);
 *   - the built api's memory (RSS) and start-up time on the big database.
 *
 *   SCALE_EVENTS=2000000 SCALE_TENANTS=300 SCALE_ACTIONS=300 npm run bench:scale
 *
 * PostgreSQL from SCALE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/spb_scale); the database and
 * its empty twin (<name>_empty) are created when missing and dropped at the end unless SCALE_KEEP=1 (a kept
 * database with enough events is reused: no generation).
 *
 * SCALE_LOG_ONLY=1: generate and verify the log (or count a kept one), print its sizes, and stop: no rebuild, no
 * reads, no appends. The database and its empty twin are kept (that is the point), for `SCALE_READS=0 node
 * dist/test/bench/scale-reads.bench.js` (the appends alone, on a log without read models) or a later run of this
 * benchmark.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

import {
  PostgresChainCheckpoints,
  PostgresEventStore,
  runEventStoreMigrations,
  verifyEventChain,
} from '../../libs/event-store/src/index.js';
import { createProjectionRunner, runReadModelMigrations } from '../../libs/read-models/src/index.js';
import { timeLogRead, timeRebuild } from './rebuild-timing.js';
import { generateLog, type TenantFacts } from './scale-log.js';
import {
  compareAppends,
  compareIndexReads,
  indexReadsTable,
  measureReads,
  tenantsOf,
} from './scale-reads.js';

const EVENTS = Number(process.env.SCALE_EVENTS ?? 2_000_000);
const TENANTS = Number(process.env.SCALE_TENANTS ?? 300);
const ACTIONS = Number(process.env.SCALE_ACTIONS ?? 300);
const BATCH_SIZE = Number(process.env.SCALE_BATCH_SIZE ?? 1_000);
const READS = Number(process.env.SCALE_READS ?? 300);
const SLICE_MS = Number(process.env.SCALE_SLICE_MS ?? 3_000);
const LOG_ONLY = process.env.SCALE_LOG_ONLY === '1';
const KEEP = process.env.SCALE_KEEP === '1' || LOG_ONLY;
const URL = process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/spb_scale';

const log = (line: string): void => console.log(line);

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function withDatabase(url: string, database: string): string {
  const parsed = new globalThis.URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function ensureDatabase(url: string): Promise<void> {
  const name = new globalThis.URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

async function dropDatabase(url: string): Promise<void> {
  const name = new globalThis.URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

async function count(pool: pg.Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n);
}

/** Starts the built api on `url` as its own process; answers its start-up time and RSS. */
async function apiMemory(url: string): Promise<{ readyMs: number; rssReady: number; rssLater: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'spb-scale-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: 'false',
      DATA_DIR: dataDir,
      JWT_SECRET: 'scale-bench-secret-scale-bench-secret-0123456789',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const readyMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the api did not start within 10 minutes')), 600_000);
      const onData = (chunk: Buffer): void => {
        if (chunk.toString().includes('API ready')) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`the api exited with ${code}`)));
    });
    const rss = async (): Promise<number> => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    };
    const rssReady = await rss();
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    return { readyMs, rssReady, rssLater: await rss() };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const emptyUrl = withDatabase(URL, `${new globalThis.URL(URL).pathname.slice(1)}_empty`);
  await ensureDatabase(URL);
  await ensureDatabase(emptyUrl);
  for (const url of [URL, emptyUrl]) {
    await runEventStoreMigrations(url);
    await runReadModelMigrations(url);
  }
  const pool = new pg.Pool({ connectionString: URL, max: 10 });
  const store = new PostgresEventStore(URL, { poolSize: 10 });
  const emptyPool = new pg.Pool({ connectionString: emptyUrl, max: 2 });
  const emptyStore = new PostgresEventStore(emptyUrl, { poolSize: 10 });
  const date = new Date().toISOString();
  try {
    // 1. the log
    let tenants: TenantFacts[] | null = null;
    const existing = await count(pool);
    let generated = '';
    if (existing > 0) {
      log(
        `reusing the ${existing} events already in ${URL} (kept by SCALE_KEEP=1; drop it for another size)`,
      );
    } else {
      const started = performance.now();
      const result = await generateLog(
        pool,
        { events: EVENTS, tenants: TENANTS, actionsPerTenant: ACTIONS },
        log,
      );
      const seconds = (performance.now() - started) / 1000;
      generated = `${result.written} events generated with COPY in ${seconds.toFixed(0)} s (${Math.round(result.written / seconds)} events/s)`;
      log(generated);
      tenants = result.tenants;
      await pool.query('vacuum analyze events');
      await pool.query('vacuum analyze streams');
      // the generated log is one the store could have written: every hash chain and stream head verifies
      const verifyStarted = performance.now();
      const verification = await verifyEventChain(store, new PostgresChainCheckpoints(pool));
      const verifySeconds = (performance.now() - verifyStarted) / 1000;
      if (!verification.ok)
        throw new Error(
          `verify found ${verification.problems.length} problem(s) in the generated log, the first: ` +
            JSON.stringify(verification.problems.slice(0, 3)),
        );
      const verified =
        `verify of the generated log: ${verification.tenants.reduce((sum, tenant) => sum + tenant.eventsVerified, 0)} ` +
        `events of ${verification.tenants.length} tenants intact in ${verifySeconds.toFixed(1)} s`;
      log(verified);
      generated += `\n${verified}`;
    }
    const total = await count(pool);
    if (LOG_ONLY) {
      const sizes = (
        await pool.query<{ events: string; stream_index: string; id_index: string; database: string }>(
          `select pg_total_relation_size('events') as events,
                  pg_relation_size('events_stream_version_key') as stream_index,
                  pg_relation_size('events_event_id_key') as id_index,
                  pg_database_size(current_database()) as database`,
        )
      ).rows[0]!;
      console.log('');
      console.log(`## bench:scale, the log only (SCALE_LOG_ONLY=1), ${date}`);
      console.log('');
      console.log(
        `${total.toLocaleString('en')} events in ${URL}, kept${generated ? `\n\n${generated}` : ''}`,
      );
      console.log(
        `- disk: events table with indexes ${mb(Number(sizes.events))}, of which the stream index ` +
          `${mb(Number(sizes.stream_index))} and the event id index ${mb(Number(sizes.id_index))}; database ${mb(Number(sizes.database))}`,
      );
      return;
    }
    if ((await count(emptyPool)) > 0) await emptyPool.query('truncate events, streams');

    // 2. the log read alone, then a rebuild of every read model (pages of the same size)
    const logRead = await timeLogRead(store, BATCH_SIZE, log);
    const read = logRead.events;
    const readSeconds = logRead.seconds;
    const runner = createProjectionRunner({ pool, store, batchSize: BATCH_SIZE });
    const { result: rebuilt, seconds: rebuildSeconds } = await timeRebuild(runner, total, log, {
      read: logRead,
    });
    await pool.query('analyze');
    tenants ??= await tenantsOf(pool);

    // 3. disk
    const sizes = (
      await pool.query<{ events: string; streams: string; read_models: string; database: string }>(
        `select pg_total_relation_size('events') as events, pg_total_relation_size('streams') as streams,
                (select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c
                  where c.relkind = 'r' and c.relname like 'rm\\_%') as read_models,
                pg_database_size(current_database()) as database`,
      )
    ).rows[0]!;
    const perMillion = (bytes: string): string => mb((Number(bytes) / total) * 1_000_000);
    log(
      `disk: events ${mb(Number(sizes.events))} (${perMillion(sizes.events)} per million events), streams ${mb(Number(sizes.streams))}, ` +
        `read models ${mb(Number(sizes.read_models))} (${perMillion(sizes.read_models)} per million), database ${mb(Number(sizes.database))}`,
    );

    // 4. reads of a random tenant, as the api serves them (ReadModelQueries, what the controllers call)
    const reads = await measureReads(pool, tenants, READS, log);
    const historyRows = Number(
      (await pool.query<{ n: string }>('select count(*) as n from rm_action_history')).rows[0]!.n,
    );
    const actionCount = tenants.reduce((sum, t) => sum + t.actionIds.length, 0);

    // 5. appends: big log against an empty one, alternating slices
    const appendResults = await compareAppends(store, emptyStore, tenants, SLICE_MS, log);
    const indexReads = await compareIndexReads(URL, pool, tenants, SLICE_MS, log);

    // 6. the api on the big database
    const memory = await apiMemory(URL);
    log(
      `api: ready in ${(memory.readyMs / 1000).toFixed(1)} s; RSS ${mb(memory.rssReady)} when ready, ${mb(memory.rssLater)} 15 s later`,
    );

    const version = (await pool.query<{ server_version: string }>('show server_version')).rows[0]!
      .server_version;
    console.log('');
    console.log(`## bench:scale, ${date}`);
    console.log('');
    console.log(
      `${total.toLocaleString('en')} events, ${tenants.length} tenants, ${actionCount.toLocaleString('en')} actions, ` +
        `${historyRows.toLocaleString('en')} history rows; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; PostgreSQL ${version}`,
    );
    if (generated) console.log(`\n${generated}`);
    console.log('');
    console.log('| read (random tenant) | p50 | p95 | p99 |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const r of reads) console.log(`| ${r.name} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`);
    console.log('');
    console.log(
      '| writers | appends/s, big log | appends/s, empty log | big / empty | p50 big / empty | big, random event ids / empty |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const a of appendResults) {
      console.log(
        `| ${a.writers} | ${Math.round(a.big)} | ${Math.round(a.empty)} | ${((a.big / a.empty) * 100).toFixed(0)} % | ${ms(a.bigP50)} / ${ms(a.emptyP50)} | ${((a.bigRandomIds / a.empty) * 100).toFixed(0)} % |`,
      );
    }
    console.log('');
    for (const line of indexReadsTable(indexReads)) console.log(line);
    console.log('');
    console.log(
      `- read the log alone: ${readSeconds.toFixed(1)} s (${Math.round(read / readSeconds)} events/s); rebuild of all read models: ` +
        `${rebuildSeconds.toFixed(1)} s (${rebuilt.eventsPerSecond} events/s), ${(rebuildSeconds / readSeconds).toFixed(1)}x the read alone`,
    );
    console.log(
      `- disk: events table with indexes ${mb(Number(sizes.events))} (${perMillion(sizes.events)} per million events); ` +
        `read models ${mb(Number(sizes.read_models))} (${perMillion(sizes.read_models)} per million); database ${mb(Number(sizes.database))}`,
    );
    console.log(
      `- api on this database: ready in ${(memory.readyMs / 1000).toFixed(1)} s, RSS ${mb(memory.rssReady)} (${mb(memory.rssLater)} 15 s later)`,
    );
  } finally {
    await store.close();
    await emptyStore.close();
    await pool.end();
    await emptyPool.end();
    if (!KEEP) {
      await dropDatabase(URL);
      await dropDatabase(emptyUrl);
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
