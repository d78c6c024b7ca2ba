import type { WorkingGroupScope } from './working-group.events.js';

/**
 * Whether an action is in a working group's scope: the one rule behind what a member may edit, which actions
 * a meeting may discuss and change, which pushes reach a group's room, and which actions the web app offers
 * for editing. Pure, with no runtime import, so the web app bundles it as it is. Its SQL form is
 * `actionInScopeSql` in libs/read-models (`queries/access-queries.ts`); a table-driven test keeps the two equal.
 */

/** Where an action is filed in its plan. */
export interface ScopedAction {
  readonly id: string;
  /** the theme the action is filed under, null when it hangs under no theme (or the caller does not know) */
  readonly themeId: string | null;
  /** every section (theme, then goals at any depth) on the path to the action, when the caller knows it */
  readonly sectionPath?: readonly string[];
}

/**
 * True when the scope names the action itself, its theme, or any section on the path to it. An archived
 * group has no scope: callers leave archived groups out before asking.
 */
export function isActionInScope(scope: WorkingGroupScope, action: ScopedAction): boolean {
  if (scope.actionIds.includes(action.id)) return true;
  if (action.themeId !== null && scope.themeIds.includes(action.themeId)) return true;
  return (action.sectionPath ?? []).some((section) => scope.themeIds.includes(section));
}
