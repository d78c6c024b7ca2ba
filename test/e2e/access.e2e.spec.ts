import { randomUUID } from 'node:crypto';
import type { UserRole } from '#domain';
import { InvitationTokens } from '#notifications';
import {
  PASSWORD,
  bearer,
  login,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * The authorisation table of docs/access.md, exercised: for every route, every allowed role succeeds, every
 * other role gets 403, another tenant's coordinator gets 404 for this tenant's ids, and no token gets 401.
 * A route in the OpenAPI document that is missing here fails the suite, so no route ships unguarded.
 */
type Who = UserRole;
const ROLES: Who[] = ['coordinator', 'member', 'partner', 'viewer'];
const ALL = ROLES;

interface Built {
  path: string;
  body?: object;
  /** act with this token instead of the role's (a throw-away session, for logout and password change) */
  token?: string;
}

interface Entry {
  route: string;
  allowed: Who[] | 'public';
  build(fx: TenantFixture, role: Who): Promise<Built>;
  /** this tenant's ids are in the path: another tenant must get 404 (default true when the path has an id) */
  crossTenant?: boolean;
  /** the status every allowed caller gets, when it cannot succeed here (default: a success) */
  status?: number;
}

let test: TestApi;
let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  test = await startTestApi();
  a = await seedTenant(test, 'alpha');
  b = await seedTenant(test, 'beta');
});

afterAll(async () => {
  await test?.close();
});

const svc = () => test.api.runtime;

/** one action for the period routes per tenant (led by the partner's organisation, in the member's scope) */
const periodActions = new Map<string, Promise<string>>();
function periodAction(fx: TenantFixture): Promise<string> {
  if (!periodActions.has(fx.tenantId)) periodActions.set(fx.tenantId, fx.newAction());
  return periodActions.get(fx.tenantId)!;
}

/** one action per tenant whose notes the text erasures name (a fresh note each time, no new actions) */
const noteActions = new Map<string, Promise<string>>();
function noteAction(fx: TenantFixture): Promise<string> {
  if (!noteActions.has(fx.tenantId)) noteActions.set(fx.tenantId, fx.newAction());
  return noteActions.get(fx.tenantId)!;
}

/** an open reporting period (the current year) of the fixture's plan */
async function freshPeriod(fx: TenantFixture): Promise<string> {
  const periodId = randomUUID();
  const result = await svc().commands.periods.open(
    { periodId, planId: fx.planId, kind: 'custom', start: '2026-01-01', end: '2026-12-31' },
    fx.context,
  );
  await svc().runner.waitForPosition(result.position, { timeoutMs: 5000 });
  return periodId;
}

async function freshPlan(fx: TenantFixture) {
  const planId = randomUUID();
  const themeId = randomUUID();
  const goalId = randomUUID();
  await svc().commands.plan(
    planId,
    {
      type: 'CreatePlan',
      data: { planId, title: 'Plan', description: '', periodStart: '2026-01-01', periodEnd: '2031-12-31' },
    },
    fx.context,
  );
  await svc().commands.plan(
    planId,
    { type: 'AddTheme', data: { planId, themeId, code: '1', title: 'Thema', leadPartnerId: null } },
    fx.context,
  );
  await svc().commands.plan(
    planId,
    { type: 'AddGoal', data: { planId, goalId, parentId: themeId, code: '1.1', title: 'Doel' } },
    fx.context,
  );
  return { planId, themeId, goalId };
}

/** A fresh indicator on the tenant's first theme, projected (reads find it). */
async function freshIndicator(fx: TenantFixture): Promise<string> {
  const indicatorId = randomUUID();
  const result = await svc().commands.indicator(
    indicatorId,
    {
      type: 'DefineIndicator',
      data: {
        indicatorId,
        planId: fx.planId,
        nodeId: fx.themeId,
        nodeKind: 'theme',
        name: 'Mensen met een woning',
        direction: 'higher_is_better',
      },
    },
    fx.context,
  );
  await svc().runner.waitForPosition(result.position, { timeoutMs: 5000 });
  return indicatorId;
}

/** The tenant's plan with its public page switched on (once), projected. */
const publishedPlans = new Map<string, Promise<string>>();
function published(fx: TenantFixture): Promise<string> {
  if (!publishedPlans.has(fx.tenantId))
    publishedPlans.set(
      fx.tenantId,
      (async () => {
        const result = await svc().commands.plan(
          fx.planId,
          { type: 'ChangePlanPublication', data: { planId: fx.planId, public: true } },
          fx.context,
        );
        await svc().runner.waitForPosition(result.position, { timeoutMs: 5000 });
        return fx.planId;
      })(),
    );
  return publishedPlans.get(fx.tenantId)!;
}

async function freshPartner(fx: TenantFixture): Promise<string> {
  const partnerId = randomUUID();
  await svc().commands.partner(
    partnerId,
    { type: 'RegisterPartner', data: { partnerId, name: `Partner ${partnerId.slice(0, 6)}`, kind: 'other' } },
    fx.context,
  );
  return partnerId;
}

async function freshUser(
  fx: TenantFixture,
  role: Who = 'member',
  disabled = false,
): Promise<{ id: string; email: string }> {
  const email = `${role}-${randomUUID().slice(0, 8)}@${fx.tenantId}.test`;
  const result = await svc().userAdmin.register(
    {
      email,
      name: 'Tijdelijk',
      role,
      partnerId: role === 'partner' ? fx.partnerId : null,
      password: PASSWORD,
    },
    fx.context,
  );
  if (disabled)
    await svc().userAdmin.change(
      result.id,
      { type: 'DisableUser', data: { userId: result.id, reason: 'test' } },
      fx.context,
    );
  return { id: result.id, email };
}

/** the link of a fresh invitation, signed as the sender signs it */
async function invitationToken(fx: TenantFixture): Promise<string> {
  const invited = await svc().userAdmin.invite(
    { email: `link-${randomUUID().slice(0, 8)}@${fx.tenantId}.test`, name: 'Link', role: 'member' },
    new Date(Date.now() + 3600_000).toISOString(),
    fx.context,
  );
  return new InvitationTokens(svc().jwtSecret).sign({
    tenantId: fx.tenantId,
    userId: invited.userId,
    invitationId: invited.invitationId,
  });
}

