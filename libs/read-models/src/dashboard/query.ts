import { ACTION_STATUSES, rollUpIndicatorStatus, type ActionStatus } from '#domain';
import { INDICATORS_PROJECTION } from '../indicators/projection.js';
import { REPORTING_RULES, buildTree, countedProgress, loadTreeRows } from '../plan-tree/query.js';
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
      // The plan's actions once (as they stood, with asOf: one lookup of dated versions per action), counted
      // here and handed to the tree for its progress roll-up. Read once per figure (counts, priority, the
      // tree's progress), the dashboard as of a date looked up every action's versions three times.
      const actions = await tx.query<{
        id: string;
        theme_id: string | null;
        status: ActionStatus;
        progress: number | null;
        overdue: boolean;
        signal_count: number | null;
        priority: boolean | null;
        archived: boolean;
      }>(
        `select id, theme_id, status, progress, signal_count, priority, archived,
                coalesce(due_date < $3::date and status <> all($4::text[]), false) as overdue
           from ${from('rm_actions', '$5')} a
          where tenant_id = $1 and plan_id = $2`,
        [tenantId, planId, today, CLOSED_STATUSES, ...at],
      );
      const progressOf = new Map(actions.rows.map((action) => [action.id, action.progress]));
      const rows = await loadTreeRows(tx, tenantId, planId, asOf ? position : null, progressOf);
      const tree = new Map(
        buildTree(rows.sections, rows.actions, rows.indicators).map((theme) => [theme.id, theme]),
      );
      const inTree = new Set([...rows.sections.map((row) => row.id), ...rows.actions.map((row) => row.id)]);
      // the themes in display order: the tree's sections are read in it
      const themes = rows.sections.filter((section) => section.kind === 'theme');
      const all = newAccumulator();
      const perTheme = new Map(themes.map((theme) => [theme.id, newAccumulator()]));
      let priorityActions = 0;
      for (const action of actions.rows) {
        if (action.archived) continue;
        if (action.priority === true) priorityActions += 1;
        for (const acc of [all, action.theme_id ? perTheme.get(action.theme_id) : undefined]) {
          if (!acc) continue;
          acc.total += 1;
          acc.byStatus[action.status] = (acc.byStatus[action.status] ?? 0) + 1;
          acc.progressSum += countedProgress(action);
          if (action.overdue) acc.overdue += 1;
          acc.openSignals += action.signal_count ?? 0;
        }
      }
      return {
        planId,
        today,
        ...figures(all),
        themes: themes.map((theme) => {
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
        priorityActions,
        rules: REPORTING_RULES,
        ...(asOf ? { asOf: asOf.at.toISOString() } : {}),
        position,
      };
    },
  );
}
