/**
 * As-of benchmark (issue 16, "the plan as it stood on any date"): the reads of a plan `?asOf=` a past date with
 * 100,000 events in the tenant, as the api answers them (`ReadModelQueries`: dashboard, plan tree, action list
 * with and without a filter, action detail, action history, the changes of a half year, the monthly trend),
 * next to the same reads of today.
 *
 *   npm run bench:asof            (ASOF_EVENTS=100000 ASOF_READS=100)
 *
 * A throw-away database on the PostgreSQL of DATABASE_URL (default the system one at 127.0.0.1:5432; created
 * and dropped here). The log is written with COPY by the generator of `bench:scale` (scale-log.ts: one tenant,
 * a plan like Bruges' with 240 actions, partners, users, working groups, meetings, signals and five years of
 * changes, 2021-2025), then every read model is rebuilt from it by the projection runner, which also writes
 * the dated versions the as-of reads use (rm_row_versions). Past moments are spread over the plan period.
 */
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { belgianToday, parseAsOf } from '../../libs/domain/src/index.js';
import { PostgresEventStore, runEventStoreMigrations, toPosition } from '../../libs/event-store/src/index.js';
import {
  ReadModelQueries,
  createProjectionRunner,
  runReadModelMigrations,
  type AsOf,
} from '../../libs/read-models/src/index.js';
import { generateLog } from './scale-log.js';

const EVENTS = Number(process.env.ASOF_EVENTS ?? 100_000);
const READS = Number(process.env.ASOF_READS ?? 100);
const ONLY = process.env.ASOF_ONLY; // a part of a case's name: run only those (for profiling)
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const log = (line: string): void => console.log(line);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** past moments over the plan period (a date: the end of that day in Belgian time), used in turn */
const MOMENTS = [
  '2021-06-30',
  '2022-03-15',
  '2022-12-31',
  '2023-06-30',
  '2023-11-02',
  '2024-06-30',
  '2024-12-31',
  '2025-06-30',
].map((date): AsOf => ({ at: parseAsOf(date)! }));

