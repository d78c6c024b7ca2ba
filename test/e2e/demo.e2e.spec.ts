import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { CommandService, DEMO_USERS, keepStreams, seedDemo, systemContext, UserAdmin } from '#commands';
import { START, type StoredEvent } from '#event-store';
import { startApi, type RunningApp } from '../../apps/api/src/bootstrap.js';
import { demoPeriodCloser } from '../../apps/api/src/setup/demo-periods.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('demo');
});

afterAll(async () => {
  await db?.drop();
});

/** every event of the demo tenant, in log order */
async function demoEvents(api: RunningApp): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let position = START;
  for (;;) {
    const page = await api.runtime.store.readAll(position, 5_000, { tenantId: 'demo' });
    events.push(...page.events);
    if (page.events.length === 0 || page.position === position) break;
    position = page.position;
  }
  return events;
}

/** waits until every projection has read the whole log (they start after the demo is written) */
async function caughtUp(api: RunningApp): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    const status = await api.runtime.runner.status();
    if (status.every((projection) => projection.lag === 0)) return;
    if (Date.now() > until) throw new Error(`projections not caught up: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface ListedAction {
  id: string;
  code: string;
  status: string;
  version: number;
  progress: number | null;
  ownerId: string | null;
  createdAt: string;
  updatedAt: string;
}

async function allActions(api: RunningApp, token: string, planId: string): Promise<ListedAction[]> {
  const items: ListedAction[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await request(api.url)
      .get(`/api/plans/${planId}/actions?limit=500&offset=${offset}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    items.push(...(page.body.items as ListedAction[]));
    if (items.length >= (page.body.total as number)) return items;
  }
}

const year = (instant: string) => Number(instant.slice(0, 4));

