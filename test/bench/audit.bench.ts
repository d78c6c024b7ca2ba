/**
 * Audit-trail benchmark (issue 18, part 1): the first page of a filtered trail with 1,000,000 events in the
 * tenant, as `GET /api/audit` reads it (`listAuditTrail`: rows, names, summaries, before/after, target).
 *
 *   npm run bench:audit
 *
 * A throw-away database on the PostgreSQL of DATABASE_URL (default the system one at 127.0.0.1:5432; it is
 * created and dropped here). The rows are inserted into the audit-trail read model directly, by one
 * INSERT ... SELECT over generate_series in the server (no events, no projection run): 1,000,000 rows for the
 * measured tenant over five years and 200,000 for another tenant, with the kinds, actors, actions, themes and
 * meetings spread as in a city's plan. The rows carry valid event data, so summaries are built as in the api.
 */
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import {
  listAuditTrail,
  runReadModelMigrations,
  type AuditTrailFilters,
} from '../../libs/read-models/src/index.js';

const TENANT = 'bench';
const EVENTS = Number(process.env.AUDIT_EVENTS ?? 1_000_000);
const OTHER_TENANT_EVENTS = Math.round(EVENTS / 5);
const READS = Number(process.env.AUDIT_READS ?? 100);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Rows for one tenant: event i happens at 2021-01-01 + i * (5 years / n), position i (positions and times
 * rise together, as in a real log). 240 actions under 7 themes, 40 actors, 300 meetings.
 */
