/**
 * The reads of `bench:scale` (issue 19), shared with `bench:scale-reads`: p50/p95/p99 of what the api serves
 * for a random tenant (ReadModelQueries and the audit trail's query, what the controllers call).
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { eventIds } from '../../libs/commands/src/event-ids.js';
import { actionStreamId, belgianToday } from '../../libs/domain/src/index.js';
import { ReadModelQueries } from '../../libs/read-models/src/index.js';
import { listAuditTrail } from '../../libs/read-models/src/audit-trail/query.js';
import type { TenantFacts } from './scale-log.js';

export interface ReadTiming {
  name: string;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

let report: (line: string) => void = () => undefined;

async function timeReads(count: number, name: string, read: () => Promise<unknown>): Promise<ReadTiming> {
  for (let i = 0; i < Math.min(20, count); i++) await read();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await read();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const timing = { name, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
  report(`  ${name}: p50 ${ms(timing.p50)}, p95 ${ms(timing.p95)}, p99 ${ms(timing.p99)}`);
  return timing;
}

/** The tenants of a kept database (the generator's answer is not stored), from its action list. */
export async function tenantsOf(pool: pg.Pool): Promise<TenantFacts[]> {
  const { rows } = await pool.query<{ tenant_id: string; plan_id: string; action_ids: string[] }>(
    `select tenant_id, min(plan_id) as plan_id, array_agg(id) as action_ids from rm_actions group by tenant_id`,
  );
  const themes = await pool.query<{ tenant_id: string; ids: string[] }>(
    `select tenant_id, array_agg(distinct theme_id) as ids from rm_actions where theme_id is not null group by tenant_id`,
  );
  const byTenant = new Map(themes.rows.map((row) => [row.tenant_id, row.ids]));
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    planId: row.plan_id,
    actionIds: row.action_ids,
    themeIds: byTenant.get(row.tenant_id) ?? [],
    partnerIds: [],
    userIds: [],
  }));
}

/**
 * The tenants and their actions from the log's streams, without plans or themes: enough for the appends, on a
 * log whose read models were never built or are half rebuilt.
 */
export async function tenantsOfLog(pool: pg.Pool): Promise<TenantFacts[]> {
  const { rows } = await pool.query<{ tenant_id: string; action_ids: string[] }>(
    `select tenant_id, array_agg(substr(stream_id, length('action-') + 1) order by stream_id) as action_ids
       from streams where stream_id like 'action-%' group by tenant_id`,
  );
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    planId: '',
    actionIds: row.action_ids,
    themeIds: [],
    partnerIds: [],
    userIds: [],
  }));
}

/** Times each read `count` times (after 20 unmeasured), a random tenant each time; logs each result. */
export async function measureReads(
  pool: pg.Pool,
  tenants: readonly TenantFacts[],
  count: number,
  log: (line: string) => void,
): Promise<ReadTiming[]> {
  report = log;
  const queries = new ReadModelQueries(pool);
  const today = belgianToday(new Date());
  const tenantPick = (): TenantFacts => tenants[Math.floor(Math.random() * tenants.length)]!;
  const pastMoment = (): { at: Date } => ({
    at: new Date(Date.parse('2022-01-01T00:00:00Z') + Math.random() * 3 * 365 * 86_400_000),
  });
  const actionPick = (tenant: TenantFacts): string =>
    tenant.actionIds[Math.floor(Math.random() * tenant.actionIds.length)]!;
  const reads = [
    await timeReads(count, 'dashboard', () => {
      const t = tenantPick();
      return queries.getDashboard(t.tenantId, t.planId, today);
    }),
    await timeReads(count, 'action list (first page, no filter)', () => {
      const t = tenantPick();
      return queries.listActions(t.tenantId, t.planId, { today });
    }),
    await timeReads(count, 'action list (status in progress)', () => {
      const t = tenantPick();
      return queries.listActions(t.tenantId, t.planId, { today, status: 'in_progress' });
    }),
    await timeReads(count, 'action list (theme + text "actie 3")', () => {
      const t = tenantPick();
      return queries.listActions(t.tenantId, t.planId, {
        today,
        themeId: t.themeIds[Math.floor(Math.random() * t.themeIds.length)],
        q: 'actie 3',
      });
    }),
    await timeReads(count, 'action list (overdue)', () => {
      const t = tenantPick();
      return queries.listActions(t.tenantId, t.planId, { today, overdue: true });
    }),
    await timeReads(count, 'action detail', () => {
      const t = tenantPick();
      return queries.getAction(t.tenantId, actionPick(t), { today });
    }),
    await timeReads(count, 'action history', () => {
      const t = tenantPick();
      return queries.getActionHistory(t.tenantId, actionPick(t));
    }),
    // the log's five years start in January 2021: a date in its middle, and a moment in each read's year
    await timeReads(count, 'dashboard as of a past date', () => {
      const t = tenantPick();
      return queries.getDashboard(t.tenantId, t.planId, today, { asOf: pastMoment() });
    }),
    await timeReads(count, 'action list as of a past date', () => {
      const t = tenantPick();
      return queries.listActions(t.tenantId, t.planId, { today }, undefined, { asOf: pastMoment() });
    }),
    await timeReads(count, 'action history as of a past date', () => {
      const t = tenantPick();
      return queries.getActionHistory(t.tenantId, actionPick(t), { asOf: pastMoment() });
    }),
    await timeReads(count, 'status trend (per month)', () => {
      const t = tenantPick();
      return queries.getStatusTrend(t.tenantId, t.planId, new Date(), today);
    }),
    await timeReads(count, 'audit trail, first page', () => listAuditTrail(pool, tenantPick().tenantId)),
    await timeReads(count, 'audit trail, first page, meetings only', () =>
      listAuditTrail(pool, tenantPick().tenantId, { kind: 'meeting' }),
    ),
    await timeReads(count, 'audit trail, first page, one year', () =>
      listAuditTrail(pool, tenantPick().tenantId, { from: '2023-01-01', to: '2023-12-31' }),
    ),
  ];
  return reads;
}

