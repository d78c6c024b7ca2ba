import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type pg from 'pg';
import type { StoredEvent } from '#event-store';
import { storedEvent } from '../../../../test/support/stored-event.js';
import { AudienceResolver } from './audience-resolver.js';

const TTL_MS = 30_000;

const noteOn = (actionId: string, position: string): StoredEvent =>
  storedEvent(`action-${actionId}`, 'ActionNoteAdded', {
    id: `e-${position}`,
    version: 2,
    position,
    data: { text: 'x' },
  });

/** read models as rows (a pure unit test of the resolver's caching; the queries run against PostgreSQL in realtime.e2e) */
function readModels() {
  const state = { groupActions: ['a1'], groupReads: 0 };
  const pool = {
    query: async (text: string) => {
      if (text.includes('from rm_actions'))
        return {
          rows: [{ id: 'a1', plan_id: 'p', theme_id: 't', goal_path: [], owner_id: null, partner_ids: [] }],
        };
      if (text.includes('from rm_working_groups')) {
        state.groupReads++;
        return {
          rows: [
            { id: 'g1', plan_id: 'p', theme_ids: [], action_ids: [...state.groupActions], archived: false },
          ],
        };
      }
      if (text.includes('from rm_working_group_members'))
        return { rows: [{ group_id: 'g1', user_id: 'm1' }] };
      throw new Error(`unexpected query ${text}`);
    },
  } as unknown as pg.Pool;
  return { pool, state };
}

/** a wait for the projections that the test releases */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const calls: number[] = [];
  return { wait: () => (calls.push(1), opened), open, calls };
}

describe('AudienceResolver: the groups re-read every 30 s', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('serves the groups it has while it re-reads them beside the feed, then uses what it read', async () => {
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const { pool, state } = readModels();
    const resolver = new AudienceResolver(pool);
    const first = await resolver.resolve([noteOn('a1', '1')], async () => undefined);
    expect(first.audiences[0]!.rooms).toContain('working-group:g1');
    expect(state.groupReads).toBe(1);

    // the group no longer holds the action (say, a change the resolver's events did not drop), a period later
    state.groupActions = [];
    now += TTL_MS + 1;
    const caughtUp = gate();
    const background = gate();
    const second = await resolver.resolve([noteOn('a1', '2')], caughtUp.wait, background.wait);
    // the batch did not wait: it was resolved with the groups in memory
    expect(caughtUp.calls).toHaveLength(0);
    expect(second.audiences[0]!.rooms).toContain('working-group:g1');
    expect(background.calls).toHaveLength(1);
    // another batch meanwhile starts no second re-read
    await resolver.resolve([noteOn('a1', '3')], caughtUp.wait, background.wait);
    expect(background.calls).toHaveLength(1);
    expect(state.groupReads).toBe(1);

    // the projections reach the batch: the re-read runs, and the next batch uses it
    background.open();
    for (let i = 0; i < 10 && state.groupReads < 2; i++)
      await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.groupReads).toBe(2);
    const third = await resolver.resolve([noteOn('a1', '4')], caughtUp.wait, background.wait);
    expect(third.audiences[0]!.rooms).not.toContain('working-group:g1');
    expect(caughtUp.calls).toHaveLength(0);
  });

  it('serves old groups one period at most after the first batch found them old, then waits again; without a background read it waits at once', async () => {
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const { pool, state } = readModels();
    const resolver = new AudienceResolver(pool);
    await resolver.resolve([noteOn('a1', '1')], async () => undefined);

    let waits = 0;
    const counted = async () => void waits++;
    // a re-read that fails every time (say, the projections never get there)
    const failing = () => Promise.reject(new Error('no'));
    // idle for a long time: the first batch after it does not wait, it starts the clock
    now += 5 * TTL_MS;
    await resolver.resolve([noteOn('a1', '2')], counted, failing);
    now += TTL_MS - 1;
    await resolver.resolve([noteOn('a1', '3')], counted, failing);
    expect(waits).toBe(0);
    expect(state.groupReads).toBe(1);
    now += 2;
    await resolver.resolve([noteOn('a1', '4')], counted, failing);
    expect(waits).toBe(1);
    expect(state.groupReads).toBe(2);

    now += TTL_MS + 1;
    await resolver.resolve([noteOn('a1', '5')], counted);
    expect(waits).toBe(2);
    expect(state.groupReads).toBe(3);
  });

  it('waits, for a missing fact, for the projection whose read model it reads, not for every projection', async () => {
    const { pool } = readModels();
    const resolver = new AudienceResolver(pool);
    const asked: Array<readonly string[] | undefined> = [];
    await resolver.resolve([noteOn('a1', '1')], async (projections) => void asked.push(projections));
    expect(asked.map((names) => names?.join(',')).sort()).toEqual(['action-list', 'working-groups']);
  });
});

