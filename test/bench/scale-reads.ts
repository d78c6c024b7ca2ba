/**
 * The reads of `bench:scale` (issue 19), shared with `bench:scale-reads`: p50/p95/p99 of what the api serves
 * for a random tenant (ReadModelQueries and the audit trail's query, what the controllers call).
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { belgianToday } from '../../libs/domain/src/index.js';
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

/** The tenants of a kept database (the generator's answer is not stored). */
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