/**
 * How many action streams of each tenant the appends go to (SCALE_APPEND_STREAMS, default 50: 15,000 streams
 * for 300 tenants, spread evenly; 3 gives 900, closer to working groups editing a few actions at a time).
 */
const APPEND_STREAMS_PER_TENANT = Number(process.env.SCALE_APPEND_STREAMS ?? 50);

/** the streams the appends go to (each tenant's first APPEND_STREAMS_PER_TENANT actions), and each one's tenant */
function appendTargets(tenants: readonly TenantFacts[]): {
  streams: string[];
  tenantOf: (stream: string) => string;
} {
  const tenantByStream = new Map<string, string>();
  for (const t of tenants)
    for (const id of t.actionIds.slice(0, APPEND_STREAMS_PER_TENANT))
      tenantByStream.set(actionStreamId(id), t.tenantId);
  return {
    streams: [...tenantByStream.keys()],
    tenantOf: (stream) => tenantByStream.get(stream) ?? 'unknown',
  };
}

/** how an event's id is made: as the product makes it for a command without an Idempotency-Key, or random (v4) */
type EventIdKind = 'product' | 'random';

const eventIdOf = (kind: EventIdKind, tenantId: string, streamId: string): string =>
  kind === 'random'
    ? randomUUID()
    : eventIds(1, { tenantId, actorId: 'bench', idempotencyKey: null, streamId })[0]!;

/** Appends single events to random action streams with `writers` concurrent writers for `durationMs`. */
async function appendSlice(
  store: PostgresEventStore,
  streams: readonly string[],
  tenantOf: (stream: string) => string,
  writers: number,
  durationMs: number,
  ids: EventIdKind = 'product',
): Promise<{ appends: number; latencies: number[] }> {
  const deadline = performance.now() + durationMs;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) {
        const stream = streams[Math.floor(Math.random() * streams.length)]!;
        const started = performance.now();
        await store.appendToStream(
          stream,
          [
            {
              id: eventIdOf(ids, tenantOf(stream), stream),
              type: 'ActionNoteAdded',
              data: {
                actionId: stream.slice('action-'.length),
                noteId: randomUUID(),
                text: 'Verslag: voortgang en volgende stappen besproken.',
                correctsNoteId: null,
              },
              metadata: {
                actorId: randomUUID(),
                tenantId: tenantOf(stream),
                correlationId: randomUUID(),
                causationId: null,
                occurredAt: new Date().toISOString(),
              },
            },
          ],
          'any',
        );
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { appends: latencies.length, latencies };
}

export interface AppendComparison {
  writers: number;
  big: number;
  empty: number;
  bigP50: number;
  emptyP50: number;
  /** the big log with random (v4) event ids, the product's before 2026-11-30 22:00 UTC */
  bigRandomIds: number;
}

/**
 * Appends/s with the big log present (`store`) against an empty log (`emptyStore`), 1 and 8 writers, three
 * alternating slices of each: single events to random action streams of the tenants (`appendTargets`),
 * with the event ids the product makes; in the same rotation, the big log with random (v4) event ids.
 */
