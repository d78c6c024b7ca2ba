import { randomUUID } from 'node:crypto';
import { systemContext, type CommandContext } from '#commands';
import type { ActionCommand, IndicatorCommand } from '#domain';
import { bearer, login, PASSWORD, startTestApi, type TestApi } from '../support/api-harness.js';

interface Item {
  id: string;
  code: string;
  title: string;
  status: string;
  progress: number | null;
  ownerId: string | null;
  dueDate: string | null;
  overdue: boolean;
}
interface ListBody {
  items: Item[];
  total: number;
  asOf?: string;
  position: string;
}
interface TreeBody {
  title: string;
  asOf?: string;
  position: string;
  themes: { goals: { actions: { id: string; title: string; status: string }[] }[] }[];
}
interface DashboardBody {
  total: number;
  byStatus: Record<string, number>;
  progress: number | null;
  today: string;
  asOf?: string;
  position: string;
  themes: { id: string; byStatus: Record<string, number> }[];
}
interface ChangesBody {
  from: string;
  to: string;
  fromPosition: string;
  toPosition: string;
  actions: {
    actionId: string;
    code: string;
    kind: string;
    fields: { field: string; before: unknown; after: unknown; changedBy: { name: string } | null }[];
    actors: { name: string }[];
  }[];
  counts: {
    before: { total: number; byStatus: Record<string, number> };
    after: { total: number; byStatus: Record<string, number> };
    themes: { id: string; before: { total: number }; after: { total: number } }[];
  };
}

/**
 * Issue 16, "the plan as it stood on any date": every read of the plan `?asOf=` answers what the system knew
 * then. The tenant's history is written with a demo clock (backdated `now`, in order, as the demo does), around
 * the Belgian midnights and both daylight-saving changes of 2025; then people log in and change things live.
 */