async function freshSession(fx: TenantFixture, role: Who): Promise<string> {
  const user = await freshUser(fx, role);
  return login(test, user.email);
}

async function freshGroup(fx: TenantFixture, withMember = false): Promise<{ id: string; userId: string }> {
  const id = randomUUID();
  await svc().commands.workingGroup(
    id,
    {
      type: 'CreateWorkingGroup',
      data: {
        workingGroupId: id,
        planId: fx.planId,
        name: 'Groep',
        description: '',
        scope: { themeIds: [fx.otherThemeId], actionIds: [] },
      },
    },
    fx.context,
  );
  const user = await freshUser(fx);
  if (withMember)
    await svc().commands.workingGroup(
      id,
      { type: 'AddWorkingGroupMember', data: { workingGroupId: id, userId: user.id, role: 'member' } },
      fx.context,
    );
  return { id, userId: user.id };
}

/**
 * A meeting of the tenant's working group (the member is in it), brought as far as a route needs: started,
 * the member present, proposals, an open round, an agenda item, or ended. Waits for the read models.
 */
async function freshMeeting(
  fx: TenantFixture,
  upTo: {
    start?: boolean;
    present?: boolean;
    proposals?: boolean;
    round?: boolean;
    item?: boolean;
    end?: boolean;
  } = {},
) {
  const meetingId = randomUUID();
  const roundId = randomUUID();
  const itemId = randomUUID();
  const run = (command: Parameters<ReturnType<typeof svc>['commands']['meetings']['run']>[1]) =>
    svc().commands.meetings.run(meetingId, command, fx.context);
  let result = await run({
    type: 'ScheduleMeeting',
    data: {
      meetingId,
      workingGroupId: fx.workingGroupId,
      title: 'Werkgroep',
      startsAt: '2026-03-05T14:00:00+01:00',
    },
  });
  if (upTo.item)
    result = await run({
      type: 'AddAgendaItem',
      data: { meetingId, itemId, kind: 'topic', title: 'Rondvraag' },
    });
  if (upTo.start || upTo.round || upTo.end) result = await run({ type: 'StartMeeting', data: { meetingId } });
  if (upTo.present || upTo.round)
    result = await run({
      type: 'RecordAttendance',
      data: { meetingId, userId: fx.users.member.id, status: 'present' },
    });
  const proposalIds = [randomUUID(), randomUUID()];
  if (upTo.proposals || upTo.round)
    for (const proposalId of proposalIds)
      result = await run({
        type: 'AddProposal',
        data: { meetingId, proposalId, text: `Voorstel ${proposalId}` },
      });
  if (upTo.round) result = await run({ type: 'OpenRound', data: { meetingId, roundId } });
  if (upTo.end) result = await run({ type: 'EndMeeting', data: { meetingId } });
  await test.api.runtime.runner.waitForPosition(result.position, { timeoutMs: 5000 });
  return { meetingId, roundId, itemId, proposalIds };
}

/** a signal of the partner's organisation about an action in the member's scope, in the read models */
async function freshSignal(fx: TenantFixture): Promise<string> {
  const signalId = randomUUID();
  const result = await svc().commands.signals.submit(
    { signalId, partnerId: fx.partnerId, text: 'Signaal', actionIds: [await fx.newAction()] },
    fx.context,
  );
  await test.api.runtime.runner.waitForPosition(result.position, { timeoutMs: 5000 });
  return signalId;
}

const COORDINATOR: Who[] = ['coordinator'];
const EDITORS: Who[] = ['coordinator', 'member'];
const NOTERS: Who[] = ['coordinator', 'member', 'partner'];

