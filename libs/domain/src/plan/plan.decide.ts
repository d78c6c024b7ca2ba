import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import { invalid, isoDate, optionalId, plainText, requiredText } from '../shared/validation.js';
import type {
  CreatePlan,
  MoveAction,
  MoveGoal,
  PlaceAction,
  PlanCommand,
  SetNodeReporting,
} from './plan.commands.js';
import {
  planStreamId,
  type NodeReportingFields,
  type PlanEvent,
  type ReportingNodeKind,
} from './plan.events.js';
import {
  bbcCodeKey,
  evolve,
  reportingOf,
  goalsBelow,
  initialState,
  type ActivePlan,
  type Goal,
  type PlanState,
  type Theme,
} from './plan.state.js';

const INVALID = 'PLAN.INVALID';

/** `_ctx` keeps the call shape equal across deciders; actor and time travel as event metadata. */
export function decide(command: PlanCommand, state: PlanState, _ctx?: DecisionContext): PlanEvent[] {
  if (command.type === 'CreatePlan') return create(command, state);
  if (state.status === 'absent') throw new DomainError('PLAN.NOT_FOUND');
  const plan = state;
  const { planId } = plan;

  switch (command.type) {
    case 'RenamePlan': {
      const to = requiredText(INVALID, 'title', command.data.title);
      if (to === plan.title) throw new DomainError('PLAN.NO_CHANGE', { field: 'title' });
      return [{ type: 'PlanRenamed', data: { planId, from: plan.title, to } }];
    }
    case 'ChangePlanPublication': {
      const to = command.data.public;
      if (typeof to !== 'boolean') throw invalid(INVALID, 'public', 'true or false');
      if (to === plan.public) throw new DomainError('PLAN.NO_CHANGE', { field: 'public' });
      return [{ type: 'PlanPublicationChanged', data: { planId, public: to } }];
    }
    case 'AddTheme': {
      const themeId = requiredText(INVALID, 'themeId', command.data.themeId);
      const code = requiredText(INVALID, 'code', command.data.code);
      const title = requiredText(INVALID, 'title', command.data.title);
      const leadPartnerId = optionalId(INVALID, 'leadPartnerId', command.data.leadPartnerId);
      requireNewSection(plan, themeId);
      requireFreeCode(plan, code);
      return [{ type: 'ThemeAdded', data: { planId, themeId, code, title, leadPartnerId } }];
    }
    case 'RenameTheme': {
      const theme = requireTheme(plan, command.data.themeId);
      const to = requiredText(INVALID, 'title', command.data.title);
      if (to === theme.title) throw new DomainError('PLAN.NO_CHANGE', { field: 'title' });
      return [{ type: 'ThemeRenamed', data: { planId, themeId: theme.themeId, from: theme.title, to } }];
    }
    case 'ChangeThemeLead': {
      const theme = requireTheme(plan, command.data.themeId);
      const to = optionalId(INVALID, 'leadPartnerId', command.data.leadPartnerId);
      if (to === theme.leadPartnerId) throw new DomainError('PLAN.NO_CHANGE', { field: 'leadPartnerId' });
      return [
        { type: 'ThemeLeadChanged', data: { planId, themeId: theme.themeId, from: theme.leadPartnerId, to } },
      ];
    }
    case 'ReorderThemes': {
      const order = requirePermutation(plan.themeOrder, command.data.order);
      return [{ type: 'ThemesReordered', data: { planId, order } }];
    }
    case 'RemoveTheme': {
      const theme = requireTheme(plan, command.data.themeId);
      if (theme.goalIds.length > 0) throw new DomainError('PLAN.THEME_HAS_GOALS', { themeId: theme.themeId });
      return [{ type: 'ThemeRemoved', data: { planId, themeId: theme.themeId } }];
    }
    case 'AddGoal': {
      const goalId = requiredText(INVALID, 'goalId', command.data.goalId);
      const parentId = requiredText(INVALID, 'parentId', command.data.parentId);
      const code = requiredText(INVALID, 'code', command.data.code);
      const title = requiredText(INVALID, 'title', command.data.title);
      requireParent(plan, parentId);
      requireNewSection(plan, goalId);
      requireFreeCode(plan, code);
      return [{ type: 'GoalAdded', data: { planId, goalId, parentId, code, title } }];
    }
    case 'RenameGoal': {
      const goal = requireGoal(plan, command.data.goalId);
      const to = requiredText(INVALID, 'title', command.data.title);
      if (to === goal.title) throw new DomainError('PLAN.NO_CHANGE', { field: 'title' });
      return [{ type: 'GoalRenamed', data: { planId, goalId: goal.goalId, from: goal.title, to } }];
    }
    case 'ReorderGoals': {
      const parentId = requiredText(INVALID, 'parentId', command.data.parentId);
      const order = requirePermutation(requireParent(plan, parentId), command.data.order);
      return [{ type: 'GoalsReordered', data: { planId, parentId, order } }];
    }
    case 'RemoveGoal': {
      const goal = requireGoal(plan, command.data.goalId);
      if (goal.goalIds.length > 0) throw new DomainError('PLAN.GOAL_HAS_CHILDREN', { goalId: goal.goalId });
      if (goal.actionIds.length > 0) throw new DomainError('PLAN.GOAL_HAS_ACTIONS', { goalId: goal.goalId });
      return [{ type: 'GoalRemoved', data: { planId, goalId: goal.goalId } }];
    }
    case 'PlaceAction':
      return place(command, plan);
    case 'UnplaceAction': {
      const actionId = requiredText(INVALID, 'actionId', command.data.actionId);
      const reason = requiredText(INVALID, 'reason', command.data.reason);
      if (plan.actions.get(actionId)?.placed !== true)
        throw new DomainError('PLAN.ACTION_NOT_PLACED', { actionId });
      return [{ type: 'ActionUnplaced', data: { planId, actionId, reason } }];
    }
    case 'MoveGoal':
      return moveGoal(command, plan);
    case 'MoveAction':
      return moveAction(command, plan);
    case 'ArchiveTheme': {
      const theme = requireTheme(plan, command.data.themeId);
      const reason = requiredText(INVALID, 'reason', command.data.reason);
      const goalIds = goalsBelow(plan, theme.themeId);
      const actionIds = placedActionsOf(plan, goalIds);
      return [
        { type: 'ThemeArchived', data: { planId, themeId: theme.themeId, reason, goalIds, actionIds } },
      ];
    }
    case 'ArchiveGoal': {
      const goal = requireGoal(plan, command.data.goalId);
      const reason = requiredText(INVALID, 'reason', command.data.reason);
      const goalIds = [goal.goalId, ...goalsBelow(plan, goal.goalId)];
      const actionIds = placedActionsOf(plan, goalIds);
      return [{ type: 'GoalArchived', data: { planId, goalId: goal.goalId, reason, goalIds, actionIds } }];
    }
    case 'SetNodeReporting':
      return setReporting(command, plan);
    default:
      return assertNever(command);
  }
}

