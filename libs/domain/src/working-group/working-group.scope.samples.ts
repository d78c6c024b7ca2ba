import type { WorkingGroupScope } from './working-group.events.js';
import type { ScopedAction } from './working-group.scope.js';

/**
 * The table both forms of the scope rule are tested with: `isActionInScope` here (working-group.scope.unit.spec.ts)
 * and its SQL form in libs/read-models (scope-sql.int.spec.ts). A case added here is checked in both.
 */
export interface ScopeSample {
  name: string;
  scope: WorkingGroupScope;
  action: ScopedAction;
  inScope: boolean;
}

const action = { id: 'a-1', themeId: 't-3', sectionPath: ['t-3', 'g-3.4', 'g-3.4.2'] };

export const SCOPE_SAMPLES: readonly ScopeSample[] = [
  { name: 'the scope names the action', scope: { themeIds: [], actionIds: ['a-1'] }, action, inScope: true },
  {
    name: 'the scope names another action only',
    scope: { themeIds: [], actionIds: ['a-2'] },
    action,
    inScope: false,
  },
  { name: 'the scope names its theme', scope: { themeIds: ['t-3'], actionIds: [] }, action, inScope: true },
  {
    name: 'the scope names another theme',
    scope: { themeIds: ['t-1', 't-2'], actionIds: ['a-9'] },
    action,
    inScope: false,
  },
  {
    name: 'the scope names a goal above the action',
    scope: { themeIds: ['g-3.4'], actionIds: [] },
    action,
    inScope: true,
  },
  {
    name: 'the scope names the goal the action hangs under',
    scope: { themeIds: ['g-3.4.2'], actionIds: [] },
    action,
    inScope: true,
  },
  {
    name: 'the scope names a goal of another branch',
    scope: { themeIds: ['g-3.5'], actionIds: [] },
    action,
    inScope: false,
  },
  { name: 'an empty scope', scope: { themeIds: [], actionIds: [] }, action, inScope: false },
  {
    name: 'an action placed directly under a theme (no theme id, the theme on its path)',
    scope: { themeIds: ['t-3'], actionIds: [] },
    action: { id: 'a-1', themeId: null, sectionPath: ['t-3'] },
    inScope: true,
  },
  {
    name: 'an action whose place is unknown, named by the scope',
    scope: { themeIds: ['t-3'], actionIds: ['a-1'] },
    action: { id: 'a-1', themeId: null, sectionPath: [] },
    inScope: true,
  },
  {
    name: 'an action whose place is unknown, not named',
    scope: { themeIds: ['t-3'], actionIds: ['a-2'] },
    action: { id: 'a-1', themeId: null, sectionPath: [] },
    inScope: false,
  },
];