const TABLE: Entry[] = [
  { route: 'GET /api/health', allowed: 'public', build: async () => ({ path: '/api/health' }) },
  { route: 'GET /api/health/live', allowed: 'public', build: async () => ({ path: '/api/health/live' }) },
  { route: 'GET /api/health/ready', allowed: 'public', build: async () => ({ path: '/api/health/ready' }) },
  { route: 'GET /api/info', allowed: 'public', build: async () => ({ path: '/api/info' }) },
  { route: 'GET /api/setup', allowed: 'public', build: async () => ({ path: '/api/setup' }) },
  {
    // public, but only once, on an empty deployment: here the tenants exist, so everyone gets SETUP.DONE
    route: 'POST /api/setup',
    allowed: 'public',
    status: 409,
    build: async () => ({
      path: '/api/setup',
      body: {
        code: 'ABCD-EFGH-JKLM',
        tenantId: 'gamma',
        tenantName: 'Stad Gamma',
        email: 'regie@gamma.test',
        name: 'Regie',
        password: 'een lang wachtwoord',
      },
    }),
  },
  {
    route: 'POST /api/auth/login',
    allowed: 'public',
    build: async (fx) => ({
      path: '/api/auth/login',
      body: { email: fx.users.viewer.email, password: PASSWORD },
    }),
  },
  {
    route: 'POST /api/auth/refresh',
    allowed: 'public',
    build: async (fx) => {
      const user = await freshUser(fx, 'viewer');
      const response = await test.http
        .post('/api/auth/login')
        .send({ email: user.email, password: PASSWORD });
      return {
        path: '/api/auth/refresh',
        body: { refreshToken: (response.body as { refreshToken: string }).refreshToken },
      };
    },
  },
  {
    route: 'POST /api/auth/logout',
    allowed: ALL,
    crossTenant: false,
    build: async (fx, role) => ({ path: '/api/auth/logout', token: await freshSession(fx, role) }),
  },
  { route: 'GET /api/me', allowed: ALL, build: async () => ({ path: '/api/me' }) },
  {
    route: 'GET /api/me/working-groups',
    allowed: ALL,
    build: async () => ({ path: '/api/me/working-groups' }),
  },
  {
    route: 'POST /api/me/password',
    allowed: ALL,
    crossTenant: false,
    build: async (fx, role) => ({
      path: '/api/me/password',
      token: await freshSession(fx, role),
      body: { currentPassword: PASSWORD, newPassword: 'een nieuw wachtwoord' },
    }),
  },

  { route: 'GET /api/plans', allowed: ALL, build: async () => ({ path: '/api/plans' }) },
  {
    route: 'POST /api/plans',
    allowed: COORDINATOR,
    build: async () => ({
      path: '/api/plans',
      body: { title: 'Nieuw plan', periodStart: '2026-01-01', periodEnd: '2031-12-31' },
    }),
  },
  {
    route: 'POST /api/plans/import',
    allowed: COORDINATOR,
    build: async () => ({
      path: '/api/plans/import?dryRun=true',
      body: { text: 'DOEL 1.1. EEN DOEL\n1.1.1. Een actie.' },
    }),
  },
  {
    route: 'POST /api/plans/import-jobs',
    allowed: COORDINATOR,
    build: async () => ({
      path: '/api/plans/import-jobs',
      body: { text: `DOEL 1.1. EEN DOEL\n1.1.1. Een actie ${randomUUID().slice(0, 6)}.` },
    }),
  },
  {
    route: 'GET /api/plans/import-jobs/{jobId}',
    allowed: COORDINATOR,
    build: async (fx) => {
      // a job is read by the person who started it: the tenant's coordinator
      const started = await test.http
        .post('/api/plans/import-jobs')
        .set(bearer(fx.users.coordinator.token))
        .send({ text: 'DOEL 1.1. EEN DOEL\n1.1.1. Een actie.' })
        .expect(202);
      return { path: `/api/plans/import-jobs/${(started.body as { id: string }).id}` };
    },
  },
  {
    route: 'GET /api/plans/{planId}/actions/export',
    allowed: ['coordinator', 'member', 'viewer'],
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/actions/export` }),
  },
  {
    route: 'POST /api/plans/{planId}/actions/import',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/plans/${fx.planId}/actions/import`,
      body: { content: 'code,title,goal\r\n' },
    }),
  },
  {
    route: 'GET /api/plans/{planId}',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}` }),
  },
  {
    route: 'PATCH /api/plans/{planId}',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/plans/${(await freshPlan(fx)).planId}`,
      body: { title: 'Hernoemd' },
    }),
  },
  {
    route: 'GET /api/plans/{planId}/actions',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/actions` }),
  },
  {
    route: 'PUT /api/plans/{planId}/publication',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/plans/${(await freshPlan(fx)).planId}/publication`,
      body: { public: true },
    }),
  },
  {
    route: 'GET /api/public/plans/{planId}',
    allowed: 'public',
    build: async (fx) => ({ path: `/api/public/plans/${await published(fx)}` }),
  },
  {
    route: 'POST /api/public/plans/{planId}/actions/{actionId}/feedback',
    allowed: 'public',
    build: async (fx) => ({
      path: `/api/public/plans/${await published(fx)}/actions/${await fx.newAction()}/feedback`,
      body: { text: 'Goed initiatief, maar de wachtlijst is lang.' },
    }),
  },
  {
    route: 'GET /api/plans/{planId}/actions/download',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/actions/download?format=csv` }),
  },
  {
    route: 'GET /api/plans/{planId}/dashboard',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/dashboard` }),
  },
  {
    route: 'GET /api/plans/{planId}/changes',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/changes?from=2021-01-01` }),
  },
  {
    route: 'GET /api/plans/{planId}/trend',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/trend` }),
  },
  {
    route: 'GET /api/plans/{planId}/indicators',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/indicators` }),
  },
  {
    route: 'GET /api/indicators/{indicatorId}',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/indicators/${await freshIndicator(fx)}` }),
  },
  {
    route: 'PATCH /api/plans/{planId}/nodes/{nodeId}/reporting',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      return {
        path: `/api/plans/${plan.planId}/nodes/${plan.goalId}/reporting`,
        body: { bbcCode: 'AP1.1', priority: true },
      };
    },
  },
  {
    route: 'POST /api/plans/{planId}/indicators',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/plans/${fx.planId}/indicators`,
      body: { nodeId: fx.themeId, name: 'Wachtlijst', unit: 'personen', direction: 'lower_is_better' },
    }),
  },
  {
    route: 'PATCH /api/indicators/{indicatorId}',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/indicators/${await freshIndicator(fx)}`,
      body: { unit: 'gezinnen' },
    }),
  },
  {
    route: 'PUT /api/indicators/{indicatorId}/targets/{year}',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/indicators/${await freshIndicator(fx)}/targets/2026`,
      body: { value: 40 },
    }),
  },
  {
    route: 'POST /api/indicators/{indicatorId}/measurements',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/indicators/${await freshIndicator(fx)}/measurements`,
      body: { value: 12, date: '2026-06-30', source: 'telling' },
    }),
  },
  {
    route: 'POST /api/indicators/{indicatorId}/measurements/{measurementId}/correct',
    allowed: COORDINATOR,
    build: async (fx) => {
      const indicatorId = await freshIndicator(fx);
      const measurementId = randomUUID();
      await svc().commands.indicator(
        indicatorId,
        { type: 'RecordMeasurement', data: { indicatorId, measurementId, value: 1, date: '2026-01-31' } },
        fx.context,
      );
      return {
        path: `/api/indicators/${indicatorId}/measurements/${measurementId}/correct`,
        body: { value: 2, reason: 'telfout' },
      };
    },
  },
  {
    route: 'POST /api/indicators/{indicatorId}/archive',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/indicators/${await freshIndicator(fx)}/archive`,
      body: { reason: 'niet meer gemeten' },
    }),
  },
  {
    route: 'GET /api/plans/{planId}/recent-changes',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/recent-changes?limit=5` }),
  },
  {
    route: 'POST /api/plans/{planId}/actions',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/plans/${fx.planId}/actions`,
      body: { goalId: fx.goalId, code: `9.${randomUUID().slice(0, 6)}`, title: 'Nieuwe actie' },
    }),
  },
  {
    route: 'POST /api/plans/{planId}/themes',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/plans/${fx.planId}/themes`,
      body: { code: `T${randomUUID().slice(0, 6)}`, title: 'Thema' },
    }),
  },
  {
    route: 'PATCH /api/plans/{planId}/themes/{themeId}',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      return { path: `/api/plans/${plan.planId}/themes/${plan.themeId}`, body: { title: 'Ander thema' } };
    },
  },
  {
    route: 'PUT /api/plans/{planId}/themes/order',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      const second = randomUUID();
      await svc().commands.plan(
        plan.planId,
        {
          type: 'AddTheme',
          data: { planId: plan.planId, themeId: second, code: '2', title: 'Tweede', leadPartnerId: null },
        },
        fx.context,
      );
      return { path: `/api/plans/${plan.planId}/themes/order`, body: { order: [second, plan.themeId] } };
    },
  },
  {
    route: 'DELETE /api/plans/{planId}/themes/{themeId}',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      const empty = randomUUID();
      await svc().commands.plan(
        plan.planId,
        {
          type: 'AddTheme',
          data: { planId: plan.planId, themeId: empty, code: '2', title: 'Leeg', leadPartnerId: null },
        },
        fx.context,
      );
      return { path: `/api/plans/${plan.planId}/themes/${empty}` };
    },
  },
  {
    route: 'POST /api/plans/{planId}/goals',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      return {
        path: `/api/plans/${plan.planId}/goals`,
        body: { parentId: plan.themeId, code: '1.2', title: 'Nog een doel' },
      };
    },
  },
  {
    route: 'PATCH /api/plans/{planId}/goals/{goalId}',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      return { path: `/api/plans/${plan.planId}/goals/${plan.goalId}`, body: { title: 'Ander doel' } };
    },
  },
  {
    route: 'PUT /api/plans/{planId}/goals/{parentId}/order',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      const second = randomUUID();
      await svc().commands.plan(
        plan.planId,
        {
          type: 'AddGoal',
          data: {
            planId: plan.planId,
            goalId: second,
            parentId: plan.themeId,
            code: '1.2',
            title: 'Tweede doel',
          },
        },
        fx.context,
      );
      return {
        path: `/api/plans/${plan.planId}/goals/${plan.themeId}/order`,
        body: { order: [second, plan.goalId] },
      };
    },
  },
  {
    route: 'POST /api/plans/{planId}/goals/{goalId}/move',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      const themeId = randomUUID();
      await svc().commands.plan(
        plan.planId,
        {
          type: 'AddTheme',
          data: { planId: plan.planId, themeId, code: '2', title: 'Twee', leadPartnerId: null },
        },
        fx.context,
      );
      return { path: `/api/plans/${plan.planId}/goals/${plan.goalId}/move`, body: { parentId: themeId } };
    },
  },
  {
    route: 'POST /api/plans/{planId}/goals/{goalId}/archive',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      return {
        path: `/api/plans/${plan.planId}/goals/${plan.goalId}/archive`,
        body: { reason: 'geschrapt' },
      };
    },
  },
  {
    route: 'POST /api/plans/{planId}/themes/{themeId}/archive',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      return {
        path: `/api/plans/${plan.planId}/themes/${plan.themeId}/archive`,
        body: { reason: 'geschrapt' },
      };
    },
  },
  {
    route: 'POST /api/plans/{planId}/actions/{actionId}/move',
    allowed: COORDINATOR,
    build: async (fx) => {
      // a plan of its own, so the tenant's main plan keeps its actions (the resource rules count them)
      const plan = await freshPlan(fx);
      const actionId = randomUUID();
      await svc().commands.addAction(
        plan.planId,
        {
          actionId,
          planId: plan.planId,
          goalId: plan.goalId,
          code: '1.1.1',
          title: 'Actie',
          description: '',
          tags: [],
          citizenIdea: false,
        },
        fx.context,
      );
      const goalId = randomUUID();
      await svc().commands.plan(
        plan.planId,
        {
          type: 'AddGoal',
          data: { planId: plan.planId, goalId, parentId: plan.themeId, code: '1.2', title: 'Doel' },
        },
        fx.context,
      );
      return { path: `/api/plans/${plan.planId}/actions/${actionId}/move`, body: { goalId } };
    },
  },
  {
    route: 'DELETE /api/plans/{planId}/goals/{goalId}',
    allowed: COORDINATOR,
    build: async (fx) => {
      const plan = await freshPlan(fx);
      return { path: `/api/plans/${plan.planId}/goals/${plan.goalId}` };
    },
  },

  {
    route: 'GET /api/actions/{actionId}',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/actions/${await fx.newAction()}` }),
  },
  {
    route: 'GET /api/actions/{actionId}/history',
    allowed: NOTERS,
    build: async (fx) => ({ path: `/api/actions/${await fx.newAction()}/history` }),
  },
  {
    route: 'PATCH /api/actions/{actionId}',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/actions/${await fx.newAction()}`, body: { title: 'Nieuwe titel' } }),
  },
  {
    route: 'POST /api/actions/{actionId}/status',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/actions/${await fx.newAction()}/status`,
      body: { status: 'in_progress' },
    }),
  },
  {
    route: 'PUT /api/actions/{actionId}/owner',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/actions/${await fx.newAction()}/owner`,
      body: { ownerId: fx.otherPartnerId },
    }),
  },
  {
    route: 'POST /api/actions/{actionId}/partners',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/actions/${await fx.newAction()}/partners`,
      body: { partnerId: fx.otherPartnerId },
    }),
  },
  {
    route: 'DELETE /api/actions/{actionId}/partners/{partnerId}',
    allowed: EDITORS,
    build: async (fx) => {
      const actionId = await fx.newAction();
      await svc().commands.action(
        actionId,
        { type: 'AddActionPartner', data: { actionId, partnerId: fx.otherPartnerId } },
        fx.context,
      );
      return { path: `/api/actions/${actionId}/partners/${fx.otherPartnerId}` };
    },
  },
  {
    route: 'POST /api/actions/{actionId}/notes',
    allowed: NOTERS,
    build: async (fx) => ({
      path: `/api/actions/${await fx.newAction()}/notes`,
      body: { text: 'Een notitie' },
    }),
  },
  {
    route: 'POST /api/actions/{actionId}/signals',
    allowed: NOTERS,
    build: async (fx) => ({
      path: `/api/actions/${await fx.newAction()}/signals`,
      body: { text: 'Meer uithuiszettingen', partnerId: fx.partnerId },
    }),
  },
  {
    route: 'POST /api/actions/{actionId}/progress',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/actions/${await fx.newAction()}/progress`, body: { percent: 30 } }),
  },
  {
    route: 'PUT /api/actions/{actionId}/due-date',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/actions/${await fx.newAction()}/due-date`,
      body: { dueDate: '2026-06-30' },
    }),
  },
  {
    route: 'POST /api/actions/{actionId}/archive',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/actions/${await fx.newAction()}/archive`,
      body: { reason: 'samengevoegd' },
    }),
  },

  { route: 'GET /api/partners', allowed: ALL, build: async () => ({ path: '/api/partners' }) },
  {
    route: 'POST /api/partners',
    allowed: COORDINATOR,
    build: async () => ({ path: '/api/partners', body: { name: 'Vivendo', kind: 'public_body' } }),
  },
  {
    route: 'PATCH /api/partners/{partnerId}',
    allowed: COORDINATOR,
    build: async (fx) => ({ path: `/api/partners/${await freshPartner(fx)}`, body: { name: 'Nieuwe naam' } }),
  },
  {
    route: 'POST /api/partners/{partnerId}/merge',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/partners/${await freshPartner(fx)}/merge`,
      body: { intoPartnerId: await freshPartner(fx) },
    }),
  },

  { route: 'GET /api/users', allowed: COORDINATOR, build: async () => ({ path: '/api/users' }) },
  {
    route: 'GET /api/users/{userId}',
    allowed: COORDINATOR,
    build: async (fx) => ({ path: `/api/users/${fx.users.viewer.id}` }),
  },
  {
    route: 'POST /api/users',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: '/api/users',
      body: {
        email: `new-${randomUUID().slice(0, 8)}@${fx.tenantId}.test`,
        name: 'Nieuw',
        role: 'viewer',
        password: PASSWORD,
      },
    }),
  },
  {
    route: 'PATCH /api/users/{userId}',
    allowed: COORDINATOR,
    build: async (fx) => ({ path: `/api/users/${(await freshUser(fx)).id}`, body: { role: 'viewer' } }),
  },
  {
    route: 'POST /api/users/{userId}/disable',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/users/${(await freshUser(fx)).id}/disable`,
      body: { reason: 'vertrokken' },
    }),
  },
  {
    route: 'POST /api/users/{userId}/enable',
    allowed: COORDINATOR,
    build: async (fx) => ({ path: `/api/users/${(await freshUser(fx, 'member', true)).id}/enable` }),
  },
  {
    route: 'POST /api/users/{userId}/password',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/users/${(await freshUser(fx)).id}/password`,
      body: { newPassword: 'een nieuw wachtwoord' },
    }),
  },
  {
    route: 'POST /api/users/invitations',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: '/api/users/invitations',
      body: {
        email: `invited-${randomUUID().slice(0, 8)}@${fx.tenantId}.test`,
        name: 'Uitgenodigd',
        role: 'member',
      },
    }),
  },
  {
    route: 'POST /api/users/{userId}/invitation',
    allowed: COORDINATOR,
    build: async (fx) => ({ path: `/api/users/${(await freshUser(fx)).id}/invitation` }),
  },
  {
    route: 'POST /api/invitations/check',
    allowed: 'public',
    build: async (fx) => ({ path: '/api/invitations/check', body: { token: await invitationToken(fx) } }),
  },
  {
    route: 'POST /api/invitations/accept',
    allowed: 'public',
    build: async (fx) => ({
      path: '/api/invitations/accept',
      body: { token: await invitationToken(fx), password: 'een eigen wachtwoord' },
    }),
  },
  {
    route: 'GET /api/security-events',
    allowed: COORDINATOR,
    build: async () => ({ path: '/api/security-events' }),
  },
  {
    route: 'GET /api/audit',
    allowed: COORDINATOR,
    build: async (fx) => ({ path: `/api/audit?themeId=${fx.themeId}&limit=5` }),
  },
  {
    route: 'GET /api/audit/export',
    allowed: COORDINATOR,
    build: async (fx) => ({ path: `/api/audit/export?format=json&actorId=${fx.users.coordinator.id}` }),
  },
  { route: 'GET /api/notifications', allowed: ALL, build: async () => ({ path: '/api/notifications' }) },
  {
    // one's own notifications only: an id that is not hers answers 404 to every caller, whatever its tenant
    route: 'POST /api/notifications/{notificationId}/read',
    allowed: ALL,
    status: 404,
    crossTenant: false,
    build: async () => ({ path: `/api/notifications/${randomUUID()}/read` }),
  },
  {
    route: 'POST /api/notifications/read-all',
    allowed: ALL,
    build: async () => ({ path: '/api/notifications/read-all' }),
  },
  {
    route: 'GET /api/notifications/preferences',
    allowed: ALL,
    build: async () => ({ path: '/api/notifications/preferences' }),
  },
  {
    route: 'PUT /api/notifications/preferences',
    allowed: ALL,
    build: async () => ({
      path: '/api/notifications/preferences',
      body: { mode: 'instant', language: 'nl' },
    }),
  },
  {
    route: 'GET /api/notifications/mails',
    allowed: COORDINATOR,
    build: async () => ({ path: '/api/notifications/mails' }),
  },
  {
    route: 'GET /api/notifications/mails/{notificationId}',
    allowed: COORDINATOR,
    status: 404,
    crossTenant: false,
    build: async () => ({ path: `/api/notifications/mails/${randomUUID()}` }),
  },
  {
    // no login: the token in the link is the authorisation, and one that is not ours answers 400 to anyone
    route: 'GET /api/notifications/unsubscribe',
    allowed: 'public',
    status: 400,
    build: async () => ({ path: '/api/notifications/unsubscribe?token=not.a.token' }),
  },
  {
    route: 'POST /api/notifications/unsubscribe',
    allowed: 'public',
    status: 400,
    build: async () => ({ path: '/api/notifications/unsubscribe?token=not.a.token' }),
  },

  {
    route: 'GET /api/working-groups',
    allowed: EDITORS,
    build: async () => ({ path: '/api/working-groups' }),
  },
  {
    route: 'GET /api/working-groups/{groupId}',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/working-groups/${fx.workingGroupId}` }),
  },
  {
    route: 'POST /api/working-groups',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: '/api/working-groups',
      body: { planId: fx.planId, name: 'Armoede', themeIds: [fx.themeId], actionIds: [] },
    }),
  },
  {
    route: 'PATCH /api/working-groups/{groupId}',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/working-groups/${(await freshGroup(fx)).id}`,
      body: { name: 'Andere naam' },
    }),
  },
  {
    route: 'PUT /api/working-groups/{groupId}/scope',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/working-groups/${(await freshGroup(fx)).id}/scope`,
      body: { themeIds: [fx.themeId], actionIds: [] },
    }),
  },
  {
    route: 'POST /api/working-groups/{groupId}/members',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/working-groups/${(await freshGroup(fx)).id}/members`,
      body: { userId: (await freshUser(fx)).id, role: 'secretary' },
    }),
  },
  {
    route: 'PATCH /api/working-groups/{groupId}/members/{userId}',
    allowed: COORDINATOR,
    build: async (fx) => {
      const group = await freshGroup(fx, true);
      return { path: `/api/working-groups/${group.id}/members/${group.userId}`, body: { role: 'chair' } };
    },
  },
  {
    route: 'DELETE /api/working-groups/{groupId}/members/{userId}',
    allowed: COORDINATOR,
    build: async (fx) => {
      const group = await freshGroup(fx, true);
      return { path: `/api/working-groups/${group.id}/members/${group.userId}` };
    },
  },
  {
    route: 'POST /api/working-groups/{groupId}/archive',
    allowed: COORDINATOR,
    build: async (fx) => ({
      path: `/api/working-groups/${(await freshGroup(fx)).id}/archive`,
      body: { reason: 'opgeheven' },
    }),
  },

  {
    route: 'GET /api/working-groups/{groupId}/meetings',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/working-groups/${fx.workingGroupId}/meetings` }),
  },
  {
    route: 'POST /api/working-groups/{groupId}/meetings',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/working-groups/${fx.workingGroupId}/meetings`,
      body: { title: 'Werkgroep', startsAt: '2026-03-05T14:00:00+01:00' },
    }),
  },
  {
    route: 'GET /api/meetings/{meetingId}',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/meetings/${(await freshMeeting(fx)).meetingId}` }),
  },
  {
    route: 'PATCH /api/meetings/{meetingId}',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx)).meetingId}`,
      body: { location: 'Stadhuis' },
    }),
  },
  {
    route: 'POST /api/meetings/{meetingId}/start',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/meetings/${(await freshMeeting(fx)).meetingId}/start` }),
  },
  {
    route: 'POST /api/meetings/{meetingId}/end',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx, { start: true })).meetingId}/end`,
    }),
  },
  {
    route: 'POST /api/meetings/{meetingId}/cancel',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx)).meetingId}/cancel`,
      body: { reason: 'ziek' },
    }),
  },
  {
    route: 'POST /api/meetings/{meetingId}/attendance',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx)).meetingId}/attendance`,
      body: { userId: fx.users.member.id, status: 'excused' },
    }),
  },
  {
    route: 'POST /api/meetings/{meetingId}/agenda',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx)).meetingId}/agenda`,
      body: { kind: 'topic', title: 'Rondvraag' },
    }),
  },
  {
    route: 'DELETE /api/meetings/{meetingId}/agenda/{itemId}',
    allowed: EDITORS,
    build: async (fx) => {
      const meeting = await freshMeeting(fx, { item: true });
      return { path: `/api/meetings/${meeting.meetingId}/agenda/${meeting.itemId}` };
    },
  },
  {
    route: 'PUT /api/meetings/{meetingId}/agenda/order',
    allowed: EDITORS,
    build: async (fx) => {
      const meeting = await freshMeeting(fx, { item: true });
      const second = randomUUID();
      await svc().commands.meetings.run(
        meeting.meetingId,
        {
          type: 'AddAgendaItem',
          data: { meetingId: meeting.meetingId, itemId: second, kind: 'topic', title: 'Varia' },
        },
        fx.context,
      );
      return {
        path: `/api/meetings/${meeting.meetingId}/agenda/order`,
        body: { order: [second, meeting.itemId] },
      };
    },
  },
  {
    route: 'PUT /api/meetings/{meetingId}/agenda/{itemId}/notes',
    allowed: EDITORS,
    build: async (fx) => {
      const meeting = await freshMeeting(fx, { item: true });
      return {
        path: `/api/meetings/${meeting.meetingId}/agenda/${meeting.itemId}/notes`,
        body: { notes: 'Wat er gezegd werd' },
      };
    },
  },
  {
    route: 'POST /api/meetings/{meetingId}/corrections',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx)).meetingId}/corrections`,
      body: { correctsMeetingId: (await freshMeeting(fx, { end: true })).meetingId, text: 'Een correctie' },
    }),
  },
  {
    route: 'POST /api/meetings/{meetingId}/decisions',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx, { start: true })).meetingId}/decisions`,
      body: { text: 'Een beslissing' },
    }),
  },
  {
    route: 'POST /api/meetings/{meetingId}/next-steps',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx, { start: true })).meetingId}/next-steps`,
      body: { text: 'Een volgende stap', ownerPartnerId: fx.partnerId },
    }),
  },
  {
    route: 'POST /api/meetings/{meetingId}/proposals',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx)).meetingId}/proposals`,
      body: { text: 'Een voorstel' },
    }),
  },
  {
    route: 'POST /api/meetings/{meetingId}/rounds',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx, { start: true, proposals: true })).meetingId}/rounds`,
      body: { size: 3 },
    }),
  },
  {
    // only members of the meeting's group submit a top, each her own (the coordinator is no member here)
    route: 'POST /api/meetings/{meetingId}/rounds/{roundId}/ballots',
    allowed: ['member'],
    build: async (fx) => {
      const meeting = await freshMeeting(fx, { round: true });
      return {
        path: `/api/meetings/${meeting.meetingId}/rounds/${meeting.roundId}/ballots`,
        body: { proposalIds: meeting.proposalIds },
      };
    },
  },
  {
    // a paper tally: the group's chair or secretary (the seeded member is a plain member), or a coordinator
    route: 'POST /api/meetings/{meetingId}/rounds/{roundId}/tally',
    allowed: COORDINATOR,
    build: async (fx) => {
      const meeting = await freshMeeting(fx, { round: true });
      return {
        path: `/api/meetings/${meeting.meetingId}/rounds/${meeting.roundId}/tally`,
        body: { scores: [{ proposalId: meeting.proposalIds[0], points: 3 }], voters: 1 },
      };
    },
  },
  {
    route: 'POST /api/meetings/{meetingId}/rounds/{roundId}/close',
    allowed: EDITORS,
    build: async (fx) => {
      const meeting = await freshMeeting(fx, { round: true });
      return { path: `/api/meetings/${meeting.meetingId}/rounds/${meeting.roundId}/close` };
    },
  },
  {
    route: 'GET /api/meetings/{meetingId}/minutes',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/meetings/${(await freshMeeting(fx)).meetingId}/minutes?format=html`,
    }),
  },
  {
    route: 'GET /api/meetings/{meetingId}/minutes/revisions',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/meetings/${(await freshMeeting(fx)).meetingId}/minutes/revisions` }),
  },
  {
    route: 'GET /api/meetings/{meetingId}/feed',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/meetings/${(await freshMeeting(fx)).meetingId}/feed` }),
  },

  {
    route: 'GET /api/signals',
    allowed: NOTERS,
    build: async () => ({ path: '/api/signals?status=submitted' }),
  },
  {
    route: 'POST /api/signals',
    allowed: ['coordinator', 'partner'],
    build: async (fx) => ({
      path: '/api/signals',
      body: { text: 'Meer uithuiszettingen', partnerId: fx.partnerId, actionIds: [await fx.newAction()] },
    }),
  },
  {
    route: 'GET /api/signals/{signalId}',
    allowed: NOTERS,
    build: async (fx) => ({ path: `/api/signals/${await freshSignal(fx)}` }),
  },
  {
    route: 'GET /api/signals/{signalId}/history',
    allowed: NOTERS,
    build: async (fx) => ({ path: `/api/signals/${await freshSignal(fx)}/history` }),
  },
  {
    route: 'POST /api/signals/{signalId}/acknowledge',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/signals/${await freshSignal(fx)}/acknowledge` }),
  },
  {
    route: 'POST /api/signals/{signalId}/answer',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/signals/${await freshSignal(fx)}/answer`,
      body: { response: 'Antwoord' },
    }),
  },
  {
    route: 'POST /api/signals/{signalId}/escalate',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/signals/${await freshSignal(fx)}/escalate`,
      body: { to: 'Vlaamse overheid', text: 'Vraag' },
    }),
  },
  {
    route: 'POST /api/signals/{signalId}/close',
    allowed: EDITORS,
    build: async (fx) => ({
      path: `/api/signals/${await freshSignal(fx)}/close`,
      body: { reason: 'opgevolgd' },
    }),
  },
  {
    route: 'GET /api/working-groups/{groupId}/signals',
    allowed: EDITORS,
    build: async (fx) => ({ path: `/api/working-groups/${fx.workingGroupId}/signals` }),
  },
  {
    route: 'GET /api/partners/{partnerId}/signals',
    allowed: ['coordinator', 'partner'],
    build: async (fx) => ({ path: `/api/partners/${fx.partnerId}/signals` }),
  },
  {
    route: 'GET /api/plans/{planId}/periods',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/periods` }),
  },
  {
    route: 'POST /api/plans/{planId}/periods',
    allowed: ['coordinator'],
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/periods`, body: { kind: 'year', year: 2026 } }),
  },
  {
    route: 'GET /api/plans/{planId}/periods/{periodId}',
    allowed: ALL,
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/periods/${await freshPeriod(fx)}` }),
  },
  {
    route: 'POST /api/plans/{planId}/periods/{periodId}/close',
    allowed: ['coordinator'],
    build: async (fx) => ({ path: `/api/plans/${fx.planId}/periods/${await freshPeriod(fx)}/close` }),
  },
  {
    route: 'POST /api/plans/{planId}/periods/{periodId}/rounds',
    allowed: ['coordinator'],
    build: async (fx) => {
      await periodAction(fx);
      return {
        path: `/api/plans/${fx.planId}/periods/${await freshPeriod(fx)}/rounds`,
        body: { deadline: '2026-12-15', scope: 'all' },
      };
    },
  },
  {
    route: 'POST /api/plans/{planId}/periods/{periodId}/updates',
    allowed: ['coordinator', 'member', 'partner'],
    build: async (fx) => ({
      path: `/api/plans/${fx.planId}/periods/${await freshPeriod(fx)}/updates`,
      body: { actionId: await periodAction(fx), narrative: 'Twaalf woningen in gebruik', progress: 40 },
    }),
  },
  {
    route: 'GET /api/me/updates',
    allowed: ['coordinator', 'member', 'partner'],
    build: async () => ({ path: '/api/me/updates' }),
  },
  {
    route: 'GET /api/plans/{planId}/reports/{periodId}',
    allowed: ALL,
    build: async (fx) => ({
      path: `/api/plans/${fx.planId}/reports/${await freshPeriod(fx)}?format=html&scope=all`,
    }),
  },
  {
    route: 'GET /api/audit/verify',
    allowed: ['coordinator'],
    build: async () => ({ path: '/api/audit/verify' }),
  },
  {
    route: 'GET /api/audit/checkpoints',
    allowed: ['coordinator'],
    build: async () => ({ path: '/api/audit/checkpoints' }),
  },
  {
    route: 'POST /api/audit/checkpoints',
    allowed: ['coordinator'],
    build: async () => ({ path: '/api/audit/checkpoints' }),
  },
  {
    // a guest by name: each allowed call erases another (fresh) guest of the caller's tenant
    route: 'POST /api/erasures',
    allowed: COORDINATOR,
    build: async () => ({
      path: '/api/erasures',
      body: { kind: 'guest', guestName: `Gast ${randomUUID()}`, legalGround: 'consent-withdrawn' },
    }),
  },
  {
    // one free-text item (kind text): a fresh note of the caller's tenant; another tenant's action is a 404
    route: 'POST /api/erasures',
    allowed: COORDINATOR,
    crossTenant: true,
    build: async (fx) => {
      const actionId = await noteAction(fx);
      const note = await test.http
        .post(`/api/actions/${actionId}/notes`)
        .set(bearer(fx.users.coordinator.token))
        .send({ text: 'Notitie over mevrouw Janssens' })
        .expect(200);
      return {
        path: '/api/erasures',
        body: {
          kind: 'text',
          aggregate: 'action',
          aggregateId: actionId,
          version: note.body.version as number,
          legalGround: 'objection',
        },
      };
    },
  },
];

