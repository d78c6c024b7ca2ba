import { assertNever } from '../shared/event.js';
import { DEFAULT_NODE_REPORTING, type NodeReportingFields, type PlanEvent } from './plan.events.js';

export type Theme = Readonly<{
  themeId: string;
  code: string;
  title: string;
  leadPartnerId: string | null;
  /** goals directly under the theme, in order */
  goalIds: readonly string[];
  /** ThemeArchived: out of the plan, its code stays reserved */
  archived: boolean;
}>;
export type Goal = Readonly<{
  goalId: string;
  parentId: string;
  code: string;
  title: string;
  /** sub-goals, in order */
  goalIds: readonly string[];
  /** actions currently placed under the goal */
  actionIds: readonly string[];
  /** archived itself or with a goal or theme above it: out of the plan, its code stays reserved */
  archived: boolean;
}>;
/** `placed: false` after UnplaceAction: the action keeps its code so old references stay unambiguous */
export type ActionPlacement = Readonly<{ actionId: string; goalId: string; code: string; placed: boolean }>;
export type CodeOwner = Readonly<{ kind: 'theme' | 'goal' | 'action'; id: string }>;

export type AbsentPlan = Readonly<{ status: 'absent' }>;
export type ActivePlan = Readonly<{
  status: 'active';
  planId: string;
  title: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  /** the public page is on (PlanPublicationChanged) */
  public: boolean;
  themeOrder: readonly string[];
  themes: ReadonlyMap<string, Theme>;
  goals: ReadonlyMap<string, Goal>;
  actions: ReadonlyMap<string, ActionPlacement>;
  /** every code in use, so uniqueness across themes, goals and actions is one lookup */
  codes: ReadonlyMap<string, CodeOwner>;
  /** reporting fields per theme, goal or action id (NodeReportingChanged); absent: `DEFAULT_NODE_REPORTING` */
  reporting: ReadonlyMap<string, NodeReportingFields>;
  /** every BBC code in use, upper-cased (`bbcCodeKey`), with the node that holds it */
  bbcCodes: ReadonlyMap<string, CodeOwner>;
}>;
export type PlanState = AbsentPlan | ActivePlan;

export const initialState = (): PlanState => ({ status: 'absent' });

const put = <V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> =>
  new Map(map).set(key, value);
const drop = <V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> => {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
};
const without = (ids: readonly string[], id: string): string[] => ids.filter((item) => item !== id);

/** rewrites the child goal list of a theme or a goal */
function withChildGoals(
  plan: ActivePlan,
  parentId: string,
  change: (ids: readonly string[]) => string[],
): ActivePlan {
  const theme = plan.themes.get(parentId);
  if (theme)
    return { ...plan, themes: put(plan.themes, parentId, { ...theme, goalIds: change(theme.goalIds) }) };
  const goal = plan.goals.get(parentId);
  if (goal) return { ...plan, goals: put(plan.goals, parentId, { ...goal, goalIds: change(goal.goalIds) }) };
  return plan;
}

function withGoal(plan: ActivePlan, goalId: string, change: (goal: Goal) => Goal): ActivePlan {
  const goal = plan.goals.get(goalId);
  return goal ? { ...plan, goals: put(plan.goals, goalId, change(goal)) } : plan;
}

