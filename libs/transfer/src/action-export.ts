import { belgianToday, naturalCompare } from '#domain';
import type { ActionListItem, PlanTree, PlanTreeGoal, ReadModelQueries } from '#read-models';
import type { ActionTransferRow } from './action-file.js';

/**
 * The export's read side: a plan's actions as file rows, from the read models (the action list and the plan
 * tree), with theme and goal by code and organisations by name.
 */

/** The action list rows as file rows: codes of theme and goal from the plan tree, organisations by name. */
export function toActionTransferRows(
  items: readonly ActionListItem[],
  tree: Pick<PlanTree, 'themes'>,
): ActionTransferRow[] {
  const themeCodes = new Map<string, string>();
  const goalCodes = new Map<string, string>();
  const visit = (goals: readonly PlanTreeGoal[]): void => {
    for (const goal of goals) {
      goalCodes.set(goal.id, goal.code);
      visit(goal.goals);
    }
  };
  for (const theme of tree.themes) {
    themeCodes.set(theme.id, theme.code);
    visit(theme.goals);
  }
  return items
    .filter((item) => !item.archived)
    .map((item) => ({
      code: item.code,
      title: item.title,
      description: item.description,
      theme: (item.themeId && themeCodes.get(item.themeId)) ?? '',
      goal: goalCodes.get(item.goalId) ?? '',
      status: item.status,
      lead: item.owner?.name ?? null,
      partners: item.partners.map((p) => p.name),
      progress: item.progress,
      dueDate: item.dueDate,
      tags: [...item.tags],
      citizenIdea: item.citizenIdea,
      bbcCode: item.bbcCode,
      priority: item.priority,
      subReportingCode: item.subReportingCode,
    }))
    .sort((a, b) => naturalCompare(a.code, b.code));
}

/**
 * Every action of the plan that is not archived (all pages of the action list), as file rows; null when the
 * tenant has no such plan.
 */
export async function loadActionTransferRows(
  reads: Pick<ReadModelQueries, 'getPlanTree' | 'listActions'>,
  tenantId: string,
  planId: string,
  read: { minPosition?: string } = {},
): Promise<ActionTransferRow[] | null> {
  const tree = await reads.getPlanTree(tenantId, planId, read);
  if (!tree) return null;
  const limit = 500;
  const items = new Map<string, ActionListItem>();
  for (let offset = 0; ; offset += limit) {
    const page = await reads.listActions(
      tenantId,
      planId,
      // the file has no overdue column, but the list computes it: against today in Belgium
      { includeArchived: false, today: belgianToday(new Date()) },
      { limit, offset },
      offset === 0 ? read : undefined,
    );
    if (!page) return null;
    for (const item of page.items) items.set(item.id, item);
    if (page.items.length < limit || offset + limit >= page.total) break;
  }
  return toActionTransferRows([...items.values()], tree);
}