export async function compareAppends(
  store: PostgresEventStore,
  emptyStore: PostgresEventStore,
  tenants: readonly TenantFacts[],
  sliceMs: number,
  log: (line: string) => void,
): Promise<AppendComparison[]> {
  const { streams, tenantOf } = appendTargets(tenants);
  const results: AppendComparison[] = [];
  for (const writers of [1, 8]) {
    const big: number[] = [];
    const bigRandom: number[] = [];
    const empty: number[] = [];
    const bigLatency: number[] = [];
    const emptyLatency: number[] = [];
    for (let slice = 0; slice < 3; slice++) {
      const e = await appendSlice(emptyStore, streams, tenantOf, writers, sliceMs);
      empty.push(e.appends);
      emptyLatency.push(...e.latencies);
      const b = await appendSlice(store, streams, tenantOf, writers, sliceMs);
      big.push(b.appends);
      bigLatency.push(...b.latencies);
      bigRandom.push((await appendSlice(store, streams, tenantOf, writers, sliceMs, 'random')).appends);
    }
    const rate = (n: number[]): number => n.reduce((a, b) => a + b, 0) / ((n.length * sliceMs) / 1000);
    bigLatency.sort((a, b) => a - b);
    emptyLatency.sort((a, b) => a - b);
    results.push({
      writers,
      big: rate(big),
      empty: rate(empty),
      bigP50: percentile(bigLatency, 50),
      emptyP50: percentile(emptyLatency, 50),
      bigRandomIds: rate(bigRandom),
    });
    log(
      `appends, ${writers} writer(s): big log ${Math.round(rate(big))}/s, empty log ${Math.round(rate(empty))}/s ` +
        `(${((rate(big) / rate(empty)) * 100).toFixed(0)} %); big log with random event ids ${Math.round(rate(bigRandom))}/s ` +
        `(${((rate(bigRandom) / rate(empty)) * 100).toFixed(0)} %)`,
    );
  }
  return results;
}

export interface IndexReads {
  ids: EventIdKind;
  appends: number;
  /** per index of `events`: blocks read from outside the shared buffers, per append */
  perAppend: Record<string, number>;
}

/**
 * Blocks of the log's indexes read from outside PostgreSQL's shared buffers per append, with the product's
 * event ids and with random (v4) ones, one writer for `durationMs` each. The counters come from
 * `pg_statio_user_indexes`; a backend reports them when it ends, so each kind appends through its own store,
 * closed before the second look.
 */
export async function compareIndexReads(
  url: string,
  pool: pg.Pool,
  tenants: readonly TenantFacts[],
  durationMs: number,
  log: (line: string) => void,
): Promise<IndexReads[]> {
  const { streams, tenantOf } = appendTargets(tenants);
  const reads = async (): Promise<Map<string, number>> => {
    const { rows } = await pool.query<{ name: string; blocks: string }>(
      `select indexrelname as name, idx_blks_read as blocks from pg_statio_user_indexes where relname = 'events'`,
    );
    return new Map(rows.map((row) => [row.name, Number(row.blocks)]));
  };
  const results: IndexReads[] = [];
  for (const ids of ['random', 'product'] as const) {
    const before = await reads();
    const store = new PostgresEventStore(url, { poolSize: 2 });
    const appends = await appendSlice(store, streams, tenantOf, 1, durationMs, ids)
      .then((slice) => slice.appends)
      .finally(() => store.close());
    // the ended backends' counters reach the statistics within a moment
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await reads();
    const perAppend: Record<string, number> = {};
    for (const [name, blocks] of after)
      perAppend[name] = (blocks - (before.get(name) ?? 0)) / Math.max(appends, 1);
    results.push({ ids, appends, perAppend });
    log(
      `index blocks read from outside the shared buffers per append, ${ids} event ids (${appends} appends): ` +
        Object.entries(perAppend)
          .map(([name, value]) => `${name} ${value.toFixed(2)}`)
          .join(', '),
    );
  }
  return results;
}

/** `compareIndexReads`' results as the lines of a Markdown table */
export function indexReadsTable(results: readonly IndexReads[]): string[] {
  const names = Object.keys(results[0]?.perAppend ?? {}).sort();
  return [
    `| event ids | appends | ${names.map((name) => `${name}, blocks read per append`).join(' | ')} |`,
    `| --- | ---: | ${names.map(() => '---:').join(' | ')} |`,
    ...results.map(
      (r) =>
        `| ${r.ids} | ${r.appends} | ${names.map((name) => (r.perAppend[name] ?? 0).toFixed(2)).join(' | ')} |`,
    ),
  ];
}
