import { ACTION_STATUSES, endOfBelgianDay, type ActionStatus } from '#domain';
import { START, type Position } from '#event-store';
import type { StatusCounts, StatusTrend, TrendMonth } from '#contracts';
import { AS_OF_SOURCES, resolveAsOf } from '../as-of/query.js';
import { ROW_VERSIONS_TABLE, ROW_VERSION_KEYS_TABLE } from '../as-of/row.js';
import { ISO_DATE, InvalidQueryError, inSnapshot, isoDate, type ReadDb } from '../queries/snapshot.js';

export type { StatusTrend, TrendMonth } from '#contracts';

/** The last day of each month from `start`'s month to `end`'s month (ISO dates; pure). */
export function monthEnds(start: string, end: string): { month: string; lastDay: string }[] {
  const out: { month: string; lastDay: string }[] = [];
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  const last = end.slice(0, 7);
  for (let guard = 0; guard < 1200; guard += 1) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    const lastDay = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    out.push({ month: key, lastDay });
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/**
 * The plan's actions per status at the end of every month of its period, up to `today` (the running month:
 * as of now), for the dashboard's trend chart. Each month is the plan as it stood then (the dated versions:
 * one index lookup per action and month). Null for an unknown plan.
 */
export async function getStatusTrend(
  db: ReadDb,
  tenantId: string,
  planId: string,
  now: Date,
  today: string,
): Promise<StatusTrend | null> {
  if (!ISO_DATE.test(today)) throw new InvalidQueryError('today', 'a date YYYY-MM-DD');
  return inSnapshot(db, AS_OF_SOURCES, async (tx, reflected) => {
    const plan = await tx.query<{ period_start: string; period_end: string }>(
      `select period_start::text, period_end::text from rm_plans where tenant_id = $1 and id = $2`,
      [tenantId, planId],
    );
    const row = plan.rows[0];
    if (!row) return null;
    const periodStart = isoDate(row.period_start)!;
    const periodEnd = isoDate(row.period_end)!;
    const until = today < periodEnd ? today : periodEnd;
    const months: { month: string; at: Date }[] = [];
    if (periodStart <= until) {
      for (const { month, lastDay } of monthEnds(periodStart, until)) {
        const end = endOfBelgianDay(lastDay)!;
        months.push({ month, at: end.getTime() > now.getTime() ? now : end });
      }
    }
    const positions: Position[] = [];
    for (const { at } of months) positions.push(await resolveAsOf(tx, tenantId, at, reflected));
    const { rows } = await tx.query<{ i: number; status: ActionStatus; n: number }>(
      `select m.i::int as i, v.data->>'status' as status, count(*)::int as n
         from unnest($3::text[]) with ordinality as m(position, i)
         cross join ${ROW_VERSION_KEYS_TABLE} k
         cross join lateral (
           select r.data from ${ROW_VERSIONS_TABLE} r
            where r.tenant_id = k.tenant_id and r.source = k.source and r.id = k.id and r.position <= m.position
            order by r.position desc limit 1) v
        where k.tenant_id = $1 and k.plan_id = $2 and k.source = 'rm_actions'
          and v.data is not null and v.data->>'plan_id' = $2 and not (v.data->>'archived')::boolean
        group by m.i, v.data->>'status'`,
      [tenantId, planId, positions.length > 0 ? positions : [START]],
    );
    const result: TrendMonth[] = months.map(({ month, at }, index) => ({
      month,
      asOf: at.toISOString(),
      position: positions[index]!,
      total: 0,
      byStatus: Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as StatusCounts,
    }));
    for (const group of rows) {
      const month = result[group.i - 1];
      if (!month) continue;
      month.total += group.n;
      month.byStatus[group.status] = (month.byStatus[group.status] ?? 0) + group.n;
    }
    return { planId, periodStart, periodEnd, months: result, position: reflected };
  });
}
