import {
  INDICATOR_ROLLUP_RULE,
  PROGRESS_RULE,
  rollUpIndicatorStatus,
  weightedProgress,
  type IndicatorStatus,
} from '#domain';
import { PLAN_TREE_PROJECTION } from './projection.js';
import type { PlanActionRow, PlanRow, PlanSectionRow } from './row.js';
import { ACTION_LIST_PROJECTION } from '../action-list/projection.js';
import { INDICATORS_PROJECTION } from '../indicators/projection.js';
import type { Queryable } from '../projection/sql.js';
import { inSnapshot, isoDate, isoInstant, type ReadDb } from '../queries/snapshot.js';
import { AS_OF_SOURCES, planRowsAsOfSql, resolveAsOf, rowAsOfSql, type AsOf } from '../as-of/query.js';
import type {
  PlanSummary,
  PlanList,
  PlanTreeGoal,
  PlanTreeTheme,
  PlanTree,
  ReportingRules,
} from '#contracts';

export type {
  PlanSummary,
  PlanList,
  PlanTreeAction,
  PlanTreeGoal,
  PlanTreeTheme,
  PlanTree,
} from '#contracts';

/** The one mapping from a plan row to the summary the api answers. */
export const toPlanSummary = (row: PlanRow): PlanSummary => ({
  id: row.id,
  title: row.title,
  description: row.description,
  periodStart: isoDate(row.period_start)!,
  periodEnd: isoDate(row.period_end)!,
  public: row.public,
  updatedAt: isoInstant(row.updated_at)!,
});

type Reporting = 'bbc_code' | 'priority' | 'sub_reporting_code' | 'weight';
export type TreeSection = Pick<
  PlanSectionRow,
  'id' | 'parent_id' | 'kind' | 'code' | 'title' | 'lead_partner_id' | Reporting
>;
/** `progress`: the action-list row's reported progress (null: none reported) */
export type TreeAction = Pick<PlanActionRow, 'id' | 'goal_id' | 'code' | 'title' | 'status' | Reporting> & {
  progress: number | null;
};
/** an indicator that is not archived, by the node it hangs on */
export type TreeIndicator = { node_id: string; status: IndicatorStatus };

/** the rules the figures of the tree and the dashboard follow (shown beside them) */
export const REPORTING_RULES: ReportingRules = {
  indicatorRollUp: INDICATOR_ROLLUP_RULE,
  progress: PROGRESS_RULE,
};

/** the projections the tree reads: their lowest checkpoint is the position answered */
export const PLAN_TREE_SOURCES = [
  PLAN_TREE_PROJECTION,
  ACTION_LIST_PROJECTION,
  INDICATORS_PROJECTION,
] as const;

/** The plans of a tenant, by title. */
export async function listPlans(db: ReadDb, tenantId: string): Promise<PlanList> {
  return inSnapshot(db, [PLAN_TREE_PROJECTION], async (tx, position) => {
    const { rows } = await tx.query<{ row: PlanRow }>(
      `select to_jsonb(p) as row from rm_plans p where tenant_id = $1 order by title, id`,
      [tenantId],
    );
    return { items: rows.map((read) => toPlanSummary(read.row)), position };
  });
}

/**
 * The plan tree (themes, goals at any depth, the actions under each goal), or null for an unknown id. With
 * `asOf`: the tree as it stood then (null when the plan did not exist yet), with the position it reflects.
 */
export async function getPlanTree(
  db: ReadDb,
  tenantId: string,
  planId: string,
  asOf?: AsOf,
): Promise<PlanTree | null> {
  return inSnapshot(
    db,
    asOf ? [...AS_OF_SOURCES, INDICATORS_PROJECTION] : PLAN_TREE_SOURCES,
    async (tx, reflected) => {
      const position = asOf ? await resolveAsOf(tx, tenantId, asOf.at, reflected) : reflected;
      const values = asOf ? [tenantId, planId, position] : [tenantId, planId];
      const from = treeTables(asOf ? position : null);
      const plan = await tx.query<{ row: PlanRow }>(
        `select to_jsonb(p) as row from ${from('rm_plans')} p where tenant_id = $1 and id = $2`,
        values,
      );
      if (!plan.rows[0]) return null;
      const rows = await loadTreeRows(tx, tenantId, planId, asOf ? position : null);
      return {
        ...toPlanSummary(plan.rows[0].row),
        themes: buildTree(rows.sections, rows.actions, rows.indicators),
        rules: REPORTING_RULES,
        ...(asOf ? { asOf: asOf.at.toISOString() } : {}),
        position,
      };
    },
  );
}

