import type { Event } from '../shared/event.js';

/**
 * A plan is a tree of sections. The top level are themes (actieplannen); below them goals (doelen) at any
 * depth (a goal's parent is a theme or another goal). Actions hang under a goal. Codes ("1", "1.1", "SD 2",
 * "OD 2.3", "1.1.1") are free text and unique within the plan across themes, goals and actions.
 */
export type PlanCreated = Event<
  'PlanCreated',
  { planId: string; title: string; description: string; periodStart: string; periodEnd: string }
>;
export type PlanRenamed = Event<'PlanRenamed', { planId: string; from: string; to: string }>;
/** the plan's public page (for citizens, council and press) switched on or off; off from the start */
export type PlanPublicationChanged = Event<'PlanPublicationChanged', { planId: string; public: boolean }>;
export type ThemeAdded = Event<
  'ThemeAdded',
  { planId: string; themeId: string; code: string; title: string; leadPartnerId: string | null }
>;
export type ThemeRenamed = Event<
  'ThemeRenamed',
  { planId: string; themeId: string; from: string; to: string }
>;
export type ThemeLeadChanged = Event<
  'ThemeLeadChanged',
  { planId: string; themeId: string; from: string | null; to: string | null }
>;
/** the complete new order of the plan's themes */
export type ThemesReordered = Event<'ThemesReordered', { planId: string; order: string[] }>;
export type ThemeRemoved = Event<'ThemeRemoved', { planId: string; themeId: string }>;
export type GoalAdded = Event<
  'GoalAdded',
  { planId: string; goalId: string; parentId: string; code: string; title: string }
>;
export type GoalRenamed = Event<'GoalRenamed', { planId: string; goalId: string; from: string; to: string }>;
/** the complete new order of the goals directly under `parentId` */
export type GoalsReordered = Event<'GoalsReordered', { planId: string; parentId: string; order: string[] }>;
export type GoalRemoved = Event<'GoalRemoved', { planId: string; goalId: string }>;
/** reserves an action's code under a goal; the action's own stream starts with ActionAdded */
export type ActionPlaced = Event<
  'ActionPlaced',
  { planId: string; actionId: string; goalId: string; code: string }
>;
/** frees nothing: an archived action keeps its code so history stays unambiguous */
export type ActionUnplaced = Event<'ActionUnplaced', { planId: string; actionId: string; reason: string }>;
/**
 * a goal and everything under it now hang under another theme or goal (appended after its new siblings);
 * a changed code frees the old one, as GoalRemoved does
 */
export type GoalMoved = Event<
  'GoalMoved',
  {
    planId: string;
    goalId: string;
    fromParentId: string;
    toParentId: string;
    fromCode: string;
    toCode: string;
  }
>;
/** a placed action now hangs under another goal; an old code stays the action's, as after ActionUnplaced */
export type ActionMoved = Event<
  'ActionMoved',
  { planId: string; actionId: string; fromGoalId: string; toGoalId: string; fromCode: string; toCode: string }
>;
/**
 * the theme, the goals under it (`goalIds`, any depth) and the actions placed under those (`actionIds`) left
 * the plan; their codes stay reserved so history stays unambiguous, nothing can be added under them
 */
export type ThemeArchived = Event<
  'ThemeArchived',
  { planId: string; themeId: string; reason: string; goalIds: string[]; actionIds: string[] }
>;
/** as ThemeArchived, for a goal: `goalIds` holds the goal itself and its sub-goals at any depth */
export type GoalArchived = Event<
  'GoalArchived',
  { planId: string; goalId: string; reason: string; goalIds: string[]; actionIds: string[] }
>;

/** the reporting fields of a theme, goal or action (BBC 2020); see `NodeReporting` */
export type NodeReportingFields = Readonly<{
  /** the BBC code (beleidsdoelstelling BD1, actieplan AP1.2, actie AC1.2.3, or a city's own), unique in the plan */
  bbcCode: string | null;
  /** marked priority (prioritair) by the council: only these are reported explicitly */
  priority: boolean;
  /** the Flemish sub-reporting code (beleidsrapportering) */
  subReportingCode: string | null;
  /** the node's weight in its parent's progress (weighted average), default 1 */
  weight: number;
}>;
export type ReportingNodeKind = 'theme' | 'goal' | 'action';
/**
 * the reporting fields of one node changed: `from` is what they were, `to` what they are now (all fields, so
 * a fold needs only the last event of a node)
 */
export type NodeReportingChanged = Event<
  'NodeReportingChanged',
  {
    planId: string;
    nodeId: string;
    kind: ReportingNodeKind;
    from: NodeReportingFields;
    to: NodeReportingFields;
  }
>;

export type PlanEvent =
  | PlanCreated
  | PlanRenamed
  | PlanPublicationChanged
  | ThemeAdded
  | ThemeRenamed
  | ThemeLeadChanged
  | ThemesReordered
  | ThemeRemoved
  | GoalAdded
  | GoalRenamed
  | GoalsReordered
  | GoalRemoved
  | ActionPlaced
  | ActionUnplaced
  | GoalMoved
  | ActionMoved
  | ThemeArchived
  | GoalArchived
  | NodeReportingChanged;

export const PLAN_EVENT_TYPES = [
  'PlanCreated',
  'PlanRenamed',
  'PlanPublicationChanged',
  'ThemeAdded',
  'ThemeRenamed',
  'ThemeLeadChanged',
  'ThemesReordered',
  'ThemeRemoved',
  'GoalAdded',
  'GoalRenamed',
  'GoalsReordered',
  'GoalRemoved',
  'ActionPlaced',
  'ActionUnplaced',
  'GoalMoved',
  'ActionMoved',
  'ThemeArchived',
  'GoalArchived',
  'NodeReportingChanged',
] as const satisfies readonly PlanEvent['type'][];

export const planStreamId = (planId: string): string => `plan-${planId}`;

/** the reporting fields of a node nobody set yet */
export const DEFAULT_NODE_REPORTING: NodeReportingFields = {
  bbcCode: null,
  priority: false,
  subReportingCode: null,
  weight: 1,
};