/** a BBC code: letters, digits and `.`, `-`, `_`, `/`, starting with a letter or digit, at most 40 characters */
export const BBC_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
/** a sub-reporting code (beleidsrapportering): the same characters, at most 20 */
export const SUB_REPORTING_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,19}$/;
/** a weight in a parent's progress: 0 (left out of the average) to 1000, at most two decimals */
export const MAX_NODE_WEIGHT = 1000;

function reportingCode(field: string, value: unknown, pattern: RegExp, max: number): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw invalid(INVALID, field, 'must be a text or null');
  const code = value.trim();
  if (code === '') return null;
  if (!pattern.test(code)) {
    throw invalid(
      INVALID,
      field,
      `at most ${max} letters, digits or . - _ / without spaces, starting with a letter or digit`,
    );
  }
  return code;
}

function nodeOf(plan: ActivePlan, nodeId: unknown): { kind: ReportingNodeKind; id: string } {
  const id = requiredText(INVALID, 'nodeId', nodeId);
  if (plan.themes.has(id)) return { kind: 'theme', id: requireTheme(plan, id).themeId };
  if (plan.goals.has(id)) return { kind: 'goal', id: requireGoal(plan, id).goalId };
  if (plan.actions.get(id)?.placed === true) return { kind: 'action', id };
  throw new DomainError('PLAN.NODE_NOT_FOUND', { nodeId: id });
}

