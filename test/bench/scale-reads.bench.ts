/**
 * The reads of `bench:scale` on a scale database that already exists (kept with SCALE_KEEP=1, or left by a
 * run stopped during its rebuild, e.g. for lack of disk): builds the audit trail's query indexes a stopped
 * rebuild left dropped, analyses, then times the reads for a random tenant and prints how many events the read
 * models reflect and their size; then the appends with this log against an empty one.
 *
 *   SCALE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/spb_scale node dist/test/bench/scale-reads.bench.js
 *   SCALE_READS=0               the appends only (the tenants from the log: also on a log without read models)
 *   SCALE_APPEND_STREAMS=3      the appends on each tenant's first 3 action streams instead of 50
 *   SCALE_APPENDS=0             the reads only (no appends, so no <database>_empty needed, and the log unchanged)
 */
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import {
  READ_MODEL_TABLES,
  createReadModelProjections,
  runReadModelMigrations,
} from '../../libs/read-models/src/index.js';
import { createMissingIndexes, secondaryIndexesOf } from '../../libs/read-models/src/projection/indexes.js';
import { PostgresEventStore, runEventStoreMigrations } from '../../libs/event-store/src/index.js';
import {
  compareAppends,
  compareIndexReads,
  indexReadsTable,
  measureReads,
  ms,
  tenantsOf,
  tenantsOfLog,
} from './scale-reads.js';

const URL = process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/spb_scale';
const READS = Number(process.env.SCALE_READS ?? 300);
const SLICE_MS = Number(process.env.SCALE_SLICE_MS ?? 3_000);
const APPENDS = process.env.SCALE_APPENDS !== '0';
if (!APPENDS && READS === 0) throw new Error('SCALE_READS=0 and SCALE_APPENDS=0: nothing to measure');
const log = (line: string): void => console.log(line);
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** appends with this log present against an empty log in <database>_empty (created by bench:scale) */
async function measureAppends(pool: pg.Pool, tenants: Awaited<ReturnType<typeof tenantsOf>>) {
  const emptyUrl = new globalThis.URL(URL);
  emptyUrl.pathname = `${emptyUrl.pathname}_empty`;
  // both at this build's schema (a database kept from an older build lacks e.g. the group commit's function)
  await runEventStoreMigrations(URL);
  await runEventStoreMigrations(emptyUrl.toString());
  const store = new PostgresEventStore(URL, { poolSize: 10 });
  const emptyStore = new PostgresEventStore(emptyUrl.toString(), { poolSize: 10 });
  let appends;
  try {
    await emptyStore.pool.query('truncate events, streams');
    appends = await compareAppends(store, emptyStore, tenants, SLICE_MS, log);
  } finally {
    await store.close();
    await emptyStore.close();
  }
  const indexReads = await compareIndexReads(URL, pool, tenants, SLICE_MS, log);
  return { appends, indexReads };
}

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: URL, max: 4 });
  try {
    // a log kept without its read models (SCALE_READS=0) gets empty ones, for the queries below
    await runReadModelMigrations(URL);
    const created = await createMissingIndexes(
      pool,
      secondaryIndexesOf(READ_MODEL_TABLES, createReadModelProjections()),
    );
    if (created.length > 0) log(`built the indexes a stopped rebuild left dropped: ${created.join(', ')}`);
    await pool.query('analyze');
    const { rows } = await pool.query<{ events: string; reflected: string; lowest: string }>(
      `select (select count(*) from events) as events,
              (select count(*) from events where (tx_id, seq) <= (split_part(min(c.position), '-', 1)::bigint::text::xid8,
                                                               split_part(min(c.position), '-', 2)::bigint)) as reflected,
              min(c.position) as lowest
         from projection_checkpoints c
        where c.name = any($1::text[])`,
      // the read models' projections only (an api started on the database also checkpoints its outbox)
      [createReadModelProjections().map((projection) => projection.name)],
    );
    const { events, reflected, lowest } = rows[0]!;
    log(
      `${Number(events).toLocaleString('en')} events in the log; the read models reflect ${Number(reflected).toLocaleString('en')} (up to ${lowest})`,
    );
    // without reads, the tenants come from the log: the read models may be empty or half rebuilt
    const tenants = READS > 0 ? await tenantsOf(pool) : await tenantsOfLog(pool);
    const reads = READS > 0 ? await measureReads(pool, tenants, READS, log) : [];
    const { appends, indexReads } = APPENDS
      ? await measureAppends(pool, tenants)
      : { appends: [], indexReads: null };
    const sizes = await pool.query<{ name: string; bytes: string }>(
      `select c.relname as name, pg_total_relation_size(c.oid) as bytes from pg_class c
        where c.relkind = 'r' and (c.relname like 'rm\\_%' or c.relname = 'events') order by 2 desc`,
    );
    const perMillion = (bytes: number, of: number): string => (of > 0 ? mb((bytes / of) * 1_000_000) : '-');
    const readModels = sizes.rows
      .filter((r) => r.name !== 'events')
      .reduce((sum, r) => sum + Number(r.bytes), 0);
    const eventsBytes = Number(sizes.rows.find((r) => r.name === 'events')?.bytes ?? 0);
    console.log('');
    console.log(
      `## bench:scale-reads, ${new Date().toISOString()}: ${tenants.length} tenants, read models of ${Number(reflected).toLocaleString('en')} events ` +
        `(log ${Number(events).toLocaleString('en')}); ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`,
    );
    if (reads.length > 0) {
      console.log('');
      console.log('| read (random tenant) | p50 | p95 | p99 |');
      console.log('| --- | ---: | ---: | ---: |');
      for (const r of reads) console.log(`| ${r.name} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`);
    }
    if (indexReads) {
      console.log('');
      console.log(
        '| writers | appends/s, this log | appends/s, empty log | this / empty | p50 this / empty | this, random event ids / empty |',
      );
      console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const a of appends)
        console.log(
          `| ${a.writers} | ${Math.round(a.big)} | ${Math.round(a.empty)} | ${((a.big / a.empty) * 100).toFixed(0)} % | ${ms(a.bigP50)} / ${ms(a.emptyP50)} | ${((a.bigRandomIds / a.empty) * 100).toFixed(0)} % |`,
        );
      console.log('');
      for (const line of indexReadsTable(indexReads)) console.log(line);
    }
    console.log('');
    console.log(
      `- events table with indexes ${mb(eventsBytes)} (${perMillion(eventsBytes, Number(events))} per million events); ` +
        `read models ${mb(readModels)} (${perMillion(readModels, Number(reflected))} per million events they reflect)`,
    );
    for (const r of sizes.rows.slice(0, 8))
      console.log(
        `  - ${r.name}: ${mb(Number(r.bytes))} (${perMillion(Number(r.bytes), Number(r.name === 'events' ? events : reflected))} per million)`,
      );
  } finally {
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
