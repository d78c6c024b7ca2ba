import { randomUUID } from 'node:crypto';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

interface TreeAction {
  id: string;
  code: string;
}
interface TreeGoal {
  id: string;
  code: string;
  goals: TreeGoal[];
  actions: TreeAction[];
}
interface TreeTheme {
  id: string;
  code: string;
  goals: TreeGoal[];
}
interface ActionItem {
  id: string;
  code: string;
  themeId: string | null;
  goalId: string;
  archived: boolean;
  version: number;
}
interface HistoryEntry {
  type: string;
  description: { nl: string; en: string } | string;
}

const goalsOf = (goals: TreeGoal[]): TreeGoal[] => goals.flatMap((goal) => [goal, ...goalsOf(goal.goals)]);

/**
 * Restructuring the plan tree (issue 14, part 3): a goal moves with everything under it, an action moves to
 * another goal (its own stream and the plan's), and archiving a theme or goal archives what it holds.
 */
describe('plan tree: move and archive', () => {
  let test: TestApi;
  let fx: TenantFixture;
  let other: TenantFixture;

  const coordinator = () => bearer(fx.users.coordinator.token);
  const settle = async (response: { body: unknown }) =>
    test.api.runtime.runner.waitForPosition((response.body as { position: string }).position, {
      timeoutMs: 5000,
    });
  const tree = async (): Promise<TreeTheme[]> =>
    (
      (await test.http.get(`/api/plans/${fx.planId}`).set(coordinator()).expect(200)).body as {
        themes: TreeTheme[];
      }
    ).themes;
  const action = async (id: string): Promise<ActionItem> =>
    (await test.http.get(`/api/actions/${id}`).set(coordinator()).expect(200)).body as ActionItem;
  const addGoal = async (parentId: string, code: string): Promise<string> => {
    const response = await test.http
      .post(`/api/plans/${fx.planId}/goals`)
      .set(coordinator())
      .send({ parentId, code, title: `Doel ${code}` })
      .expect(201);
    await settle(response);
    return (response.body as { goalId: string }).goalId;
  };
  const addAction = async (goalId: string, code: string): Promise<string> => {
    const response = await test.http
      .post(`/api/plans/${fx.planId}/actions`)
      .set(coordinator())
      .send({ goalId, code, title: `Actie ${code}` })
      .expect(201);
    await settle(response);
    return (response.body as { id: string }).id;
  };

  beforeAll(async () => {
    test = await startTestApi();
    fx = await seedTenant(test, 'restructure');
    other = await seedTenant(test, 'restructure-other');
  });

  afterAll(async () => {
    await test?.close();
  });

  it('lets only a coordinator of the plan’s tenant move or archive', async () => {
    const goalId = await addGoal(fx.themeId, '3.7');
    const actionId = await fx.newAction();
    const routes: [string, object][] = [
      [`/api/plans/${fx.planId}/goals/${goalId}/move`, { parentId: fx.otherThemeId }],
      [`/api/plans/${fx.planId}/actions/${actionId}/move`, { goalId: fx.otherGoalId }],
      [`/api/plans/${fx.planId}/themes/${fx.otherThemeId}/archive`, { reason: 'weg' }],
      [`/api/plans/${fx.planId}/goals/${goalId}/archive`, { reason: 'weg' }],
    ];
    for (const [path, body] of routes) {
      await test.http.post(path).send(body).expect(401);
      for (const role of ['member', 'partner', 'viewer'] as const) {
        const refused = await test.http.post(path).set(bearer(fx.users[role].token)).send(body).expect(403);
        expect((refused.body as { code: string }).code).toBe('AUTH.FORBIDDEN');
      }
      // another tenant's coordinator does not learn the plan exists
      const foreign = await test.http.post(path).set(bearer(other.users.coordinator.token)).send(body);
      expect(foreign.status).toBe(404);
    }
    // nothing moved or was archived
    expect((await action(actionId)).goalId).toBe(fx.goalId);
    expect((await tree()).map((theme) => theme.code)).toEqual(['3', '4']);
  });

  it('moves an action under another goal with a new code, in the tree, the list and its history', async () => {
    const actionId = await fx.newAction();
    const before = await action(actionId);
    const moved = await test.http
      .post(`/api/plans/${fx.planId}/actions/${actionId}/move`)
      .set(coordinator())
      .send({ goalId: fx.otherGoalId, code: '4.1.77' })
      .expect(200);
    await settle(moved);
    const after = await action(actionId);
    expect(after).toMatchObject({ goalId: fx.otherGoalId, themeId: fx.otherThemeId, code: '4.1.77' });
    expect(after.version).toBe(before.version + 1);
    const theme4 = (await tree()).find((theme) => theme.id === fx.otherThemeId)!;
    const goal41 = goalsOf(theme4.goals).find((goal) => goal.id === fx.otherGoalId)!;
    expect(goal41.actions).toContainEqual(expect.objectContaining({ id: actionId, code: '4.1.77' }));
    const history = (await test.http.get(`/api/actions/${actionId}/history`).set(coordinator()).expect(200))
      .body as { items: HistoryEntry[] };
    expect(JSON.stringify(history)).toContain('ActionGoalChanged');

    // the old code stays the action's; a code in use is refused; a move to where it is changes nothing
    const taken = await test.http
      .post(`/api/plans/${fx.planId}/actions`)
      .set(coordinator())
      .send({ goalId: fx.goalId, code: before.code, title: 'Nieuw' })
      .expect(409);
    expect((taken.body as { code: string }).code).toBe('PLAN.CODE_TAKEN');
    const inUse = await test.http
      .post(`/api/plans/${fx.planId}/actions/${actionId}/move`)
      .set(coordinator())
      .send({ goalId: fx.goalId, code: '4.1' })
      .expect(409);
    expect((inUse.body as { code: string }).code).toBe('PLAN.CODE_TAKEN');
    const same = await test.http
      .post(`/api/plans/${fx.planId}/actions/${actionId}/move`)
      .set(coordinator())
      .send({ goalId: fx.otherGoalId })
      .expect(422);
    expect((same.body as { code: string }).code).toBe('ACTION.NO_CHANGE');
    const badBody = await test.http
      .post(`/api/plans/${fx.planId}/actions/${actionId}/move`)
      .set(coordinator())
      .send({ goalId: 'not-a-goal' })
      .expect(400);
    expect((badBody.body as { code: string }).code).toBe('REQUEST.VALIDATION_FAILED');
    const unknown = await test.http
      .post(`/api/plans/${fx.planId}/actions/${randomUUID()}/move`)
      .set(coordinator())
      .send({ goalId: fx.goalId })
      .expect(404);
    expect((unknown.body as { code: string }).code).toBe('ACTION.NOT_FOUND');
  });

  it('moves a goal with its sub-goals and actions under another theme, and refuses a cycle', async () => {
    const parent = await addGoal(fx.themeId, '3.8');
    const child = await addGoal(parent, '3.8.1');
    const actionId = await addAction(child, '3.8.1.1');
    expect((await action(actionId)).themeId).toBe(fx.themeId);

    const cycle = await test.http
      .post(`/api/plans/${fx.planId}/goals/${parent}/move`)
      .set(coordinator())
      .send({ parentId: child })
      .expect(422);
    expect((cycle.body as { code: string }).code).toBe('PLAN.GOAL_MOVE_INTO_ITSELF');

    const moved = await test.http
      .post(`/api/plans/${fx.planId}/goals/${parent}/move`)
      .set(coordinator())
      .send({ parentId: fx.otherThemeId, code: '4.8' })
      .expect(200);
    await settle(moved);
    const theme4 = (await tree()).find((theme) => theme.id === fx.otherThemeId)!;
    const movedGoal = theme4.goals.find((goal) => goal.id === parent)!;
    expect(movedGoal.code).toBe('4.8');
    expect(movedGoal.goals.map((goal) => goal.id)).toEqual([child]);
    expect(movedGoal.goals[0]!.actions.map((item) => item.id)).toEqual([actionId]);
    // the action list follows: the action is now in theme 4, and a filter on theme 4 finds it
    expect((await action(actionId)).themeId).toBe(fx.otherThemeId);
    const list = (
      await test.http
        .get(`/api/plans/${fx.planId}/actions?themeId=${fx.otherThemeId}&limit=200`)
        .set(coordinator())
        .expect(200)
    ).body as { items: ActionItem[] };
    expect(list.items.map((item) => item.id)).toContain(actionId);
    // the moved goal's old code is free again
    await addGoal(fx.themeId, '3.8');
  });

  it('archives a goal with what it holds: its actions are archived with the reason and it leaves the tree', async () => {
    const goal = await addGoal(fx.themeId, '3.9');
    const sub = await addGoal(goal, '3.9.1');
    const first = await addAction(goal, '3.9.0.1');
    const second = await addAction(sub, '3.9.1.1');
    const archived = await test.http
      .post(`/api/plans/${fx.planId}/goals/${goal}/archive`)
      .set(coordinator())
      .send({ reason: 'Opgenomen in doel 3.1 bij de bijsturing' })
      .expect(200);
    await settle(archived);
    expect((archived.body as { archivedActionIds: string[] }).archivedActionIds).toEqual([first, second]);
    for (const id of [first, second]) expect((await action(id)).archived).toBe(true);
    const history = (await test.http.get(`/api/actions/${second}/history`).set(coordinator()).expect(200))
      .body;
    expect(JSON.stringify(history)).toContain('Opgenomen in doel 3.1 bij de bijsturing');
    const theme3 = (await tree()).find((theme) => theme.id === fx.themeId)!;
    expect(goalsOf(theme3.goals).map((item) => item.id)).not.toContain(goal);
    expect(goalsOf(theme3.goals).map((item) => item.id)).not.toContain(sub);

    // nothing can be added under it, its codes stay reserved, and it cannot be archived twice
    const under = await test.http
      .post(`/api/plans/${fx.planId}/goals`)
      .set(coordinator())
      .send({ parentId: sub, code: '3.9.1.9', title: 'Nog een doel' })
      .expect(422);
    expect(under.body).toMatchObject({ code: 'PLAN.SECTION_ARCHIVED' });
    const again = await test.http
      .post(`/api/plans/${fx.planId}/goals/${goal}/archive`)
      .set(coordinator())
      .send({ reason: 'nog eens' })
      .expect(422);
    expect((again.body as { code: string }).code).toBe('PLAN.SECTION_ARCHIVED');
    await test.http
      .post(`/api/plans/${fx.planId}/goals`)
      .set(coordinator())
      .send({ parentId: fx.themeId, code: '3.9', title: 'Hergebruik' })
      .expect(409);
    const noReason = await test.http
      .post(`/api/plans/${fx.planId}/themes/${fx.otherThemeId}/archive`)
      .set(coordinator())
      .send({ reason: '' })
      .expect(400);
    expect((noReason.body as { code: string }).code).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('archives a theme with its goals and actions; an action archived before is not archived again', async () => {
    const themeResponse = await test.http
      .post(`/api/plans/${fx.planId}/themes`)
      .set(coordinator())
      .send({ code: '9', title: 'Tijdelijk thema' })
      .expect(201);
    await settle(themeResponse);
    const themeId = (themeResponse.body as { themeId: string }).themeId;
    const goal = await addGoal(themeId, '9.1');
    const kept = await addAction(goal, '9.1.1');
    const before = await addAction(goal, '9.1.2');
    await settle(
      await test.http
        .post(`/api/actions/${before}/archive`)
        .set(coordinator())
        .send({ reason: 'dubbel' })
        .expect(200),
    );
    const archived = await test.http
      .post(`/api/plans/${fx.planId}/themes/${themeId}/archive`)
      .set(coordinator())
      .send({ reason: 'Thema geschrapt' })
      .expect(200);
    await settle(archived);
    expect((archived.body as { archivedActionIds: string[] }).archivedActionIds).toEqual([kept]);
    expect((await tree()).map((theme) => theme.id)).not.toContain(themeId);
    expect((await action(kept)).archived).toBe(true);
  });
});
