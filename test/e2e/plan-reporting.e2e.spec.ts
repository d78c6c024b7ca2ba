import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ActionList, Dashboard, IndicatorDetail, PlanIndicators, PlanTree } from '#contracts';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * Issue 16, section 2 (docs/plan-cycle.md, "Codes, priorities and indicators"): BBC codes, priority and
 * sub-reporting codes on themes, goals and actions; weighted progress; indicators with targets and
 * measurements, their status and the roll-up to goals and themes, as a coordinator uses them over HTTP.
 */
describe('codes, priorities and indicators', () => {
  let test: TestApi;
  let fx: TenantFixture;
  let planId: string;
  let themeId: string;
  let goalA: string;
  let goalB: string;
  const actions: string[] = [];
  /** an instant before any priority was set (the dashboard as it stood then) */
  let beforePriority: string;

  const coordinator = () => bearer(fx.users.coordinator.token);
  const settle = async <R extends { body: unknown }>(response: R): Promise<R> => {
    await test.api.runtime.runner.waitForPosition((response.body as { position: string }).position, {
      timeoutMs: 5000,
    });
    return response;
  };
  const tree = async () =>
    (await test.http.get(`/api/plans/${planId}`).set(coordinator()).expect(200)).body as PlanTree;
  const reporting = async (nodeId: string, body: object, status = 200) => {
    const response = await test.http
      .patch(`/api/plans/${planId}/nodes/${nodeId}/reporting`)
      .set(coordinator())
      .send(body)
      .expect(status);
    return status === 200 ? settle(response) : response;
  };
  const post = (path: string, body: object, status: number) =>
    test.http.post(path).set(coordinator()).send(body).expect(status);

  beforeAll(async () => {
    test = await startTestApi();
    fx = await seedTenant(test, 'bbc');
    const plan = await post(
      '/api/plans',
      { title: 'BBC', periodStart: '2026-01-01', periodEnd: '2031-12-31' },
      201,
    );
    planId = plan.body.id as string;
    themeId = (await post(`/api/plans/${planId}/themes`, { code: '1', title: 'Wonen' }, 201)).body
      .themeId as string;
    goalA = (await post(`/api/plans/${planId}/goals`, { parentId: themeId, code: '1.1', title: 'Dak' }, 201))
      .body.goalId as string;
    goalB = (await post(`/api/plans/${planId}/goals`, { parentId: themeId, code: '1.2', title: 'Zorg' }, 201))
      .body.goalId as string;
    for (const [goalId, code] of [
      [goalA, '1.1.1'],
      [goalA, '1.1.2'],
      [goalB, '1.2.1'],
    ] as const) {
      const added = await post(`/api/plans/${planId}/actions`, { goalId, code, title: `Actie ${code}` }, 201);
      actions.push(added.body.id as string);
      await settle(added);
    }
  });
  afterAll(() => test?.close());

  it('sets BBC codes, priority and sub-reporting codes; priority climbs to the goal and theme as inherited', async () => {
    beforePriority = new Date().toISOString();
    await reporting(themeId, { bbcCode: 'BD1' });
    await reporting(goalA, { bbcCode: 'AP1.1', subReportingCode: 'SR-01' });
    await reporting(actions[0]!, { bbcCode: 'AC1.1.1', priority: true });
    const [theme] = (await tree()).themes;
    expect(theme).toMatchObject({
      bbcCode: 'BD1',
      priority: false,
      effectivePriority: true,
      priorityInherited: true,
    });
    const [a, b] = theme!.goals;
    expect(a).toMatchObject({ bbcCode: 'AP1.1', subReportingCode: 'SR-01', effectivePriority: true });
    expect(b).toMatchObject({ bbcCode: null, effectivePriority: false, priorityInherited: false });
    expect(a!.actions[0]).toMatchObject({ bbcCode: 'AC1.1.1', priority: true, effectivePriority: true });

    const list = async (query: string) =>
      (
        (await test.http.get(`/api/plans/${planId}/actions?${query}`).set(coordinator()).expect(200))
          .body as ActionList
      ).items;
    expect((await list('priority=true')).map((item) => item.id)).toEqual([actions[0]]);
    expect((await list('priority=false')).map((item) => item.id)).toEqual([actions[1], actions[2]]);
    expect((await list('q=ac1.1.1')).map((item) => [item.id, item.bbcCode, item.priority])).toEqual([
      [actions[0], 'AC1.1.1', true],
    ]);
    expect((await list('bbcCode=ac1.1.1')).map((item) => item.id)).toEqual([actions[0]]);
    const detail = await test.http.get(`/api/actions/${actions[0]}`).set(coordinator()).expect(200);
    expect(detail.body).toMatchObject({
      bbcCode: 'AC1.1.1',
      priority: true,
      subReportingCode: null,
      weight: 1,
    });
  });

  it('keeps BBC codes unique in the plan and refuses bad input with a clear 4xx', async () => {
    const taken = await reporting(goalB, { bbcCode: 'bd1' }, 409);
    expect(taken.body).toMatchObject({ code: 'PLAN.BBC_CODE_TAKEN', details: { bbcCode: 'bd1' } });
    const bad = await test.http
      .patch(`/api/plans/${planId}/nodes/${goalB}/reporting`)
      .set(coordinator())
      .send({ bbcCode: 'AP 1.2', weight: -1 })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/bbcCode/);
    expect(JSON.stringify(bad.body)).toMatch(/weight/);
    const unknown = await test.http
      .patch(`/api/plans/${planId}/nodes/${randomUUID()}/reporting`)
      .set(coordinator())
      .send({ priority: true });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'PLAN.NODE_NOT_FOUND']);
    const same = await test.http
      .patch(`/api/plans/${planId}/nodes/${themeId}/reporting`)
      .set(coordinator())
      .send({ bbcCode: 'BD1' })
      .expect(422);
    expect(same.body.code).toBe('PLAN.NO_CHANGE');
    const member = await test.http
      .patch(`/api/plans/${planId}/nodes/${themeId}/reporting`)
      .set(bearer(fx.users.member.token))
      .send({ priority: true })
      .expect(403);
    expect(member.body.code).toBe('AUTH.FORBIDDEN');
  });

  it("weights the goal's progress by its actions' weights, and the theme's by its goals'", async () => {
    const progress = async (actionId: string, percent: number) =>
      settle(await post(`/api/actions/${actionId}/progress`, { percent }, 200));
    await progress(actions[0]!, 100);
    await progress(actions[1]!, 40);
    await progress(actions[2]!, 0);
    await reporting(actions[0]!, { weight: 3 });
    await reporting(goalB, { weight: 0.5 });
    const [theme] = (await tree()).themes;
    // goal A: (3×100 + 1×40) / 4 = 85; goal B: 0; theme: (1×85 + 0.5×0) / 1.5 = 56.7
    expect(theme!.goals.map((goal) => goal.progress)).toEqual([85, 0]);
    expect(theme!.progress).toBe(56.7);
    expect(theme!.goals[1]!.weight).toBe(0.5);
    const dashboard = (await test.http.get(`/api/plans/${planId}/dashboard`).set(coordinator()).expect(200))
      .body as Dashboard;
    // the theme is priority only through its action: inherited, as in the tree (never as if marked itself)
    expect(dashboard.themes[0]).toMatchObject({
      bbcCode: 'BD1',
      priority: false,
      effectivePriority: true,
      priorityInherited: true,
      weightedProgress: 56.7,
    });
    // as it stood before the action was marked: not priority at all
    const then = (
      await test.http
        .get(`/api/plans/${planId}/dashboard?asOf=${beforePriority}`)
        .set(coordinator())
        .expect(200)
    ).body as Dashboard;
    expect(then.themes[0]).toMatchObject({
      priority: false,
      effectivePriority: false,
      priorityInherited: false,
    });
    expect(dashboard.priorityActions).toBe(1);
    expect(dashboard.rules.progress.nl).toMatch(/Gewogen gemiddelde/);
  });

  it('indicators: target per year, measurements, status, correction and the roll-up to goal, theme and dashboard', async () => {
    const define = async (nodeId: string, body: object) =>
      (await settle(await post(`/api/plans/${planId}/indicators`, { nodeId, ...body }, 201))).body
        .id as string;
    const housed = await define(actions[0]!, {
      name: 'Mensen gehuisvest',
      unit: 'personen',
      direction: 'higher_is_better',
    });
    const waiting = await define(goalB, {
      name: 'Wachtlijst',
      unit: 'gezinnen',
      direction: 'lower_is_better',
      baselineValue: 120,
      baselineYear: 2025,
      attentionMarginPct: 20,
    });
    const target = (id: string, year: number, value: number | null) =>
      test.http
        .put(`/api/indicators/${id}/targets/${year}`)
        .set(coordinator())
        .send({ value })
        .expect(200)
        .then(settle);
    await target(housed, 2026, 40);
    await target(waiting, 2026, 100);
    const measure = async (id: string, value: number, date: string) =>
      (await settle(await post(`/api/indicators/${id}/measurements`, { value, date, source: 'OCMW' }, 201)))
        .body as {
        measurementId: string;
      };
    await measure(housed, 20, '2026-03-31');
    const last = await measure(housed, 37, '2026-06-30'); // 7.5 % short of 40: attention
    await measure(waiting, 95, '2026-06-30'); // at or below 100: on track

    const get = async (id: string) =>
      (await test.http.get(`/api/indicators/${id}`).set(coordinator()).expect(200)).body as IndicatorDetail;
    expect(await get(housed)).toMatchObject({
      nodeKind: 'action',
      status: 'attention',
      statusYear: 2026,
      statusTarget: 40,
      latest: { value: 37, date: '2026-06-30' },
      measurementCount: 2,
    });
    expect((await get(housed)).statusRule.nl).toMatch(/tot 10% van de streefwaarde/);
    expect(await get(waiting)).toMatchObject({ nodeKind: 'goal', status: 'on_track', baselineValue: 120 });

    let [theme] = (await tree()).themes;
    expect(theme!.goals[0]!.indicators.status).toBe('attention');
    expect(theme!.goals[1]!.indicators.status).toBe('on_track');
    expect(theme!.indicators).toEqual({
      status: 'attention',
      counts: { on_track: 1, attention: 1, off_track: 0, no_data: 0 },
    });

    // a correction is a new event: the measurement keeps its first value beside the corrected one
    await test.http
      .post(`/api/indicators/${housed}/measurements/${last.measurementId}/correct`)
      .set(coordinator())
      .send({ value: 30, reason: 'dubbel geteld' })
      .expect(200)
      .then(settle);
    const corrected = await get(housed);
    expect(corrected.status).toBe('off_track');
    expect(corrected.measurements[0]).toMatchObject({
      value: 30,
      date: '2026-06-30',
      correction: { reason: 'dubbel geteld', originalValue: 37 },
    });
    expect(corrected.measurements[1]).toMatchObject({ value: 20, correction: null });
    [theme] = (await tree()).themes;
    expect(theme!.indicators.status).toBe('off_track');
    const dashboard = (await test.http.get(`/api/plans/${planId}/dashboard`).set(coordinator()).expect(200))
      .body as Dashboard;
    expect(dashboard.indicators.status).toBe('off_track');
    expect(dashboard.themes[0]!.indicators.counts.off_track).toBe(1);

    const listed = (
      await test.http.get(`/api/plans/${planId}/indicators`).set(bearer(fx.users.viewer.token)).expect(200)
    ).body as PlanIndicators;
    expect(listed.items.map((item) => [item.name, item.status]).sort()).toEqual([
      ['Mensen gehuisvest', 'off_track'],
      ['Wachtlijst', 'on_track'],
    ]);
    const onGoal = (
      await test.http.get(`/api/plans/${planId}/indicators?nodeId=${goalB}`).set(coordinator()).expect(200)
    ).body as PlanIndicators;
    expect(onGoal.items.map((item) => item.id)).toEqual([waiting]);

    // archived: out of the list and the roll-up
    await test.http
      .post(`/api/indicators/${housed}/archive`)
      .set(coordinator())
      .send({ reason: 'weg' })
      .expect(200)
      .then(settle);
    [theme] = (await tree()).themes;
    expect(theme!.indicators.status).toBe('on_track');
    const after = (await test.http.get(`/api/plans/${planId}/indicators`).set(coordinator()).expect(200))
      .body as PlanIndicators;
    expect(after.items.map((item) => item.id)).toEqual([waiting]);
    const refused = await post(
      `/api/indicators/${housed}/measurements`,
      { value: 1, date: '2026-07-01' },
      422,
    );
    expect(refused.body.code).toBe('INDICATOR.ARCHIVED');
  });

  it('refuses bad indicator input with the error naming what is wrong', async () => {
    const unknownNode = await post(
      `/api/plans/${planId}/indicators`,
      { nodeId: randomUUID(), name: 'X', direction: 'higher_is_better' },
      422,
    );
    expect(unknownNode.body).toMatchObject({ code: 'PLAN.NODE_UNKNOWN', details: { field: 'nodeId' } });
    const badDirection = await post(
      `/api/plans/${planId}/indicators`,
      { nodeId: goalA, name: 'X', direction: 'up' },
      400,
    );
    expect(JSON.stringify(badDirection.body)).toMatch(/direction/);
    const id = (
      await post(
        `/api/plans/${planId}/indicators`,
        { nodeId: goalA, name: 'Y', direction: 'higher_is_better' },
        201,
      )
    ).body.id as string;
    const badYear = await test.http
      .put(`/api/indicators/${id}/targets/20x6`)
      .set(coordinator())
      .send({ value: 1 })
      .expect(400);
    expect(badYear.body.details).toEqual({ field: 'year' });
    const badDate = await post(`/api/indicators/${id}/measurements`, { value: 1, date: '2026-02-30' }, 400);
    expect(JSON.stringify(badDate.body)).toMatch(/date/);
    const notNumber = await post(
      `/api/indicators/${id}/measurements`,
      { value: 'veel', date: '2026-02-03' },
      400,
    );
    expect(JSON.stringify(notNumber.body)).toMatch(/value/);
    await test.http.get(`/api/indicators/${randomUUID()}`).set(coordinator()).expect(404);
    const noPlan = await post(
      `/api/plans/${randomUUID()}/indicators`,
      { nodeId: goalA, name: 'Z', direction: 'higher_is_better' },
      404,
    );
    expect(noPlan.body.code).toBe('PLAN.NOT_FOUND');
  });

  it("importing a document keeps its BBC codes on the plan's themes, goals and actions", async () => {
    const text = readFileSync(new URL('../fixtures/plans/bbc-stadscodes.txt', import.meta.url), 'utf8');
    const imported = await settle(await post('/api/plans/import', { text }, 200));
    const plan = (
      await test.http
        .get(`/api/plans/${imported.body.planId}?minPosition=${imported.body.position}`)
        .set(coordinator())
        .expect(200)
    ).body as PlanTree;
    const [first] = plan.themes;
    expect([first!.code, first!.bbcCode]).toEqual(['6', 'ST01BD06']);
    expect([first!.goals[1]!.code, first!.goals[1]!.bbcCode]).toEqual(['6.2', 'ST01BD06AP02']);
    expect(first!.goals[1]!.actions.map((action) => action.bbcCode)).toEqual([
      'ST01BD06AP02AC01',
      'ST01BD06AP02AC02',
      'ST01BD06AP02AC03',
    ]);
    const listed = (
      await test.http
        .get(
          `/api/plans/${imported.body.planId}/actions?q=ST02BD01AP01AC01&minPosition=${imported.body.position}`,
        )
        .set(coordinator())
        .expect(200)
    ).body as ActionList;
    expect(listed.items.map((item) => item.code)).toEqual(['1.1.1']);
  });
});
