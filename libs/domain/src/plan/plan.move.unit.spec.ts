import { specFor } from '../shared/testing.js';
import { decide as decideAction, actionDecider } from '../action/action.decide.js';
import type { ActionEvent } from '../action/action.events.js';
import { planDecider } from './plan.decide.js';
import type { PlanCommand } from './plan.commands.js';
import type { PlanEvent } from './plan.events.js';
import type { ActivePlan } from './plan.state.js';

const given = specFor(planDecider);
const planId = 'gent';
const created: PlanEvent = {
  type: 'PlanCreated',
  data: { planId, title: 'Gent samen', description: '', periodStart: '2026-01-01', periodEnd: '2031-12-31' },
};
const theme = (themeId: string, code: string): PlanEvent => ({
  type: 'ThemeAdded',
  data: { planId, themeId, code, title: `Thema ${code}`, leadPartnerId: null },
});
const goal = (goalId: string, parentId: string, code: string): PlanEvent => ({
  type: 'GoalAdded',
  data: { planId, goalId, parentId, code, title: `Doel ${code}` },
});
const placed = (actionId: string, goalId: string, code: string): PlanEvent => ({
  type: 'ActionPlaced',
  data: { planId, actionId, goalId, code },
});
// t1 { g1 { g11 { a1 } }, g2 { a2 } }, t2 { g3 }
const tree: PlanEvent[] = [
  created,
  theme('t1', '1'),
  theme('t2', '2'),
  goal('g1', 't1', '1.1'),
  goal('g11', 'g1', '1.1.1'),
  goal('g2', 't1', '1.2'),
  goal('g3', 't2', '2.1'),
  placed('a1', 'g11', '1.1.1.1'),
  placed('a2', 'g2', '1.2.1'),
];
const replay = (events: readonly PlanEvent[]): ActivePlan =>
  events.reduce(planDecider.evolve, planDecider.initialState()) as ActivePlan;
/** decides and folds, so a test can go on from the state the new events make */
const run = (events: readonly PlanEvent[], command: PlanCommand): PlanEvent[] => [
  ...events,
  ...planDecider.decide(command, replay(events)),
];

describe('MoveGoal', () => {
  const move = (goalId: string, parentId: string, code?: string): PlanCommand => ({
    type: 'MoveGoal',
    data: { planId, goalId, parentId, ...(code === undefined ? {} : { code }) },
  });

  it('moves a goal with its subtree under another theme, keeping its code unless told otherwise', () => {
    given(tree)
      .when(move('g1', 't2'))
      .then([
        {
          type: 'GoalMoved',
          data: {
            planId,
            goalId: 'g1',
            fromParentId: 't1',
            toParentId: 't2',
            fromCode: '1.1',
            toCode: '1.1',
          },
        },
      ]);
    const after = replay(run(tree, move('g1', 't2', '2.2')));
    expect(after.themes.get('t1')!.goalIds).toEqual(['g2']);
    expect(after.themes.get('t2')!.goalIds).toEqual(['g3', 'g1']);
    expect(after.goals.get('g1')).toMatchObject({ parentId: 't2', code: '2.2', goalIds: ['g11'] });
    // the old code is free again, the new one is the goal's
    expect(after.codes.has('1.1')).toBe(false);
    expect(after.codes.get('2.2')).toEqual({ kind: 'goal', id: 'g1' });
    // the subtree goes along untouched
    expect(after.goals.get('g11')!.parentId).toBe('g1');
  });

  it('moves a goal under another goal, and the moved goal can be reordered and added under there', () => {
    const moved = run(tree, move('g2', 'g1', '1.1.2'));
    const after = replay(moved);
    expect(after.goals.get('g1')!.goalIds).toEqual(['g11', 'g2']);
    given(moved)
      .when({ type: 'ReorderGoals', data: { planId, parentId: 'g1', order: ['g2', 'g11'] } })
      .then([{ type: 'GoalsReordered', data: { planId, parentId: 'g1', order: ['g2', 'g11'] } }]);
    given(moved)
      .when({ type: 'ReorderGoals', data: { planId, parentId: 't1', order: ['g1'] } })
      .thenThrows('PLAN.NO_CHANGE');
  });

  it('refuses a move under the goal itself or one of its sub-goals', () => {
    given(tree)
      .when(move('g1', 'g1'))
      .thenThrows('PLAN.GOAL_MOVE_INTO_ITSELF', { goalId: 'g1', parentId: 'g1' });
    given(tree)
      .when(move('g1', 'g11'))
      .thenThrows('PLAN.GOAL_MOVE_INTO_ITSELF', { goalId: 'g1', parentId: 'g11' });
  });

  it('refuses an unknown goal or parent, a taken code and a move that changes nothing', () => {
    given(tree).when(move('g9', 't2')).thenThrows('PLAN.GOAL_NOT_FOUND');
    given(tree).when(move('g1', 'x')).thenThrows('PLAN.PARENT_NOT_FOUND');
    given(tree)
      .when(move('g1', 't2', '2.1'))
      .thenThrows('PLAN.CODE_TAKEN', { code: '2.1', usedBy: { kind: 'goal', id: 'g3' } });
    given(tree).when(move('g1', 't1')).thenThrows('PLAN.NO_CHANGE', { field: 'parentId' });
    given(tree)
      .when(move('g1', 't2', ' '))
      .thenThrows('PLAN.INVALID');
  });
});