async function send(route: string, built: Built, token: string | null) {
  const [method] = route.split(' ') as [string];
  const call = test.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](built.path);
  const withAuth = token ? call.set(bearer(token)) : call;
  return built.body ? withAuth.send(built.body) : withAuth;
}

type OpenApiDoc = { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
/** the success statuses (2xx) the OpenAPI document gives per route (`POST /api/plans` -> ['201']) */
const documentedSuccess = new Map<string, string[]>();

describe('authorisation on every route (docs/access.md)', () => {
  beforeAll(async () => {
    const doc = (await test.http.get('/api/docs-json').expect(200)).body as OpenApiDoc;
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(methods))
        documentedSuccess.set(
          `${method.toUpperCase()} ${path}`,
          Object.keys(operation.responses ?? {}).filter((status) => status.startsWith('2')),
        );
  });

  it('lists every route of the OpenAPI document in the table', async () => {
    const doc = (await test.http.get('/api/docs-json').expect(200)).body as OpenApiDoc;
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const inTable = new Set(TABLE.map((entry) => entry.route));
    expect(documented.filter((route) => !inTable.has(route))).toEqual([]);
    expect([...inTable].filter((route) => !documented.includes(route))).toEqual([]);
  });

  it.each(TABLE.map((entry) => [entry.route, entry] as const))('%s', async (_route, entry) => {
    const outcomes: Record<string, number> = {};
    const expected: Record<string, number | string> = {};
    const succeeded = new Set<string>();
    for (const role of ROLES) {
      const built = await entry.build(a, role);
      const response = await send(entry.route, built, built.token ?? a.users[role].token);
      const allowed = entry.allowed === 'public' || entry.allowed.includes(role);
      if (allowed && response.status < 300) succeeded.add(String(response.status));
      outcomes[role] = allowed ? (response.status < 300 ? 200 : response.status) : response.status;
      expected[role] = allowed ? (entry.status ?? 200) : 403;
      if (!allowed) expect((response.body as { code: string }).code).toBe('AUTH.FORBIDDEN');
    }
    expect(outcomes).toEqual(expected);
    // the status a success answers is the one the OpenAPI document gives (a client generated from it relies on it)
    const documented = documentedSuccess.get(entry.route);
    if (documented)
      expect({
        route: entry.route,
        answered: [...succeeded].filter((status) => !documented.includes(status)),
      }).toEqual({
        route: entry.route,
        answered: [],
      });

    if (entry.allowed !== 'public') {
      const built = await entry.build(a, 'coordinator');
      const anonymous = await send(entry.route, { ...built, token: undefined }, null);
      expect(anonymous.status).toBe(401);
      const hasId = /\{\w+\}/.test(entry.route);
      if (entry.crossTenant ?? hasId) {
        // the other tenant's coordinator may do everything in her own tenant, and nothing here
        const foreign = await send(entry.route, { ...built, token: undefined }, b.users.coordinator.token);
        expect({ route: entry.route, status: foreign.status }).toEqual({ route: entry.route, status: 404 });
      }
    }
  });
});

