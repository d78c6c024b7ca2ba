import { ACTION_STATUSES, rollUpIndicatorStatus, type ActionStatus } from '#domain';
import { INDICATORS_PROJECTION } from '../indicators/projection.js';
import { REPORTING_RULES, buildTree, loadTreeRows } from '../plan-tree/query.js';
import { ACTION_LIST_PROJECTION } from '../action-list/projection.js';
import { PLAN_TREE_PROJECTION } from '../plan-tree/projection.js';
import { CLOSED_STATUSES } from '../action-list/query.js';
import { ISO_DATE, InvalidQueryError, inSnapshot, type ReadDb } from '../queries/snapshot.js';
import type { StatusCounts, DashboardFigures, Dashboard } from '#contracts';
import { AS_OF_SOURCES, planRowsAsOfSql, resolveAsOf, type AsOf } from '../as-of/query.js';

export type { StatusCounts, DashboardFigures, DashboardTheme, Dashboard } from '#contracts';

export const DASHBOARD_SOURCES = [
  ACTION_LIST_PROJECTION,
  PLAN_TREE_PROJECTION,
  INDICATORS_PROJECTION,
] as const;

const emptyCounts = (): StatusCounts =>
  Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as StatusCounts;

interface Accumulator {
  total: number;
  byStatus: StatusCounts;
  progressSum: number;
  overdue: number;
  openSignals: number;
}

const newAccumulator = (): Accumulator => ({
  total: 0,
  byStatus: emptyCounts(),
  progressSum: 0,
  overdue: 0,
  openSignals: 0,
});

const figures = (acc: Accumulator): DashboardFigures => ({
  total: acc.total,
  byStatus: acc.byStatus,
  progress: acc.total === 0 ? null : Math.round((acc.progressSum / acc.total) * 10) / 10,
  overdue: acc.overdue,
  openSignals: acc.openSignals,
});

/**
 * Counts per theme and status, progress, overdue actions and signals of a plan; null for an unknown plan.
 * With `asOf`: as the plan stood then (`today` is then the caller's day of that moment: overdue as it was).
 */
export async function getDashboard(
  db: ReadDb,
  tenantId: string,
  planId: string,
  today: string,
  asOf?: AsOf,
): Promise<Dashboard | null> {
  if (!ISO_DATE.test(today)) throw new InvalidQueryError('today', 'a date YYYY-MM-DD');
  return inSnapshot(
    db,
    asOf ? [...AS_OF_SOURCES, INDICATORS_PROJECTION] : DASHBOARD_SOURCES,
    async (tx, reflected) => {
      const position = asOf ? await resolveAsOf(tx, tenantId, asOf.at, reflected) : reflected;
      const at = asOf ? [position] : [];
      const from = (table: 'rm_plans' | 'rm_plan_sections' | 'rm_actions', param: string): string =>
        asOf ? planRowsAsOfSql(table, { tenant: '$1', plan: '$2', position: param }) : table;
      const plan = await tx.query(
        `select 1 from ${from('rm_plans', '$3')} p where tenant_id = $1 and id = $2`,
        [tenantId, planId, ...at],
      );
      if (plan.rowCount === 0) return null;
      const themes = await tx.query<{ id: string; code: string; title: string }>(
        `select id, code, title from ${from('rm_plan_sections', '$3')} s
        where tenant_id = $1 and plan_id = $2 and kind = 'theme' order by sort_order, sort_key, id`,
        [tenantId, planId, ...at],
      );
      const groups = await tx.query<{
        theme_id: string | null;
        status: ActionStatus;
        n: number;
        progress_sum: number;
        overdue: number;
        signals: number;
      }>(
        `select theme_id, status, count(*)::int as n,
              sum(coalesce(progress, case when status = 'realised' then 100 else 0 end))::float8 as progress_sum,
              (count(*) filter (where due_date < $3::date and status <> all($4::text[])))::int as overdue,
              coalesce(sum(signal_count), 0)::int as signals
         from ${from('rm_actions', '$5')} a
        where tenant_id = $1 and plan_id = $2 and not archived
        group by theme_id, status`,
        [tenantId, planId, today, CLOSED_STATUSES, ...at],
      );
      const rows = await loadTreeRows(tx, tenantId, planId, asOf ? position : null);
      const tree = new Map(
        buildTree(rows.sections, rows.actions, rows.indicators).map((theme) => [theme.id, theme]),
      );
      const inTree = new Set([...rows.sections.map((row) => row.id), ...rows.actions.map((row) => row.id)]);
      const priority = await tx.query<{ n: number }>(
        `select count(*)::int as n from ${from('rm_actions', '$3')} a
        where tenant_id = $1 and plan_id = $2 and not archived and priority`,
        [tenantId, planId, ...at],
      );
      const all = newAccumulator();
      const perTheme = new Map(themes.rows.map((theme) => [theme.id, newAccumulator()]));
      for (const group of groups.rows) {
        for (const acc of [all, group.theme_id ? perTheme.get(group.theme_id) : undefined]) {
          if (!acc) continue;
          acc.total += group.n;
          acc.byStatus[group.status] = (acc.byStatus[group.status] ?? 0) + group.n;
          acc.progressSum += group.progress_sum;
          acc.overdue += group.overdue;
          acc.openSignals += group.signals;
        }
      }
      return {
        planId,
        today,
        ...figures(all),
        themes: themes.rows.map((theme) => {
          const node = tree.get(theme.id);
          return {
            id: theme.id,
            code: theme.code,
            title: theme.title,
            ...figures(perTheme.get(theme.id)!),
            bbcCode: node?.bbcCode ?? null,
            priority: node?.priority ?? false,
            effectivePriority: node?.effectivePriority ?? false,
            priorityInherited: node?.priorityInherited ?? false,
            weightedProgress: node?.progress ?? null,
            indicators: node?.indicators ?? rollUpIndicatorStatus([]),
          };
        }),
        // the indicators of nodes still in the plan (an archived theme's are left out, as in the tree)
        indicators: rollUpIndicatorStatus(
          rows.indicators
            .filter((indicator) => inTree.has(indicator.node_id))
            .map((indicator) => indicator.status),
        ),
        priorityActions: priority.rows[0]?.n ?? 0,
        rules: REPORTING_RULES,
        ...(asOf ? { asOf: asOf.at.toISOString() } : {}),
        position,
      };
    },
  );
}
