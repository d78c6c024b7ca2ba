/**
 * Event store benchmark: `npm run bench:store` (runs the compiled file, dist/test/bench/store.bench.js).
 *
 * - appends per second of single-event appends through PostgresEventStore, 1 and 8 concurrent writers,
 *   into one stream and into many streams, as the product appends (group commit: concurrent appends share a
 *   call) and with each append its own call, next to the append as it was before the hash chain (the same
 *   `append_to_stream` call without content digest, on a schema migrated only up to the previous function:
 *   the cost of tamper evidence, docs/audit.md), next to a plain INSERT of the same rows into a bare table
 *   (same columns, no constraint besides a bigserial) and next to Emmett's PostgreSQL event store
 *   (`@event-driven-io/emmett-postgresql`, a dev dependency: the same single events, expected version any,
 *   same payload, its own pool of 8), with the same writer counts, in slices that rotate the four;
 * - readStream of a 1,000-event stream: p50/p95 over 200 reads.
 *
 * Uses DATABASE_URL when set (in a throw-away schema, dropped at the end), otherwise starts the embedded
 * PostgreSQL with its data under .data/bench. BENCH_SECONDS sets the duration of each append run (default 4);
 * BENCH_APPEND_CONCURRENCY sets the group commit's calls at once (the store's `appendConcurrency`, default 2);
 * BENCH_DEBUG=1 also prints the CPU share of this process per slice (the client's part of the cost).
 * BENCH_SLICES sets the slices per cell (default 4). BENCH_ONLY=chain runs only the three contenders that measure
 * the hash chain's cost (ours, ours with each append its own call, ours before the chain), for long runs of many
 * short slices: the rate of one slice moves by 10-20 % with the machine's disk and neighbours, so each ratio is
 * given with a 95 % interval, bootstrapped over the slices (a slice of every contender, adjacent in time, is
 * resampled together).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import {
  EventStoreAppendFunction1767225600001,
  EventStoreTables1767225600000,
  runEventStoreMigrations,
} from '../../libs/event-store/src/postgres/migrations/index.js';
import { runMigrations } from '../../libs/platform/src/database/migrations.js';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { Notifier } from '../../libs/event-store/src/postgres/notifier.js';
import type { NewEvent } from '../../libs/event-store/src/event-store.port.js';
import { contentDigest } from '../../libs/event-store/src/chain/event-hash.js';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres.js';

const RUN_MS = Math.round(Number(process.env.BENCH_SECONDS ?? 4) * 1000);
/** the store's group commit: calls at once before appends share one (the store's default unless set) */
const APPEND_CONCURRENCY =
  process.env.BENCH_APPEND_CONCURRENCY === undefined
    ? undefined
    : Number(process.env.BENCH_APPEND_CONCURRENCY);
/** each run is cut into this many slices, alternating with the plain INSERT run */
const SLICES = Math.max(1, Math.round(Number(process.env.BENCH_SLICES ?? 4)));
/** only the chain's three contenders (ours, each append its own call, before the chain) */
const CHAIN_ONLY = process.env.BENCH_ONLY === 'chain';
if (process.env.BENCH_ONLY !== undefined && !CHAIN_ONLY)
  throw new Error(`BENCH_ONLY must be "chain" (got "${process.env.BENCH_ONLY}")`);
const BOOTSTRAP_SAMPLES = 2000;
const WARMUP_MS = 1000;
const MANY_STREAMS = 10_000;
const WRITER_COUNTS = [1, 8] as const;
const STREAM_SHAPES = ['one stream', 'many streams'] as const;
const READ_EVENTS = 1000;
const READS = 200;

type Shape = (typeof STREAM_SHAPES)[number];

interface RunResult {
  appends: number;
  elapsedMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  latencies: number[];
}