type TreeTable = 'rm_plans' | 'rm_plan_sections' | 'rm_plan_actions' | 'rm_actions' | 'rm_indicators';

/**
 * The tables a tree read takes its rows from: today's, or (with a position) the dated versions as they stood
 * then (`planRowsAsOfSql`; the position is the query's third parameter).
 */
export const treeTables =
  (position: string | null) =>
  (table: TreeTable): string =>
    position === null ? table : planRowsAsOfSql(table, { tenant: '$1', plan: '$2', position: '$3' });

/**
 * The flat rows the tree is built from (the dashboard builds it too, for its roll-ups). With a position: the
 * sections, actions and indicators (their statuses from the measurements and targets known then) as they
 * stood then. `progressOf`: the actions' progress the caller already read (the dashboard reads the plan's
 * actions for its counts), so the placed actions are not looked up again.
 */
export async function loadTreeRows(
  tx: Queryable,
  tenantId: string,
  planId: string,
  position: string | null = null,
  progressOf?: ReadonlyMap<string, number | null>,
): Promise<{ sections: TreeSection[]; actions: TreeAction[]; indicators: TreeIndicator[] }> {
  const from = treeTables(position);
  const values = position === null ? [tenantId, planId] : [tenantId, planId, position];
  const sections = await tx.query<TreeSection>(
    `select id, parent_id, kind, code, title, lead_partner_id, bbc_code, coalesce(priority, false) as priority,
            sub_reporting_code, coalesce(weight, 1) as weight
       from ${from('rm_plan_sections')} s
      where tenant_id = $1 and plan_id = $2 order by sort_order, sort_key, id`,
    values,
  );
  const columns = `t.id, t.goal_id, t.code, t.title, t.status, t.bbc_code, coalesce(t.priority, false) as priority,
            t.sub_reporting_code, coalesce(t.weight, 1) as weight, a.progress`;
  const actions = await tx.query<TreeAction>(
    progressOf
      ? `select ${columns.replace(', a.progress', '')}
           from ${from('rm_plan_actions')} t
          where t.tenant_id = $1 and t.plan_id = $2 and t.placed and not t.archived order by t.sort_key, t.id`
      : position === null
        ? `select ${columns}
           from rm_plan_actions t
           left join rm_actions a on a.tenant_id = t.tenant_id and a.id = t.id
          where t.tenant_id = $1 and t.plan_id = $2 and t.placed and not t.archived order by t.sort_key, t.id`
        : // The placed actions as they stood, each with its progress as it stood: one lookup per action. Joined
          // as two subqueries of versions, the planner estimated one row per side and looked up every action's
          // versions again for each placed action: 300 x 300 index descents, 3.5 s for a plan of 300 actions
          // with 9 million events in the log (docs/benchmarks.md, "Scale: 20 million events").
          `select ${columns}
           from ${from('rm_plan_actions')} t
           left join lateral (
             select progress from ${rowAsOfSql('rm_actions', { tenant: '$1', id: 't.id', position: '$3' })} x
           ) a on true
          where t.tenant_id = $1 and t.plan_id = $2 and t.placed and not t.archived order by t.sort_key, t.id`,
    values,
  );
  if (progressOf) {
    // an action placed in this plan is one of its actions: one the caller did not read keeps its own lookup
    for (const action of actions.rows) {
      const progress = progressOf.get(action.id);
      if (progress !== undefined) {
        action.progress = progress;
        continue;
      }
      const own = await tx.query<{ progress: number | null }>(
        position === null
          ? `select progress from rm_actions where tenant_id = $1 and id = $2`
          : `select progress from ${rowAsOfSql('rm_actions', { tenant: '$1', id: '$2', position: '$3' })} x`,
        position === null ? [tenantId, action.id] : [tenantId, action.id, position],
      );
      action.progress = own.rows[0]?.progress ?? null;
    }
  }
  const indicators = await tx.query<TreeIndicator>(
    `select node_id, status from ${from('rm_indicators')} i where tenant_id = $1 and plan_id = $2 and not archived`,
    values,
  );
  return { sections: sections.rows, actions: actions.rows, indicators: indicators.rows };
}