describe('demo mode', () => {
  it('creates the demo tenant with one user per role (password "demo") once, with a history that spans the plan period, and keeps it across restarts', async () => {
    const options = {
      databaseUrl: db.url,
      port: 0,
      host: '127.0.0.1',
      demo: true,
      logLevel: 'warn' as const,
    };
    const startedAt = new Date().toISOString();
    const first = await startApi(options);
    const seen = { demoClockEvents: 0 };
    try {
      let token = '';
      for (const user of DEMO_USERS) {
        const response = await request(first.url)
          .post('/api/auth/login')
          .send({ email: user.email, password: 'demo' })
          .expect(200);
        expect(response.body.user).toMatchObject({ email: user.email, tenantId: 'demo', roles: [user.role] });
        if (user.role === 'coordinator') token = response.body.accessToken as string;
      }

      // the log: dated by the demo clock from January 2021 on, in every year of the plan, never after now,
      // never going back in time along the log, and marked as demo history
      const events = await demoEvents(first);
      seen.demoClockEvents = events.filter((event) => event.metadata.demoClock === true).length;
      const perYear = new Map<number, number>();
      for (const event of events)
        perYear.set(year(event.metadata.occurredAt), (perYear.get(year(event.metadata.occurredAt)) ?? 0) + 1);
      expect(Math.min(...perYear.keys())).toBe(2021);
      for (const y of [2021, 2022, 2023, 2024, 2025]) expect(perYear.get(y) ?? 0).toBeGreaterThan(200);
      expect(perYear.get(2026) ?? 0).toBeGreaterThan(50);
      const now = new Date().toISOString();
      for (const [index, event] of events.entries()) {
        expect(event.metadata.occurredAt <= now).toBe(true);
        if (index > 0) expect(event.metadata.occurredAt >= events[index - 1]!.metadata.occurredAt).toBe(true);
      }
      const backdated = events.filter((event) => event.metadata.occurredAt < startedAt);
      expect(backdated.length).toBeGreaterThan(2_000);
      expect(backdated.every((event) => event.metadata.demoClock === true)).toBe(true);

      await caughtUp(first);
      const plans = await request(first.url)
        .get('/api/plans')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const list = plans.body.items as {
        id: string;
        title: string;
        periodStart: string;
        periodEnd: string;
      }[];
      const bruges = list.find(
        (plan) => plan.periodStart === '2021-01-01' && plan.periodEnd === '2025-12-31',
      );
      const successor = list.find(
        (plan) => plan.periodStart === '2026-01-01' && plan.periodEnd === '2031-12-31',
      );
      expect(bruges?.title).toMatch(/^Brugge draait om mensen/);
      expect(successor).toBeDefined();

      // the finished plan: few actions untouched, most realised or stopped, a few postponed, changes in
      // every year of the period
      const actions = await allActions(first, token, bruges!.id);
      expect(actions).toHaveLength(240);
      const count = (status: string) => actions.filter((action) => action.status === status).length;
      const untouched = actions.filter((action) => action.version === 1);
      expect(untouched.length).toBeLessThanOrEqual(10);
      expect(count('not_started')).toBeLessThanOrEqual(15);
      expect(count('realised') + count('stopped')).toBeGreaterThanOrEqual(0.65 * actions.length);
      expect(count('postponed')).toBeGreaterThanOrEqual(5);
      expect(count('postponed')).toBeLessThanOrEqual(0.15 * actions.length);
      expect(actions.filter((action) => action.ownerId !== null).length).toBeGreaterThanOrEqual(
        0.95 * actions.length,
      );
      const lastChanged = new Set(actions.map((action) => year(action.updatedAt)));
      for (const y of [2022, 2023, 2024, 2025]) expect(lastChanged.has(y)).toBe(true);
      expect(actions.every((action) => action.createdAt.startsWith('2021-01-'))).toBe(true);

      // one action's history as a person reads it: several years, several people
      const busy = [...actions].sort((a, b) => b.version - a.version)[0]!;
      const entries = await request(first.url)
        .get(`/api/actions/${busy.id}/history`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const years = new Set(
        (entries.body.items as { occurredAt: string }[]).map((entry) => year(entry.occurredAt)),
      );
      expect(years.size).toBeGreaterThanOrEqual(2);

      // the plan cycle: BBC codes on every node and the council's priority actions, indicators measured
      // over the years, ten half-year periods closed with their update rounds, one correction after a close
      const reporting = events.filter((event) => event.type === 'NodeReportingChanged');
      const bbc = (event: StoredEvent) => (event.data as { to: { bbcCode: string | null } }).to.bbcCode;
      expect(reporting.some((event) => bbc(event) === 'AC3.4.1')).toBe(true);
      expect(reporting.some((event) => bbc(event)?.startsWith('BD03AP'))).toBe(true);
      const priorities = reporting.filter(
        (event) => (event.data as { to: { priority: boolean } }).to.priority,
      );
      expect(priorities.length).toBeGreaterThanOrEqual(40);
      const measured = events.filter((event) => event.type === 'IndicatorMeasurementRecorded');
      const measuredYears = new Set(
        measured.map((event) => (event.data as { date: string }).date.slice(0, 4)),
      );
      for (const y of ['2021', '2022', '2023', '2024', '2025', '2026'])
        expect(measuredYears.has(y)).toBe(true);

      const periods = await request(first.url)
        .get(`/api/plans/${bruges!.id}/periods`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const items = periods.body.items as {
        id: string;
        label: string;
        status: string;
        frozenActions: number;
        round: { percent: number } | null;
      }[];
      expect(items.map((period) => period.label)).toEqual(
        [2021, 2022, 2023, 2024, 2025].flatMap((y) => [`${y}-H1`, `${y}-H2`]),
      );
      for (const period of items) {
        expect(period).toMatchObject({ status: 'closed', frozenActions: 240 });
        expect(period.round!.percent).toBeGreaterThanOrEqual(75);
      }
      const report = await request(first.url)
        .get(
          `/api/plans/${bruges!.id}/reports/${items.find((period) => period.label === '2024-H2')!.id}?scope=all`,
        )
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(report.body).toMatchObject({ frozen: true, actionCount: 240 });
      expect(report.body.correctionCount).toBeGreaterThanOrEqual(1);
      const reported = (report.body.groups as { actions: { narrative: string | null }[] }[]).flatMap(
        (group) => group.actions,
      );
      expect(reported.filter((action) => action.narrative !== null).length).toBeGreaterThanOrEqual(20);

      // the successor plan has just started: some of its actions are under way, nothing is finished yet
      const next = await allActions(first, token, successor!.id);
      expect(next.length).toBeGreaterThanOrEqual(20);
      expect(next.length).toBeLessThan(actions.length);
      expect(next.filter((action) => action.status === 'in_progress').length).toBeGreaterThanOrEqual(
        0.4 * next.length,
      );
      expect(next.every((action) => action.createdAt >= '2026-01-01')).toBe(true);
      const current = await request(first.url)
        .get(`/api/plans/${successor!.id}/periods`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const halves = current.body.items as {
        label: string;
        status: string;
        round: { percent: number } | null;
      }[];
      expect(halves.map((period) => [period.label, period.status])).toEqual([
        ['2026-H1', 'closed'],
        ['2026-H2', 'open'],
      ]);
      // its update round runs: some leads answered, others not yet
      expect(halves[1]!.round!.percent).toBeGreaterThan(0);
      expect(halves[1]!.round!.percent).toBeLessThan(100);
    } finally {
      await first.close();
    }
    const second = await startApi(options);
    try {
      const login = await request(second.url)
        .post('/api/auth/login')
        .send({ email: 'coordinator@demo.local', password: 'demo' })
        .expect(200);
      const users = await request(second.url)
        .get('/api/users')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      expect((users.body.items as unknown[]).length).toBe(DEMO_USERS.length);
      // a restart seeds nothing again (logins and mail deliveries are events of their own)
      const again = await demoEvents(second);
      expect(again.filter((event) => event.metadata.demoClock === true)).toHaveLength(seen.demoClockEvents);
      expect(again.filter((event) => event.type === 'PlanCreated')).toHaveLength(2);
    } finally {
      await second.close();
    }
  }, 400_000);

  it('is the same demo on every machine: two seeds with the same now write the same streams, events and dates (the second keeping its streams, as the api seeds)', async () => {
    const now = new Date();
    const seeds: string[][] = [];
    for (const name of ['demo_a', 'demo_b']) {
      const other = await createTestDatabase(name);
      const api = await startApi({
        databaseUrl: other.url,
        port: 0,
        host: '127.0.0.1',
        demo: false,
        logLevel: 'warn',
      });
      try {
        const { runtime } = api;
        // the first seed reads every stream from the store; the second keeps the streams it wrote
        // (keepStreams, as the api's first start does): both must write the same demo
        const store = name === 'demo_a' ? runtime.store : keepStreams(runtime.store);
        const commands = new CommandService(store);
        const result = await seedDemo({
          commands,
          users: new UserAdmin(store, runtime.identity),
          identity: runtime.identity,
          log: () => undefined,
          now,
          closePeriod: demoPeriodCloser({
            runner: runtime.runner,
            pool: runtime.readPool,
            store,
            commands,
            log: () => undefined,
          }),
        });
        expect(result.created).toBe(true);
        // what a seed is: every stream's events with their data, time and author (event ids, correlation
        // ids and positions are the store's own; streams written in parallel interleave in the log)
        const events = await demoEvents(api);
        seeds.push(
          events
            // the sender's outcomes of the demo's mails are written when it gets to them (the projections
            // and the sender run during this seed): the product's own events, not the seed's
            .filter((event) => !['NotificationDelivered', 'NotificationFailed'].includes(event.type))
            .map((event) =>
              JSON.stringify([
                event.streamId,
                event.version,
                event.type,
                // a close records the log position and the audit chain's head: the store's own as well
                event.type === 'ReportingPeriodClosed'
                  ? { ...(event.data as object), position: null, checkpoint: null }
                  : event.data,
                event.metadata.occurredAt,
                event.metadata.actorId,
                event.metadata.demoClock ?? false,
              ]),
            )
            .sort(),
        );
      } finally {
        await api.close();
        await other.drop();
      }
    }
    expect(seeds[0]!.length).toBeGreaterThan(3_000);
    expect(seeds[1]).toEqual(seeds[0]);
  }, 600_000);

  it('writes the demo again when an earlier first start was interrupted while writing it (embedded database)', async () => {
    mkdirSync('.data', { recursive: true });
    const dataDir = mkdtempSync(join(resolve('.data'), 'demo-interrupted-'));
    chmodSync(dataDir, 0o755);
    const options = { databaseUrl: null, dataDir, port: 0, host: '127.0.0.1', logLevel: 'warn' as const };
    const interrupted = randomUUID();
    try {
      // what a first start leaves when it dies mid-seed: the seed recorded as started, part of its writes
      const broken = await startApi({ ...options, demo: false });
      try {
        const { identity, userAdmin } = broken.runtime;
        await identity.demoSeedStarted();
        await userAdmin.createTenant('demo', 'half a demo', true, {
          ...systemContext('demo'),
          correlationId: interrupted,
        });
        expect(await identity.demoSeedState()).toBe('started');
      } finally {
        await broken.close();
      }
      const redone = await startApi({ ...options, demo: true });
      try {
        expect(await redone.runtime.identity.demoSeedState()).toBe('completed');
        await request(redone.url)
          .post('/api/auth/login')
          .send({ email: 'coordinator@demo.local', password: 'demo' })
          .expect(200);
        // a new database: the half demo's tenant is not there twice, the whole story is
        const events = await demoEvents(redone);
        expect(events.filter((event) => event.type === 'TenantCreated')).toHaveLength(1);
        expect(events.filter((event) => event.type === 'TenantCreated')[0]!.metadata.correlationId).not.toBe(
          interrupted,
        );
        expect(events.filter((event) => event.type === 'PlanCreated')).toHaveLength(2);
        expect(events.filter((event) => event.type === 'ReportingPeriodClosed')).toHaveLength(11);
      } finally {
        await redone.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 400_000);

  it('refuses to start on an external database whose demo was interrupted, saying what to do', async () => {
    const other = await createTestDatabase('demo_interrupted');
    const options = { databaseUrl: other.url, port: 0, host: '127.0.0.1', logLevel: 'warn' as const };
    try {
      const broken = await startApi({ ...options, demo: false });
      try {
        await broken.runtime.identity.demoSeedStarted();
      } finally {
        await broken.close();
      }
      await expect(startApi({ ...options, demo: true })).rejects.toThrow(
        /interrupted while it wrote the demo on this database.*Drop and create the database/,
      );
    } finally {
      await other.drop();
    }
  });

  it('creates nothing when demo mode is off', async () => {
    const other = await createTestDatabase('nodemo');
    const api = await startApi({
      databaseUrl: other.url,
      port: 0,
      host: '127.0.0.1',
      demo: false,
      logLevel: 'warn',
    });
    try {
      await request(api.url)
        .post('/api/auth/login')
        .send({ email: 'coordinator@demo.local', password: 'demo' })
        .expect(401);
    } finally {
      await api.close();
    }
    await other.drop();
  });
});
