// The plan-document importer: pure functions from a plan's plain text to a theme/goal/action tree, and
// from two trees to what a re-import changes. No I/O, no framework.
export { parsePlanDocument, detectRules, chooseRules, type RulesCandidate } from './parse.js';
export { diffPlans } from './diff.js';
export {
  ALL_CAPS_HEADING,
  BBC_RULES,
  BBC_CITY_RULES,
  BOLD_END,
  BRUGES_RULES,
  NUMBERED_RULES,
  THEMES_GOALS_RULES,
  PRESETS,
  STRATEGIC_OPERATIONAL_RULES,
  type HeadingRule,
  type ImportRules,
  type Pattern,
} from './rules.js';
export type {
  ParsedAction,
  ParsedGoal,
  ParsedPlan,
  ParsedTheme,
  UnplacedLine,
  UnplacedReason,
} from './types.js';
export type {
  ActionSnapshot,
  EntityDiff,
  FieldChange,
  GoalSnapshot,
  PlanDiff,
  PlanFieldChange,
  ThemeSnapshot,
} from './diff.js';
export { readBundledPlan, BRUGES_PLAN_FILE } from './bundled-plans.js';
export { applyEdits, PlanEditError, type PlanEdits } from './edits.js';