function setReporting({ data }: SetNodeReporting, plan: ActivePlan): PlanEvent[] {
  const { kind, id } = nodeOf(plan, data.nodeId);
  const from = reportingOf(plan, id);
  const to: NodeReportingFields = {
    bbcCode:
      data.bbcCode === undefined
        ? from.bbcCode
        : reportingCode('bbcCode', data.bbcCode, BBC_CODE_PATTERN, 40),
    priority: data.priority === undefined ? from.priority : checkedPriority(data.priority),
    subReportingCode:
      data.subReportingCode === undefined
        ? from.subReportingCode
        : reportingCode('subReportingCode', data.subReportingCode, SUB_REPORTING_CODE_PATTERN, 20),
    weight: data.weight === undefined ? from.weight : checkedWeight(data.weight),
  };
  if (to.bbcCode !== null) {
    const owner = plan.bbcCodes.get(bbcCodeKey(to.bbcCode));
    if (owner && owner.id !== id)
      throw new DomainError('PLAN.BBC_CODE_TAKEN', { bbcCode: to.bbcCode, usedBy: owner });
  }
  if (
    to.bbcCode === from.bbcCode &&
    to.priority === from.priority &&
    to.subReportingCode === from.subReportingCode &&
    to.weight === from.weight
  ) {
    throw new DomainError('PLAN.NO_CHANGE', { field: 'reporting' });
  }
  return [{ type: 'NodeReportingChanged', data: { planId: plan.planId, nodeId: id, kind, from, to } }];
}

function checkedPriority(value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(INVALID, 'priority', 'must be true or false');
  return value;
}

function checkedWeight(value: unknown): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > MAX_NODE_WEIGHT ||
    Math.abs(Math.round(value * 100) - value * 100) > 1e-9
  ) {
    throw invalid(INVALID, 'weight', `a number from 0 to ${MAX_NODE_WEIGHT} with at most two decimals`);
  }
  return value;
}

/**
 * The actions placed under the goals, in tree order: what archiving a theme or goal takes along. The
 * write side archives each of them on its own stream first (libs/commands, `archiveSection`).
 */
export function placedActionsOf(plan: ActivePlan, goalIds: readonly string[]): string[] {
  return goalIds.flatMap((id) =>
    (plan.goals.get(id)?.actionIds ?? []).filter((actionId) => plan.actions.get(actionId)?.placed === true),
  );
}

function moveGoal({ data }: MoveGoal, plan: ActivePlan): PlanEvent[] {
  const goal = requireGoal(plan, data.goalId);
  const parentId = requiredText(INVALID, 'parentId', data.parentId);
  requireParent(plan, parentId);
  if (parentId === goal.goalId || goalsBelow(plan, goal.goalId).includes(parentId)) {
    throw new DomainError('PLAN.GOAL_MOVE_INTO_ITSELF', { goalId: goal.goalId, parentId });
  }
  const code = data.code === undefined ? goal.code : requiredText(INVALID, 'code', data.code);
  if (parentId === goal.parentId && code === goal.code) {
    throw new DomainError('PLAN.NO_CHANGE', { field: 'parentId' });
  }
  if (code !== goal.code) requireFreeCode(plan, code);
  return [
    {
      type: 'GoalMoved',
      data: {
        planId: plan.planId,
        goalId: goal.goalId,
        fromParentId: goal.parentId,
        toParentId: parentId,
        fromCode: goal.code,
        toCode: code,
      },
    },
  ];
}

function moveAction({ data }: MoveAction, plan: ActivePlan): PlanEvent[] {
  const actionId = requiredText(INVALID, 'actionId', data.actionId);
  const placement = plan.actions.get(actionId);
  if (placement?.placed !== true) throw new DomainError('PLAN.ACTION_NOT_PLACED', { actionId });
  const goal = requireGoal(plan, data.goalId);
  const code = data.code === undefined ? placement.code : requiredText(INVALID, 'code', data.code);
  // a retried move (the action's own stream not written yet) completes without a second event
  if (goal.goalId === placement.goalId && code === placement.code) return [];
  const owner = plan.codes.get(code);
  if (owner && !(owner.kind === 'action' && owner.id === actionId)) {
    throw new DomainError('PLAN.CODE_TAKEN', { code, usedBy: owner });
  }
  return [
    {
      type: 'ActionMoved',
      data: {
        planId: plan.planId,
        actionId,
        fromGoalId: placement.goalId,
        toGoalId: goal.goalId,
        fromCode: placement.code,
        toCode: code,
      },
    },
  ];
}

