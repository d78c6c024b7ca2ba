import type { Command } from '../shared/event.js';

/** period dates are YYYY-MM-DD, the start on or before the end */
export type CreatePlan = Command<
  'CreatePlan',
  { planId: string; title: string; description?: string; periodStart: string; periodEnd: string }
>;
export type RenamePlan = Command<'RenamePlan', { planId: string; title: string }>;
/** switches the plan's public page on (true) or off */
export type ChangePlanPublication = Command<'ChangePlanPublication', { planId: string; public: boolean }>;
export type AddTheme = Command<
  'AddTheme',
  { planId: string; themeId: string; code: string; title: string; leadPartnerId?: string | null }
>;
export type RenameTheme = Command<'RenameTheme', { planId: string; themeId: string; title: string }>;
/** null removes the lead */
export type ChangeThemeLead = Command<
  'ChangeThemeLead',
  { planId: string; themeId: string; leadPartnerId: string | null }
>;
/** the complete new order: every current theme exactly once */
export type ReorderThemes = Command<'ReorderThemes', { planId: string; order: readonly string[] }>;
export type RemoveTheme = Command<'RemoveTheme', { planId: string; themeId: string }>;
/** `parentId` is a theme or a goal, so goals nest to any depth */
export type AddGoal = Command<
  'AddGoal',
  { planId: string; goalId: string; parentId: string; code: string; title: string }
>;
export type RenameGoal = Command<'RenameGoal', { planId: string; goalId: string; title: string }>;
/** the complete new order of the goals directly under `parentId` */
export type ReorderGoals = Command<
  'ReorderGoals',
  { planId: string; parentId: string; order: readonly string[] }
>;
export type RemoveGoal = Command<'RemoveGoal', { planId: string; goalId: string }>;
export type PlaceAction = Command<
  'PlaceAction',
  { planId: string; actionId: string; goalId: string; code: string }
>;
export type UnplaceAction = Command<'UnplaceAction', { planId: string; actionId: string; reason: string }>;
/**
 * moves a goal, with everything under it, under another theme or goal; `code` renumbers the goal itself
 * (its sub-goals and actions keep theirs), left out it keeps its code
 */
export type MoveGoal = Command<
  'MoveGoal',
  { planId: string; goalId: string; parentId: string; code?: string }
>;
/** moves a placed action under another goal; `code` renumbers it, left out it keeps its code */
export type MoveAction = Command<
  'MoveAction',
  { planId: string; actionId: string; goalId: string; code?: string }
>;
/**
 * archives a theme with everything under it: its goals at any depth and their actions (the write side
 * archives each action's own stream first, with the same reason)
 */
export type ArchiveTheme = Command<'ArchiveTheme', { planId: string; themeId: string; reason: string }>;
/** archives a goal with its sub-goals and their actions, as ArchiveTheme */
export type ArchiveGoal = Command<'ArchiveGoal', { planId: string; goalId: string; reason: string }>;

/**
 * sets the reporting fields of a theme, goal or placed action: each field left out keeps its value; null
 * clears a code
 */
export type SetNodeReporting = Command<
  'SetNodeReporting',
  {
    planId: string;
    nodeId: string;
    bbcCode?: string | null;
    priority?: boolean;
    subReportingCode?: string | null;
    weight?: number;
  }
>;

export type PlanCommand =
  | CreatePlan
  | RenamePlan
  | ChangePlanPublication
  | AddTheme
  | RenameTheme
  | ChangeThemeLead
  | ReorderThemes
  | RemoveTheme
  | AddGoal
  | RenameGoal
  | ReorderGoals
  | RemoveGoal
  | PlaceAction
  | UnplaceAction
  | MoveGoal
  | MoveAction
  | ArchiveTheme
  | ArchiveGoal
  | SetNodeReporting;

export const PLAN_COMMAND_TYPES = [
  'CreatePlan',
  'RenamePlan',
  'ChangePlanPublication',
  'AddTheme',
  'RenameTheme',
  'ChangeThemeLead',
  'ReorderThemes',
  'RemoveTheme',
  'AddGoal',
  'RenameGoal',
  'ReorderGoals',
  'RemoveGoal',
  'PlaceAction',
  'UnplaceAction',
  'MoveGoal',
  'MoveAction',
  'ArchiveTheme',
  'ArchiveGoal',
  'SetNodeReporting',
] as const satisfies readonly PlanCommand['type'][];