/** the read models of two tenants' plans (`city`: a1, a2 in group g1; `town`: b1 in group h1), queries recorded */
function twoTenants() {
  const actionRows: Record<string, Array<{ id: string; plan_id: string }>> = {
    city: [
      { id: 'a1', plan_id: 'p' },
      { id: 'a2', plan_id: 'p' },
    ],
    town: [{ id: 'b1', plan_id: 'q' }],
  };
  const groupRows: Record<string, { id: string; plan_id: string; action_ids: string[] }> = {
    city: { id: 'g1', plan_id: 'p', action_ids: ['a1', 'a2'] },
    town: { id: 'h1', plan_id: 'q', action_ids: ['b1'] },
  };
  const actionReads: Array<{ tenantId: string; ids: string[] | null }> = [];
  const pool = {
    query: async (text: string, values: unknown[]) => {
      const tenantId = values[0] as string;
      if (text.includes('from rm_actions')) {
        const ids = text.includes('any(') ? (values[1] as string[]) : null;
        actionReads.push({ tenantId, ids });
        return {
          rows: (actionRows[tenantId] ?? [])
            .filter((row) => !ids || ids.includes(row.id))
            .map((row) => ({ ...row, theme_id: 't', goal_path: [], owner_id: null, partner_ids: [] })),
        };
      }
      if (text.includes('from rm_working_groups')) {
        const group = groupRows[tenantId]!;
        return { rows: [{ ...group, theme_ids: [], archived: false }] };
      }
      if (text.includes('from rm_working_group_members')) return { rows: [] };
      throw new Error(`unexpected query ${text}`);
    },
  } as unknown as pg.Pool;
  return { pool, actionReads };
}

const inTenant = (tenantId: string, streamId: string, type: string, position: string): StoredEvent =>
  storedEvent(streamId, type, { id: `e-${position}`, position, metadata: { tenantId } });

/** a wait that counts, per projection set, how often a batch waited */
function counter() {
  const waits: string[] = [];
  const wait = async (projections?: readonly string[]) => void waits.push(projections?.join(',') ?? '*');
  return { waits, wait, actionWaits: () => waits.filter((names) => names === 'action-list').length };
}

