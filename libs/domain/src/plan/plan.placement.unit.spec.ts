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

describe('PlaceAction and UnplaceAction', () => {
  const place = (actionId: string, goalId: string, code: string) =>
    ({ type: 'PlaceAction', data: { planId, actionId, goalId, code } }) as const;

  it('places an action under an existing goal', () => {
    given(base)
      .when(place('a1', 'g1', '1.1.1'))
      .then([placed('a1', 'g1', '1.1.1')]);
    given(base)
      .when(place('a1', 'g9', '1.1.1'))
      .thenThrows('PLAN.GOAL_NOT_FOUND');
    given(base)
      .when(place('a1', 't1', '1.1.1'))
      .thenThrows('PLAN.GOAL_NOT_FOUND');
  });
  it('is idempotent for the same action, goal and code', () => {
    given([...base, placed('a1', 'g1', '1.1.1')])
      .when(place('a1', 'g1', '1.1.1'))
      .then([]);
  });
  it('refuses to place an already placed action elsewhere', () => {
    given([...base, goal('g2', 't1', '1.2'), placed('a1', 'g1', '1.1.1')])
      .when(place('a1', 'g2', '1.2.1'))
      .thenThrows('PLAN.ACTION_ALREADY_PLACED');
  });
  it('keeps codes unique across themes, goals and actions', () => {
    const plan = [...base, placed('a1', 'g1', '1.1.1')];
    given(plan)
      .when(place('a2', 'g1', '1.1.1'))
      .thenThrows('PLAN.CODE_TAKEN', { code: '1.1.1', usedBy: { kind: 'action', id: 'a1' } });
    given(plan)
      .when(place('a2', 'g1', '1.1'))
      .thenThrows('PLAN.CODE_TAKEN', { code: '1.1', usedBy: { kind: 'goal', id: 'g1' } });
    given(plan)
      .when({ type: 'AddGoal', data: { planId, goalId: 'g2', parentId: 't1', code: '1', title: 'x' } })
      .thenThrows('PLAN.CODE_TAKEN', { code: '1', usedBy: { kind: 'theme', id: 't1' } });
    given(plan)
      .when({ type: 'AddTheme', data: { planId, themeId: 't2', code: '1.1.1', title: 'x' } })
      .thenThrows('PLAN.CODE_TAKEN');
  });
  it('keeps an unplaced action code reserved for that action only', () => {
    const unplaced: PlanEvent = {
      type: 'ActionUnplaced',
      data: { planId, actionId: 'a1', reason: 'geschrapt' },
    };
    const plan = [...base, placed('a1', 'g1', '1.1.1'), unplaced];
    given(plan)
      .when(place('a2', 'g1', '1.1.1'))
      .thenThrows('PLAN.CODE_TAKEN');
    given(plan)
      .when(place('a1', 'g1', '1.1.1'))
      .then([placed('a1', 'g1', '1.1.1')]);
  });
  it('frees the code of a removed goal', () => {
    given([...base, { type: 'GoalRemoved', data: { planId, goalId: 'g1' } }])
      .when({
        type: 'AddGoal',
        data: { planId, goalId: 'g2', parentId: 't1', code: '1.1', title: 'Doel 1.1' },
      })
      .then([goal('g2', 't1', '1.1')]);
  });
  it('unplaces a placed action with a reason', () => {
    given([...base, placed('a1', 'g1', '1.1.1')])
      .when({ type: 'UnplaceAction', data: { planId, actionId: 'a1', reason: 'samengevoegd' } })
      .then([{ type: 'ActionUnplaced', data: { planId, actionId: 'a1', reason: 'samengevoegd' } }]);
    given(base)
      .when({ type: 'UnplaceAction', data: { planId, actionId: 'a1', reason: 'x' } })
      .thenThrows('PLAN.ACTION_NOT_PLACED');
    given([...base, placed('a1', 'g1', '1.1.1')])
      .when({ type: 'UnplaceAction', data: { planId, actionId: 'a1', reason: '' } })
      .thenThrows('PLAN.INVALID', { field: 'reason', rule: 'must be a non-empty text' });
  });
});
