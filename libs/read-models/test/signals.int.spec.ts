import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { CommandExecutor, SignalService, type CommandContext } from '#commands';
import { actionStreamId, signalDecider } from '#domain';
import { PostgresEventStore, runEventStoreMigrations } from '#event-store';
import {
  createProjectionRunner,
  getActionHistory,
  getSignal,
  getSignalHistory,
  listSignals,
  actorIdsAsNames,
  runReadModelMigrations,
  workingGroupIdsOfMember,
  type ProjectionRunner,
  type SignalList,
} from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, catchUpFully, seedPlan } from './scenario.js';

/**
 * Signals through their use cases (so the links on the actions are real), read back per inbox: the tenant,
 * working groups (by their scope: an action, a theme, an action's theme) and partners.
 */
describe('signal read models and inboxes', () => {
  const tenantId = 'tenant-sg';
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let runner: ProjectionRunner;
  let signals: SignalService;
  let a: Awaited<ReturnType<typeof seedPlan>>;
  let clock = Date.parse('2026-02-02T09:00:00.000Z');
  const ctx = (actorId = 'sg-coord'): CommandContext => ({
    tenantId,
    actorId,
    correlationId: randomUUID(),
    causationId: null,
    meetingId: null,
    idempotencyKey: null,
    now: new Date((clock += 60_000)).toISOString(),
  });
  const ids = { s1: randomUUID(), s2: randomUUID(), s3: randomUUID() };
  const idsOf = (list: SignalList): string[] => list.items.map((item) => item.id).sort();
  const sorted = (...values: string[]): string[] => [...values].sort();

  beforeAll(async () => {
    db = await createTestDatabase('signals');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    store = new PostgresEventStore(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 6 });
    runner = createProjectionRunner({ pool, store, batchSize: 4 });
    const s = new Scenario(store, tenantId, 'sg-coord');
    a = await seedPlan(s, 'sg');
    await s.registerUser('sg-mia', 'Mia Martens', 'member');
    await s.createWorkingGroup('sg-wg-work', a.plan, 'Werk', { themeIds: [a.themeWork] });
    await s.createWorkingGroup('sg-wg-care', a.plan, 'Zorg', { actionIds: [a.a4] });
    await s.workingGroup('sg-wg-care', {
      type: 'WorkingGroupMemberAdded',
      data: { workingGroupId: 'sg-wg-care', userId: 'sg-mia', partnerId: null, role: 'member' },
    });
    signals = new SignalService(store);
    // a partner user of Buurtwerk about an action of theme 1 (in the work group's scope through its theme)
    await signals.submit(
      {
        signalId: ids.s1,
        partnerId: a.buurt,
        text: 'Avondsessie gevraagd',
        urgency: 'high',
        actionIds: [a.a1],
      },
      ctx('sg-buurt-user'),
    );
    // the coordinator for OCMW, about theme 2 directly: no group has that theme in its scope
    await signals.submit(
      { signalId: ids.s2, partnerId: a.ocmw, text: 'Thema zorg', themeIds: [a.themeCare] },
      ctx(),
    );
    // the coordinator for the advisory council, about action 2.1.1 (named in the care group's scope)
    await signals.submit(
      { signalId: ids.s3, source: 'Seniorenraad', text: 'Wachtlijsten', urgency: 'low', actionIds: [a.a4] },
      ctx(),
    );
    await signals.acknowledge(ids.s1, ctx());
    await signals.answer(ids.s1, 'Er komt een avondsessie', ctx());
    await signals.putSignalOnAgenda(ids.s3, 'sg-meeting-1', ctx());
    await signals.putSignalOnAgenda(ids.s3, 'sg-meeting-1', ctx()); // a retry writes nothing
    await signals.escalate(ids.s2, { to: 'Vlaamse overheid', text: 'Meer middelen' }, ctx());
    await signals.close(ids.s2, 'doorgegeven', ctx());
    await catchUpFully(runner, pool);
  });

  afterAll(async () => {
    await runner?.stop();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('the tenant inbox holds every signal, most recently changed first, with where it stands', async () => {
    const list = await listSignals(pool, tenantId, { kind: 'tenant' });
    expect(list.total).toBe(3);
    expect(list.items.map((item) => [item.id, item.status])).toEqual([
      [ids.s2, 'closed'],
      [ids.s3, 'on_agenda'],
      [ids.s1, 'answered'],
    ]);
    const s1 = list.items.find((item) => item.id === ids.s1)!;
    expect(s1).toMatchObject({
      urgency: 'high',
      partner: { id: a.buurt, name: 'Buurtwerk vzw' },
      source: null,
      actionIds: [a.a1],
      workingGroupIds: ['sg-wg-work'],
      answered: true,
      response: 'Er komt een avondsessie',
      submittedBy: 'sg-buurt-user',
      version: 3,
    });
    expect(list.items.find((item) => item.id === ids.s2)).toMatchObject({
      workingGroupIds: [],
      escalation: { to: 'Vlaamse overheid', text: 'Meer middelen' },
      closeReason: 'doorgegeven',
      answered: false,
    });
    expect(list.items.find((item) => item.id === ids.s3)).toMatchObject({
      partner: null,
      source: 'Seniorenraad',
      meetingIds: ['sg-meeting-1'],
      version: 2,
    });
  });

  it('a working group inbox holds the signals in its scope (named actions, themes, actions of its themes)', async () => {
    expect(
      idsOf(await listSignals(pool, tenantId, { kind: 'groups', workingGroupIds: ['sg-wg-work'] })),
    ).toEqual([ids.s1]);
    expect(
      idsOf(await listSignals(pool, tenantId, { kind: 'groups', workingGroupIds: ['sg-wg-care'] })),
    ).toEqual([ids.s3]);
    expect(
      idsOf(
        await listSignals(pool, tenantId, { kind: 'groups', workingGroupIds: ['sg-wg-work', 'sg-wg-care'] }),
      ),
    ).toEqual(sorted(ids.s1, ids.s3));
    expect(idsOf(await listSignals(pool, tenantId, { kind: 'groups', workingGroupIds: [] }))).toEqual([]);
    expect(await workingGroupIdsOfMember(pool, tenantId, 'sg-mia')).toEqual(['sg-wg-care']);
  });

  it("a partner's inbox holds its own organisation's signals only", async () => {
    expect(idsOf(await listSignals(pool, tenantId, { kind: 'partner', partnerId: a.buurt }))).toEqual([
      ids.s1,
    ]);
    expect(idsOf(await listSignals(pool, tenantId, { kind: 'partner', partnerId: a.ocmw }))).toEqual([
      ids.s2,
    ]);
    expect((await listSignals(pool, tenantId, { kind: 'partner', partnerId: a.vdab })).total).toBe(0);
  });

  it('filters by status, urgency, theme (directly or through an action), action, group and partner', async () => {
    const tenant = { kind: 'tenant' } as const;
    expect(idsOf(await listSignals(pool, tenantId, tenant, { status: ['answered', 'closed'] }))).toEqual(
      sorted(ids.s1, ids.s2),
    );
    expect(idsOf(await listSignals(pool, tenantId, tenant, { urgency: ['low'] }))).toEqual([ids.s3]);
    expect(idsOf(await listSignals(pool, tenantId, tenant, { themeId: a.themeWork }))).toEqual([ids.s1]);
    expect(idsOf(await listSignals(pool, tenantId, tenant, { themeId: a.themeCare }))).toEqual(
      sorted(ids.s2, ids.s3),
    );
    expect(idsOf(await listSignals(pool, tenantId, tenant, { actionId: a.a4 }))).toEqual([ids.s3]);
    expect(idsOf(await listSignals(pool, tenantId, tenant, { workingGroupId: 'sg-wg-work' }))).toEqual([
      ids.s1,
    ]);
    expect(idsOf(await listSignals(pool, tenantId, tenant, { partnerId: a.ocmw }))).toEqual([ids.s2]);
    const page = await listSignals(pool, tenantId, tenant, {}, { limit: 1, offset: 1 });
    expect([page.items.length, page.total]).toEqual([1, 3]);
    expect((await listSignals(pool, tenantId, tenant, {}, { limit: 1, offset: 5 })).total).toBe(3);
  });

  it('answers one signal, and nothing for another tenant', async () => {
    expect(await getSignal(pool, tenantId, ids.s1)).toMatchObject({ id: ids.s1, status: 'answered' });
    expect(await getSignal(pool, 'another-tenant', ids.s1)).toBeNull();
    expect(await getSignal(pool, tenantId, randomUUID())).toBeNull();
  });

  it("keeps a signal's own history with summaries", async () => {
    const history = await getSignalHistory(pool, tenantId, ids.s1, actorIdsAsNames);
    expect(history!.items.map((item) => [item.version, item.type, item.summary.nl])).toEqual([
      [1, 'SignalSubmitted', 'Signaal van Buurtwerk vzw ingediend (urgentie hoog): Avondsessie gevraagd'],
      [2, 'SignalAcknowledged', 'Signaal ontvangen'],
      [3, 'SignalAnswered', 'Signaal beantwoord: Er komt een avondsessie'],
    ]);
    expect(history!.items[0]!.actor).toEqual({ id: 'sg-buurt-user', name: 'sg-buurt-user' });
    expect(await getSignalHistory(pool, 'another-tenant', ids.s1, actorIdsAsNames)).toBeNull();
  });

  it('shows the signal in the history of the actions it concerns, after their own events', async () => {
    const history = await getActionHistory(pool, tenantId, a.a1, actorIdsAsNames);
    const tail = history!.items.slice(-3);
    expect(tail.map((item) => item.type)).toEqual([
      'ActionSignalRecorded',
      'SignalAcknowledged',
      'SignalAnswered',
    ]);
    expect(tail[0]!.data).toMatchObject({ signalId: ids.s1, partnerId: a.buurt });
    // the signal rows carry the action's version at that moment, the link is the action's last event
    expect(new Set(tail.map((item) => item.version)).size).toBe(1);
    const care = await getActionHistory(pool, tenantId, a.a4, actorIdsAsNames);
    expect(care!.items.slice(-2).map((item) => [item.type, item.summary.en])).toEqual([
      ['ActionSignalRecorded', 'Signal from Seniorenraad (urgency low): Wachtlijsten'],
      ['SignalPutOnAgenda', 'Signal put on the agenda of meeting sg-meeting-1'],
    ]);
  });

  it('a retried submission completes the links a crash left out, and never writes twice', async () => {
    const signalId = randomUUID();
    const input = { signalId, partnerId: a.vdab, text: 'Vacatures', actionIds: [a.a2, a.a3] };
    // the crash: the signal's own stream was written, the links on the actions were not
    await new CommandExecutor(store).execute(
      signalDecider,
      signalId,
      { type: 'SubmitSignal', data: input },
      ctx(),
    );
    const links = async (actionId: string) =>
      (await store.readStream(actionStreamId(actionId))).filter(
        (event) => (event.data as { signalId?: string }).signalId === signalId,
      ).length;
    expect([await links(a.a2), await links(a.a3)]).toEqual([0, 0]);
    expect(await signals.submit(input, ctx())).toMatchObject({ id: signalId, version: 1, duplicate: true });
    await signals.submit(input, ctx());
    expect([await links(a.a2), await links(a.a3)]).toEqual([1, 1]);
    // another submission under the same id is refused
    await expect(signals.submit({ ...input, text: 'Iets anders' }, ctx())).rejects.toMatchObject({
      code: 'SIGNAL.ALREADY_EXISTS',
    });
  });
});