describe('MoveAction', () => {
  const move = (actionId: string, goalId: string, code?: string): PlanCommand => ({
    type: 'MoveAction',
    data: { planId, actionId, goalId, ...(code === undefined ? {} : { code }) },
  });

  it('moves a placed action under another goal with a new code; the old code stays the action’s', () => {
    given(tree)
      .when(move('a1', 'g3', '2.1.1'))
      .then([
        {
          type: 'ActionMoved',
          data: {
            planId,
            actionId: 'a1',
            fromGoalId: 'g11',
            toGoalId: 'g3',
            fromCode: '1.1.1.1',
            toCode: '2.1.1',
          },
        },
      ]);
    const moved = run(tree, move('a1', 'g3', '2.1.1'));
    const after = replay(moved);
    expect(after.goals.get('g11')!.actionIds).toEqual([]);
    expect(after.goals.get('g3')!.actionIds).toEqual(['a1']);
    expect(after.actions.get('a1')).toEqual({ actionId: 'a1', goalId: 'g3', code: '2.1.1', placed: true });
    // another action cannot take the old code; the action itself may move back to it
    given(moved)
      .when({ type: 'PlaceAction', data: { planId, actionId: 'a9', goalId: 'g11', code: '1.1.1.1' } })
      .thenThrows('PLAN.CODE_TAKEN', { code: '1.1.1.1', usedBy: { kind: 'action', id: 'a1' } });
    given(moved)
      .when(move('a1', 'g11', '1.1.1.1'))
      .then([
        {
          type: 'ActionMoved',
          data: {
            planId,
            actionId: 'a1',
            fromGoalId: 'g3',
            toGoalId: 'g11',
            fromCode: '2.1.1',
            toCode: '1.1.1.1',
          },
        },
      ]);
  });

  it('keeps the code when none is given, and a retried move writes nothing', () => {
    given(tree)
      .when(move('a2', 'g3'))
      .then([
        {
          type: 'ActionMoved',
          data: {
            planId,
            actionId: 'a2',
            fromGoalId: 'g2',
            toGoalId: 'g3',
            fromCode: '1.2.1',
            toCode: '1.2.1',
          },
        },
      ]);
    given(run(tree, move('a2', 'g3')))
      .when(move('a2', 'g3'))
      .then([]);
  });

  it('refuses an unplaced action, an unknown goal and a code in use', () => {
    given(tree).when(move('a9', 'g3')).thenThrows('PLAN.ACTION_NOT_PLACED', { actionId: 'a9' });
    given(tree).when(move('a1', 't2')).thenThrows('PLAN.GOAL_NOT_FOUND');
    given(tree)
      .when(move('a1', 'g3', '2.1'))
      .thenThrows('PLAN.CODE_TAKEN', { code: '2.1', usedBy: { kind: 'goal', id: 'g3' } });
  });
});