describe('resource rules', () => {
  it('lets a member change only the actions in her working groups’ scope', async () => {
    const inScope = await a.newAction();
    const outOfScope = await a.newForeignAction();
    await test.http
      .post(`/api/actions/${inScope}/status`)
      .set(bearer(a.users.member.token))
      .send({ status: 'in_progress' })
      .expect(200);
    const refused = await test.http
      .post(`/api/actions/${outOfScope}/status`)
      .set(bearer(a.users.member.token))
      .send({ status: 'in_progress' })
      .expect(403);
    expect(refused.body.code).toBe('AUTH.FORBIDDEN');
    await test.http
      .post(`/api/actions/${inScope}/status`)
      .set(bearer(a.users.outsider.token))
      .send({ status: 'postponed' })
      .expect(403);
    // reading stays open to every member of the tenant
    await test.http.get(`/api/actions/${outOfScope}`).set(bearer(a.users.member.token)).expect(200);
  });

  it("lets a partner see and note only its organisation's actions", async () => {
    const own = await a.newAction();
    const foreign = await a.newForeignAction();
    await test.http
      .post(`/api/actions/${own}/notes`)
      .set(bearer(a.users.partner.token))
      .send({ text: 'Van het terrein' })
      .expect(200);
    await test.http
      .post(`/api/actions/${foreign}/notes`)
      .set(bearer(a.users.partner.token))
      .send({ text: 'Nee' })
      .expect(403);
    await test.http.get(`/api/actions/${foreign}`).set(bearer(a.users.partner.token)).expect(403);
    const list = await test.http
      .get(`/api/plans/${a.planId}/actions`)
      .set(bearer(a.users.partner.token))
      .expect(200);
    const ids = (list.body.items as { id: string }[]).map((item) => item.id);
    expect(ids).toContain(own);
    expect(ids).not.toContain(foreign);
  });

  it("never shows one tenant's data in another's lists", async () => {
    const plans = await test.http.get('/api/plans').set(bearer(b.users.coordinator.token)).expect(200);
    expect(JSON.stringify(plans.body)).not.toContain(a.planId);
    const partners = await test.http.get('/api/partners').set(bearer(b.users.coordinator.token)).expect(200);
    expect(JSON.stringify(partners.body)).not.toContain(a.partnerId);
    const users = await test.http.get('/api/users').set(bearer(b.users.coordinator.token)).expect(200);
    expect(JSON.stringify(users.body)).not.toContain(a.users.viewer.id);
    const groups = await test.http
      .get('/api/working-groups')
      .set(bearer(b.users.coordinator.token))
      .expect(200);
    expect(JSON.stringify(groups.body)).not.toContain(a.workingGroupId);
  });
});
