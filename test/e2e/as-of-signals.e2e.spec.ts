import { randomUUID } from 'node:crypto';
import { systemContext, type CommandContext } from '#commands';
import { bearer, login, PASSWORD, startTestApi, type TestApi } from '../support/api-harness.js';

interface SignalBody {
  id: string;
  status: string;
  response: string | null;
  workingGroupIds: string[];
  asOf?: string;
}
interface SignalListBody {
  items: SignalBody[];
  total: number;
  asOf?: string;
}

/**
 * Issue 16, the signals as they stood on any date: besides a signal's own state, the working groups it belonged
 * to (the groups' scopes and the themes of its actions as they stood then) and the theme filter answer as of the
 * date; who may see it stays today's (docs/access.md "As of a past date"). The history is written with a
 * backdated clock, in order, as the demo does.
 *
 * The story: signal S on action a1 (goal g1 under theme t1) is submitted in March and acknowledged in April;
 * on 10/06 a1 moves to goal g2 under theme t2; on 15/07 S is answered; on 10/09 group w3's scope changes from
 * action a2 to action a1. Group w1 follows theme t1, w2 theme t2. So S belonged to w1 until 10/06, to w2 after,
 * and to w3 too from 10/09.
 */
describe('asOf: the signals as they stood, with their working groups and themes of then', () => {
  let test: TestApi;
  const tenantId = 'asofsignals';
  const planId = randomUUID();
  const [t1, t2] = [randomUUID(), randomUUID()];
  const [g1, g2] = [randomUUID(), randomUUID()];
  const [a1, a2] = [randomUUID(), randomUUID()];
  const [w1, w2, w3] = [randomUUID(), randomUUID(), randomUUID()];
  const partnerId = randomUUID();
  const signalId = randomUUID();
  let coordinatorToken = '';
  /** a member of w1 only: S left w1's scope on 10/06, so she does not see S today, nor in the past */
  let formerToken = '';
  /** a member of w2 only: S is in w2's scope from 10/06 */
  let laterToken = '';

  const at = (now: string): CommandContext => ({ ...systemContext(tenantId), now });
  const get = async <T>(path: string, token: string, status = 200): Promise<T> =>
    (await test.http.get(path).set(bearer(token)).expect(status)).body as T;
  const inbox = (query: string, token = coordinatorToken) =>
    get<SignalListBody>(`/api/signals?${query}`, token);
  const ids = (body: SignalListBody) => body.items.map((item) => item.id);

  beforeAll(async () => {
    test = await startTestApi();
    const { commands, userAdmin } = test.api.runtime;
    const start = at('2025-03-01T10:00:00.000Z');
    await userAdmin.createTenant(tenantId, 'Stad asof signalen', false, start);
    await commands.partner(
      partnerId,
      { type: 'RegisterPartner', data: { partnerId, name: 'CAW', kind: 'non_profit' } },
      start,
    );
    const user = (email: string, role: 'coordinator' | 'member') =>
      userAdmin.register({ email, name: email, role, partnerId: null, password: PASSWORD }, start);
    const coordinator = await user('regie@asofsignals.test', 'coordinator');
    const former = await user('vroeger@asofsignals.test', 'member');
    const later = await user('later@asofsignals.test', 'member');
    const actor = (now: string): CommandContext => ({ ...at(now), actorId: coordinator.id });
    await commands.plan(
      planId,
      {
        type: 'CreatePlan',
        data: { planId, title: 'Plan', description: '', periodStart: '2025-01-01', periodEnd: '2025-12-31' },
      },
      start,
    );
    for (const [themeId, goalId, code] of [
      [t1, g1, '1'],
      [t2, g2, '2'],
    ] as const) {
      await commands.plan(
        planId,
        { type: 'AddTheme', data: { planId, themeId, code, title: `Thema ${code}`, leadPartnerId: null } },
        start,
      );
      await commands.plan(
        planId,
        { type: 'AddGoal', data: { planId, goalId, parentId: themeId, code: `${code}.1`, title: 'Doel' } },
        start,
      );
    }
    for (const [actionId, code] of [
      [a1, '1.1.1'],
      [a2, '1.1.2'],
    ] as const)
      await commands.addAction(
        planId,
        {
          actionId,
          planId,
          goalId: g1,
          code,
          title: `Actie ${code}`,
          description: '',
          tags: [],
          citizenIdea: false,
        },
        start,
      );
    for (const [groupId, scope] of [
      [w1, { themeIds: [t1], actionIds: [] }],
      [w2, { themeIds: [t2], actionIds: [] }],
      [w3, { themeIds: [], actionIds: [a2] }],
    ] as const)
      await commands.workingGroup(
        groupId,
        {
          type: 'CreateWorkingGroup',
          data: { workingGroupId: groupId, planId, name: 'Groep', description: '', scope },
        },
        start,
      );
    for (const [groupId, userId] of [
      [w1, former.id],
      [w2, later.id],
    ] as const)
      await commands.workingGroup(
        groupId,
        { type: 'AddWorkingGroupMember', data: { workingGroupId: groupId, userId, role: 'member' } },
        start,
      );
    await commands.signals.submit(
      { signalId, partnerId, text: 'Wachtlijst te lang', actionIds: [a1] },
      actor('2025-03-05T10:00:00.000Z'),
    );
    await commands.signals.acknowledge(signalId, actor('2025-04-10T10:00:00.000Z'));
    await commands.planTree.moveAction(
      planId,
      { actionId: a1, goalId: g2, code: '2.1.1' },
      actor('2025-06-10T10:00:00.000Z'),
    );
    await commands.signals.answer(signalId, 'Extra plaatsen', actor('2025-07-15T10:00:00.000Z'));
    const last = await commands.workingGroup(
      w3,
      {
        type: 'ChangeWorkingGroupScope',
        data: { workingGroupId: w3, scope: { themeIds: [], actionIds: [a1] } },
      },
      actor('2025-09-10T10:00:00.000Z'),
    );
    await test.api.runtime.runner.waitForPosition(last.position, { timeoutMs: 20_000 });
    coordinatorToken = await login(test, 'regie@asofsignals.test');
    formerToken = await login(test, 'vroeger@asofsignals.test');
    laterToken = await login(test, 'later@asofsignals.test');
  });

  afterAll(async () => {
    await test?.close();
  });

  it("answers a signal's state and working groups as they stood before and after each change", async () => {
    const one = (date: string) => get<SignalBody>(`/api/signals/${signalId}?asOf=${date}`, coordinatorToken);
    expect(await one('2025-03-31')).toMatchObject({ status: 'submitted', workingGroupIds: [w1] });
    expect(await one('2025-05-31')).toMatchObject({ status: 'acknowledged', workingGroupIds: [w1] });
    // the action moved to theme t2 on 10/06: from then on the signal is w2's
    expect(await one('2025-06-30')).toMatchObject({ status: 'acknowledged', workingGroupIds: [w2] });
    expect(await one('2025-07-31')).toMatchObject({ status: 'answered', response: 'Extra plaatsen' });
    expect((await one('2025-07-31')).workingGroupIds).toEqual([w2]);
    // w3's scope took the action on 10/09
    expect((await one('2025-09-30')).workingGroupIds).toEqual([w2, w3].sort());
    const today = await get<SignalBody>(`/api/signals/${signalId}`, coordinatorToken);
    expect(today).toMatchObject({ status: 'answered', workingGroupIds: [w2, w3].sort() });
    expect(today.asOf).toBeUndefined();

    // the same in the inbox
    const items = async (query: string) => (await inbox(query)).items.find((item) => item.id === signalId);
    expect(await items('asOf=2025-05-31')).toMatchObject({ status: 'acknowledged', workingGroupIds: [w1] });
    expect(await items('asOf=2025-06-30')).toMatchObject({ workingGroupIds: [w2] });
  });

  it('filters on the themes and working groups of then', async () => {
    const cases: [string, boolean][] = [
      // the theme filter follows the action's theme of then
      [`asOf=2025-05-31&themeId=${t1}`, true],
      [`asOf=2025-05-31&themeId=${t2}`, false],
      [`asOf=2025-06-30&themeId=${t1}`, false],
      [`asOf=2025-06-30&themeId=${t2}`, true],
      [`themeId=${t1}`, false],
      [`themeId=${t2}`, true],
      // the working-group filter follows the groups' scopes of then
      [`asOf=2025-05-31&workingGroupId=${w1}`, true],
      [`asOf=2025-05-31&workingGroupId=${w2}`, false],
      [`asOf=2025-08-31&workingGroupId=${w3}`, false],
      [`asOf=2025-09-30&workingGroupId=${w3}`, true],
      [`workingGroupId=${w1}`, false],
    ];
    for (const [query, found] of cases)
      expect({ query, found: ids(await inbox(query)).includes(signalId) }).toEqual({ query, found });
    // a working group's own inbox as of then
    const groupInbox = (groupId: string, query: string) =>
      get<SignalListBody>(`/api/working-groups/${groupId}/signals?${query}`, coordinatorToken);
    expect(ids(await groupInbox(w1, 'asOf=2025-05-31'))).toEqual([signalId]);
    expect(ids(await groupInbox(w1, ''))).toEqual([]);
    expect(ids(await groupInbox(w3, 'asOf=2025-08-31'))).toEqual([]);
    expect(ids(await groupInbox(w3, 'asOf=2025-09-30'))).toEqual([signalId]);
  });

  it("keeps access today's: a member whose group lost the signal does not see it in the past either", async () => {
    // w1 held the signal until 10/06; its member does not see it today, so not as of May either
    expect(ids(await inbox('', formerToken))).toEqual([]);
    expect(ids(await inbox('asOf=2025-05-31', formerToken))).toEqual([]);
    await get(`/api/signals/${signalId}?asOf=2025-05-31`, formerToken, 404);
    await get(`/api/signals/${signalId}`, formerToken, 404);
    // nor in her group's own inbox of then, which a coordinator does see it in
    const w1Inbox = (token: string) =>
      get<SignalListBody>(`/api/working-groups/${w1}/signals?asOf=2025-05-31`, token);
    expect(ids(await w1Inbox(formerToken))).toEqual([]);
    expect(ids(await w1Inbox(coordinatorToken))).toEqual([signalId]);
    // w2's member sees it today, and in the past from the day it entered w2's scope
    expect(ids(await inbox('', laterToken))).toEqual([signalId]);
    expect(ids(await inbox('asOf=2025-05-31', laterToken))).toEqual([]);
    await get(`/api/signals/${signalId}?asOf=2025-05-31`, laterToken, 404);
    const past = await inbox('asOf=2025-06-30', laterToken);
    expect(past.items).toEqual([expect.objectContaining({ id: signalId, status: 'acknowledged' })]);
    expect(past.asOf).toBeDefined();
    expect(await get<SignalBody>(`/api/signals/${signalId}?asOf=2025-06-30`, laterToken)).toMatchObject({
      status: 'acknowledged',
      workingGroupIds: [w2],
    });
  });
});
