import { specFor } from '../shared/testing.js';
import { planDecider } from './plan.decide.js';
import { DEFAULT_NODE_REPORTING, type PlanEvent } from './plan.events.js';
import { evolve, initialState, reportingOf } from './plan.state.js';

const planId = 'p-1';
const spec = specFor(planDecider);
const tree: PlanEvent[] = [
  {
    type: 'PlanCreated',
    data: { planId, title: 'Plan', description: '', periodStart: '2021-01-01', periodEnd: '2025-12-31' },
  },
  { type: 'ThemeAdded', data: { planId, themeId: 't1', code: '1', title: 'Wonen', leadPartnerId: null } },
  { type: 'GoalAdded', data: { planId, goalId: 'g1', parentId: 't1', code: '1.1', title: 'Dak' } },
  { type: 'ActionPlaced', data: { planId, actionId: 'a1', goalId: 'g1', code: '1.1.1' } },
  { type: 'ActionPlaced', data: { planId, actionId: 'a2', goalId: 'g1', code: '1.1.2' } },
];
const changed = (
  nodeId: string,
  kind: 'theme' | 'goal' | 'action',
  to: Partial<typeof DEFAULT_NODE_REPORTING>,
  from = DEFAULT_NODE_REPORTING,
): PlanEvent => ({
  type: 'NodeReportingChanged',
  data: { planId, nodeId, kind, from, to: { ...from, ...to } },
});

describe('SetNodeReporting', () => {
  it('sets a BBC code, priority, sub-reporting code and weight on a theme, goal or action', () => {
    spec(tree)
      .when({ type: 'SetNodeReporting', data: { planId, nodeId: 't1', bbcCode: ' BD1 ' } })
      .then([changed('t1', 'theme', { bbcCode: 'BD1' })]);
    spec(tree)
      .when({
        type: 'SetNodeReporting',
        data: { planId, nodeId: 'g1', bbcCode: 'ST01BD06AP01', weight: 2.5 },
      })
      .then([changed('g1', 'goal', { bbcCode: 'ST01BD06AP01', weight: 2.5 })]);
    spec(tree)
      .when({
        type: 'SetNodeReporting',
        data: { planId, nodeId: 'a1', bbcCode: 'AC1.1.1', priority: true, subReportingCode: 'SR-03' },
      })
      .then([changed('a1', 'action', { bbcCode: 'AC1.1.1', priority: true, subReportingCode: 'SR-03' })]);
  });

  it('keeps the fields left out, clears a code with null, and replays the change', () => {
    const first = changed('a1', 'action', { bbcCode: 'AC1', priority: true });
    const after = { ...DEFAULT_NODE_REPORTING, bbcCode: 'AC1', priority: true };
    spec([...tree, first])
      .when({ type: 'SetNodeReporting', data: { planId, nodeId: 'a1', bbcCode: null } })
      .then([changed('a1', 'action', { bbcCode: null }, after)]);
    const state = [...tree, first].reduce(evolve, initialState());
    expect(state.status === 'active' && reportingOf(state, 'a1')).toEqual(after);
    expect(state.status === 'active' && reportingOf(state, 'a2')).toEqual(DEFAULT_NODE_REPORTING);
  });

  it('keeps BBC codes unique in the plan regardless of case, and frees a code that was changed', () => {
    const taken = [...tree, changed('t1', 'theme', { bbcCode: 'BD1' })];
    spec(taken)
      .when({ type: 'SetNodeReporting', data: { planId, nodeId: 'g1', bbcCode: 'bd1' } })
      .thenThrows('PLAN.BBC_CODE_TAKEN', { bbcCode: 'bd1', usedBy: { kind: 'theme', id: 't1' } });
    const freed = [
      ...taken,
      changed('t1', 'theme', { bbcCode: 'BD2' }, { ...DEFAULT_NODE_REPORTING, bbcCode: 'BD1' }),
    ];
    spec(freed)
      .when({ type: 'SetNodeReporting', data: { planId, nodeId: 'g1', bbcCode: 'BD1' } })
      .then([changed('g1', 'goal', { bbcCode: 'BD1' })]);
  });

  it('refuses bad values, unknown nodes and a change that changes nothing', () => {
    const bad = (data: object, field: string): void => {
      spec(tree)
        .when({ type: 'SetNodeReporting', data: { planId, nodeId: 'a1', ...data } })
        .thenThrows('PLAN.INVALID', expect.objectContaining({ field }) as never);
    };
    bad({ bbcCode: 'BD 1' }, 'bbcCode');
    bad({ bbcCode: 'x'.repeat(41) }, 'bbcCode');
    bad({ bbcCode: 12 }, 'bbcCode');
    bad({ subReportingCode: 'é' }, 'subReportingCode');
    bad({ priority: 'yes' }, 'priority');
    bad({ weight: -1 }, 'weight');
    bad({ weight: 1001 }, 'weight');
    bad({ weight: 0.001 }, 'weight');
    bad({ weight: Number.NaN }, 'weight');
    spec(tree)
      .when({ type: 'SetNodeReporting', data: { planId, nodeId: 'nope', priority: true } })
      .thenThrows('PLAN.NODE_NOT_FOUND', { nodeId: 'nope' });
    spec(tree)
      .when({ type: 'SetNodeReporting', data: { planId, nodeId: 'a1', priority: false, weight: 1 } })
      .thenThrows('PLAN.NO_CHANGE');
    spec([...tree, { type: 'ActionUnplaced', data: { planId, actionId: 'a2', reason: 'weg' } }])
      .when({ type: 'SetNodeReporting', data: { planId, nodeId: 'a2', priority: true } })
      .thenThrows('PLAN.NODE_NOT_FOUND');
  });
});
