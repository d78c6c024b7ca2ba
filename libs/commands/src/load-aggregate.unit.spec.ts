import { describe, expect, it } from '@jest/globals';
import {
  actionDecider,
  actionStreamId,
  fold,
  planDecider,
  planStreamId,
  type ActionEvent,
  type PlanEvent,
} from '#domain';
import type { EventStore, ReadStreamOptions, StoredEvent } from '#event-store';
import { CommandError } from './command-error.js';
import { findAggregate, loadAggregate } from './load-aggregate.js';

const TENANT = 'tenant-a';
const ACTION_ID = 'a1';

function stored(event: ActionEvent, version: number, tenantId = TENANT): StoredEvent {
  return {
    id: `e${version}`,
    streamId: actionStreamId(ACTION_ID),
    version,
    position: String(version),
    type: event.type,
    data: event.data,
    metadata: {
      actorId: 'u1',
      tenantId,
      correlationId: 'c1',
      causationId: null,
      occurredAt: '2025-01-01T00:00:00.000Z',
    },
    recordedAt: '2025-01-01T00:00:00.000Z',
  };
}

const added: ActionEvent = {
  type: 'ActionAdded',
  data: {
    actionId: ACTION_ID,
    planId: 'p1',
    goalId: 'g1',
    code: '1.1.1',
    title: 'Eerste titel',
    description: '',
    tags: [],
    citizenIdea: false,
  },
};
const retitled: ActionEvent = {
  type: 'ActionTitleChanged',
  data: { actionId: ACTION_ID, from: 'Eerste titel', to: 'Tweede titel' },
};

/** a pure stand-in for the store's readStream: the streams by id, and the reads it was asked for */
function streams(byId: Record<string, StoredEvent[]>) {
  const reads: { streamId: string; options: ReadStreamOptions | undefined }[] = [];
  const store: Pick<EventStore, 'readStream'> = {
    readStream: async (streamId, options) => {
      reads.push({ streamId, options });
      const events = byId[streamId] ?? [];
      return events.filter((event) => options?.toVersion === undefined || event.version <= options.toVersion);
    },
  };
  return { store, reads };
}

describe('loadAggregate', () => {
  it("reads the decider's stream and folds every event with evolve", async () => {
    const { store, reads } = streams({
      [actionStreamId(ACTION_ID)]: [stored(added, 1), stored(retitled, 2)],
    });
    const loaded = await loadAggregate(store, actionDecider, ACTION_ID, TENANT);
    expect(reads).toEqual([{ streamId: `action-${ACTION_ID}`, options: undefined }]);
    expect(loaded.version).toBe(2);
    expect(loaded.events.map((event) => event.id)).toEqual(['e1', 'e2']);
    expect(loaded.state).toMatchObject({ status: 'active', title: 'Tweede titel', code: '1.1.1' });
  });

  it('an unused id is the initial state at version 0', async () => {
    const { store } = streams({});
    const loaded = await loadAggregate(store, actionDecider, ACTION_ID, TENANT);
    expect(loaded).toEqual({ state: { status: 'absent' }, version: 0, events: [] });
  });

  it("another tenant's aggregate is not found (404 code from the decider's name), never its state", async () => {
    const { store } = streams({ [actionStreamId(ACTION_ID)]: [stored(added, 1, 'tenant-b')] });
    const error = await loadAggregate(store, actionDecider, ACTION_ID, TENANT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).code).toBe('ACTION.NOT_FOUND');
  });

  it('with toVersion, the aggregate as it was then', async () => {
    const { store, reads } = streams({
      [actionStreamId(ACTION_ID)]: [stored(added, 1), stored(retitled, 2)],
    });
    const loaded = await loadAggregate(store, actionDecider, ACTION_ID, TENANT, { toVersion: 1 });
    expect(reads[0]!.options).toEqual({ toVersion: 1 });
    expect(loaded.version).toBe(1);
    expect(loaded.state).toMatchObject({ status: 'active', title: 'Eerste titel' });
  });
});