export function evolve(state: PlanState, event: PlanEvent): PlanState {
  if (event.type === 'PlanCreated') {
    const empty = new Map<string, never>();
    return {
      status: 'active',
      ...event.data,
      public: false,
      themeOrder: [],
      themes: empty,
      goals: empty,
      actions: empty,
      codes: empty,
      reporting: empty,
      bbcCodes: empty,
    };
  }
  // an event on an absent plan would be a corrupt stream: ignored so replays never fail
  if (state.status !== 'active') return state;
  const plan = state;
  switch (event.type) {
    case 'PlanRenamed':
      return { ...plan, title: event.data.to };
    case 'PlanPublicationChanged':
      return { ...plan, public: event.data.public };
    case 'ThemeAdded': {
      const { themeId, code, title, leadPartnerId } = event.data;
      return {
        ...plan,
        themeOrder: [...plan.themeOrder, themeId],
        themes: put(plan.themes, themeId, {
          themeId,
          code,
          title,
          leadPartnerId,
          goalIds: [],
          archived: false,
        }),
        codes: put(plan.codes, code, { kind: 'theme', id: themeId }),
      };
    }
    case 'ThemeRenamed':
    case 'ThemeLeadChanged': {
      const theme = plan.themes.get(event.data.themeId);
      if (!theme) return plan;
      const changed =
        event.type === 'ThemeRenamed'
          ? { ...theme, title: event.data.to }
          : { ...theme, leadPartnerId: event.data.to };
      return { ...plan, themes: put(plan.themes, theme.themeId, changed) };
    }
    case 'ThemesReordered':
      return { ...plan, themeOrder: [...event.data.order] };
    case 'ThemeRemoved': {
      const theme = plan.themes.get(event.data.themeId);
      if (!theme) return plan;
      return {
        ...plan,
        themeOrder: without(plan.themeOrder, theme.themeId),
        themes: drop(plan.themes, theme.themeId),
        codes: drop(plan.codes, theme.code),
      };
    }
    case 'GoalAdded': {
      const { goalId, parentId, code, title } = event.data;
      const added: ActivePlan = {
        ...plan,
        goals: put(plan.goals, goalId, {
          goalId,
          parentId,
          code,
          title,
          goalIds: [],
          actionIds: [],
          archived: false,
        }),
        codes: put(plan.codes, code, { kind: 'goal', id: goalId }),
      };
      return withChildGoals(added, parentId, (ids) => [...ids, goalId]);
    }
    case 'GoalRenamed':
      return withGoal(plan, event.data.goalId, (goal) => ({ ...goal, title: event.data.to }));
    case 'GoalsReordered':
      return withChildGoals(plan, event.data.parentId, () => [...event.data.order]);
    case 'GoalRemoved': {
      const goal = plan.goals.get(event.data.goalId);
      if (!goal) return plan;
      const removed = { ...plan, goals: drop(plan.goals, goal.goalId), codes: drop(plan.codes, goal.code) };
      return withChildGoals(removed, goal.parentId, (ids) => without(ids, goal.goalId));
    }
    case 'ActionPlaced': {
      const { actionId, goalId, code } = event.data;
      const placed: ActivePlan = {
        ...plan,
        actions: put(plan.actions, actionId, { actionId, goalId, code, placed: true }),
        codes: put(plan.codes, code, { kind: 'action', id: actionId }),
      };
      return withGoal(placed, goalId, (goal) => ({ ...goal, actionIds: [...goal.actionIds, actionId] }));
    }
    case 'ActionUnplaced': {
      const placement = plan.actions.get(event.data.actionId);
      if (!placement) return plan;
      const unplaced = {
        ...plan,
        actions: put(plan.actions, placement.actionId, { ...placement, placed: false }),
      };
      return withGoal(unplaced, placement.goalId, (goal) => ({
        ...goal,
        actionIds: without(goal.actionIds, placement.actionId),
      }));
    }
    case 'GoalMoved': {
      const { goalId, fromParentId, toParentId, fromCode, toCode } = event.data;
      let moved = withChildGoals(plan, fromParentId, (ids) => without(ids, goalId));
      moved = withChildGoals(moved, toParentId, (ids) => [...ids, goalId]);
      moved = withGoal(moved, goalId, (goal) => ({ ...goal, parentId: toParentId, code: toCode }));
      if (fromCode === toCode) return moved;
      return { ...moved, codes: put(drop(moved.codes, fromCode), toCode, { kind: 'goal', id: goalId }) };
    }
    case 'ActionMoved': {
      const { actionId, fromGoalId, toGoalId, toCode } = event.data;
      const placement = plan.actions.get(actionId);
      if (!placement) return plan;
      let moved: ActivePlan = {
        ...plan,
        actions: put(plan.actions, actionId, { ...placement, goalId: toGoalId, code: toCode }),
        // the old code stays the action's (see ActionMoved)
        codes: put(plan.codes, toCode, { kind: 'action', id: actionId }),
      };
      moved = withGoal(moved, fromGoalId, (goal) => ({
        ...goal,
        actionIds: without(goal.actionIds, actionId),
      }));
      return withGoal(moved, toGoalId, (goal) =>
        goal.actionIds.includes(actionId) ? goal : { ...goal, actionIds: [...goal.actionIds, actionId] },
      );
    }
    case 'ThemeArchived': {
      const theme = plan.themes.get(event.data.themeId);
      if (!theme) return plan;
      const archived: ActivePlan = {
        ...plan,
        themeOrder: without(plan.themeOrder, theme.themeId),
        themes: put(plan.themes, theme.themeId, { ...theme, archived: true }),
      };
      return archiveSubtree(archived, event.data.goalIds, event.data.actionIds);
    }
    case 'GoalArchived': {
      const goal = plan.goals.get(event.data.goalId);
      if (!goal) return plan;
      const detached = withChildGoals(plan, goal.parentId, (ids) => without(ids, goal.goalId));
      return archiveSubtree(detached, event.data.goalIds, event.data.actionIds);
    }
    case 'NodeReportingChanged': {
      const { nodeId, kind, from, to } = event.data;
      let bbcCodes = plan.bbcCodes;
      if (from.bbcCode !== null) bbcCodes = drop(bbcCodes, bbcCodeKey(from.bbcCode));
      if (to.bbcCode !== null) bbcCodes = put(bbcCodes, bbcCodeKey(to.bbcCode), { kind, id: nodeId });
      return { ...plan, reporting: put(plan.reporting, nodeId, to), bbcCodes };
    }
    default:
      return assertNever(event);
  }
}

/** BBC codes are unique regardless of case: `bd1` and `BD1` name the same objective */
export const bbcCodeKey = (code: string): string => code.toUpperCase();

/** the reporting fields of a node, the defaults when none were set */
export const reportingOf = (plan: ActivePlan, nodeId: string): NodeReportingFields =>
  plan.reporting.get(nodeId) ?? DEFAULT_NODE_REPORTING;

/** marks the goals archived and the actions no longer placed; codes stay where they are */
function archiveSubtree(
  plan: ActivePlan,
  goalIds: readonly string[],
  actionIds: readonly string[],
): ActivePlan {
  const goals = new Map(plan.goals);
  for (const id of goalIds) {
    const goal = goals.get(id);
    if (goal) goals.set(id, { ...goal, archived: true });
  }
  const actions = new Map(plan.actions);
  for (const id of actionIds) {
    const placement = actions.get(id);
    if (placement) actions.set(id, { ...placement, placed: false });
  }
  return { ...plan, goals, actions };
}

/** the goals under a theme or goal at any depth, parents before children (the start itself excluded) */
export function goalsBelow(plan: ActivePlan, sectionId: string): string[] {
  const start = plan.themes.get(sectionId) ?? plan.goals.get(sectionId);
  const found: string[] = [];
  const queue = [...(start?.goalIds ?? [])];
  while (queue.length > 0) {
    const id = queue.shift()!;
    found.push(id);
    queue.push(...(plan.goals.get(id)?.goalIds ?? []));
  }
  return found;
}
