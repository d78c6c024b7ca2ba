import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore, runEventStoreMigrations } from '#event-store';
import {
  ReadModelQueries,
  actionIdsOfPartner,
  createProjectionRunner,
  getActionHistory,
  getTenant,
  getUser,
  getWorkingGroup,
  isActionInScopeOfUserGroups,
  isActionOfPartner,
  listSecurityEvents,
  listUsers,
  listWorkingGroups,
  listWorkingGroupsOfUser,
  runReadModelMigrations,
  type ProjectionRunner,
} from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, catchUpFully, lastWrittenPosition, seedPlan } from './scenario.js';

type PlanIds = Awaited<ReturnType<typeof seedPlan>>;

/**
 * Tenant A: a coordinator, a member, a partner user (VDAB), a viewer who becomes a member, and a former
 * employee; three working groups (one by theme, one by actions, one archived); sign-ins and account changes.
 */
async function seedTenantA(s: Scenario): Promise<PlanIds> {
  s.actorId = 'a-coord';
  await s.tenant({ type: 'TenantCreated', data: { tenantId: 'tenant-a', name: 'Stad A', demo: false } });
  const a = await seedPlan(s, 'a');
  await s.registerUser('a-coord', 'Cora Coordinator', 'coordinator');
  await s.registerUser('a-mia', 'Mia Member', 'member');
  await s.registerUser('a-piet', 'Piet Partner', 'partner', a.vdab);
  await s.registerUser('a-vic', 'Vic Viewer', 'viewer');
  await s.registerUser('a-ex', 'Ex Employee', 'member');

  // by theme: the work theme, with every action under it (goals at any depth)
  await s.createWorkingGroup('a-wg-work', a.plan, 'Werk', { themeIds: [a.themeWork] });
  await s.addMember('a-wg-work', 'a-mia', 'chair');
  // by action: one care action, later two
  await s.createWorkingGroup('a-wg-care', a.plan, 'Zorg', { actionIds: [a.a4] });
  await s.addMember('a-wg-care', 'a-piet', 'member', a.vdab);
  await s.addMember('a-wg-care', 'a-mia');
  await s.workingGroup('a-wg-care', {
    type: 'WorkingGroupMemberRemoved',
    data: { workingGroupId: 'a-wg-care', userId: 'a-mia' },
  });
  await s.workingGroup('a-wg-care', {
    type: 'WorkingGroupMemberRoleChanged',
    data: { workingGroupId: 'a-wg-care', userId: 'a-piet', from: 'member', to: 'secretary' },
  });
  await s.workingGroup('a-wg-care', {
    type: 'WorkingGroupRenamed',
    data: { workingGroupId: 'a-wg-care', from: 'Zorg', to: 'Zorg aan huis' },
  });
  await s.workingGroup('a-wg-care', {
    type: 'WorkingGroupDescriptionChanged',
    data: { workingGroupId: 'a-wg-care', from: 'Zorg (description)', to: 'Elke maand' },
  });
  await s.workingGroup('a-wg-care', {
    type: 'WorkingGroupScopeChanged',
    data: {
      workingGroupId: 'a-wg-care',
      from: { themeIds: [], actionIds: [a.a4] },
      to: { themeIds: [], actionIds: [a.a4, a.a10] },
    },
  });
  // archived: its scope (the care theme) no longer counts
  await s.createWorkingGroup('a-wg-old', a.plan, 'Oud', { themeIds: [a.themeCare] });
  await s.addMember('a-wg-old', 'a-mia');
  await s.addMember('a-wg-old', 'a-vic');
  await s.workingGroup('a-wg-old', {
    type: 'WorkingGroupArchived',
    data: { workingGroupId: 'a-wg-old', reason: 'opgegaan in Zorg aan huis' },
  });

  s.actorId = 'a-mia';
  await s.user('a-mia', { type: 'UserLoggedIn', data: { userId: 'a-mia', sessionId: 'sess-1' } });
  await s.user('a-mia', { type: 'UserLoginFailed', data: { userId: 'a-mia', reason: 'bad_password' } });
  await s.user('a-mia', { type: 'UserLoggedOut', data: { userId: 'a-mia', sessionId: 'sess-1' } });
  await s.user('a-mia', { type: 'UserPasswordChanged', data: { userId: 'a-mia', by: 'self' } });
  await s.note(a.a1, 'Mia noted this in the meeting');

  s.actorId = 'a-coord';
  await s.user('a-vic', { type: 'UserRoleChanged', data: { userId: 'a-vic', from: 'viewer', to: 'member' } });
  await s.user('a-vic', { type: 'UserDisabled', data: { userId: 'a-vic', reason: 'on leave' } });
  s.actorId = 'a-vic';
  await s.user('a-vic', { type: 'UserLoginFailed', data: { userId: 'a-vic', reason: 'disabled' } });
  s.actorId = 'a-coord';
  await s.user('a-vic', { type: 'UserEnabled', data: { userId: 'a-vic' } });
  await s.user('a-mia', {
    type: 'UserRenamed',
    data: { userId: 'a-mia', from: 'Mia Member', to: 'Mia Martens' },
  });
  await s.user('a-ex', { type: 'UserDisabled', data: { userId: 'a-ex', reason: 'left the city' } });
  await s.tenant({
    type: 'TenantRenamed',
    data: { tenantId: 'tenant-a', from: 'Stad A', to: 'Stad A (Brugge)' },
  });

  s.actorId = 'import-bot'; // not a user: history shows the id
  await s.note(a.a2, 'imported remark');
  return a;
}

