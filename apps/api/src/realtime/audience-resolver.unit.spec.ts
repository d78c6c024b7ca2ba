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
