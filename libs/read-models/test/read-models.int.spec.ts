import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore, runEventStoreMigrations } from '#event-store';
import {
  ReadModelQueries,
  createProjectionRunner,
  getAction,
  getActionHistory,
  getDashboard,
  getPlanTree,
  listActions,
  listPartners,
  listPlans,
  runReadModelMigrations,
  type ActionFilters,
  type ProjectionRunner,
} from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, catchUpFully, lastWrittenPosition, seedPlan } from './scenario.js';

describe('read models on PostgreSQL with the real event store', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let runner: ProjectionRunner;
  let a: Awaited<ReturnType<typeof seedPlan>>;
  let b: Awaited<ReturnType<typeof seedPlan>>;
  const TODAY = '2026-02-01';

  beforeAll(async () => {
    db = await createTestDatabase('rm');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    store = new PostgresEventStore(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 6 });
    runner = createProjectionRunner({ pool, store, batchSize: 7 });
    a = await seedPlan(new Scenario(store, 'tenant-a', 'user-a'), 'a');
    b = await seedPlan(new Scenario(store, 'tenant-b', 'user-b'), 'b');
    await catchUpFully(runner, pool);
  });

  afterAll(async () => {
    await runner?.stop();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('lists the plans of a tenant only', async () => {
    const plans = await listPlans(pool, 'tenant-a');
    expect(plans.items).toEqual([
      {
        id: a.plan,
        title: 'Plan a',
        description: 'Plan a (description)',
        periodStart: '2025-01-01',
        public: false,
        periodEnd: '2030-12-31',
        updatedAt: expect.any(String),
      },
    ]);
    expect(plans.position).toBe(await lastWrittenPosition(pool));
  });

  it('builds the plan tree with goals at any depth, actions in natural code order, archived ones left out', async () => {
    const tree = await getPlanTree(pool, 'tenant-a', a.plan);
    expect(tree).not.toBeNull();
    expect(tree!.themes.map((t) => [t.code, t.title])).toEqual([
      ['1', 'Work'],
      ['2', 'Care'],
    ]);
    const jobs = tree!.themes[0]!.goals[0]!;
    expect(jobs).toMatchObject({ id: a.goalJobs, code: '1.1', title: 'More jobs' });
    // no codes, priority or indicators set: the reporting fields are their defaults
    const noIndicators = {
      status: 'no_data',
      counts: { on_track: 0, attention: 0, off_track: 0, no_data: 0 },
    };
    const plain = { bbcCode: null, priority: false, effectivePriority: false, priorityInherited: false };
    const reporting = { ...plain, subReportingCode: null, weight: 1, indicators: noIndicators };
    expect(jobs.actions).toEqual([
      {
        id: a.a1,
        code: '1.1.1',
        title: 'Spring job fair',
        status: 'in_progress',
        progress: 40,
        ...reporting,
      },
      // realised without a reported progress counts as 100
      {
        id: a.a2,
        code: '1.1.2',
        title: 'Language coaching',
        status: 'realised',
        progress: 100,
        ...reporting,
      },
      {
        id: a.a10,
        code: '1.1.10',
        title: 'Mentoring programme',
        status: 'not_started',
        progress: 0,
        ...reporting,
      },
    ]);
    // the goal's progress: the weighted average (all weights 1) of its three actions and its sub-goal (0)
    expect(jobs.progress).toBe(35);
    expect(jobs.goals).toEqual([
      {
        id: a.goalJobsYoung,
        code: '1.1.A',
        title: 'Jobs for young people',
        progress: 0,
        ...reporting,
        goals: [],
        actions: [
          {
            id: a.a3,
            code: '1.1.A.1',
            title: 'Summer jobs',
            status: 'not_started',
            progress: 0,
            ...reporting,
          },
        ],
      },
    ]);
    const care = tree!.themes[1]!.goals[0]!;
    expect(care.actions.map((x) => x.code)).toEqual(['2.1.1']); // 2.1.2 is archived
    expect(tree!.position).toBe(await lastWrittenPosition(pool));
  });

  it('reorders themes and renames goals', async () => {
    const s = new Scenario(store, 'tenant-a', 'user-a');
    await s.plan(a.plan, {
      type: 'ThemesReordered',
      data: { planId: a.plan, order: [a.themeCare, a.themeWork] },
    });
    await s.plan(a.plan, {
      type: 'GoalRenamed',
      data: { planId: a.plan, goalId: a.goalCare, from: 'Care at home', to: 'Care and support at home' },
    });
    await catchUpFully(runner, pool);
    const tree = await getPlanTree(pool, 'tenant-a', a.plan);
    expect(tree!.themes.map((t) => t.code)).toEqual(['2', '1']);
    expect(tree!.themes[0]!.goals[0]!.title).toBe('Care and support at home');
    await s.plan(a.plan, {
      type: 'ThemesReordered',
      data: { planId: a.plan, order: [a.themeWork, a.themeCare] },
    });
    await catchUpFully(runner, pool);
  });

  it('lists actions with every field, in code order, archived left out, with total and position', async () => {
    const list = await listActions(pool, 'tenant-a', a.plan, { today: TODAY });
    expect(list!.total).toBe(5);
    expect(list!.items.map((x) => x.code)).toEqual(['1.1.1', '1.1.2', '1.1.10', '1.1.A.1', '2.1.1']);
    expect(list!.items[0]).toEqual({
      id: a.a1,
      planId: a.plan,
      code: '1.1.1',
      title: 'Spring job fair',
      description: 'Job fair: what we will do',
      status: 'in_progress',
      themeId: a.themeWork,
      goalId: a.goalJobs,
      ownerId: a.ocmw,
      owner: { id: a.ocmw, name: 'OCMW' },
      partnerIds: [a.vdab],
      partners: [{ id: a.vdab, name: 'VDAB' }],
      tags: ['work', 'youth'],
      progress: 40,
      dueDate: '2026-03-01',
      overdue: false,
      archived: false,
      citizenIdea: false,
      signalCount: 1,
      noteCount: 1,
      bbcCode: null,
      priority: false,
      subReportingCode: null,
      weight: 1,
      version: 9,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      lastPosition: expect.any(String),
    });
    expect(list!.position).toBe(await lastWrittenPosition(pool));
    const withArchived = await listActions(pool, 'tenant-a', a.plan, { includeArchived: true, today: TODAY });
    expect(withArchived!.total).toBe(6);
  });

  it('filters the action list', async () => {
    const codes = async (filters: ActionFilters, paging?: Parameters<typeof listActions>[4]) =>
      (await listActions(pool, 'tenant-a', a.plan, { today: TODAY, ...filters }, paging))!.items.map(
        (x) => x.code,
      );
    expect(await codes({ status: 'in_progress' })).toEqual(['1.1.1']);
    expect(await codes({ status: ['realised', 'postponed'] })).toEqual(['1.1.2', '2.1.1']);
    expect(await codes({ themeId: a.themeCare })).toEqual(['2.1.1']);
    expect(await codes({ goalId: a.goalJobs })).toEqual(['1.1.1', '1.1.2', '1.1.10', '1.1.A.1']);
    expect(await codes({ goalId: a.goalJobsYoung })).toEqual(['1.1.A.1']);
    expect(await codes({ ownerId: a.ocmw })).toEqual(['1.1.1', '1.1.A.1']);
    expect(await codes({ partnerId: a.vdab })).toEqual(['1.1.1', '1.1.2']); // partner of 1.1.1, lead of 1.1.2
    expect(await codes({ partnerId: a.buurt })).toEqual(['1.1.A.1']);
    expect(await codes({ tag: 'youth' })).toEqual(['1.1.1', '1.1.A.1']);
    // 1.1.2 is past due but realised; 2.1.1 is past due and postponed
    expect(await codes({ overdue: true })).toEqual(['2.1.1']);
    expect(await codes({ overdue: false })).toEqual(['1.1.1', '1.1.2', '1.1.10', '1.1.A.1']);
    expect(await codes({ overdue: true, today: '2026-12-31' })).toEqual(['1.1.1', '2.1.1']);
    expect(await codes({ q: 'JOB' })).toEqual(['1.1.1', '1.1.A.1']);
    expect(await codes({ q: 'alone' })).toEqual(['2.1.1']); // description
    expect(await codes({ q: '1.1.1' })).toEqual(['1.1.1', '1.1.10']); // code
    expect(await codes({ q: '100%' })).toEqual([]); // wildcards are literal
    expect(await codes({ tag: 'youth', ownerId: a.ocmw, status: 'not_started' })).toEqual(['1.1.A.1']);
    expect(await codes({}, { limit: 2, offset: 1 })).toEqual(['1.1.2', '1.1.10']);
    const page = await listActions(pool, 'tenant-a', a.plan, { today: TODAY }, { limit: 2, offset: 4 });
    expect(page!.total).toBe(5);
    expect(page!.items).toHaveLength(1);
    const beyond = await listActions(pool, 'tenant-a', a.plan, { today: TODAY }, { limit: 2, offset: 10 });
    expect(beyond).toMatchObject({ items: [], total: 5 });
    await expect(
      listActions(pool, 'tenant-a', a.plan, { status: 'done' as never, today: TODAY }),
    ).rejects.toMatchObject({
      code: 'QUERY.INVALID',
      field: 'status',
    });
  });

  it('answers one action with its stream version', async () => {
    const action = await getAction(pool, 'tenant-a', a.a4, TODAY);
    expect(action).toMatchObject({
      id: a.a4,
      status: 'postponed',
      version: 5,
      signalCount: 2,
      overdue: true,
      dueDate: '2025-12-01',
      position: await lastWrittenPosition(pool),
    });
  });

  it('computes the dashboard per theme and status', async () => {
    const noIndicators = {
      status: 'no_data',
      counts: { on_track: 0, attention: 0, off_track: 0, no_data: 0 },
    };
    const dashboard = await getDashboard(pool, 'tenant-a', a.plan, TODAY);
    expect(dashboard).toMatchObject({
      planId: a.plan,
      today: TODAY,
      total: 5,
      byStatus: { not_started: 2, in_progress: 1, realised: 1, postponed: 1, stopped: 0 },
      // 40 + 100 (realised, no report) + 0 + 0 + 0, over 5 actions
      progress: 28,
      overdue: 1,
      openSignals: 3,
      position: await lastWrittenPosition(pool),
    });
    expect(dashboard!.themes).toEqual([
      {
        id: a.themeWork,
        code: '1',
        title: 'Work',
        total: 4,
        byStatus: { not_started: 2, in_progress: 1, realised: 1, postponed: 0, stopped: 0 },
        progress: 35,
        overdue: 0,
        openSignals: 1,
        // the theme's weighted progress: its one goal's (35), which is that of its actions and sub-goal
        bbcCode: null,
        priority: false,
        effectivePriority: false,
        priorityInherited: false,
        weightedProgress: 35,
        indicators: noIndicators,
      },
      {
        id: a.themeCare,
        code: '2',
        title: 'Care',
        total: 1,
        byStatus: { not_started: 0, in_progress: 0, realised: 0, postponed: 1, stopped: 0 },
        progress: 0,
        overdue: 1,
        openSignals: 2,
        bbcCode: null,
        priority: false,
        effectivePriority: false,
        priorityInherited: false,
        weightedProgress: 0,
        indicators: noIndicators,
      },
    ]);
    expect(dashboard).toMatchObject({ priorityActions: 0, indicators: noIndicators });
  });

  it('keeps the history of an action: one item per event, summaries, changes, actor, meeting', async () => {
    const history = await getActionHistory(pool, 'tenant-a', a.a1);
    expect(history!.items.map((item) => [item.version, item.type])).toEqual([
      [1, 'ActionAdded'],
      [2, 'ActionStatusChanged'],
      [3, 'ActionOwnerChanged'],
      [4, 'ActionPartnerAdded'],
      [5, 'ActionProgressReported'],
      [6, 'ActionDueDateChanged'],
      [7, 'ActionNoteAdded'],
      [8, 'ActionSignalRecorded'],
      [9, 'ActionTitleChanged'],
    ]);
    const owner = history!.items[2]!;
    expect(owner).toEqual({
      position: expect.any(String),
      version: 3,
      type: 'ActionOwnerChanged',
      occurredAt: expect.stringMatching(/^2026-01-05T/),
      actor: { id: 'user-a', name: 'user-a' },
      summary: { nl: 'Trekker toegewezen: OCMW', en: 'Lead assigned: OCMW' },
      changes: [{ field: 'owner', from: null, to: a.ocmw }],
      data: { actionId: a.a1, from: null, to: a.ocmw },
    });
    expect(owner).not.toHaveProperty('meetingId');
    // the summary names the partner as it was called then (renamed later)
    expect(history!.items[7]!.summary.en).toContain('Buurtwerk');
    expect(history!.items[7]!.summary.en).not.toContain('Buurtwerk vzw');
    const positions = history!.items.map((item) => item.position);
    expect([...positions].sort()).toEqual(positions);

    const a4 = await getActionHistory(pool, 'tenant-a', a.a4);
    expect(a4!.items.filter((item) => item.meetingId === 'a-meeting-1')).toHaveLength(2);
  });

  it('resolves actor names through the seam', async () => {
    const queries = new ReadModelQueries(pool, {
      resolveActorNames: async (_tenant, ids) => new Map(ids.map((id) => [id, `Name of ${id}`])),
    });
    const history = await queries.getActionHistory('tenant-a', a.a2);
    expect(history!.items[0]!.actor).toEqual({ id: 'user-a', name: 'Name of user-a' });
  });

  it('lists partners with their current names', async () => {
    const partners = await listPartners(pool, 'tenant-a');
    expect(partners.items.map((p) => p.name)).toEqual(['Buurtwerk vzw', 'OCMW', 'VDAB']);
  });

  it('never crosses tenants: ids of another tenant are unknown', async () => {
    expect(await getPlanTree(pool, 'tenant-a', b.plan)).toBeNull();
    expect(await getDashboard(pool, 'tenant-a', b.plan, TODAY)).toBeNull();
    expect(await getAction(pool, 'tenant-a', b.a1, TODAY)).toBeNull();
    expect(await getActionHistory(pool, 'tenant-a', b.a1)).toBeNull();
    expect(await listActions(pool, 'tenant-a', b.plan, { today: TODAY })).toBeNull();
    expect((await listPlans(pool, 'tenant-b')).items.map((p) => p.id)).toEqual([b.plan]);
    expect((await listPartners(pool, 'tenant-b')).items.every((p) => p.id.startsWith('b-'))).toBe(true);
    const bList = await listActions(pool, 'tenant-b', b.plan, { partnerId: a.vdab, today: TODAY });
    expect(bList!.total).toBe(0);
    expect((await getAction(pool, 'tenant-b', b.a1, TODAY))!.owner).toEqual({ id: b.ocmw, name: 'OCMW' });
    // unknown ids
    expect(await getPlanTree(pool, 'tenant-a', 'nope')).toBeNull();
    expect(await getAction(pool, 'tenant-a', 'nope', TODAY)).toBeNull();
    expect(await getActionHistory(pool, 'tenant-a', 'nope')).toBeNull();
  });

  it('waits for ?minPosition= and answers with the position it reflects', async () => {
    const queries = new ReadModelQueries(pool, { waitTimeoutMs: 300 });
    const s = new Scenario(store, 'tenant-a', 'user-a');
    const written = await s.action(a.a10, {
      type: 'ActionTitleChanged',
      data: { actionId: a.a10, from: 'Mentoring programme', to: 'Mentoring' },
    });
    // not projected yet: answers after the timeout with the older position
    const stale = await queries.getAction('tenant-a', a.a10, { minPosition: written.position, today: TODAY });
    expect(stale!.title).toBe('Mentoring programme');
    expect(stale!.position < written.position).toBe(true);
    const waiting = queries.getAction('tenant-a', a.a10, {
      minPosition: written.position,
      timeoutMs: 10_000,
      today: TODAY,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await catchUpFully(runner, pool);
    const fresh = await waiting;
    expect(fresh!.title).toBe('Mentoring');
    expect(fresh!.version).toBe(2);
    expect(fresh!.position >= written.position).toBe(true);
  });
});