function generateRows(tenant: string, n: number, offset: number): string {
  return `
    insert into rm_audit_trail (position, tenant_id, stream_id, version, type, kind, aggregate_id, occurred_at,
                                seen_at, actor_id, action_id, theme_id, meeting_id, data)
    select lpad((g + ${offset})::text, 20, '0') || '-' || lpad('0', 20, '0'),
           '${tenant}',
           k.kind || '-' || k.id, g, k.type, k.kind, k.id,
           timestamptz '2021-01-01 08:00+01' + (g * (interval '5 years' / ${n})),
           timestamptz '2021-01-01 08:00+01' + (g * (interval '5 years' / ${n})),
           '${tenant}-user-' || (g * 7 % 40),
           case when k.kind = 'action' then k.id end,
           case when k.kind in ('action', 'plan') then '${tenant}-theme-' || (g % 240 % 7) end,
           case when k.kind = 'meeting' or g % 10 = 0 then '${tenant}-meeting-' || (g / 97 % 300) end,
           k.data
      from generate_series(1, ${n}) g,
      lateral (select case
        when g % 100 < 70 then 'action' when g % 100 < 80 then 'plan' when g % 100 < 85 then 'meeting'
        when g % 100 < 90 then 'signal' when g % 100 < 93 then 'working_group' when g % 100 < 98 then 'user'
        when g % 100 < 99 then 'partner' else 'tenant' end as kind) kk,
      lateral (select kk.kind,
        case kk.kind
          when 'action' then '${tenant}-action-' || (g % 240)
          when 'plan' then '${tenant}-plan'
          when 'meeting' then '${tenant}-meeting-' || (g / 97 % 300)
          when 'user' then '${tenant}-user-' || (g % 40)
          when 'partner' then '${tenant}-partner-' || (g % 12)
          when 'tenant' then '${tenant}'
          else '${tenant}-' || kk.kind || '-' || (g % 50) end as id) ki,
      lateral (select ki.kind, ki.id,
        case ki.kind
          when 'action' then 'ActionStatusChanged' when 'plan' then 'ThemeRenamed'
          when 'meeting' then 'MeetingStarted' when 'signal' then 'SignalAcknowledged'
          when 'working_group' then 'WorkingGroupRenamed' when 'user' then 'UserLoggedIn'
          when 'partner' then 'PartnerRenamed' else 'TenantRenamed' end as type,
        case ki.kind
          when 'action' then json_build_object('actionId', ki.id, 'from', 'not_started', 'to', 'in_progress',
                                               'reason', null)
          when 'plan' then json_build_object('planId', ki.id, 'themeId', '${tenant}-theme-' || (g % 240 % 7),
                                             'from', 'Thema', 'to', 'Thema ' || g)
          when 'meeting' then json_build_object('meetingId', ki.id)
          when 'signal' then json_build_object('signalId', ki.id)
          when 'working_group' then json_build_object('workingGroupId', ki.id, 'from', 'Werkgroep',
                                                      'to', 'Werkgroep ' || g)
          when 'user' then json_build_object('userId', ki.id, 'sessionId', 's-' || g)
          when 'partner' then json_build_object('partnerId', ki.id, 'from', 'Partner', 'to', 'Partner ' || g)
          else json_build_object('tenantId', ki.id, 'from', 'Stad', 'to', 'Stad ' || g) end as data) k`;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `audit_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  // the forced drop at the end ends connections the pool may still hold
  pool.on('error', () => undefined);
  try {
    await runReadModelMigrations(url.toString());
    const started = Date.now();
    await pool.query(generateRows(TENANT, EVENTS, 0));
    await pool.query(generateRows('other', OTHER_TENANT_EVENTS, EVENTS));
    await pool.query(
      `insert into rm_users select '${TENANT}', '${TENANT}-user-' || g, 'u' || g || '@bench.test', 'Gebruiker ' || g,
              'member', null, false, false, 1, now(), now(), null, '0' from generate_series(0, 39) g`,
    );
    await pool.query(
      `insert into rm_plan_sections select '${TENANT}', '${TENANT}-theme-' || g, '${TENANT}-plan', null, 'theme',
              g::text, g::text, 'Thema ' || g, null, g, '0' from generate_series(0, 6) g`,
    );
    // as if some event had once been stamped 5 s behind an earlier one (a clock, a late commit)
    await pool.query(
      `insert into rm_audit_trail_clock select tenant_id, max(seen_at), 5000 from rm_audit_trail group by tenant_id`,
    );
    const generatedMs = Date.now() - started;
    await pool.query('vacuum analyze rm_audit_trail');
    const size = await pool.query<{ table: string; indexes: string }>(
      `select pg_size_pretty(pg_table_size('rm_audit_trail')) as table,
              pg_size_pretty(pg_indexes_size('rm_audit_trail')) as indexes`,
    );
    console.log(
      `audit trail: ${EVENTS.toLocaleString('en')} rows in tenant ${TENANT} + ${OTHER_TENANT_EVENTS.toLocaleString('en')} in another, ` +
        `generated in ${(generatedMs / 1000).toFixed(1)} s (table ${size.rows[0]!.table}, indexes ${size.rows[0]!.indexes}); ` +
        `${READS} first pages of 50 per filter; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB`,
    );

    const cases: [string, AuditTrailFilters][] = [
      ['no filter', {}],
      ['actor', { actorId: `${TENANT}-user-7` }],
      ['kind = action (70 %)', { kind: 'action' }],
      ['kind = partner (1 %)', { kind: 'partner' }],
      ['action', { actionId: `${TENANT}-action-17` }],
      ['theme', { themeId: `${TENANT}-theme-3` }],
      ['meeting', { meetingId: `${TENANT}-meeting-42` }],
      ['last 30 days', { from: '2025-12-01', to: '2025-12-31' }],
      ['one month, 3 years back', { from: '2022-03-01', to: '2022-03-31' }],
      ['one year, 2 years back', { from: '2023-01-01', to: '2023-12-31' }],
      ['actor + kind = action', { actorId: `${TENANT}-user-7`, kind: 'action' }],
      ['actor + meeting', { actorId: `${TENANT}-user-7`, meetingId: `${TENANT}-meeting-42` }],
      [
        'theme + one month, 3 years back',
        { themeId: `${TENANT}-theme-3`, from: '2022-03-01', to: '2022-03-31' },
      ],
      [
        'action + one year, 2 years back',
        { actionId: `${TENANT}-action-17`, from: '2023-01-01', to: '2023-12-31' },
      ],
      ['kind = tenant + 2 years back', { kind: 'tenant', from: '2023-01-01', to: '2023-12-31' }],
    ];
    const results: string[] = [];
    for (const [name, filters] of cases) {
      const first = await listAuditTrail(pool, TENANT, filters); // warm the plan and the cache
      const times: number[] = [];
      for (let i = 0; i < READS; i++) {
        const t0 = process.hrtime.bigint();
        await listAuditTrail(pool, TENANT, filters);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      // the next page, from the first page's cursor
      const nextTimes: number[] = [];
      if (first.nextCursor) {
        for (let i = 0; i < Math.min(READS, 20); i++) {
          const t0 = process.hrtime.bigint();
          await listAuditTrail(pool, TENANT, filters, { before: first.nextCursor });
          nextTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      }
      times.sort((x, y) => x - y);
      nextTimes.sort((x, y) => x - y);
      const row =
        `| ${name} | ${first.items.length} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 99).toFixed(1)} ms | ` +
        `${nextTimes.length ? `${percentile(nextTimes, 50).toFixed(1)} ms` : '–'} |`;
      results.push(row);
      console.log(row);
    }
    console.log('\n| filter | entries | first page p50 | first page p99 | next page p50 |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const row of results) console.log(row);
  } finally {
    await pool.end();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