describe('asOf: the plan as it stood on any date', () => {
  let test: TestApi;
  const tenantId = 'asof';
  const planId = randomUUID();
  const themeId = randomUUID();
  const goalId = randomUUID();
  const partnerId = randomUUID();
  const a1 = randomUUID();
  const a2 = randomUUID();
  const indicatorId = randomUUID();
  const m1 = randomUUID();
  const m2 = randomUUID();
  const signalId = randomUUID();
  let coordinator: { id: string; token: string };
  let partnerToken = '';
  let viewerToken = '';
  let lastPosition = '';

  const at = (now: string): CommandContext => ({ ...systemContext(tenantId), now });
  const get = async <T>(path: string, token = coordinator.token, status = 200): Promise<T> =>
    (await test.http.get(path).set(bearer(token)).expect(status)).body as T;
  const list = (query: string, token?: string) =>
    get<ListBody>(`/api/plans/${planId}/actions?${query}`, token);
  const treeAction = (tree: TreeBody, id: string) =>
    tree.themes.flatMap((t) => t.goals.flatMap((g) => g.actions)).find((a) => a.id === id);

  beforeAll(async () => {
    test = await startTestApi();
    const { commands, userAdmin } = test.api.runtime;
    const start = at('2025-03-01T10:00:00.000Z');
    await userAdmin.createTenant(tenantId, 'Stad asof', false, start);
    await commands.partner(
      partnerId,
      { type: 'RegisterPartner', data: { partnerId, name: 'CAW', kind: 'non_profit' } },
      start,
    );
    const reg = await userAdmin.register(
      {
        email: 'regie@asof.test',
        name: 'Regie Asof',
        role: 'coordinator',
        partnerId: null,
        password: PASSWORD,
      },
      start,
    );
    await userAdmin.register(
      { email: 'caw@asof.test', name: 'Partner Asof', role: 'partner', partnerId, password: PASSWORD },
      start,
    );
    await userAdmin.register(
      { email: 'kijk@asof.test', name: 'Viewer Asof', role: 'viewer', partnerId: null, password: PASSWORD },
      start,
    );
    coordinator = { id: reg.id, token: '' };
    const actor = (now: string): CommandContext => ({ ...at(now), actorId: reg.id });
    await commands.plan(
      planId,
      {
        type: 'CreatePlan',
        data: {
          planId,
          title: 'Plan asof',
          description: '',
          periodStart: '2025-01-01',
          periodEnd: '2025-12-31',
        },
      },
      start,
    );
    await commands.plan(
      planId,
      { type: 'AddTheme', data: { planId, themeId, code: '1', title: 'Wonen', leadPartnerId: null } },
      start,
    );
    await commands.plan(
      planId,
      { type: 'AddGoal', data: { planId, goalId, parentId: themeId, code: '1.1', title: 'Huisvesting' } },
      start,
    );
    for (const [actionId, code] of [
      [a1, '1.1.1'],
      [a2, '1.1.2'],
    ] as const) {
      await commands.addAction(
        planId,
        {
          actionId,
          planId,
          goalId,
          code,
          title: `Actie ${code}`,
          description: '',
          tags: [],
          citizenIdea: false,
        },
        start,
      );
    }
    const change = async (actionId: string, command: ActionCommand, now: string) => {
      lastPosition = (await commands.action(actionId, command, actor(now))).position;
    };
    // spring forward: 2025-03-30 02:00 CET becomes 03:00 CEST
    await change(
      a1,
      { type: 'ChangeActionStatus', data: { actionId: a1, to: 'in_progress' } },
      '2025-03-29T22:30:00.000Z',
    ); // 29/03 23:30 CET
    await change(
      a1,
      { type: 'ReportActionProgress', data: { actionId: a1, percent: 30 } },
      '2025-03-29T23:30:00.000Z',
    ); // 30/03 00:30 CET
    await change(
      a1,
      { type: 'EditAction', data: { actionId: a1, title: 'Housing First' } },
      '2025-03-30T21:30:00.000Z',
    ); // 30/03 23:30 CEST
    await change(
      a1,
      { type: 'ReportActionProgress', data: { actionId: a1, percent: 60 } },
      '2025-03-30T22:30:00.000Z',
    ); // 31/03 00:30 CEST
    // fall back: 2025-10-26 03:00 CEST becomes 02:00 CET
    await change(
      a2,
      { type: 'ChangeActionOwner', data: { actionId: a2, ownerId: partnerId } },
      '2025-10-25T22:30:00.000Z',
    ); // 26/10 00:30 CEST
    await change(
      a2,
      { type: 'SetActionDueDate', data: { actionId: a2, dueDate: '2025-10-26' } },
      '2025-10-26T22:30:00.000Z',
    ); // 26/10 23:30 CET
    await change(
      a2,
      { type: 'ChangeActionStatus', data: { actionId: a2, to: 'in_progress' } },
      '2025-10-26T23:30:00.000Z',
    ); // 27/10 00:30 CET
    // November: an indicator on the goal and a signal on a1, changed after the 7th
    const indicator = async (command: IndicatorCommand, now: string) => {
      lastPosition = (await commands.indicator(indicatorId, command, actor(now))).position;
    };
    await indicator(
      {
        type: 'DefineIndicator',
        data: {
          indicatorId,
          planId,
          nodeId: goalId,
          nodeKind: 'goal',
          name: 'Plaatsen in de opvang',
          direction: 'higher_is_better',
        },
      },
      '2025-11-03T09:00:00.000Z',
    );
    await indicator(
      { type: 'SetIndicatorTarget', data: { indicatorId, year: 2025, value: 100 } },
      '2025-11-03T09:01:00.000Z',
    );
    await indicator(
      {
        type: 'RecordMeasurement',
        data: { indicatorId, measurementId: m1, value: 95, date: '2025-11-01' },
      },
      '2025-11-03T09:02:00.000Z',
    );
    lastPosition = (
      await commands.signals.submit(
        { signalId, partnerId, text: 'Wachtlijst te lang', actionIds: [a1] },
        actor('2025-11-05T10:00:00.000Z'),
      )
    ).position;
    // after 7/11: renamed, a lower measurement (off track), the first one corrected, the signal answered
    await indicator(
      { type: 'RedefineIndicator', data: { indicatorId, name: 'Opvangplaatsen' } },
      '2025-11-10T09:00:00.000Z',
    );
    await indicator(
      {
        type: 'RecordMeasurement',
        data: { indicatorId, measurementId: m2, value: 40, date: '2025-11-09' },
      },
      '2025-11-10T09:01:00.000Z',
    );
    await indicator(
      {
        type: 'CorrectMeasurement',
        data: { indicatorId, measurementId: m1, value: 97, reason: 'telfout' },
      },
      '2025-11-10T09:02:00.000Z',
    );
    await indicator(
      { type: 'SetIndicatorTarget', data: { indicatorId, year: 2025, value: 120 } },
      '2025-11-10T09:03:00.000Z',
    );
    lastPosition = (
      await commands.signals.answer(signalId, 'Extra plaatsen in december', actor('2025-11-10T10:00:00.000Z'))
    ).position;
    await test.api.runtime.runner.waitForPosition(lastPosition, { timeoutMs: 20_000 });
    coordinator.token = await login(test, 'regie@asof.test');
    partnerToken = await login(test, 'caw@asof.test');
    viewerToken = await login(test, 'kijk@asof.test');
  });

  afterAll(async () => {
    await test?.close();
  });

  it('answers the action as of a date: the end of that day in Belgian time, across spring forward', async () => {
    const detail = (asOf: string) =>
      get<Item & { asOf: string; position: string }>(`/api/actions/${a1}?asOf=${asOf}`);
    const d29 = await detail('2025-03-29');
    expect(d29).toMatchObject({ status: 'in_progress', progress: null, title: 'Actie 1.1.1' });
    // 29/03 ends at 23:00 UTC in winter time
    expect(d29.asOf).toBe('2025-03-29T22:59:59.999Z');
    const d30 = await detail('2025-03-30');
    expect(d30).toMatchObject({ progress: 30, title: 'Housing First' });
    // 30/03 ends at 22:00 UTC in summer time: the change at 22:30 UTC belongs to 31/03
    expect(d30.asOf).toBe('2025-03-30T21:59:59.999Z');
    expect((await detail('2025-03-31')).progress).toBe(60);
    // instants: inclusive, with any offset
    expect((await detail('2025-03-29T23:29:59Z')).progress).toBeNull();
    expect((await detail('2025-03-29T23:30:00Z')).progress).toBe(30);
    expect((await detail('2025-03-30T01:30:00%2B02:00')).progress).toBe(30);
    // the position the answer reflects moves with the moment
    expect(d29.position < d30.position).toBe(true);
  });

  it('answers across fall back, and overdue as it was on that day', async () => {
    const detail = (asOf: string) => get<Item>(`/api/actions/${a2}?asOf=${asOf}`);
    expect((await detail('2025-10-25')).ownerId).toBeNull();
    const d26 = await detail('2025-10-26');
    expect(d26).toMatchObject({
      ownerId: partnerId,
      dueDate: '2025-10-26',
      status: 'not_started',
      overdue: false,
    });
    const d27 = await detail('2025-10-27');
    // due 26/10: overdue on 27/10 (in progress, not closed)
    expect(d27).toMatchObject({ status: 'in_progress', overdue: true });
  });

  it('answers the plan tree, the filtered list, the dashboard and the history as they stood', async () => {
    const before = '2025-03-15';
    const after = '2025-04-01';
    const tree0 = await get<TreeBody>(`/api/plans/${planId}?asOf=${before}`);
    const tree1 = await get<TreeBody>(`/api/plans/${planId}?asOf=${after}`);
    expect(treeAction(tree0, a1)).toMatchObject({ status: 'not_started', title: 'Actie 1.1.1' });
    expect(treeAction(tree1, a1)).toMatchObject({ status: 'in_progress', title: 'Housing First' });
    expect(tree1.asOf).toBe('2025-04-01T21:59:59.999Z');

    const inProgress0 = await list(`status=in_progress&asOf=${before}`);
    const inProgress1 = await list(`status=in_progress&asOf=${after}`);
    expect(inProgress0.items).toEqual([]);
    expect(inProgress1.items.map((i) => i.id)).toEqual([a1]);
    expect(inProgress1.asOf).toBe('2025-04-01T21:59:59.999Z');
    // text search over the titles of then
    expect((await list(`q=housing&asOf=${before}`)).total).toBe(0);
    expect((await list(`q=housing&asOf=${after}`)).total).toBe(1);
    // sorted by progress as it was
    expect((await list(`sort=-progress&asOf=2025-03-30`)).items.map((i) => i.progress)).toEqual([30, null]);

    const dash0 = await get<DashboardBody>(`/api/plans/${planId}/dashboard?asOf=${before}`);
    const dash1 = await get<DashboardBody>(`/api/plans/${planId}/dashboard?asOf=${after}`);
    expect(dash0.byStatus).toMatchObject({ not_started: 2, in_progress: 0 });
    expect(dash1.byStatus).toMatchObject({ not_started: 1, in_progress: 1 });
    expect(dash1.progress).toBe(30); // (60 + 0) / 2
    expect(dash1.today).toBe('2025-04-01');
    expect(dash1.themes[0]!.byStatus.in_progress).toBe(1);

    const history = (asOf: string) =>
      get<{ items: { type: string; actor: { name: string } }[]; asOf: string }>(
        `/api/actions/${a1}/history?asOf=${asOf}`,
      );
    expect((await history(before)).items.map((i) => i.type)).toEqual(['ActionAdded']);
    const h1 = await history(after);
    expect(h1.items.map((i) => i.type)).toEqual([
      'ActionAdded',
      'ActionStatusChanged',
      'ActionProgressReported',
      'ActionTitleChanged',
      'ActionProgressReported',
    ]);
    expect(h1.items[1]!.actor.name).toBe('Regie Asof');
  });

  it('answers what changed between two moments: fields before and after, who, counts per status and theme', async () => {
    const changes = await get<ChangesBody>(`/api/plans/${planId}/changes?from=2025-03-15&to=2025-04-01`);
    expect(changes.from).toBe('2025-03-15T22:59:59.999Z');
    expect(changes.to).toBe('2025-04-01T21:59:59.999Z');
    expect(changes.fromPosition < changes.toPosition).toBe(true);
    expect(changes.actions.map((a) => a.actionId)).toEqual([a1]);
    const [change] = changes.actions;
    expect(change!.kind).toBe('changed');
    const fields = Object.fromEntries(change!.fields.map((f) => [f.field, f]));
    expect(Object.keys(fields).sort()).toEqual(['progress', 'status', 'title']);
    expect(fields.status).toMatchObject({ before: 'not_started', after: 'in_progress' });
    expect(fields.progress).toMatchObject({ before: null, after: 60 });
    expect(fields.title).toMatchObject({ before: 'Actie 1.1.1', after: 'Housing First' });
    expect(fields.status!.changedBy?.name).toBe('Regie Asof');
    expect(change!.actors.map((a) => a.name)).toEqual(['Regie Asof']);
    expect(changes.counts.before.byStatus).toMatchObject({ not_started: 2, in_progress: 0 });
    expect(changes.counts.after.byStatus).toMatchObject({ not_started: 1, in_progress: 1 });
    expect(changes.counts.themes).toEqual([
      expect.objectContaining({ id: themeId, before: expect.objectContaining({ total: 2 }) }),
    ]);

    // the owner as a name, from the autumn
    const autumn = await get<ChangesBody>(`/api/plans/${planId}/changes?from=2025-10-25&to=2025-10-27`);
    const owner = autumn.actions[0]!.fields.find((f) => f.field === 'owner');
    expect(owner).toMatchObject({ before: null, after: { id: partnerId, name: 'CAW' } });
    // a partner sees only its organisation's actions
    const partner = await get<ChangesBody>(
      `/api/plans/${planId}/changes?from=2025-03-01&to=2025-12-31`,
      partnerToken,
    );
    expect(partner.actions.map((a) => a.actionId)).toEqual([a2]);
    expect(partner.counts.after.total).toBe(1);
    // a viewer may read it; `to` defaults to now
    const viewer = await get<ChangesBody>(`/api/plans/${planId}/changes?from=2025-03-01`, viewerToken);
    expect(viewer.actions.map((a) => a.actionId).sort()).toEqual([a1, a2].sort());
  });

  it('answers the status counts per month over the plan period, each month as it stood at its end', async () => {
    const trend = await get<{
      months: { month: string; asOf: string; total: number; byStatus: Record<string, number> }[];
    }>(`/api/plans/${planId}/trend`);
    // the plan runs 2025: twelve months (today is after it)
    expect(trend.months.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    );
    const month = (key: string) => trend.months.find((m) => m.month === key)!;
    expect(month('2025-02').total).toBe(0); // the plan was made on 1/3
    expect(month('2025-02').asOf).toBe('2025-02-28T22:59:59.999Z');
    expect(month('2025-03')).toMatchObject({
      total: 2,
      byStatus: expect.objectContaining({ in_progress: 1 }),
    });
    expect(month('2025-03').asOf).toBe('2025-03-31T21:59:59.999Z');
    expect(month('2025-09').byStatus).toMatchObject({ in_progress: 1, not_started: 1 });
    expect(month('2025-10').byStatus).toMatchObject({ in_progress: 2, not_started: 0 });
  });

  it('applies the partner rule to past lists: a partner sees the actions its organisation had then', async () => {
    expect((await list('asOf=2025-10-25', partnerToken)).items).toEqual([]);
    expect((await list('asOf=2025-10-26', partnerToken)).items.map((i) => i.id)).toEqual([a2]);
  });

  it('answers the indicators as they stood: name, targets, latest measurement, status and roll-ups', async () => {
    interface IndicatorBody {
      name: string;
      targets: { year: number; value: number }[];
      latest: { value: number; date: string } | null;
      status: string;
      measurementCount: number;
      asOf?: string;
    }
    const indicators = (asOf: string) =>
      get<{ items: IndicatorBody[]; asOf?: string }>(`/api/plans/${planId}/indicators?asOf=${asOf}`);
    const detail = (asOf: string) =>
      get<IndicatorBody & { measurements: { value: number; correction: unknown }[] }>(
        `/api/indicators/${indicatorId}?asOf=${asOf}`,
      );
    const goalStatus = (tree: TreeBody & { themes: { goals: { indicators: { status: string } }[] }[] }) =>
      tree.themes[0]!.goals[0]!.indicators.status;

    // not defined yet on 2/11
    expect((await indicators('2025-11-02')).items).toEqual([]);
    await get(`/api/indicators/${indicatorId}?asOf=2025-11-02`, undefined, 404);

    const week1 = await indicators('2025-11-07');
    expect(week1.asOf).toBe('2025-11-07T22:59:59.999Z');
    expect(week1.items).toEqual([
      expect.objectContaining({
        name: 'Plaatsen in de opvang',
        targets: [{ year: 2025, value: 100 }],
        latest: expect.objectContaining({ value: 95, date: '2025-11-01' }),
        status: 'attention',
        measurementCount: 1,
      }),
    ]);
    const detail1 = await detail('2025-11-07');
    expect(detail1).toMatchObject({ name: 'Plaatsen in de opvang', status: 'attention' });
    expect(detail1.measurements).toEqual([expect.objectContaining({ value: 95, correction: null })]);
    const tree1 = await get<TreeBody & { themes: { goals: { indicators: { status: string } }[] }[] }>(
      `/api/plans/${planId}?asOf=2025-11-07`,
    );
    expect(goalStatus(tree1)).toBe('attention');
    const dash1 = await get<DashboardBody & { indicators: { status: string } }>(
      `/api/plans/${planId}/dashboard?asOf=2025-11-07`,
    );
    expect(dash1.indicators.status).toBe('attention');

    // after the changes of 10/11, and today
    for (const suffix of ['?asOf=2025-11-11', '']) {
      const items = (await get<{ items: IndicatorBody[] }>(`/api/plans/${planId}/indicators${suffix}`)).items;
      expect(items).toEqual([
        expect.objectContaining({
          name: 'Opvangplaatsen',
          targets: [{ year: 2025, value: 120 }],
          latest: expect.objectContaining({ value: 40 }),
          status: 'off_track',
          measurementCount: 2,
        }),
      ]);
      const tree = await get<TreeBody & { themes: { goals: { indicators: { status: string } }[] }[] }>(
        `/api/plans/${planId}${suffix}`,
      );
      expect(goalStatus(tree)).toBe('off_track');
    }
    const detail2 = await detail('2025-11-11');
    expect(detail2.measurements.map((m) => m.value)).toEqual([40, 97]);
    expect(detail2.measurements[1]!.correction).toMatchObject({ reason: 'telfout', originalValue: 95 });
    // without asOf the answer names no moment
    expect((await get<{ asOf?: string }>(`/api/plans/${planId}/indicators`)).asOf).toBeUndefined();
  });

  it("answers the signals as they stood: the inbox, one signal, and an action's signals", async () => {
    interface SignalBody {
      id: string;
      status: string;
      response: string | null;
      answered: boolean;
    }
    const inbox = (query: string, token?: string) =>
      get<{ items: SignalBody[]; total: number; asOf?: string }>(`/api/signals?${query}`, token);
    expect((await inbox('asOf=2025-11-04')).items).toEqual([]);
    await get(`/api/signals/${signalId}?asOf=2025-11-04`, undefined, 404);

    const week1 = await inbox(`actionId=${a1}&asOf=2025-11-07`);
    expect(week1.asOf).toBe('2025-11-07T22:59:59.999Z');
    expect(week1.items).toEqual([
      expect.objectContaining({ id: signalId, status: 'submitted', response: null, answered: false }),
    ]);
    expect(await get<SignalBody>(`/api/signals/${signalId}?asOf=2025-11-07`)).toMatchObject({
      status: 'submitted',
      response: null,
    });
    // filters work on the state of then
    expect((await inbox('status=answered&asOf=2025-11-07')).total).toBe(0);
    expect((await inbox('status=answered&asOf=2025-11-11')).total).toBe(1);
    // the partner's inbox (its organisation's signals), as of then
    expect((await inbox('asOf=2025-11-07', partnerToken)).items.map((i) => i.status)).toEqual(['submitted']);

    for (const suffix of ['&asOf=2025-11-11', '']) {
      expect((await inbox(`actionId=${a1}${suffix}`)).items).toEqual([
        expect.objectContaining({ status: 'answered', response: 'Extra plaatsen in december' }),
      ]);
    }
    // the action's signal count as of then
    expect(
      (await get<Item & { signalCount: number }>(`/api/actions/${a1}?asOf=2025-11-04`)).signalCount,
    ).toBe(0);
    expect(
      (await get<Item & { signalCount: number }>(`/api/actions/${a1}?asOf=2025-11-07`)).signalCount,
    ).toBe(1);
  });

  it('answers 404 for a plan that did not exist yet, 400 naming the field for a bad moment', async () => {
    await get(`/api/plans/${planId}?asOf=2025-02-01`, undefined, 404);
    await get(`/api/plans/${planId}/dashboard?asOf=2025-02-01`, undefined, 404);
    await get(`/api/actions/${a1}?asOf=2025-02-01`, undefined, 404);
    for (const bad of ['yesterday', '2025-02-30', '2025-06-30T12:00:00', '2025-06-30T25:00:00Z', '']) {
      for (const path of [
        `/api/plans/${planId}?asOf=${bad}`,
        `/api/plans/${planId}/actions?asOf=${bad}`,
        `/api/plans/${planId}/actions/download?asOf=${bad}`,
        `/api/plans/${planId}/dashboard?asOf=${bad}`,
        `/api/actions/${a1}?asOf=${bad}`,
        `/api/actions/${a1}/history?asOf=${bad}`,
        `/api/plans/${planId}/indicators?asOf=${bad}`,
        `/api/indicators/${indicatorId}?asOf=${bad}`,
        `/api/signals?asOf=${bad}`,
        `/api/signals/${signalId}?asOf=${bad}`,
      ]) {
        const body = await get<{ code: string; details: { field: string }[] }>(path, undefined, 400);
        expect(body.code).toBe('REQUEST.VALIDATION_FAILED');
        expect(body.details.map((d) => d.field)).toContain('asOf');
      }
    }
    const noFrom = await get<{ details: { field: string }[] }>(
      `/api/plans/${planId}/changes`,
      undefined,
      400,
    );
    expect(noFrom.details.map((d) => d.field)).toContain('from');
    const reversed = await get<{ details: { field: string }[] }>(
      `/api/plans/${planId}/changes?from=2025-05-01&to=2025-04-01`,
      undefined,
      400,
    );
    expect(reversed.details.map((d) => d.field)).toContain('from');
  });

  it('answers the old state before a live change and the new state after it; without asOf, today', async () => {
    const beforeChange = new Date().toISOString();
    const write = await test.http
      .post(`/api/actions/${a1}/status`)
      .set(bearer(coordinator.token))
      .send({ status: 'realised' })
      .expect(200);
    await test.api.runtime.runner.waitForPosition((write.body as { position: string }).position, {
      timeoutMs: 5000,
    });
    const afterChange = new Date().toISOString();
    const old = await get<Item>(`/api/actions/${a1}?asOf=${beforeChange}`);
    const now = await get<Item>(`/api/actions/${a1}?asOf=${afterChange}`);
    expect(old.status).toBe('in_progress');
    expect(now.status).toBe('realised');
    const current = await get<Item & { asOf?: string }>(`/api/actions/${a1}`);
    expect(current.status).toBe('realised');
    expect(current.asOf).toBeUndefined();
    const dash = await get<DashboardBody>(`/api/plans/${planId}/dashboard?asOf=${beforeChange}`);
    expect(dash.byStatus.realised).toBe(0);
    expect((await get<DashboardBody>(`/api/plans/${planId}/dashboard`)).byStatus.realised).toBe(1);
    const changes = await get<ChangesBody>(`/api/plans/${planId}/changes?from=${beforeChange}`);
    expect(changes.actions[0]!.fields.find((f) => f.field === 'status')).toMatchObject({
      before: 'in_progress',
      after: 'realised',
    });
    // the download answers the list as of then
    const csv = await test.http
      .get(`/api/plans/${planId}/actions/download?format=csv&asOf=${beforeChange}`)
      .set(bearer(coordinator.token))
      .expect(200);
    expect(csv.text).toContain('Lopend');
    expect(csv.text).not.toContain('Gerealiseerd');
  });

  it("keeps access today's: an organisation taken off an action no longer sees its past either", async () => {
    // the partner led a2 from 26/10/2025 (above); the lead is removed today
    const write = await test.http
      .put(`/api/actions/${a2}/owner`)
      .set(bearer(coordinator.token))
      .send({ ownerId: null })
      .expect(200);
    await test.api.runtime.runner.waitForPosition((write.body as { position: string }).position, {
      timeoutMs: 5000,
    });
    expect((await list('asOf=2025-10-26', partnerToken)).items).toEqual([]);
    const download = await test.http
      .get(`/api/plans/${planId}/actions/download?format=csv&asOf=2025-10-26`)
      .set(bearer(partnerToken))
      .expect(200);
    expect(download.text).not.toContain('Actie 1.1.2');
    const coordinatorDownload = await test.http
      .get(`/api/plans/${planId}/actions/download?format=csv&asOf=2025-10-26`)
      .set(bearer(coordinator.token))
      .expect(200);
    expect(coordinatorDownload.text).toContain('Actie 1.1.2');
    const changes = await get<ChangesBody>(
      `/api/plans/${planId}/changes?from=2025-03-01&to=2025-12-31`,
      partnerToken,
    );
    expect(changes.actions).toEqual([]);
    expect(changes.counts.after.total).toBe(0);
    // the coordinator still sees the past as it was
    expect((await list('asOf=2025-10-26')).items.map((i) => i.id)).toContain(a2);
  });
});
