import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresEventStore, runEventStoreMigrations } from '#event-store';
import {
  InvalidQueryError,
  createProjectionRunner,
  listAuditTrail,
  runReadModelMigrations,
  streamAuditTrail,
  type AuditEntry,
  type AuditTrailFilters,
  type ProjectionRunner,
} from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, catchUpFully, seedPlan } from './scenario.js';

type PlanIds = Awaited<ReturnType<typeof seedPlan>>;

/** Issue 18, part 1: the audit trail read model, its filters and its cursor. */
describe('audit trail read model', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let runner: ProjectionRunner;
  let a: PlanIds;
  let b: PlanIds;
  /** every position of tenant A's events, newest first, straight from the event log */
  let logA: string[];

  beforeAll(async () => {
    db = await createTestDatabase('audit');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    store = new PostgresEventStore(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    runner = createProjectionRunner({ pool, store, batchSize: 7 });

    const sa = new Scenario(store, 'tenant-a', 'a-coord');
    await sa.tenant({ type: 'TenantCreated', data: { tenantId: 'tenant-a', name: 'Stad A', demo: false } });
    await sa.registerUser('a-coord', 'Cora Coordinator', 'coordinator');
    await sa.registerUser('a-mia', 'Mia Member', 'member');
    a = await seedPlan(sa, 'a');
    sa.actorId = 'a-mia';
    await sa.setStatus(a.a3, 'not_started', 'in_progress');
    // a week later (Belgian time: 2026-01-12 is the day after the seed's clock plus a week)
    (sa as unknown as { clock: number }).clock = Date.parse('2026-01-12T08:00:00.000Z');
    await sa.note(a.a4, 'A week later');
    // a late commit: stamped on the 11th (Belgian time), logged after the events of the 12th
    (sa as unknown as { clock: number }).clock = Date.parse('2026-01-11T21:00:00.000Z');
    await sa.note(a.a3, 'stamped before, committed after');
    (sa as unknown as { clock: number }).clock = Date.parse('2026-01-12T08:30:00.000Z');
    await sa.user('a-mia', {
      type: 'AuditTrailRead',
      data: { userId: 'a-mia', format: 'page', filters: { kind: 'action' } },
    });

    const sb = new Scenario(store, 'tenant-b', 'b-coord');
    await sb.tenant({ type: 'TenantCreated', data: { tenantId: 'tenant-b', name: 'Stad B', demo: false } });
    await sb.registerUser('b-coord', 'Bert Coordinator', 'coordinator');
    b = await seedPlan(sb, 'b');

    await catchUpFully(runner, pool);
    const { rows } = await pool.query<{ position: string }>(
      `select lpad(tx_id::text, 20, '0') || '-' || lpad(seq::text, 20, '0') as position from events
        where metadata->>'tenantId' = 'tenant-a' order by tx_id desc, seq desc`,
    );
    logA = rows.map((row) => row.position);
  }, 60_000);

  afterAll(async () => {
    await runner?.stop();
    await pool?.end();
    await store?.close();
    await db?.drop();
  });

  const all = async (filters: AuditTrailFilters, tenant = 'tenant-a'): Promise<AuditEntry[]> => {
    const entries: AuditEntry[] = [];
    for await (const batch of streamAuditTrail(pool, tenant, filters, 5)) entries.push(...batch);
    return entries;
  };

  it('holds every event of the tenant, newest first, and nothing of another tenant', async () => {
    const entries = await all({});
    expect(logA.length).toBeGreaterThan(40);
    expect(entries.map((entry) => entry.position)).toEqual(logA);
    expect(entries.every((entry) => !entry.streamId.includes('b-'))).toBe(true);
  });

  it('pages by position: the pages together are the whole trail, without overlap', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await listAuditTrail(pool, 'tenant-a', {}, { limit: 7, ...(before ? { before } : {}) });
      expect(result.items.length).toBeLessThanOrEqual(7);
      seen.push(...result.items.map((item) => item.position));
      if (!result.nextCursor) break;
      expect(result.nextCursor).toBe(result.items.at(-1)!.position);
      before = result.nextCursor;
    }
    expect(seen).toEqual(logA);
    const first = await listAuditTrail(pool, 'tenant-a', {}, { limit: 3 });
    expect(first.position >= logA[0]!).toBe(true);
  });

  it('describes each entry in Dutch and English with before/after, actor name and link target', async () => {
    const entries = await all({ actionId: a.a2 });
    const realised = entries.find(
      (entry) => entry.type === 'ActionStatusChanged' && entry.changes[0]?.to === 'realised',
    );
    expect(realised).toMatchObject({
      kind: 'action',
      actor: { id: 'a-coord', name: 'Cora Coordinator' },
      changes: [{ field: 'status', from: 'in_progress', to: 'realised' }],
      target: { kind: 'action', id: a.a2 },
    });
    expect(realised!.summary.nl).toMatch(/gerealiseerd/);
    expect(realised!.summary.en).toMatch(/realised/);
    const owner = entries.find((entry) => entry.type === 'ActionOwnerChanged')!;
    expect(owner.summary.nl).toContain('VDAB'); // the partner's name, not its id
    // the placement in the plan is the plan's event, but it is about the action
    const placed = entries.find((entry) => entry.type === 'ActionPlaced')!;
    expect(placed).toMatchObject({ kind: 'plan', target: { kind: 'action', id: a.a2 } });
    const read = (await all({ kind: 'user' })).find((entry) => entry.type === 'AuditTrailRead')!;
    expect(read.summary.nl).toBe('Mia Member bekeek de audittrail (filter: kind=action)');
  });

  it('filters by actor, kind, action, theme, meeting and days, each alone and together', async () => {
    const everything = await all({});
    const check = async (filters: AuditTrailFilters, expected: (entry: AuditEntry) => boolean) => {
      const wanted = everything.filter(expected).map((entry) => entry.position);
      expect(wanted.length).toBeGreaterThan(0);
      expect((await all(filters)).map((entry) => entry.position)).toEqual(wanted);
      const page = await listAuditTrail(pool, 'tenant-a', filters, { limit: 2 });
      expect(page.items.map((item) => item.position)).toEqual(wanted.slice(0, 2));
    };
    await check({ actorId: 'a-mia' }, (entry) => entry.actor.id === 'a-mia');
    await check({ kind: 'partner' }, (entry) => entry.streamId.startsWith('partner-'));
    await check({ kind: 'tenant' }, (entry) => entry.streamId === 'tenant-tenant-a');
    await check({ actionId: a.a3 }, (entry) => entry.target.id === a.a3);
    await check({ meetingId: 'a-meeting-1' }, (entry) => entry.meetingId === 'a-meeting-1');
    await check({ from: '2026-01-12' }, (entry) => entry.occurredAt >= '2026-01-11T23:00:00.000Z');
    expect(await all({ from: '2027-01-01' })).toEqual([]);
    expect(await all({ to: '2020-01-01' })).toEqual([]);
    await check({ to: '2026-01-11' }, (entry) => entry.occurredAt < '2026-01-11T23:00:00.000Z');
    await check(
      { from: '2026-01-11', to: '2026-01-11' },
      (entry) =>
        entry.occurredAt >= '2026-01-10T23:00:00.000Z' && entry.occurredAt < '2026-01-11T23:00:00.000Z',
    );
    await check(
      { from: '2026-01-06', to: '2026-01-11' },
      (entry) =>
        entry.occurredAt >= '2026-01-05T23:00:00.000Z' && entry.occurredAt < '2026-01-11T23:00:00.000Z',
    );
    await check(
      { from: '2026-01-12', to: '2026-01-12' },
      (entry) =>
        entry.occurredAt >= '2026-01-11T23:00:00.000Z' && entry.occurredAt < '2026-01-12T23:00:00.000Z',
    );
    await check(
      { from: '2026-01-12', to: '2026-01-12', actorId: 'a-mia', kind: 'action' },
      (entry) => entry.type === 'ActionNoteAdded' && entry.occurredAt >= '2026-01-12',
    );
    await check(
      { actorId: 'a-mia', actionId: a.a3 },
      (entry) => entry.kind === 'action' && entry.target.id === a.a3 && entry.actor.id === 'a-mia',
    );
  });

  it("a theme's trail holds the theme, its goals at any depth and its actions", async () => {
    const types = (await all({ themeId: a.themeWork })).map((entry) => [entry.type, entry.target.id]);
    expect(types).toContainEqual(['ThemeAdded', a.plan]);
    expect(types).toContainEqual(['GoalAdded', a.plan]);
    expect(types.filter(([type]) => type === 'GoalAdded')).toHaveLength(2); // 1.1 and 1.1.A under it
    expect(types).toContainEqual(['ActionAdded', a.a3]); // under the nested goal
    expect(types).toContainEqual(['ActionPlaced', a.a1]);
    const targets = new Set(types.map(([, id]) => id));
    expect(targets.has(a.a4)).toBe(false); // the other theme's action
    expect(targets).toEqual(new Set([a.plan, a.a1, a.a10, a.a2, a.a3]));
  });

  it("another tenant's ids find nothing", async () => {
    expect(await all({ actionId: b.a1 })).toEqual([]);
    expect(await all({ themeId: b.themeWork })).toEqual([]);
    expect(await all({ actorId: 'b-coord' })).toEqual([]);
    expect((await all({ actionId: b.a1 }, 'tenant-b')).length).toBeGreaterThan(0);
  });

  it('refuses filters it cannot use', async () => {
    await expect(listAuditTrail(pool, 'tenant-a', { kind: 'nope' as never })).rejects.toBeInstanceOf(
      InvalidQueryError,
    );
    await expect(listAuditTrail(pool, 'tenant-a', { from: '2026-13-01' })).rejects.toMatchObject({
      field: 'from',
    });
    await expect(
      listAuditTrail(pool, 'tenant-a', { from: '2026-02-01', to: '2026-01-01' }),
    ).rejects.toMatchObject({ field: 'to' });
  });
});
