import type { ActionStatus } from '#domain';
import { ACTION_LIST_PROJECTION } from '../action-list/projection.js';
import { PLAN_TREE_PROJECTION } from '../plan-tree/projection.js';
import { inSnapshot, isoDate, isoInstant, type ReadDb } from '../queries/snapshot.js';
import type { PublicPlan, PublicSection } from '#contracts';

export type { PublicPlan, PublicSection, PublicAction } from '#contracts';

export const PUBLIC_PLAN_SOURCES = [PLAN_TREE_PROJECTION, ACTION_LIST_PROJECTION] as const;

/** The public page of a plan, with the tenant it belongs to; null when there is none or it is off. */
export async function getPublicPlan(
  db: ReadDb,
  planId: string,
): Promise<{ tenantId: string; plan: PublicPlan } | null> {
  return inSnapshot(db, PUBLIC_PLAN_SOURCES, async (tx) => {
    const plans = await tx.query<{
      tenant_id: string;
      id: string;
      title: string;
      description: string;
      period_start: unknown;
      period_end: unknown;
      updated_at: unknown;
    }>(
      `select tenant_id, id, title, description, period_start::text as period_start,
              period_end::text as period_end, updated_at
         from rm_plans where id = $1 and public`,
      [planId],
    );
    // a plan id is a uuid chosen by its tenant: two tenants with the same id would be ambiguous, so none is shown
    if (plans.rows.length !== 1) return null;
    const row = plans.rows[0]!;
    const sections = await tx.query<{
      id: string;
      parent_id: string | null;
      code: string;
      title: string;
    }>(
      `select id, parent_id, code, title from rm_plan_sections
        where tenant_id = $1 and plan_id = $2 order by sort_order, sort_key, id`,
      [row.tenant_id, planId],
    );
    const actions = await tx.query<{
      id: string;
      goal_id: string;
      code: string;
      title: string;
      description: string;
      status: ActionStatus;
      progress: number | null;
      due_date: string | null;
    }>(
      `select id, goal_id, code, title, description, status, progress, due_date::text as due_date
         from rm_actions where tenant_id = $1 and plan_id = $2 and not archived order by sort_key, id`,
      [row.tenant_id, planId],
    );
    const byId = new Map<string, PublicSection>();
    for (const section of sections.rows)
      byId.set(section.id, {
        id: section.id,
        code: section.code,
        title: section.title,
        goals: [],
        actions: [],
      });
    const themes: PublicSection[] = [];
    for (const section of sections.rows) {
      const node = byId.get(section.id)!;
      const parent = section.parent_id ? byId.get(section.parent_id) : undefined;
      if (parent) parent.goals.push(node);
      else if (!section.parent_id) themes.push(node);
    }
    for (const action of actions.rows)
      byId.get(action.goal_id)?.actions.push({
        id: action.id,
        code: action.code,
        title: action.title,
        description: action.description,
        status: action.status,
        progress: action.progress,
        dueDate: isoDate(action.due_date),
      });
    return {
      tenantId: row.tenant_id,
      plan: {
        id: row.id,
        title: row.title,
        description: row.description,
        periodStart: isoDate(row.period_start)!,
        periodEnd: isoDate(row.period_end)!,
        updatedAt: isoInstant(row.updated_at)!,
        themes,
      },
    };
  });
}
