import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { systemContext, type CommandContext } from '#commands';
import type { UserRole } from '#domain';
import type { AppConfig } from '#platform';
import { startApi, type RunningApp } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const PASSWORD = 'correct horse battery';

export interface TestApi {
  api: RunningApp;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The real api (HTTP server, projections, embedded or TEST_DATABASE_URL PostgreSQL) on a fresh database. */
export async function startTestApi(overrides: Partial<AppConfig> = {}): Promise<TestApi> {
  const db: TestDatabase = await createTestDatabase('api');
  const api = await startApi({
    databaseUrl: db.url,
    port: 0,
    host: '127.0.0.1',
    demo: false,
    logLevel: 'warn',
    rateLimitPerMinute: 1_000_000,
    publicFeedbackPer15Minutes: 1_000_000,
    ...overrides,
  });
  return {
    api,
    http: request(api.url),
    close: async () => {
      await api.close();
      await db.drop();
    },
  };
}

export interface TenantFixture {
  tenantId: string;
  context: CommandContext;
  partnerId: string;
  otherPartnerId: string;
  planId: string;
  themeId: string;
  otherThemeId: string;
  goalId: string;
  otherGoalId: string;
  workingGroupId: string;
  users: Record<UserRole | 'outsider', { id: string; email: string; token: string }>;
  /** a fresh action in the member's working-group scope, led by the partner user's organisation */
  newAction(): Promise<string>;
  /** a fresh action outside the member's scope and not the partner's */
  newForeignAction(): Promise<string>;
}

/**
 * A tenant with one user per role (and a member outside every group), two partner organisations, a plan
 * with two themes, and a working group scoped on the first theme with the member in it; everyone logged in.
 */
export async function seedTenant(test: TestApi, tenantId: string): Promise<TenantFixture> {
  const { commands, userAdmin } = test.api.runtime;
  const context = systemContext(tenantId);
  await userAdmin.createTenant(tenantId, `Stad ${tenantId}`, false, context);
  const partnerId = randomUUID();
  const otherPartnerId = randomUUID();
  await commands.partner(
    partnerId,
    { type: 'RegisterPartner', data: { partnerId, name: 'CAW', kind: 'non_profit' } },
    context,
  );
  await commands.partner(
    otherPartnerId,
    { type: 'RegisterPartner', data: { partnerId: otherPartnerId, name: 'OCMW', kind: 'public_body' } },
    context,
  );
  const planId = randomUUID();
  const themeId = randomUUID();
  const otherThemeId = randomUUID();
  const goalId = randomUUID();
  const otherGoalId = randomUUID();
  await commands.plan(
    planId,
    {
      type: 'CreatePlan',
      data: {
        planId,
        title: `Plan ${tenantId}`,
        description: '',
        periodStart: '2021-01-01',
        periodEnd: '2025-12-31',
      },
    },
    context,
  );
  await commands.plan(
    planId,
    {
      type: 'AddTheme',
      data: { planId, themeId, code: '3', title: 'Een dak boven je hoofd', leadPartnerId: null },
    },
    context,
  );
  await commands.plan(
    planId,
    {
      type: 'AddTheme',
      data: { planId, themeId: otherThemeId, code: '4', title: 'Een goede gezondheid', leadPartnerId: null },
    },
    context,
  );
  await commands.plan(
    planId,
    {
      type: 'AddGoal',
      data: { planId, goalId, parentId: themeId, code: '3.1', title: 'Meer sociale huisvesting' },
    },
    context,
  );
  await commands.plan(
    planId,
    {
      type: 'AddGoal',
      data: {
        planId,
        goalId: otherGoalId,
        parentId: otherThemeId,
        code: '4.1',
        title: 'Mentaal welbevinden',
      },
    },
    context,
  );

  const users = {} as TenantFixture['users'];
  const roles: (UserRole | 'outsider')[] = ['coordinator', 'member', 'partner', 'viewer', 'outsider'];
  for (const role of roles) {
    const email = `${role}@${tenantId}.test`;
    const result = await userAdmin.register(
      {
        email,
        name: `${role} of ${tenantId}`,
        role: role === 'outsider' ? 'member' : role,
        partnerId: role === 'partner' ? partnerId : null,
        password: PASSWORD,
      },
      context,
    );
    users[role] = { id: result.id, email, token: '' };
  }
  const workingGroupId = randomUUID();
  await commands.workingGroup(
    workingGroupId,
    {
      type: 'CreateWorkingGroup',
      data: {
        workingGroupId,
        planId,
        name: 'Dak- en thuislozen',
        description: '',
        scope: { themeIds: [themeId], actionIds: [] },
      },
    },
    context,
  );
  const membership = await commands.workingGroup(
    workingGroupId,
    { type: 'AddWorkingGroupMember', data: { workingGroupId, userId: users.member.id, role: 'member' } },
    context,
  );
  // reads and access rules of the tests use the read models: wait until they hold the group and its member
  await test.api.runtime.runner.waitForPosition(membership.position, { timeoutMs: 20_000 });
  for (const role of roles) users[role].token = await login(test, users[role].email);

  let counter = 0;
  const addAction = async (goal: string, owner: string | null): Promise<string> => {
    const actionId = randomUUID();
    counter += 1;
    const result = await commands.addAction(
      planId,
      {
        actionId,
        planId,
        goalId: goal,
        code: `${goal === goalId ? '3.1' : '4.1'}.${counter}`,
        title: `Actie ${counter}`,
        description: '',
        tags: [],
        citizenIdea: false,
      },
      context,
    );
    let position = result.position;
    if (owner)
      position = (
        await commands.action(
          actionId,
          { type: 'ChangeActionOwner', data: { actionId, ownerId: owner } },
          context,
        )
      ).position;
    // access rules read the read models: wait until they reflect the new action
    await test.api.runtime.runner.waitForPosition(position, { timeoutMs: 5000 });
    return actionId;
  };
  return {
    tenantId,
    context,
    partnerId,
    otherPartnerId,
    planId,
    themeId,
    otherThemeId,
    goalId,
    otherGoalId,
    workingGroupId,
    users,
    newAction: () => addAction(goalId, partnerId),
    newForeignAction: () => addAction(otherGoalId, otherPartnerId),
  };
}

export async function login(test: TestApi, email: string, password = PASSWORD): Promise<string> {
  const response = await test.http.post('/api/auth/login').send({ email, password });
  if (response.status !== 200)
    throw new Error(`login ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { accessToken: string }).accessToken;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
