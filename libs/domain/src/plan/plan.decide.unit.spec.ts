import { specFor } from '../shared/testing.js';
import { planDecider } from './plan.decide.js';
import type { PlanEvent } from './plan.events.js';

const given = specFor(planDecider);
const planId = 'brugge';
const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId,
    title: 'Brugge draait om mensen',
    description: '',
    periodStart: '2021-01-01',
    periodEnd: '2025-12-31',
  },
};
const theme = (themeId: string, code: string, title = `Thema ${code}`): PlanEvent => ({
  type: 'ThemeAdded',
  data: { planId, themeId, code, title, leadPartnerId: null },
});
const goal = (goalId: string, parentId: string, code: string): PlanEvent => ({
  type: 'GoalAdded',
  data: { planId, goalId, parentId, code, title: `Doel ${code}` },
});
const placed = (actionId: string, goalId: string, code: string): PlanEvent => ({
  type: 'ActionPlaced',
  data: { planId, actionId, goalId, code },
});
const base = [created, theme('t1', '1'), goal('g1', 't1', '1.1')];

describe('CreatePlan and RenamePlan', () => {
  it('creates a plan', () => {
    given([])
      .when({ type: 'CreatePlan', data: { ...created.data, description: undefined } })
      .then([created]);
  });
  it('refuses a second creation and a period that ends before it starts', () => {
    given([created]).when({ type: 'CreatePlan', data: created.data }).thenThrows('PLAN.ALREADY_EXISTS');
    given([])
      .when({ type: 'CreatePlan', data: { ...created.data, periodEnd: '2020-12-31' } })
      .thenThrows('PLAN.INVALID', { field: 'periodEnd', rule: 'must not be before periodStart' });
  });
  it('renames, but not to the same title', () => {
    given([created])
      .when({ type: 'RenamePlan', data: { planId, title: 'Samenwerkplan 2021-2025' } })
      .then([
        {
          type: 'PlanRenamed',
          data: { planId, from: 'Brugge draait om mensen', to: 'Samenwerkplan 2021-2025' },
        },
      ]);
    given([created])
      .when({ type: 'RenamePlan', data: { planId, title: 'Brugge draait om mensen ' } })
      .thenThrows('PLAN.NO_CHANGE');
  });
  it('refuses every other command on an absent plan', () => {
    given([])
      .when({ type: 'RenamePlan', data: { planId, title: 'x' } })
      .thenThrows('PLAN.NOT_FOUND');
    given([])
      .when({ type: 'AddTheme', data: { planId, themeId: 't1', code: '1', title: 'x' } })
      .thenThrows('PLAN.NOT_FOUND');
    given([])
      .when({ type: 'PlaceAction', data: { planId, actionId: 'a', goalId: 'g', code: 'c' } })
      .thenThrows('PLAN.NOT_FOUND');
  });
});

describe('themes', () => {
  it('adds a theme, with or without a lead', () => {
    given([created])
      .when({
        type: 'AddTheme',
        data: { planId, themeId: 't3', code: '3', title: 'Een dak boven je hoofd', leadPartnerId: 'ocmw' },
      })
      .then([
        {
          type: 'ThemeAdded',
          data: { planId, themeId: 't3', code: '3', title: 'Een dak boven je hoofd', leadPartnerId: 'ocmw' },
        },
      ]);
  });
  it('renames a theme and changes its lead', () => {
    given([created, theme('t1', '1', 'Werk')])
      .when({ type: 'RenameTheme', data: { planId, themeId: 't1', title: 'Werk op maat' } })
      .then([{ type: 'ThemeRenamed', data: { planId, themeId: 't1', from: 'Werk', to: 'Werk op maat' } }]);
    given([created, theme('t1', '1')])
      .when({ type: 'ChangeThemeLead', data: { planId, themeId: 't1', leadPartnerId: 'vdab' } })
      .then([{ type: 'ThemeLeadChanged', data: { planId, themeId: 't1', from: null, to: 'vdab' } }]);
    given([created])
      .when({ type: 'RenameTheme', data: { planId, themeId: 't9', title: 'x' } })
      .thenThrows('PLAN.THEME_NOT_FOUND');
  });
  it('reorders themes with a permutation of the current ones', () => {
    const three = [created, theme('t1', '1'), theme('t2', '2'), theme('t3', '3')];
    given(three)
      .when({ type: 'ReorderThemes', data: { planId, order: ['t3', 't1', 't2'] } })
      .then([{ type: 'ThemesReordered', data: { planId, order: ['t3', 't1', 't2'] } }]);
    for (const order of [
      ['t1', 't2'],
      ['t1', 't2', 't3', 't4'],
      ['t1', 't1', 't2'],
      ['t1', 't2', 't9'],
    ]) {
      given(three)
        .when({ type: 'ReorderThemes', data: { planId, order } })
        .thenThrows('PLAN.NOT_A_PERMUTATION');
    }
    given(three)
      .when({ type: 'ReorderThemes', data: { planId, order: ['t1', 't2', 't3'] } })
      .thenThrows('PLAN.NO_CHANGE');
  });
  it('removes a theme only when it has no goals', () => {
    given(base)
      .when({ type: 'RemoveTheme', data: { planId, themeId: 't1' } })
      .thenThrows('PLAN.THEME_HAS_GOALS');
    given([created, theme('t1', '1')])
      .when({ type: 'RemoveTheme', data: { planId, themeId: 't1' } })
      .then([{ type: 'ThemeRemoved', data: { planId, themeId: 't1' } }]);
  });
});