describe('AudienceResolver: the facts of a tenant’s actions', () => {
  it('reads a tenant’s actions at once on the first push that needs one: the first note on another action of the plan does not wait', async () => {
    const { pool, actionReads } = twoTenants();
    const resolver = new AudienceResolver(pool);
    const counted = counter();
    await resolver.resolve([inTenant('city', 'action-a1', 'ActionNoteAdded', '1')], counted.wait);
    expect(counted.actionWaits()).toBe(1);
    expect(actionReads).toEqual([{ tenantId: 'city', ids: null }]);

    const second = await resolver.resolve(
      [inTenant('city', 'action-a2', 'ActionNoteAdded', '2')],
      counted.wait,
    );
    expect(counted.actionWaits()).toBe(1);
    expect(actionReads).toHaveLength(1);
    expect(second.audiences[0]!.rooms).toContain('working-group:g1');
  });

  it('drops the facts of the tenant whose plan changed, and only those', async () => {
    const { pool, actionReads } = twoTenants();
    const resolver = new AudienceResolver(pool);
    const counted = counter();
    await resolver.resolve(
      [
        inTenant('city', 'action-a1', 'ActionNoteAdded', '1'),
        inTenant('town', 'action-b1', 'ActionNoteAdded', '2'),
      ],
      counted.wait,
    );
    expect(actionReads.map((read) => read.tenantId).sort()).toEqual(['city', 'town']);

    await resolver.resolve([inTenant('town', 'plan-q', 'PlanSectionMoved', '3')], counted.wait);
    const waitsBefore = counted.actionWaits();
    await resolver.resolve([inTenant('city', 'action-a2', 'ActionNoteAdded', '4')], counted.wait);
    expect(counted.actionWaits()).toBe(waitsBefore);
    const town = await resolver.resolve(
      [inTenant('town', 'action-b1', 'ActionNoteAdded', '5')],
      counted.wait,
    );
    expect(counted.actionWaits()).toBe(waitsBefore + 1);
    expect(actionReads.slice(2)).toEqual([{ tenantId: 'town', ids: null }]);
    expect(town.audiences[0]!.rooms).toContain('working-group:h1');
  });

  it('reads an action whose lead changed again, alone', async () => {
    const { pool, actionReads } = twoTenants();
    const resolver = new AudienceResolver(pool);
    const counted = counter();
    await resolver.resolve([inTenant('city', 'action-a1', 'ActionNoteAdded', '1')], counted.wait);
    await resolver.resolve([inTenant('city', 'action-a1', 'ActionOwnerChanged', '2')], counted.wait);
    expect(actionReads.slice(1)).toEqual([{ tenantId: 'city', ids: ['a1'] }]);
    // read again after the change: known from then on, and the plan's other actions never left memory
    await resolver.resolve(
      [
        inTenant('city', 'action-a1', 'ActionNoteAdded', '3'),
        inTenant('city', 'action-a2', 'ActionNoteAdded', '4'),
      ],
      counted.wait,
    );
    expect(actionReads).toHaveLength(2);
    expect(counted.actionWaits()).toBe(2);
  });

  it('keeps the least recently used tenants’ facts out beyond the bound; a read of some actions of a tenant evicted meanwhile keeps nothing, so the next push reads it whole', async () => {
    const { pool, actionReads } = twoTenants();
    // room for one action: town's evicts city's
    const resolver = new AudienceResolver(pool, 1);
    const instant = counter();
    await resolver.resolve([inTenant('city', 'action-a1', 'ActionNoteAdded', '1')], instant.wait);
    const held = gate();
    // a1's lead changes: a1 is read again alone (a2 is in memory) and waits for the projections ...
    const reading = resolver.resolve([inTenant('city', 'action-a1', 'ActionOwnerChanged', '2')], held.wait);
    for (let turns = 0; held.calls.length === 0; turns++) {
      if (turns > 1000) throw new Error('the read of a1 never waited for the projections');
      await new Promise((resolve) => setImmediate(resolve));
    }
    // ... while town is read whole and evicts city
    await resolver.resolve([inTenant('town', 'action-b1', 'ActionNoteAdded', '3')], instant.wait);
    held.open();
    expect((await reading).audiences[0]!.rooms).toContain('working-group:g1');
    // (a read is recorded as its query runs, after the wait)
    expect(actionReads).toEqual([
      { tenantId: 'city', ids: null },
      { tenantId: 'town', ids: null },
      { tenantId: 'city', ids: ['a1'] },
    ]);
    // city is not left with a1 alone: a note on a2 reads city whole again
    await resolver.resolve([inTenant('city', 'action-a2', 'ActionNoteAdded', '4')], instant.wait);
    expect(actionReads.slice(3)).toEqual([{ tenantId: 'city', ids: null }]);
  });

  it('forgets a read that raced a plan change in its tenant, keeps one that raced another tenant’s', async () => {
    const { pool, actionReads } = twoTenants();
    const instant = counter();
    for (const [racing, kept] of [
      ['town', true],
      ['city', false],
    ] as const) {
      const fresh = new AudienceResolver(pool);
      const held = gate();
      const reading = fresh.resolve([inTenant('city', 'action-a1', 'ActionNoteAdded', '1')], held.wait);
      // the plan event passes while the read waits for the projections
      while (held.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
      await fresh.resolve([inTenant(racing, `plan-${racing}`, 'PlanSectionMoved', '2')], instant.wait);
      held.open();
      const first = await reading;
      expect(first.audiences[0]!.rooms).toContain('working-group:g1');
      const reads = actionReads.length;
      await fresh.resolve([inTenant('city', 'action-a2', 'ActionNoteAdded', '3')], instant.wait);
      expect(actionReads.length - reads).toBe(kept ? 0 : 1);
    }
  });
});
