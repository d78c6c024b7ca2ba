import { PLAN_TREE_PROJECTION } from './projection.js';
import type { PlanActionRow, PlanRow, PlanSectionRow } from './row.js';
import { inSnapshot, isoDate, isoInstant, type ReadDb } from '../queries/snapshot.js';
import { AS_OF_SOURCES, planRowsAsOfSql, resolveAsOf, type AsOf } from '../as-of/query.js';
import type { PlanSummary, PlanList, PlanTreeGoal, PlanTreeTheme, PlanTree } from '#contracts';

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

type TreeSection = Pick<PlanSectionRow, 'id' | 'parent_id' | 'kind' | 'code' | 'title' | 'lead_partner_id'>;
type TreeAction = Pick<PlanActionRow, 'id' | 'goal_id' | 'code' | 'title' | 'status'>;

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
  return inSnapshot(db, asOf ? AS_OF_SOURCES : [PLAN_TREE_PROJECTION], async (tx, reflected) => {
    const position = asOf ? await resolveAsOf(tx, tenantId, asOf.at, reflected) : reflected;
    const values = asOf ? [tenantId, planId, position] : [tenantId, planId];
    const from = (table: 'rm_plans' | 'rm_plan_sections' | 'rm_plan_actions'): string =>
      asOf ? planRowsAsOfSql(table, { tenant: '$1', plan: '$2', position: '$3' }) : table;
    const plan = await tx.query<{ row: PlanRow }>(
      `select to_jsonb(p) as row from ${from('rm_plans')} p where tenant_id = $1 and id = $2`,
      values,
    );
    if (!plan.rows[0]) return null;
    const sections = await tx.query<TreeSection>(
      `select id, parent_id, kind, code, title, lead_partner_id from ${from('rm_plan_sections')} s
        where tenant_id = $1 and plan_id = $2 order by sort_order, sort_key, id`,
      values,
    );
    const actions = await tx.query<TreeAction>(
      `select id, goal_id, code, title, status from ${from('rm_plan_actions')} a
        where tenant_id = $1 and plan_id = $2 and placed and not archived order by sort_key, id`,
      values,
    );
    return {
      ...toPlanSummary(plan.rows[0].row),
      themes: buildTree(sections.rows, actions.rows),
      ...(asOf ? { asOf: asOf.at.toISOString() } : {}),
      position,
    };
  });
}

/** Assembles the tree from flat rows already in display order (pure; unit-tested). */
export function buildTree(sections: readonly TreeSection[], actions: readonly TreeAction[]): PlanTreeTheme[] {
  const themes: PlanTreeTheme[] = [];
  const nodes = new Map<string, PlanTreeTheme | PlanTreeGoal>();
  for (const section of sections) {
    nodes.set(
      section.id,
      section.kind === 'theme'
        ? {
            id: section.id,
            code: section.code,
            title: section.title,
            leadPartnerId: section.lead_partner_id,
            goals: [],
            actions: [],
          }
        : { id: section.id, code: section.code, title: section.title, goals: [], actions: [] },
    );
  }
  for (const section of sections) {
    const node = nodes.get(section.id)!;
    if (section.kind === 'theme') themes.push(node as PlanTreeTheme);
    else if (section.parent_id) nodes.get(section.parent_id)?.goals.push(node);
  }
  for (const action of actions) {
    nodes
      .get(action.goal_id)
      ?.actions.push({ id: action.id, code: action.code, title: action.title, status: action.status });
  }
  return themes;
}