describe('goals', () => {
  it('nests goals to any depth (theme > SD > OD > sub-goal)', () => {
    const deep = [created, theme('t1', 'SD 1'), goal('od1', 't1', 'OD 1.1'), goal('od1a', 'od1', 'OD 1.1.a')];
    given(deep)
      .when({
        type: 'AddGoal',
        data: { planId, goalId: 'deepest', parentId: 'od1a', code: 'OD 1.1.a.i', title: 'Doel OD 1.1.a.i' },
      })
      .then([goal('deepest', 'od1a', 'OD 1.1.a.i')]);
    given([...deep, goal('deepest', 'od1a', 'OD 1.1.a.i')])
      .when({ type: 'PlaceAction', data: { planId, actionId: 'a1', goalId: 'deepest', code: '1' } })
      .then([placed('a1', 'deepest', '1')]);
  });
  it('refuses a goal under an unknown parent or with an id already used by a theme', () => {
    given(base)
      .when({ type: 'AddGoal', data: { planId, goalId: 'g2', parentId: 'nope', code: '9', title: 'x' } })
      .thenThrows('PLAN.PARENT_NOT_FOUND', { parentId: 'nope' });
    given(base)
      .when({ type: 'AddGoal', data: { planId, goalId: 't1', parentId: 'g1', code: '9', title: 'x' } })
      .thenThrows('PLAN.SECTION_ALREADY_EXISTS');
  });
  it('renames a goal', () => {
    given(base)
      .when({ type: 'RenameGoal', data: { planId, goalId: 'g1', title: 'Preventieve gezinsondersteuning' } })
      .then([
        {
          type: 'GoalRenamed',
          data: { planId, goalId: 'g1', from: 'Doel 1.1', to: 'Preventieve gezinsondersteuning' },
        },
      ]);
  });
  it('reorders the children of a theme or of a goal as a permutation', () => {
    const tree = [...base, goal('g2', 't1', '1.2'), goal('g11', 'g1', '1.1.a'), goal('g12', 'g1', '1.1.b')];
    given(tree)
      .when({ type: 'ReorderGoals', data: { planId, parentId: 't1', order: ['g2', 'g1'] } })
      .then([{ type: 'GoalsReordered', data: { planId, parentId: 't1', order: ['g2', 'g1'] } }]);
    given(tree)
      .when({ type: 'ReorderGoals', data: { planId, parentId: 'g1', order: ['g12', 'g11'] } })
      .then([{ type: 'GoalsReordered', data: { planId, parentId: 'g1', order: ['g12', 'g11'] } }]);
    given(tree)
      .when({ type: 'ReorderGoals', data: { planId, parentId: 't1', order: ['g2', 'g11'] } })
      .thenThrows('PLAN.NOT_A_PERMUTATION', { expected: ['g1', 'g2'], received: ['g2', 'g11'] });
  });
  it('removes a goal only with no child goals and no placed actions', () => {
    given([...base, goal('g11', 'g1', '1.1.a')])
      .when({ type: 'RemoveGoal', data: { planId, goalId: 'g1' } })
      .thenThrows('PLAN.GOAL_HAS_CHILDREN');
    given([...base, placed('a1', 'g1', '1.1.1')])
      .when({ type: 'RemoveGoal', data: { planId, goalId: 'g1' } })
      .thenThrows('PLAN.GOAL_HAS_ACTIONS');
    const unplaced: PlanEvent = {
      type: 'ActionUnplaced',
      data: { planId, actionId: 'a1', reason: 'geschrapt' },
    };
    given([...base, placed('a1', 'g1', '1.1.1'), unplaced])
      .when({ type: 'RemoveGoal', data: { planId, goalId: 'g1' } })
      .then([{ type: 'GoalRemoved', data: { planId, goalId: 'g1' } }]);
  });
});