describe('ArchiveTheme and ArchiveGoal', () => {
  it('archives a theme with its goals at any depth and the actions placed under them', () => {
    given(tree)
      .when({ type: 'ArchiveTheme', data: { planId, themeId: 't1', reason: 'Geschrapt bij de bijsturing' } })
      .then([
        {
          type: 'ThemeArchived',
          data: {
            planId,
            themeId: 't1',
            reason: 'Geschrapt bij de bijsturing',
            goalIds: ['g1', 'g2', 'g11'],
            actionIds: ['a2', 'a1'],
          },
        },
      ]);
  });

  it('takes an archived theme out of the order, keeps its codes and refuses changes under it', () => {
    const archived = run(tree, {
      type: 'ArchiveTheme',
      data: { planId, themeId: 't1', reason: 'Geschrapt' },
    });
    const after = replay(archived);
    expect(after.themeOrder).toEqual(['t2']);
    expect(after.actions.get('a1')!.placed).toBe(false);
    given(archived)
      .when({ type: 'AddTheme', data: { planId, themeId: 't9', code: '1.2', title: 'Nieuw' } })
      .thenThrows('PLAN.CODE_TAKEN');
    given(archived)
      .when({ type: 'AddGoal', data: { planId, goalId: 'g9', parentId: 'g1', code: '9', title: 'Nieuw' } })
      .thenThrows('PLAN.SECTION_ARCHIVED', { id: 'g1', code: '1.1' });
    given(archived)
      .when({ type: 'RenameTheme', data: { planId, themeId: 't1', title: 'Nieuw' } })
      .thenThrows('PLAN.SECTION_ARCHIVED', { id: 't1', code: '1' });
    given(archived)
      .when({ type: 'MoveGoal', data: { planId, goalId: 'g3', parentId: 't1' } })
      .thenThrows('PLAN.SECTION_ARCHIVED');
    given(archived)
      .when({ type: 'ArchiveTheme', data: { planId, themeId: 't1', reason: 'nog eens' } })
      .thenThrows('PLAN.SECTION_ARCHIVED');
    given(archived)
      .when({ type: 'ReorderThemes', data: { planId, order: ['t2'] } })
      .thenThrows('PLAN.NO_CHANGE');
  });

  it('archives a goal with its sub-goals; its former siblings stay', () => {
    given(tree)
      .when({ type: 'ArchiveGoal', data: { planId, goalId: 'g1', reason: 'Opgenomen in 1.2' } })
      .then([
        {
          type: 'GoalArchived',
          data: {
            planId,
            goalId: 'g1',
            reason: 'Opgenomen in 1.2',
            goalIds: ['g1', 'g11'],
            actionIds: ['a1'],
          },
        },
      ]);
    const after = replay(run(tree, { type: 'ArchiveGoal', data: { planId, goalId: 'g1', reason: 'x' } }));
    expect(after.themes.get('t1')!.goalIds).toEqual(['g2']);
    expect(after.goals.get('g11')!.archived).toBe(true);
    expect(after.goals.get('g2')!.archived).toBe(false);
  });

  it('needs a reason', () => {
    given(tree)
      .when({ type: 'ArchiveGoal', data: { planId, goalId: 'g1', reason: ' ' } })
      .thenThrows('PLAN.INVALID');
  });
});

describe('ChangeActionGoal (the action’s side of a move)', () => {
  const givenAction = specFor(actionDecider);
  const added: ActionEvent = {
    type: 'ActionAdded',
    data: {
      actionId: 'a1',
      planId,
      goalId: 'g11',
      code: '1.1.1.1',
      title: 'Buurtwerk',
      description: '',
      tags: [],
      citizenIdea: false,
    },
  };

  it('records the new goal and code', () => {
    givenAction([added])
      .when({ type: 'ChangeActionGoal', data: { actionId: 'a1', goalId: 'g3', code: '2.1.1' } })
      .then([
        {
          type: 'ActionGoalChanged',
          data: { actionId: 'a1', fromGoalId: 'g11', toGoalId: 'g3', fromCode: '1.1.1.1', toCode: '2.1.1' },
        },
      ]);
    const state = [
      added,
      ...decideAction(
        { type: 'ChangeActionGoal', data: { actionId: 'a1', goalId: 'g3', code: '2.1.1' } },
        actionDecider.evolve(actionDecider.initialState(), added),
      ),
    ].reduce(actionDecider.evolve, actionDecider.initialState());
    expect(state).toMatchObject({ status: 'active', goalId: 'g3', code: '2.1.1' });
  });

  it('refuses a move to where it is, an archived and an unknown action', () => {
    givenAction([added])
      .when({ type: 'ChangeActionGoal', data: { actionId: 'a1', goalId: 'g11', code: '1.1.1.1' } })
      .thenThrows('ACTION.NO_CHANGE');
    givenAction([added, { type: 'ActionArchived', data: { actionId: 'a1', reason: 'dubbel' } }])
      .when({ type: 'ChangeActionGoal', data: { actionId: 'a1', goalId: 'g3', code: '2.1.1' } })
      .thenThrows('ACTION.ARCHIVED');
    givenAction([])
      .when({ type: 'ChangeActionGoal', data: { actionId: 'a1', goalId: 'g3', code: '2.1.1' } })
      .thenThrows('ACTION.NOT_FOUND');
  });
});