async function seedTenantB(s: Scenario): Promise<PlanIds> {
  s.actorId = 'b-coord';
  await s.tenant({ type: 'TenantCreated', data: { tenantId: 'tenant-b', name: 'Gemeente B', demo: true } });
  const b = await seedPlan(s, 'b');
  await s.registerUser('b-coord', 'Bert Coordinator', 'coordinator');
  await s.registerUser('b-mia', 'Mia Member', 'member');
  await s.createWorkingGroup('b-wg-work', b.plan, 'Werk B', { themeIds: [b.themeWork] });
  await s.addMember('b-wg-work', 'b-mia');
  // an actor id that is a user of tenant A: tenant B must not show A's name for it
  s.actorId = 'a-coord';
  await s.note(b.a1, 'written under a foreign actor id');
  return b;
}

describe('access read models: tenants, users, working groups, security log', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let runner: ProjectionRunner;
  let a: PlanIds;
  let b: PlanIds;
  let sa: Scenario;

  beforeAll(async () => {
    db = await createTestDatabase('access');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    store = new PostgresEventStore(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 6 });
    runner = createProjectionRunner({ pool, store, batchSize: 5 });
    sa = new Scenario(store, 'tenant-a');
    a = await seedTenantA(sa);
    b = await seedTenantB(new Scenario(store, 'tenant-b'));
    await catchUpFully(runner, pool);
  });

  afterAll(async () => {
    await runner?.stop();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  describe('tenants and users', () => {
    it('keeps each tenant with its current name and demo flag', async () => {
      expect(await getTenant(pool, 'tenant-a')).toEqual({
        id: 'tenant-a',
        name: 'Stad A (Brugge)',
        demo: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        position: await lastWrittenPosition(pool),
      });
      expect(await getTenant(pool, 'tenant-b')).toMatchObject({ name: 'Gemeente B', demo: true });
      expect(await getTenant(pool, 'nope')).toBeNull();
    });

    it('lists the users of a tenant by name, with role, organisation, state and last sign-in', async () => {
      const users = await listUsers(pool, 'tenant-a');
      expect(users.position).toBe(await lastWrittenPosition(pool));
      expect(users.items.map((u) => [u.name, u.role, u.disabled])).toEqual([
        ['Cora Coordinator', 'coordinator', false],
        ['Ex Employee', 'member', true],
        ['Mia Martens', 'member', false],
        ['Piet Partner', 'partner', false],
        ['Vic Viewer', 'member', false],
      ]);
      expect(users.items.find((u) => u.id === 'a-piet')).toEqual({
        id: 'a-piet',
        email: 'piet.partner@tenant-a.example',
        name: 'Piet Partner',
        role: 'partner',
        partnerId: a.vdab,
        partner: { id: a.vdab, name: 'VDAB' },
        disabled: false,
        demo: false,
        version: 1,
        createdAt: expect.stringMatching(/^2026-01-05T/),
        updatedAt: expect.stringMatching(/^2026-01-05T/),
        lastLoginAt: null,
      });
      const mia = await getUser(pool, 'tenant-a', 'a-mia');
      // registered, signed in, failed, signed out, password, renamed
      expect(mia).toMatchObject({ name: 'Mia Martens', version: 6, partner: null, position: users.position });
      expect(mia!.lastLoginAt).toEqual(expect.stringMatching(/^2026-01-05T/));
      expect(mia!.updatedAt > mia!.lastLoginAt!).toBe(true);
    });

    it('never shows a user of another tenant', async () => {
      expect(await getUser(pool, 'tenant-a', 'b-coord')).toBeNull();
      expect(await getUser(pool, 'tenant-b', 'a-mia')).toBeNull();
      expect((await listUsers(pool, 'tenant-b')).items.map((u) => u.id)).toEqual(['b-coord', 'b-mia']);
      expect((await listUsers(pool, 'tenant-c')).items).toEqual([]);
    });
  });

  describe('working groups', () => {
    it('lists the groups of a tenant, archived ones only on request', async () => {
      const groups = await listWorkingGroups(pool, 'tenant-a');
      expect(groups.items.map((g) => g.name)).toEqual(['Werk', 'Zorg aan huis']);
      expect(groups.position).toBe(await lastWrittenPosition(pool));
      const all = await listWorkingGroups(pool, 'tenant-a', { includeArchived: true });
      expect(all.items.map((g) => [g.name, g.archived, g.memberCount])).toEqual([
        ['Oud', true, 2],
        ['Werk', false, 1],
        ['Zorg aan huis', false, 1],
      ]);
      expect((await listWorkingGroups(pool, 'tenant-a', { planId: 'other-plan' })).items).toEqual([]);
      expect((await listWorkingGroups(pool, 'tenant-b')).items.map((g) => g.id)).toEqual(['b-wg-work']);
    });

    it('answers one group with its scope and members, by role then name, with names', async () => {
      expect(await getWorkingGroup(pool, 'tenant-a', 'a-wg-care')).toEqual({
        id: 'a-wg-care',
        planId: a.plan,
        name: 'Zorg aan huis',
        description: 'Elke maand',
        scope: { themeIds: [], actionIds: [a.a4, a.a10] },
        archived: false,
        archivedReason: null,
        memberCount: 1,
        version: 8,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        members: [
          {
            userId: 'a-piet',
            name: 'Piet Partner',
            partnerId: a.vdab,
            partner: { id: a.vdab, name: 'VDAB' },
            role: 'secretary',
            addedAt: expect.any(String),
          },
        ],
        position: await lastWrittenPosition(pool),
      });
      const old = await getWorkingGroup(pool, 'tenant-a', 'a-wg-old');
      expect(old).toMatchObject({
        archived: true,
        archivedReason: 'opgegaan in Zorg aan huis',
        scope: { themeIds: [a.themeCare], actionIds: [] },
      });
      expect(old!.members.map((m) => [m.name, m.role, m.partner])).toEqual([
        ['Mia Martens', 'member', null],
        ['Vic Viewer', 'member', null],
      ]);
      expect((await getWorkingGroup(pool, 'tenant-a', 'a-wg-work'))!.members.map((m) => m.role)).toEqual([
        'chair',
      ]);
    });

    it('lists the groups of a user with the role in each', async () => {
      const mia = await listWorkingGroupsOfUser(pool, 'tenant-a', 'a-mia');
      expect(mia.items.map((g) => [g.id, g.role])).toEqual([['a-wg-work', 'chair']]);
      expect(mia.position).toBe(await lastWrittenPosition(pool));
      const withArchived = await listWorkingGroupsOfUser(pool, 'tenant-a', 'a-mia', {
        includeArchived: true,
      });
      expect(withArchived.items.map((g) => [g.id, g.role])).toEqual([
        ['a-wg-old', 'member'],
        ['a-wg-work', 'chair'],
      ]);
      expect((await listWorkingGroupsOfUser(pool, 'tenant-a', 'a-piet')).items).toMatchObject([
        { id: 'a-wg-care', name: 'Zorg aan huis', role: 'secretary', memberCount: 1 },
      ]);
      expect((await listWorkingGroupsOfUser(pool, 'tenant-a', 'a-coord')).items).toEqual([]);
    });

    it('never shows a group of another tenant', async () => {
      expect(await getWorkingGroup(pool, 'tenant-a', 'b-wg-work')).toBeNull();
      expect(await getWorkingGroup(pool, 'tenant-b', 'a-wg-work')).toBeNull();
      expect((await listWorkingGroupsOfUser(pool, 'tenant-a', 'b-mia')).items).toEqual([]);
      expect((await listWorkingGroupsOfUser(pool, 'tenant-b', 'b-mia')).items.map((g) => g.id)).toEqual([
        'b-wg-work',
      ]);
    });
  });

  describe('authorisation facts', () => {
    it('puts an action in scope through the theme of a group, at any goal depth', async () => {
      const mia = (actionId: string) => isActionInScopeOfUserGroups(pool, 'tenant-a', 'a-mia', actionId);
      expect(await mia(a.a1)).toBe(true);
      expect(await mia(a.a10)).toBe(true);
      expect(await mia(a.a3)).toBe(true); // under a sub-goal of the work theme
      // care: removed from "Zorg aan huis", and "Oud" is archived
      expect(await mia(a.a4)).toBe(false);
      expect(await mia(a.archived)).toBe(false);
      expect(await mia('nope')).toBe(false);
    });

    it('puts an action in scope through the action ids of a group, after a scope change', async () => {
      const piet = (actionId: string) => isActionInScopeOfUserGroups(pool, 'tenant-a', 'a-piet', actionId);
      expect(await piet(a.a4)).toBe(true);
      expect(await piet(a.a10)).toBe(true); // added by the scope change
      expect(await piet(a.a1)).toBe(false);
      // only in an archived group, or in none
      expect(await isActionInScopeOfUserGroups(pool, 'tenant-a', 'a-vic', a.a4)).toBe(false);
      expect(await isActionInScopeOfUserGroups(pool, 'tenant-a', 'a-coord', a.a1)).toBe(false);
    });

    it('never crosses tenants in a scope check', async () => {
      expect(await isActionInScopeOfUserGroups(pool, 'tenant-b', 'b-mia', b.a1)).toBe(true);
      expect(await isActionInScopeOfUserGroups(pool, 'tenant-a', 'b-mia', a.a1)).toBe(false);
      expect(await isActionInScopeOfUserGroups(pool, 'tenant-b', 'a-mia', b.a1)).toBe(false);
      expect(await isActionInScopeOfUserGroups(pool, 'tenant-a', 'a-mia', b.a1)).toBe(false);
    });

    it('knows the actions a partner leads or is a partner on', async () => {
      expect(await actionIdsOfPartner(pool, 'tenant-a', a.vdab)).toEqual([a.a1, a.a2]); // partner, lead
      expect(await actionIdsOfPartner(pool, 'tenant-a', a.ocmw)).toEqual([a.a1, a.a3]);
      expect(await actionIdsOfPartner(pool, 'tenant-a', a.buurt)).toEqual([a.a3]);
      expect(await actionIdsOfPartner(pool, 'tenant-a', 'nobody')).toEqual([]);
      expect(await isActionOfPartner(pool, 'tenant-a', a.vdab, a.a1)).toBe(true);
      expect(await isActionOfPartner(pool, 'tenant-a', a.vdab, a.a2)).toBe(true);
      expect(await isActionOfPartner(pool, 'tenant-a', a.vdab, a.a3)).toBe(false);
      expect(await isActionOfPartner(pool, 'tenant-a', a.vdab, 'nope')).toBe(false);
      // another tenant: neither its partners nor its actions
      expect(await actionIdsOfPartner(pool, 'tenant-b', a.vdab)).toEqual([]);
      expect(await isActionOfPartner(pool, 'tenant-b', a.vdab, a.a1)).toBe(false);
      expect(await isActionOfPartner(pool, 'tenant-a', b.vdab, b.a1)).toBe(false);
      expect(await isActionOfPartner(pool, 'tenant-b', b.vdab, b.a1)).toBe(true);
    });
  });

  describe('security log', () => {
    it('lists the security events of a tenant, newest first, with names and summaries', async () => {
      const log = await listSecurityEvents(pool, 'tenant-a');
      // 5 registrations, 4 of Mia (sign-in, failure, sign-out, password), 4 of Vic, 1 of Ex
      expect(log.total).toBe(14);
      expect(log.items).toHaveLength(14);
      expect(log.position).toBe(await lastWrittenPosition(pool));
      const positions = log.items.map((item) => item.position);
      expect(positions).toEqual([...positions].sort().reverse());
      expect(log.items[0]).toEqual({
        position: expect.any(String),
        type: 'UserDisabled',
        occurredAt: expect.stringMatching(/^2026-01-05T/),
        user: { id: 'a-ex', name: 'Ex Employee' },
        actor: { id: 'a-coord', name: 'Cora Coordinator' },
        summary: {
          nl: 'Account van Ex Employee uitgeschakeld: left the city',
          en: 'Account of Ex Employee disabled: left the city',
        },
        details: { userId: 'a-ex', reason: 'left the city' },
      });
      const roleChange = log.items.find((item) => item.type === 'UserRoleChanged');
      expect(roleChange).toMatchObject({
        user: { id: 'a-vic', name: 'Vic Viewer' },
        actor: { id: 'a-coord', name: 'Cora Coordinator' },
        summary: { nl: 'Rol van Vic Viewer gewijzigd van kijker naar werkgroeplid' },
      });
      const registeredPartner = log.items.find(
        (item) => item.type === 'UserRegistered' && item.user.id === 'a-piet',
      );
      expect(registeredPartner!.summary.en).toBe(
        'User "Piet Partner" <piet.partner@tenant-a.example> registered as partner (VDAB)',
      );
      expect(log.items.map((item) => item.type)).not.toContain('UserRenamed');
    });

    it('filters by user and pages', async () => {
      const mia = await listSecurityEvents(pool, 'tenant-a', { userId: 'a-mia' });
      expect(mia.items.map((item) => item.type)).toEqual([
        'UserPasswordChanged',
        'UserLoggedOut',
        'UserLoginFailed',
        'UserLoggedIn',
        'UserRegistered',
      ]);
      expect(mia.items[2]).toMatchObject({
        actor: { id: 'a-mia', name: 'Mia Martens' },
        summary: {
          nl: 'Mislukte aanmelding van Mia Martens: verkeerd wachtwoord',
          en: 'Failed sign-in of Mia Martens: wrong password',
        },
        details: { userId: 'a-mia', reason: 'bad_password' },
      });
      expect(mia.items[0]!.details).toEqual({ userId: 'a-mia', by: 'self' });
      const page = await listSecurityEvents(pool, 'tenant-a', { userId: 'a-mia', limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
      expect(page.items.map((item) => item.type)).toEqual(['UserLoggedOut', 'UserLoginFailed']);
      const vic = await listSecurityEvents(pool, 'tenant-a', { userId: 'a-vic' });
      expect(vic.items.map((item) => [item.type, item.actor.id])).toEqual([
        ['UserEnabled', 'a-coord'],
        ['UserLoginFailed', 'a-vic'],
        ['UserDisabled', 'a-coord'],
        ['UserRoleChanged', 'a-coord'],
        ['UserRegistered', 'a-coord'],
      ]);
    });

    it('keeps the security log of each tenant apart', async () => {
      const logB = await listSecurityEvents(pool, 'tenant-b');
      expect(logB.items.map((item) => [item.type, item.user.id])).toEqual([
        ['UserRegistered', 'b-mia'],
        ['UserRegistered', 'b-coord'],
      ]);
      expect((await listSecurityEvents(pool, 'tenant-b', { userId: 'a-mia' })).total).toBe(0);
    });
  });

  describe('actor names in history', () => {
    it('shows actors by their current name from the users read model, the id when unknown', async () => {
      const history = await getActionHistory(pool, 'tenant-a', a.a1);
      const actors = history!.items.map((item) => item.actor);
      expect(actors.slice(0, -1).every((actor) => actor.name === 'Cora Coordinator')).toBe(true);
      // the note Mia wrote before she was renamed shows her current name
      expect(actors.at(-1)).toEqual({ id: 'a-mia', name: 'Mia Martens' });
      const imported = await getActionHistory(pool, 'tenant-a', a.a2);
      expect(imported!.items.at(-1)!.actor).toEqual({ id: 'import-bot', name: 'import-bot' });
    });

    it('never takes a name from another tenant', async () => {
      const history = await getActionHistory(pool, 'tenant-b', b.a1);
      expect(history!.items.at(-1)!.actor).toEqual({ id: 'a-coord', name: 'a-coord' });
      expect(history!.items[0]!.actor).toEqual({ id: 'b-coord', name: 'Bert Coordinator' });
    });

    it('ReadModelQueries resolves names from the users by default', async () => {
      const queries = new ReadModelQueries(pool);
      const history = await queries.getActionHistory('tenant-a', a.a1);
      expect(history!.items.at(-1)!.actor).toEqual({ id: 'a-mia', name: 'Mia Martens' });
    });
  });

  describe('ReadModelQueries', () => {
    it('waits for ?minPosition= on every access read', async () => {
      const queries = new ReadModelQueries(pool, { waitTimeoutMs: 5_000 });
      const written = await sa.user('a-piet', {
        type: 'UserRenamed',
        data: { userId: 'a-piet', from: 'Piet Partner', to: 'Piet Peeters' },
      });
      const read = { minPosition: written.position, timeoutMs: 10_000 };
      const pending = queries.getUser('tenant-a', 'a-piet', read);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await catchUpFully(runner, pool);
      const piet = await pending;
      expect(piet).toMatchObject({ name: 'Piet Peeters', version: 2 });
      expect(piet!.position >= written.position).toBe(true);
      const answers = await Promise.all([
        queries.listUsers('tenant-a', read),
        queries.getTenant('tenant-a', read),
        queries.listWorkingGroups('tenant-a', {}, read),
        queries.getWorkingGroup('tenant-a', 'a-wg-care', read),
        queries.listWorkingGroupsOfUser('tenant-a', 'a-piet', {}, read),
        queries.listSecurityEvents('tenant-a', { userId: 'a-piet' }, read),
      ]);
      for (const answer of answers) expect(answer!.position >= written.position).toBe(true);
      expect(answers[3]!.members[0]!.name).toBe('Piet Peeters');
      expect(await queries.isActionInScopeOfUserGroups('tenant-a', 'a-piet', a.a4, read)).toBe(true);
      expect(await queries.isActionOfPartner('tenant-a', a.vdab, a.a1, read)).toBe(true);
      expect(await queries.actionIdsOfPartner('tenant-a', a.vdab, read)).toEqual([a.a1, a.a2]);
    });
  });

  describe('scope checks follow membership and archiving', () => {
    it('a member added to a group gains its scope, and loses it when removed', async () => {
      const inScope = () => isActionInScopeOfUserGroups(pool, 'tenant-a', 'a-mia', a.a4);
      expect(await inScope()).toBe(false);
      await sa.addMember('a-wg-care', 'a-mia');
      await catchUpFully(runner, pool);
      expect(await inScope()).toBe(true);
      expect((await getWorkingGroup(pool, 'tenant-a', 'a-wg-care'))!.memberCount).toBe(2);
      await sa.workingGroup('a-wg-care', {
        type: 'WorkingGroupMemberRemoved',
        data: { workingGroupId: 'a-wg-care', userId: 'a-mia' },
      });
      await catchUpFully(runner, pool);
      expect(await inScope()).toBe(false);
      expect((await getWorkingGroup(pool, 'tenant-a', 'a-wg-care'))!.memberCount).toBe(1);
    });

    it('a group by theme gives its scope until it is archived', async () => {
      const inScope = (actionId: string) => isActionInScopeOfUserGroups(pool, 'tenant-a', 'a-vic', actionId);
      await sa.createWorkingGroup('a-wg-tmp', a.plan, 'Tijdelijk', { themeIds: [a.themeCare] });
      await sa.addMember('a-wg-tmp', 'a-vic');
      await catchUpFully(runner, pool);
      expect(await inScope(a.a4)).toBe(true);
      expect(await inScope(a.a1)).toBe(false);
      await sa.workingGroup('a-wg-tmp', {
        type: 'WorkingGroupArchived',
        data: { workingGroupId: 'a-wg-tmp', reason: 'done' },
      });
      await catchUpFully(runner, pool);
      expect(await inScope(a.a4)).toBe(false);
      expect((await listWorkingGroupsOfUser(pool, 'tenant-a', 'a-vic')).items).toEqual([]);
    });
  });
});