function create({ data }: CreatePlan, state: PlanState): PlanEvent[] {
  if (state.status !== 'absent') throw new DomainError('PLAN.ALREADY_EXISTS', { planId: state.planId });
  const planId = requiredText(INVALID, 'planId', data.planId);
  const title = requiredText(INVALID, 'title', data.title);
  const description = plainText(INVALID, 'description', data.description);
  const periodStart = isoDate(INVALID, 'periodStart', data.periodStart);
  const periodEnd = isoDate(INVALID, 'periodEnd', data.periodEnd);
  // ISO dates compare correctly as text
  if (periodEnd < periodStart) throw invalid(INVALID, 'periodEnd', 'must not be before periodStart');
  return [{ type: 'PlanCreated', data: { planId, title, description, periodStart, periodEnd } }];
}

function place({ data }: PlaceAction, plan: ActivePlan): PlanEvent[] {
  const actionId = requiredText(INVALID, 'actionId', data.actionId);
  const goal = requireGoal(plan, data.goalId);
  const code = requiredText(INVALID, 'code', data.code);
  const current = plan.actions.get(actionId);
  if (current?.placed) {
    // a retried request (network, double click) must not fail or duplicate the placement
    if (current.goalId === goal.goalId && current.code === code) return [];
    throw new DomainError('PLAN.ACTION_ALREADY_PLACED', {
      actionId,
      goalId: current.goalId,
      code: current.code,
    });
  }
  const owner = plan.codes.get(code);
  // an unplaced action may come back under the code it had: the code still names that action
  if (owner && !(owner.kind === 'action' && owner.id === actionId)) {
    throw new DomainError('PLAN.CODE_TAKEN', { code, usedBy: owner });
  }
  return [{ type: 'ActionPlaced', data: { planId: plan.planId, actionId, goalId: goal.goalId, code } }];
}

function requireTheme(plan: ActivePlan, themeId: unknown): Theme {
  const theme = plan.themes.get(requiredText(INVALID, 'themeId', themeId));
  if (!theme) throw new DomainError('PLAN.THEME_NOT_FOUND', { themeId });
  if (theme.archived) throw new DomainError('PLAN.SECTION_ARCHIVED', { id: theme.themeId, code: theme.code });
  return theme;
}

function requireGoal(plan: ActivePlan, goalId: unknown): Goal {
  const goal = plan.goals.get(requiredText(INVALID, 'goalId', goalId));
  if (!goal) throw new DomainError('PLAN.GOAL_NOT_FOUND', { goalId });
  if (goal.archived) throw new DomainError('PLAN.SECTION_ARCHIVED', { id: goal.goalId, code: goal.code });
  return goal;
}

/** a parent is a theme or a goal; returns its child goals in order */
function requireParent(plan: ActivePlan, parentId: string): readonly string[] {
  const parent = plan.themes.get(parentId) ?? plan.goals.get(parentId);
  if (!parent) throw new DomainError('PLAN.PARENT_NOT_FOUND', { parentId });
  if (parent.archived) throw new DomainError('PLAN.SECTION_ARCHIVED', { id: parentId, code: parent.code });
  return parent.goalIds;
}

// themes and goals share one id space, because a goal's parent may be either
function requireNewSection(plan: ActivePlan, id: string): void {
  if (plan.themes.has(id) || plan.goals.has(id)) throw new DomainError('PLAN.SECTION_ALREADY_EXISTS', { id });
}

function requireFreeCode(plan: ActivePlan, code: string): void {
  const owner = plan.codes.get(code);
  if (owner) throw new DomainError('PLAN.CODE_TAKEN', { code, usedBy: owner });
}

function requirePermutation(current: readonly string[], order: unknown): string[] {
  if (!Array.isArray(order) || order.some((id) => typeof id !== 'string')) {
    throw invalid(INVALID, 'order', 'must be a list of ids');
  }
  const ids = order as string[];
  const isPermutation =
    ids.length === current.length &&
    new Set(ids).size === ids.length &&
    ids.every((id) => current.includes(id));
  if (!isPermutation)
    throw new DomainError('PLAN.NOT_A_PERMUTATION', { expected: [...current], received: ids });
  if (ids.every((id, index) => id === current[index]))
    throw new DomainError('PLAN.NO_CHANGE', { field: 'order' });
  return [...ids];
}

export const planDecider: Decider<PlanState, PlanCommand, PlanEvent> = {
  name: 'plan',
  streamId: planStreamId,
  decide,
  evolve,
  initialState,
  // organisations and policy only (docs/privacy.md): safe to keep between commands
  keepState: true,
};