describe('findAggregate', () => {
  it('null for an unused id and for a foreign one alike; the aggregate otherwise', async () => {
    const { store } = streams({
      [actionStreamId('mine')]: [stored({ ...added, data: { ...added.data, actionId: 'mine' } }, 1)],
      [actionStreamId('theirs')]: [stored(added, 1, 'tenant-b')],
    });
    expect(await findAggregate(store, actionDecider, 'unused', TENANT)).toBeNull();
    expect(await findAggregate(store, actionDecider, 'theirs', TENANT)).toBeNull();
    const mine = await findAggregate(store, actionDecider, 'mine', TENANT);
    expect(mine?.version).toBe(1);
    expect(mine?.state).toMatchObject({ status: 'active', actionId: 'mine' });
  });
});

describe('loadAggregate of an aggregate that keeps its state (the plan)', () => {
  const planEvents: PlanEvent[] = [
    {
      type: 'PlanCreated',
      data: {
        planId: 'p1',
        title: 'Plan',
        description: '',
        periodStart: '2026-01-01',
        periodEnd: '2031-12-31',
      },
    },
    ...Array.from({ length: 5 }, (_, i): PlanEvent => ({
      type: 'ThemeAdded',
      data: {
        planId: 'p1',
        themeId: `t${i}`,
        code: `${i + 1}`,
        title: `Thema ${i + 1}`,
        leadPartnerId: null,
      },
    })),
  ];
  const asStored = (event: PlanEvent, version: number): StoredEvent => ({
    ...stored(event as unknown as ActionEvent, version),
    streamId: planStreamId('p1'),
  });

  /** a store whose plan stream grows as another process appends; readStream honours fromVersion and toVersion */
  function growingStore() {
    const log: StoredEvent[] = [];
    const reads: (ReadStreamOptions | undefined)[] = [];
    const store: Pick<EventStore, 'readStream'> = {
      readStream: async (_streamId, options) => {
        reads.push(options);
        return log.filter(
          (event) =>
            event.version >= (options?.fromVersion ?? 1) && event.version <= (options?.toVersion ?? Infinity),
        );
      },
    };
    const append = (count: number) => {
      for (const event of planEvents.slice(log.length, log.length + count))
        log.push(asStored(event, log.length + 1));
    };
    return { store, reads, append };
  }

  it('folds only the events that followed the kept version, and equals a fold of the whole stream', async () => {
    const { store, reads, append } = growingStore();
    append(3);
    const first = await loadAggregate(store, planDecider, 'p1', TENANT);
    expect(first.version).toBe(3);
    append(3); // another process appended
    const second = await loadAggregate(store, planDecider, 'p1', TENANT);
    expect(reads.at(-1)).toEqual({ fromVersion: 4 });
    expect(second.version).toBe(6);
    expect(second.events.map((event) => event.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const whole = fold(planDecider, planEvents);
    expect(second.state).toEqual(whole);
    // nothing new: nothing folded, the same answer
    const third = await loadAggregate(store, planDecider, 'p1', TENANT);
    expect(reads.at(-1)).toEqual({ fromVersion: 7 });
    expect(third.state).toBe(second.state);
  });

  it("answers another tenant's plan as not found from the kept state too, and reads a past version in full", async () => {
    const { store, reads, append } = growingStore();
    append(6);
    await loadAggregate(store, planDecider, 'p1', TENANT);
    await expect(loadAggregate(store, planDecider, 'p1', 'tenant-b')).rejects.toMatchObject({
      code: 'PLAN.NOT_FOUND',
    });
    const past = await loadAggregate(store, planDecider, 'p1', TENANT, { toVersion: 2 });
    expect(reads.at(-1)).toEqual({ toVersion: 2 });
    expect(past.version).toBe(2);
    expect(past.state).toEqual(fold(planDecider, planEvents.slice(0, 2)));
  });

  it('keeps nothing for an aggregate that does not opt in (states that may hold personal data)', async () => {
    const { store, reads } = streams({
      [actionStreamId(ACTION_ID)]: [stored(added, 1), stored(retitled, 2)],
    });
    await loadAggregate(store, actionDecider, ACTION_ID, TENANT);
    await loadAggregate(store, actionDecider, ACTION_ID, TENANT);
    expect(reads.map((read) => read.options)).toEqual([undefined, undefined]);
  });
});
