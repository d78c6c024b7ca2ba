import { buildTree, type TreeAction, type TreeSection } from '#read-models';

const reporting = { bbc_code: null, priority: false, sub_reporting_code: null, weight: 1 };
const section = (id: string, kind: 'theme' | 'goal', parent_id: string | null, extra = {}): TreeSection => ({
  id,
  kind,
  parent_id,
  code: id,
  title: id,
  lead_partner_id: null,
  ...reporting,
  ...extra,
});
const action = (id: string, goal_id: string, progress: number | null, extra = {}): TreeAction => ({
  id,
  goal_id,
  code: id,
  title: id,
  status: 'in_progress',
  progress,
  ...reporting,
  ...extra,
});

describe('plan tree roll-ups (docs/plan-cycle.md, "Codes, priorities and indicators")', () => {
  const sections = [
    section('T1', 'theme', null, { bbc_code: 'BD1' }),
    section('G1', 'goal', 'T1', { weight: 3 }),
    section('G2', 'goal', 'T1'),
    section('G1a', 'goal', 'G1'),
    section('T2', 'theme', null),
  ];
  const actions = [
    action('A1', 'G1', 100, { weight: 2, priority: true, bbc_code: 'AC1.1.1' }),
    action('A2', 'G1', 40),
    action('A3', 'G1a', null, { status: 'realised' }),
    action('A4', 'G2', 0),
  ];
  const tree = buildTree(sections, actions, [
    { node_id: 'A1', status: 'on_track' },
    { node_id: 'A2', status: 'no_data' },
    { node_id: 'G1a', status: 'attention' },
    { node_id: 'G2', status: 'off_track' },
  ]);
  const [t1, t2] = tree;
  const g1 = t1!.goals[0]!;
  const g2 = t1!.goals[1]!;

  it('a priority action makes its goals and its theme priority, shown as inherited', () => {
    expect(g1.actions[0]).toMatchObject({ bbcCode: 'AC1.1.1', priority: true, effectivePriority: true });
    expect(g1).toMatchObject({ priority: false, effectivePriority: true, priorityInherited: true });
    expect(t1).toMatchObject({ bbcCode: 'BD1', effectivePriority: true, priorityInherited: true });
    expect(g2).toMatchObject({ effectivePriority: false, priorityInherited: false });
    expect(t2).toMatchObject({ effectivePriority: false });
  });

  it("a goal's progress is the weighted average of its actions and sub-goals, a theme's of its goals", () => {
    // G1a: A3 realised without a report counts 100; G1: (2×100 + 1×40 + 1×100) / 4 = 85
    expect(g1.goals[0]!.progress).toBe(100);
    expect(g1.progress).toBe(85);
    // T1: (3×85 + 1×0) / 4 = 63.75 → 63.8
    expect(t1!.progress).toBe(63.8);
    expect(t2!.progress).toBeNull();
  });

  it('the indicator status of a node is the worst of its own and those below; no data does not count', () => {
    expect(g1.actions[0]!.indicators.status).toBe('on_track');
    expect(g1.indicators).toEqual({
      status: 'attention',
      counts: { on_track: 1, attention: 1, off_track: 0, no_data: 1 },
    });
    expect(g2.indicators.status).toBe('off_track');
    expect(t1!.indicators.status).toBe('off_track');
    expect(t1!.indicators.counts).toEqual({ on_track: 1, attention: 1, off_track: 1, no_data: 1 });
    expect(t2!.indicators.status).toBe('no_data');
  });
});