/** an action's progress as the roll-ups count it: the reported one, else 100 when realised, else 0 */
export const countedProgress = (action: Pick<TreeAction, 'progress' | 'status'>): number =>
  action.progress ?? (action.status === 'realised' ? 100 : 0);

const reportingOf = (row: Pick<TreeSection, Reporting>) => ({
  bbcCode: row.bbc_code,
  priority: row.priority,
  effectivePriority: row.priority,
  priorityInherited: false,
  subReportingCode: row.sub_reporting_code,
  weight: row.weight,
  indicators: rollUpIndicatorStatus([]),
});

/**
 * Assembles the tree from flat rows already in display order (pure; unit-tested), with the roll-ups: a node
 * is priority through a priority action below it (`effectivePriority`, `priorityInherited`); a goal's progress
 * is the weighted average of its actions and sub-goals, a theme's of its goals and actions (`weightedProgress`);
 * the indicator status of a node is the worst of its own indicators and those of every node below it.
 */
export function buildTree(
  sections: readonly TreeSection[],
  actions: readonly TreeAction[],
  indicators: readonly TreeIndicator[] = [],
): PlanTreeTheme[] {
  const themes: PlanTreeTheme[] = [];
  const nodes = new Map<string, PlanTreeTheme | PlanTreeGoal>();
  const statuses = new Map<string, IndicatorStatus[]>();
  for (const indicator of indicators) {
    statuses.set(indicator.node_id, [...(statuses.get(indicator.node_id) ?? []), indicator.status]);
  }
  for (const section of sections) {
    const common = { id: section.id, code: section.code, title: section.title, progress: null };
    nodes.set(
      section.id,
      section.kind === 'theme'
        ? {
            ...common,
            leadPartnerId: section.lead_partner_id,
            ...reportingOf(section),
            goals: [],
            actions: [],
          }
        : { ...common, ...reportingOf(section), goals: [], actions: [] },
    );
  }
  for (const section of sections) {
    const node = nodes.get(section.id)!;
    if (section.kind === 'theme') themes.push(node as PlanTreeTheme);
    else if (section.parent_id) nodes.get(section.parent_id)?.goals.push(node);
  }
  for (const action of actions) {
    const own = statuses.get(action.id) ?? [];
    nodes.get(action.goal_id)?.actions.push({
      id: action.id,
      code: action.code,
      title: action.title,
      status: action.status,
      progress: countedProgress(action),
      ...reportingOf(action),
      indicators: rollUpIndicatorStatus(own),
    });
  }
  /** fills the roll-ups of a node from its children; answers the indicator statuses of its subtree */
  const finish = (node: PlanTreeTheme | PlanTreeGoal): IndicatorStatus[] => {
    const below: IndicatorStatus[] = [...(statuses.get(node.id) ?? [])];
    for (const goal of node.goals) below.push(...finish(goal));
    for (const action of node.actions) below.push(...(statuses.get(action.id) ?? []));
    const children: { progress: number | null; weight: number; effectivePriority: boolean }[] = [
      ...node.actions,
      ...node.goals,
    ];
    node.progress = weightedProgress(children);
    node.effectivePriority = node.priority || children.some((child) => child.effectivePriority);
    node.priorityInherited = node.effectivePriority && !node.priority;
    node.indicators = rollUpIndicatorStatus(below);
    return below;
  };
  for (const theme of themes) finish(theme);
  return themes;
}
