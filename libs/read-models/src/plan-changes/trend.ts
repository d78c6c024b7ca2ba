import { ACTION_STATUSES, endOfBelgianDay, type ActionStatus } from '#domain';
import { START } from '#event-store';
import type { StatusCounts, StatusTrend, TrendMonth } from '#contracts';
import { AS_OF_SOURCES, resolveAsOfMany } from '../as-of/query.js';
import { ACTION_CHANGES_TABLE, type ActionChangeRow } from './row.js';
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
 * as of now), for the dashboard's trend chart. Each month is the plan as it stood then: the actions' changes of
 * status (`rm_action_changes`, written by the action-list projection's fold) replayed in order up to each
 * month's position. Null for an unknown plan.
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
    const positions = await resolveAsOfMany(
      tx,
      tenantId,
      months.map(({ at }) => at),
      reflected,
    );
    // the changes of status (and archiving) up to the last month end, in the order of the log: a sweep
    // replays them month by month (a partial index: some rows per action, where a lookup of every action at
    // every month end took 60 x 240 index descents into the versions)
    const last = positions.length > 0 ? positions[positions.length - 1]! : START;
    const { rows } = await tx.query<Pick<ActionChangeRow, 'position' | 'action_id' | 'status' | 'archived'>>(
      `select position, action_id, status, archived from ${ACTION_CHANGES_TABLE}
        where tenant_id = $1 and plan_id = $2 and status_changed and position <= $3 order by position`,
      [tenantId, planId, last],
    );
    const result: TrendMonth[] = months.map(({ month, at }, index) => ({
      month,
      asOf: at.toISOString(),
      position: positions[index]!,
      total: 0,
      byStatus: Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as StatusCounts,
    }));
    sweepStatusCounts(rows, result);
    return { planId, periodStart, periodEnd, months: result, position: reflected };
  });
}

/**
 * Fills each month's counts (months in order, each with its position) from the status changes in the order of
 * the log (pure; unit-tested): an action counts with the status its last change at or before the month's
 * position left, unless it was archived by then.
 */
export function sweepStatusCounts(
  changes: readonly { position: string; action_id: string; status: ActionStatus; archived: boolean }[],
  months: TrendMonth[],
): void {
  const state = new Map<string, { status: ActionStatus; archived: boolean }>();
  let next = 0;
  for (const month of months) {
    while (next < changes.length && changes[next]!.position <= month.position) {
      const change = changes[next]!;
      state.set(change.action_id, { status: change.status, archived: change.archived });
      next += 1;
    }
    for (const { status, archived } of state.values()) {
      if (archived) continue;
      month.total += 1;
      month.byStatus[status] = (month.byStatus[status] ?? 0) + 1;
    }
  }
}