function combine(runs: readonly RunResult[]): RunResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const elapsedMs = runs.reduce((sum, r) => sum + r.elapsedMs, 0);
  return {
    appends: latencies.length,
    elapsedMs,
    perSecond: (latencies.length / elapsedMs) * 1000,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    latencies,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const { url: serverUrl, stop, where } = await database();
  const schema = `event_store_bench_${randomUUID().slice(0, 8)}`;
  const url = withSearchPath(serverUrl, schema);
  const legacySchema = `${schema}_unhashed`;
  const legacyUrl = withSearchPath(serverUrl, legacySchema);

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.query(`create schema ${legacySchema}`);
  let store: PostgresEventStore | null = null;
  let aloneStore: PostgresEventStore | null = null;
  let plainPool: pg.Pool | null = null;
  let emmettPool: pg.Pool | null = null;
  let ourPool: pg.Pool | null = null;
  let legacyPool: pg.Pool | null = null;
  let legacyNotifier: Notifier | null = null;
  let emmettStore: { close(): Promise<void> } | null = null;
  try {
    await runEventStoreMigrations(url);
    // the event store as it was before the hash chain: tables and append function, no hash
    await runMigrations(legacyUrl, [EventStoreTables1767225600000, EventStoreAppendFunction1767225600001]);
    await admin.query(`
      create table ${schema}.plain_events (
        seq bigserial,
        tx_id xid8 not null default pg_current_xact_id(),
        stream_id text,
        version integer,
        event_id uuid,
        type text,
        data jsonb,
        metadata jsonb,
        tenant_id text,
        recorded_at timestamptz default now()
      )`);
    const settings = await admin.query<{ version: string; fsync: string; sc: string }>(
      `select version() as version, current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc`,
    );

    // Emmett's driver (dumbo) replaces pg's process-wide parsers for int8 (to BigInt) and json/jsonb when it
    // loads; our store's pool keeps pg's defaults through its own overrides, as an application would
    const ownTypes = new pg.TypeOverrides();
    ownTypes.setTypeParser(20, 'text', (value: string) => value);
    ownTypes.setTypeParser(114, 'text', (value: string) => JSON.parse(value) as unknown);
    ownTypes.setTypeParser(3802, 'text', (value: string) => JSON.parse(value) as unknown);
    ourPool = new pg.Pool({ connectionString: url, max: 8, types: ownTypes });
    store = new PostgresEventStore(ourPool, { poolSize: 8, appendConcurrency: APPEND_CONCURRENCY });
    // the same store with its group commit turned off: every append its own call and transaction, as before
    // the group commit (and as the append before the chain below), so the chain's own cost stays visible
    aloneStore = new PostgresEventStore(ourPool, { poolSize: 8, appendConcurrency: 0 });
    const oursAlone = aloneStore;
    plainPool = new pg.Pool({ connectionString: url, max: 8 });
    legacyPool = new pg.Pool({ connectionString: legacyUrl, max: 8, types: ownTypes });
    const legacy = legacyPool;
    // before the chain, the store also told readers after each append (one NOTIFY per 5 ms at most, as ours does)
    legacyNotifier = new Notifier(legacyPool.options, 5, () => undefined);
    const notifyLegacy = legacyNotifier;
    emmettPool = new pg.Pool({ connectionString: url, max: 8 });
    const ours = store;
    const plain = plainPool;
    const emmett = getPostgreSQLEventStore(url, { connectionOptions: { pool: emmettPool } });
    emmettStore = emmett;
    // Emmett answers a concurrent append to the same stream with a version conflict even for "any"
    // (NO_CONCURRENCY_CHECK): retry until it lands, as a caller would, and count the append once
    let emmettRetries = 0;
    const appendEmmett = async (streamId: string): Promise<unknown> => {
      const event = benchEvent();
      for (;;) {
        try {
          return await emmett.appendToStream(streamId, [
            { type: event.type, data: event.data as Record<string, unknown>, metadata: event.metadata },
          ]);
        } catch (error) {
          if ((error as { errorCode?: number }).errorCode !== 412) throw error;
          emmettRetries++;
        }
      }
    };

    const appendOurs = (streamId: string): Promise<unknown> =>
      ours.appendToStream(streamId, [benchEvent()], 'any');
    const appendOursAlone = (streamId: string): Promise<unknown> =>
      oursAlone.appendToStream(streamId, [benchEvent()], 'any');
    // what PostgresEventStore.appendToStream did before the chain: the same call, no digest, then the
    // notification to readers (the store's other per-append work, waking its own subscriptions, has none here)
    const appendUnhashed = async (streamId: string): Promise<unknown> => {
      const event = benchEvent();
      const result = await legacy.query({
        name: 'legacy_append',
        text: 'select version, tx_id, seq, duplicate from append_to_stream($1, $2, $3, $4::jsonb, $5)',
        values: [
          streamId,
          event.metadata.tenantId,
          'any',
          JSON.stringify([{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }]),
          false,
        ],
      });
      notifyLegacy.notify();
      return result;
    };
    const versions = new Map<string, number>();
    const insertPlain = (streamId: string): Promise<unknown> => {
      const version = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, version);
      const event = benchEvent();
      return plain.query({
        name: 'plain_insert',
        text:
          'insert into plain_events (stream_id, version, event_id, type, data, metadata, tenant_id) ' +
          'values ($1, $2, $3, $4, $5, $6, $7)',
        values: [
          streamId,
          version,
          event.id,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          event.metadata.tenantId,
        ],
      });
    };

    // every contender, in the order of the results below; BENCH_ONLY=chain leaves out the plain INSERT and Emmett
    const all = {
      ours: appendOurs,
      plain: insertPlain,
      emmett: appendEmmett,
      before: appendUnhashed,
      alone: appendOursAlone,
    };
    type Contender = keyof typeof all;
    const names: readonly Contender[] = CHAIN_ONLY
      ? ['ours', 'before', 'alone']
      : ['ours', 'plain', 'emmett', 'before', 'alone'];
    // warm every path up (connections, prepared statements, plan caches)
    for (const name of names) await run(8, 'many streams', WARMUP_MS, all[name]);

    const rows: string[] = [];
    const verdicts: string[] = [];
    const intervals: string[] = [];
    for (const writers of WRITER_COUNTS) {
      for (const shape of STREAM_SHAPES) {
        // rotate short slices of the contenders, so that a change in the machine's load affects all alike
        const slices = new Map<Contender, RunResult[]>(names.map((name) => [name, []]));
        for (let slice = 0; slice < SLICES; slice++) {
          const sliceMs = RUN_MS / SLICES;
          for (let k = 0; k < names.length; k++) {
            const name = names[(slice + k) % names.length]!;
            slices.get(name)!.push(await run(writers, shape, sliceMs, all[name]));
          }
        }
        const result = (name: Contender): RunResult | null => {
          const runs = slices.get(name);
          return runs ? combine(runs) : null;
        };
        const oursResult = result('ours')!;
        const unhashedResult = result('before')!;
        const aloneResult = result('alone')!;
        const plainResult = result('plain');
        const emmettResult = result('emmett');
        const hashCost = oursResult.perSecond / unhashedResult.perSecond;
        const chainAlone = aloneResult.perSecond / unhashedResult.perSecond;
        const hashInterval = bootstrapRatio(slices.get('ours')!, slices.get('before')!);
        const aloneInterval = bootstrapRatio(slices.get('alone')!, slices.get('before')!);
        intervals.push(
          `| ${writers} | ${shape} | ${pct(hashCost)} | ${pct(hashInterval[0])} - ${pct(hashInterval[1])} | ` +
            `${pct(chainAlone)} | ${pct(aloneInterval[0])} - ${pct(aloneInterval[1])} |`,
        );
        verdicts.push(
          `${writers} writer(s) / ${shape} hashed >= 90 % of unhashed: ${hashCost >= 0.9 ? 'met' : 'NOT met'} (${pct(hashCost)}, ` +
            `95 % interval ${pct(hashInterval[0])} - ${pct(hashInterval[1])}; each append its own call, like the append ` +
            `before the chain: ${pct(chainAlone)}, ${pct(aloneInterval[0])} - ${pct(aloneInterval[1])})`,
        );
        if (plainResult && emmettResult) {
          const ratio = oursResult.perSecond / plainResult.perSecond;
          const emmettRatio = emmettResult.perSecond / plainResult.perSecond;
          const lead = oursResult.perSecond / emmettResult.perSecond;
          const target = writers === 1 ? 0.8 : shape === 'many streams' ? 0.7 : null;
          if (target !== null)
            verdicts.push(
              `${writers} writer(s) / ${shape} >= ${target * 100} % of plain INSERT: ${ratio >= target ? 'met' : 'NOT met'} (${pct(ratio)})`,
            );
          verdicts.push(
            `${writers} writer(s) / ${shape} >= 2x Emmett: ${lead >= 2 ? 'met' : 'NOT met'} (${lead.toFixed(1)}x)`,
          );
          rows.push(
            `| ${writers} | ${shape} | ${fmt(oursResult.perSecond)} | ${ms(oursResult.p50)} / ${ms(oursResult.p95)} | ` +
              `${fmt(aloneResult.perSecond)} | ${ms(aloneResult.p50)} / ${ms(aloneResult.p95)} | ` +
              `${fmt(unhashedResult.perSecond)} | ${ms(unhashedResult.p50)} / ${ms(unhashedResult.p95)} | ${pct(hashCost)} | ${pct(chainAlone)} | ` +
              `${fmt(plainResult.perSecond)} | ${ms(plainResult.p50)} / ${ms(plainResult.p95)} | ` +
              `${fmt(emmettResult.perSecond)} | ${ms(emmettResult.p50)} / ${ms(emmettResult.p95)} | ` +
              `${pct(ratio)} | ${pct(emmettRatio)} | ${lead.toFixed(1)}x |`,
          );
        } else {
          rows.push(
            `| ${writers} | ${shape} | ${fmt(oursResult.perSecond)} | ${ms(oursResult.p50)} / ${ms(oursResult.p95)} | ` +
              `${fmt(aloneResult.perSecond)} | ${ms(aloneResult.p50)} / ${ms(aloneResult.p95)} | ` +
              `${fmt(unhashedResult.perSecond)} | ${ms(unhashedResult.p50)} / ${ms(unhashedResult.p95)} | ${pct(hashCost)} | ${pct(chainAlone)} |`,
          );
        }
        process.stderr.write(
          `  ${writers} writer(s), ${shape}: done (Emmett retries so far: ${emmettRetries})\n`,
        );
      }
    }

    // readStream of a 1,000-event stream
    const streamId = `read-${randomUUID()}`;
    for (let i = 0; i < READ_EVENTS; i += 100) {
      await ours.appendToStream(
        streamId,
        Array.from({ length: 100 }, () => benchEvent()),
      );
    }
    for (let i = 0; i < 10; i++) await ours.readStream(streamId);
    const readTimes: number[] = [];
    for (let i = 0; i < READS; i++) {
      const t = process.hrtime.bigint();
      const events = await ours.readStream(streamId);
      readTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (events.length !== READ_EVENTS)
        throw new Error(`read ${events.length} events, expected ${READ_EVENTS}`);
    }
    readTimes.sort((a, b) => a - b);
    const readP50 = percentile(readTimes, 0.5);
    const readP95 = percentile(readTimes, 0.95);

    // what the chain adds to each append, measured on its own (the append rates above are noisy on a shared
    // machine): the writer's content digest (JCS + SHA-256) and the database's link hash (event_chain_hash)
    const digestEvents = Array.from({ length: 20_000 }, () => benchEvent());
    for (const e of digestEvents.slice(0, 2000)) contentDigest(e.type, e.data, e.metadata);
    const digestStart = process.hrtime.bigint();
    for (const e of digestEvents) contentDigest(e.type, e.data, e.metadata);
    const digestUs = Number(process.hrtime.bigint() - digestStart) / 1e3 / digestEvents.length;
    const linkRuns = 20_000;
    const linkSql = (fn: string): string =>
      `select count(${fn}) from generate_series(1, ${linkRuns}) as g(i)`;
    const timeSql = async (sql: string): Promise<number> => {
      await ourPool!.query(sql);
      const t = process.hrtime.bigint();
      await ourPool!.query(sql);
      return Number(process.hrtime.bigint() - t) / 1e3;
    };
    const withLink = await timeSql(
      linkSql(
        `event_chain_hash(md5(i::text) || md5(i::text), '00000000000000001234-' || lpad(i::text, 20, '0'), ` +
          `'action-' || i, i, '2026-11-29T00:00:00.000Z', md5(i::text) || md5(i::text))`,
      ),
    );
    const withoutLink = await timeSql(linkSql(`md5(i::text) || md5(i::text)`));
    const linkUs = Math.max(0, withLink - withoutLink) / linkRuns;

    const cpus = os.cpus();
    const out = [
      `## Event store benchmark (${new Date().toISOString()})`,
      '',
      `- machine: ${cpus[0]?.model.trim() ?? 'unknown cpu'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
      `- node ${process.version}; ${settings.rows[0]!.version.split(',')[0]} (${where}); fsync=${settings.rows[0]!.fsync}, synchronous_commit=${settings.rows[0]!.sc}`,
      `- single-event appends, expected version \`any\`, ${RUN_MS / 1000} s per cell and contender (in ${SLICES} slices rotating ${CHAIN_ONLY ? 'ours, ours before the hash chain and ours with each append its own call (BENCH_ONLY=chain)' : `ours, the plain INSERT, Emmett ${emmettVersion()}, ours before the hash chain and ours with each append its own call`}); "ours" appends as the product does (concurrent appends share a call and a transaction: group commit, at most ${APPEND_CONCURRENCY ?? 2} calls at once); "many streams" = random among ${fmt(MANY_STREAMS)} streams; pools of 8 connections`,
      '',
      CHAIN_ONLY
        ? '| writers | streams | ours, hashed (appends/s) | p50 / p95 | ours, each append its own call | p50 / p95 | ours before the chain (appends/s) | p50 / p95 | hashed / before | own call / before |'
        : '| writers | streams | ours, hashed (appends/s) | p50 / p95 | ours, each append its own call | p50 / p95 | ours before the chain (appends/s) | p50 / p95 | hashed / before | own call / before | plain INSERT (rows/s) | p50 / p95 | Emmett (appends/s) | p50 / p95 | ours / plain | Emmett / plain | ours / Emmett |',
      CHAIN_ONLY
        ? '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|'
        : '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `the chain's cost with 95 % intervals, bootstrapped over the ${SLICES} slices per cell (${BOOTSTRAP_SAMPLES} resamples):`,
      '',
      '| writers | streams | hashed / before | 95 % interval | own call / before | 95 % interval |',
      '|---:|---|---:|---:|---:|---:|',
      ...intervals,
      '',
      `readStream of a ${fmt(READ_EVENTS)}-event stream, ${READS} reads: p50 ${ms(readP50)}, p95 ${ms(readP95)}`,
      '',
      `hashing cost per event: content digest in the writer ${digestUs.toFixed(1)} µs, link hash in PostgreSQL ${linkUs.toFixed(1)} µs (${linkRuns.toLocaleString('en-US')} of each)`,
      '',
      'targets:',
      ...verdicts.map((line) => `- ${line}`),
      `- readStream of 1,000 events < 20 ms: ${readP95 < 20 ? 'met (p95)' : readP50 < 20 ? 'met (p50 only)' : 'NOT met'}`,
      `total bench time ${((Date.now() - started) / 1000).toFixed(0)} s`,
    ];
    console.log(out.join('\n'));
  } finally {
    await store?.close();
    await aloneStore?.close();
    await ourPool?.end().catch(() => undefined);
    await plainPool?.end();
    await legacyNotifier?.close().catch(() => undefined);
    await legacyPool?.end().catch(() => undefined);
    await emmettStore?.close().catch(() => undefined);
    await emmettPool?.end().catch(() => undefined);
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.query(`drop schema if exists ${legacySchema} cascade`).catch(() => undefined);
    await admin.end();
    await stop();
  }
}

/** `writers` concurrent loops calling `append` for `durationMs`; appends per second and latency percentiles. */
async function run(
  writers: number,
  shape: Shape,
  durationMs: number,
  append: (streamId: string) => Promise<unknown>,
): Promise<RunResult> {
  const oneStream = `bench-one-${randomUUID()}`;
  const manyPrefix = `bench-many-${randomUUID().slice(0, 8)}`;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < end) {
        const streamId =
          shape === 'one stream' ? oneStream : `${manyPrefix}-${Math.floor(Math.random() * MANY_STREAMS)}`;
        const t = performance.now();
        await append(streamId);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (process.env.BENCH_DEBUG)
    process.stderr.write(
      `    ${writers}/${shape} ${append.name}: node cpu ${(((used.user + used.system) / 1000 / elapsed) * 100).toFixed(0)} %, ` +
        `${((used.user + used.system) / Math.max(latencies.length, 1)).toFixed(0)} µs per append\n`,
    );
  latencies.sort((a, b) => a - b);
  return {
    appends: latencies.length,
    elapsedMs: elapsed,
    perSecond: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    latencies,
  };
}

async function database(): Promise<{ url: string; where: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, where: 'DATABASE_URL', stop: () => Promise.resolve() };
  }
  process.stderr.write('starting the embedded PostgreSQL in .data/bench ...\n');
  const embedded = await startEmbeddedPostgres({ dataDir: '.data/bench', database: 'bench' });
  return { url: embedded.url, where: 'embedded', stop: () => embedded.stop() };
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

function benchEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'ActionProgressRecorded',
    data: {
      actionId: randomUUID(),
      progress: Math.floor(Math.random() * 100),
      note: 'benchmark event of a realistic size',
    },
    metadata: {
      actorId: 'bench-user',
      tenantId: 'bench',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    },
  };
}

/**
 * A 95 % interval of rate(a) / rate(b), bootstrapped over the slices: slice i of both contenders ran within a
 * few seconds of each other, so they are resampled together (which keeps what the machine did then in both).
 */
function bootstrapRatio(a: readonly RunResult[], b: readonly RunResult[]): [number, number] {
  const n = Math.min(a.length, b.length);
  if (n < 2) {
    const ratio = combine(a).perSecond / combine(b).perSecond;
    return [ratio, ratio];
  }
  const ratios: number[] = [];
  for (let sample = 0; sample < BOOTSTRAP_SAMPLES; sample++) {
    let appendsA = 0;
    let msA = 0;
    let appendsB = 0;
    let msB = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(Math.random() * n);
      appendsA += a[i]!.appends;
      msA += a[i]!.elapsedMs;
      appendsB += b[i]!.appends;
      msB += b[i]!.elapsedMs;
    }
    ratios.push(appendsA / msA / (appendsB / msB));
  }
  ratios.sort((x, y) => x - y);
  return [percentile(ratios, 0.025), percentile(ratios, 0.975)];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(0)} %`;
}

function emmettVersion(): string {
  // the package exports no ./package.json: find it beside the resolved entry point
  const entry = createRequire(import.meta.url).resolve('@event-driven-io/emmett-postgresql');
  const file = join(dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