async function main(): Promise<void> {
  // ASOF_DATABASE: reuse a database kept by ASOF_KEEP=1 (no generation)
  const reuse = process.env.ASOF_DATABASE;
  const database = reuse ?? `asof_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  if (!reuse) await admin.query(`create database ${database}`);
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  pool.on('error', () => undefined);
  const store = new PostgresEventStore(url.toString(), { poolSize: 4 });
  try {
    await runEventStoreMigrations(url.toString());
    await runReadModelMigrations(url.toString());
    if (!reuse) {
      const generatedAt = performance.now();
      const { written } = await generateLog(
        pool,
        { events: EVENTS, tenants: 1, actionsPerTenant: 240 },
        () => undefined,
      );
      await pool.query('vacuum analyze events');
      log(
        `${written} events generated with COPY in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`,
      );
      // the log is read below the oldest open transaction of the server: on a shared server another
      // client's long transaction hides the new events for a while, and a rebuild then would read nothing
      const last = await pool.query<{ tx: string; seq: string }>(
        `select tx_id::text as tx, seq::text from events order by tx_id desc, seq desc limit 1`,
      );
      const head = toPosition(last.rows[0]!.tx, last.rows[0]!.seq);
      for (let waited = 0; (await store.headPosition()) < head; waited += 1) {
        if (waited === 0) log('waiting until the log is visible to readers (a long transaction elsewhere)');
        if (waited > 600) throw new Error('the generated log stayed hidden for 10 minutes');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const runner = createProjectionRunner({ pool, store, batchSize: 1_000 });
      const rebuilt = await runner.rebuild('all');
      log(
        `rebuild of every read model (dated versions included): ${rebuilt.events} events in ` +
          `${(rebuilt.elapsedMs / 1000).toFixed(1)} s`,
      );
    }
    await pool.query('vacuum analyze');
    const sizes = await pool.query<{ versions: string; rows: string; size: string }>(
      `select (select count(*) from rm_row_versions)::text as versions,
              (select count(*) from rm_row_version_keys)::text as rows,
              pg_size_pretty(pg_total_relation_size('rm_row_versions')) as size`,
    );
    const facts = await pool.query<{ tenant_id: string; plan_id: string; ids: string[] }>(
      `select tenant_id, min(plan_id) as plan_id, array_agg(id order by sort_key) as ids from rm_actions
        group by tenant_id`,
    );
    if (facts.rows.length !== 1)
      throw new Error(`expected one tenant with actions, found ${facts.rows.length}`);
    const { tenant_id: tenantId, plan_id: planId, ids: actionIds } = facts.rows[0]!;
    const inTenant = await pool.query<{ n: string }>(
      `select count(*) as n from events where tenant_id = $1`,
      [tenantId],
    );
    log(
      `${inTenant.rows[0]!.n} events in the tenant; ${sizes.rows[0]!.versions} dated versions of ` +
        `${sizes.rows[0]!.rows} rows (${sizes.rows[0]!.size} with the index); ${cpus().length} cores, ` +
        `${Math.round(totalmem() / 2 ** 30)} GB; ${READS} reads each`,
    );

    const reads = new ReadModelQueries(pool);
    const today = belgianToday(new Date());
    let turn = 0;
    const moment = (): AsOf => MOMENTS[turn++ % MOMENTS.length]!;
    const action = (): string => actionIds[turn % actionIds.length]!;
    const cases: [string, () => Promise<unknown>][] = [
      ['dashboard, today', () => reads.getDashboard(tenantId, planId, today)],
      [
        'dashboard, as of a past date',
        () => {
          const asOf = moment();
          return reads.getDashboard(tenantId, planId, belgianToday(asOf.at), { asOf });
        },
      ],
      ['plan tree, today', () => reads.getPlanTree(tenantId, planId)],
      ['plan tree, as of a past date', () => reads.getPlanTree(tenantId, planId, { asOf: moment() })],
      [
        'action list (first 100), today',
        () => reads.listActions(tenantId, planId, { today }, { limit: 100 }),
      ],
      [
        'action list (first 100), as of a past date',
        () => {
          const asOf = moment();
          return reads.listActions(
            tenantId,
            planId,
            { today: belgianToday(asOf.at) },
            { limit: 100 },
            { asOf },
          );
        },
      ],
      [
        'action list, status filter + sort by progress, as of a past date',
        () => {
          const asOf = moment();
          return reads.listActions(
            tenantId,
            planId,
            { status: 'in_progress', today: belgianToday(asOf.at) },
            { limit: 100, sort: '-progress' },
            { asOf },
          );
        },
      ],
      ['action detail, today', () => reads.getAction(tenantId, action(), { today })],
      [
        'action detail, as of a past date',
        () => {
          const asOf = moment();
          return reads.getAction(tenantId, action(), { today: belgianToday(asOf.at), asOf });
        },
      ],
      [
        'action history, as of a past date',
        () => reads.getActionHistory(tenantId, action(), { asOf: moment() }),
      ],
      [
        'changes over a half year',
        () => {
          const to = moment();
          return reads.getPlanChanges(
            tenantId,
            planId,
            { at: new Date(to.at.getTime() - 182 * 86_400_000) },
            to,
          );
        },
      ],
      ['status trend, 60 months', () => reads.getStatusTrend(tenantId, planId, new Date(), today)],
    ];
    const rows: string[] = [];
    for (const [name, read] of cases.filter(([name]) => !ONLY || name.includes(ONLY))) {
      for (let i = 0; i < 5; i++) await read(); // warm the plans and the cache
      const times: number[] = [];
      for (let i = 0; i < READS; i++) {
        const t0 = performance.now();
        const answer = await read();
        times.push(performance.now() - t0);
        if (answer === null) throw new Error(`${name}: no answer`);
      }
      times.sort((a, b) => a - b);
      const row = `| ${name} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} |`;
      rows.push(row);
      log(row);
    }
    log('\n| read | p50 | p99 |');
    log('| --- | ---: | ---: |');
    for (const row of rows) log(row);
  } finally {
    await store.close();
    await pool.end();
    if (process.env.ASOF_KEEP === '1') log(`kept the database ${database} (ASOF_KEEP=1)`);
    else await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
