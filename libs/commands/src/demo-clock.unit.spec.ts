import { actionDecider, type ActionCommand } from '#domain';
import type { AppendResult, EventStore, NewEvent, StoredEvent } from '#event-store';
import { CommandExecutor } from './command-executor.js';
import type { CommandContext } from './command-context.js';
import type { CommandService } from './command-service.js';
import { brusselsInstant, DemoCalendar, DemoIds, DemoTimeline, seeded } from './demo-clock.js';

describe('the demo clock', () => {
  it('draws the same numbers and ids from the same seed and name, other ones from another', () => {
    const a = seeded(2021);
    const b = seeded(2021);
    const first = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(first).size).toBe(50);
    expect(seeded(2022)()).not.toBe(first[0]);

    const ids = new DemoIds('demo');
    const again = new DemoIds('demo');
    const made = [ids.next('note'), ids.next('note'), ids.next('signal')];
    expect([again.next('note'), again.next('note'), again.next('signal')]).toEqual(made);
    expect(new Set(made).size).toBe(3);
    for (const id of made)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new DemoIds('other').next('note')).not.toBe(made[0]);
  });

  it('turns a Brussels working hour into its UTC instant, in winter and in summer time', () => {
    expect(brusselsInstant('2024-01-15', 10)).toBe('2024-01-15T09:00:00.000Z');
    expect(brusselsInstant('2024-07-15', 10, 30)).toBe('2024-07-15T08:30:00.000Z');
    // the days of the clock changes
    expect(brusselsInstant('2024-03-31', 9)).toBe('2024-03-31T07:00:00.000Z');
    expect(brusselsInstant('2024-10-27', 9)).toBe('2024-10-27T08:00:00.000Z');
  });

  it('has two working-day moments a month; a day maps to the first moment on or after it; `after` lands on a later moment', () => {
    const calendar = new DemoCalendar(2021, 2022, seeded(7));
    let previous = '';
    for (let day = '2021-01-01'; day < '2022-12-01'; day = next(day)) {
      const at = calendar.at(day);
      expect(calendar.dateOf(day) >= day).toBe(true);
      expect(at >= previous).toBe(true);
      const weekday = new Date(`${calendar.dateOf(day)}T12:00:00Z`).getUTCDay();
      expect(weekday).toBeGreaterThanOrEqual(1);
      expect(weekday).toBeLessThanOrEqual(5);
      expect(calendar.at(calendar.after(day, 1)) > at).toBe(true);
      previous = at;
    }
    const moments = new Set<string>();
    for (let day = '2021-01-01'; day < '2022-01-01'; day = next(day))
      if (calendar.dateOf(day) < '2022-01-01') moments.add(calendar.at(day));
    expect(moments.size).toBe(24);
  });
});

const next = (day: string) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('the demo timeline', () => {
  const note = (actionId: string, text: string): ActionCommand => ({
    type: 'AddActionNote',
    data: { actionId, noteId: text, text },
  });

  it('writes the moments in order, one append per actor, action and moment, and nothing after `until`', async () => {
    const writes: { at: string; actionId: string; texts: string[] }[] = [];
    const running = new Set<string>();
    const fake = {
      actionSteps: async (actionId: string, commands: readonly ActionCommand[], context: CommandContext) => {
        // a moment starts only when the previous one is written
        for (const at of running) expect(at).toBe(context.now);
        running.add(context.now);
        await new Promise((resolve) => setTimeout(resolve, 5));
        writes.push({
          at: context.now,
          actionId,
          texts: commands.map((command) => (command.data as { text: string }).text),
        });
        running.delete(context.now);
        return { id: actionId, version: 1, position: '0', duplicate: false };
      },
    } as unknown as CommandService;
    const timeline = new DemoTimeline('2022-12-31T23:00:00.000Z');
    const t1 = '2022-03-01T09:00:00.000Z';
    const t2 = '2022-06-01T09:00:00.000Z';
    timeline.action(t2, 'member', 'a', note('a', 'a-later'));
    timeline.action(t1, 'member', 'a', note('a', 'a1'));
    timeline.action(t1, 'member', 'a', note('a', 'a2'));
    timeline.action(t1, 'coordinator', 'a', note('a', 'a3'));
    timeline.action(t1, 'member', 'b', note('b', 'b1'));
    timeline.action('2023-02-01T09:00:00.000Z', 'member', 'a', note('a', 'future'));
    const contexts: string[] = [];
    const played = await timeline.play(fake, (actor, at) => {
      contexts.push(actor);
      return {
        tenantId: 'demo',
        actorId: actor,
        correlationId: 'c',
        causationId: null,
        meetingId: null,
        idempotencyKey: null,
        now: at,
        demoClock: true,
      };
    });
    expect(played).toMatchObject({ skipped: 1, writes: 4, events: 5, first: t1, last: t2 });
    expect(writes.map((write) => write.at)).toEqual([t1, t1, t1, t2]);
    const ofA = writes.filter((write) => write.actionId === 'a').map((write) => write.texts);
    expect(ofA).toEqual([['a1', 'a2'], ['a3'], ['a-later']]);
    expect(writes.flatMap((write) => write.texts)).not.toContain('future');
  });
});

/** a stream store in memory: enough for the executor's read and append */
function memoryStore(): EventStore & { appends: number } {
  const streams = new Map<string, StoredEvent[]>();
  let position = 0;
  const store = {
    kind: 'postgres' as const,
    appends: 0,
    async readStream(streamId: string) {
      return [...(streams.get(streamId) ?? [])];
    },
    async appendToStream(streamId: string, events: readonly NewEvent[]): Promise<AppendResult> {
      store.appends += 1;
      const stream = streams.get(streamId) ?? [];
      for (const event of events) {
        position += 1;
        stream.push({
          ...event,
          streamId,
          version: stream.length + 1,
          position: String(position),
          recordedAt: '',
        });
      }
      streams.set(streamId, stream);
      return { streamId, version: stream.length, position: String(position), duplicate: false };
    },
    async headPosition() {
      return String(position);
    },
    async streamIds(_tenantId: string, prefix: string) {
      return [...streams.keys()].filter((id) => id.startsWith(prefix)).sort();
    },
  };
  return store as unknown as EventStore & { appends: number };
}

describe('CommandExecutor.executeAll', () => {
  const context: CommandContext = {
    tenantId: 'demo',
    actorId: 'u',
    correlationId: 'c',
    causationId: null,
    meetingId: null,
    idempotencyKey: null,
    now: '2022-03-01T09:00:00.000Z',
    demoClock: true,
  };
  const add: ActionCommand = {
    type: 'AddAction',
    data: { actionId: 'a', planId: 'p', goalId: 'g', code: '1.1.1', title: 'Een actie' },
  };

  it('decides each command on the state the previous ones left and appends them as one write, marked by the demo clock', async () => {
    const store = memoryStore();
    const executor = new CommandExecutor(store);
    await executor.execute(actionDecider, 'a', add, { ...context, demoClock: false });
    const result = await executor.executeAll(
      actionDecider,
      'a',
      [
        { type: 'ChangeActionStatus', data: { actionId: 'a', to: 'in_progress' } },
        { type: 'ReportActionProgress', data: { actionId: 'a', percent: 20 } },
        { type: 'ChangeActionStatus', data: { actionId: 'a', to: 'realised' } },
      ],
      context,
    );
    expect(result.version).toBe(4);
    expect(store.appends).toBe(2);
    const events = await store.readStream(actionDecider.streamId('a'));
    expect(events.map((event) => event.type)).toEqual([
      'ActionAdded',
      'ActionStatusChanged',
      'ActionProgressReported',
      'ActionStatusChanged',
    ]);
    expect(events[0]!.metadata.demoClock).toBeUndefined();
    expect(events.slice(1).every((event) => event.metadata.demoClock === true)).toBe(true);
    expect(events.slice(1).every((event) => event.metadata.occurredAt === context.now)).toBe(true);
  });

  it('writes nothing when one of the commands is refused', async () => {
    const store = memoryStore();
    const executor = new CommandExecutor(store);
    await executor.execute(actionDecider, 'a', add, context);
    await expect(
      executor.executeAll(
        actionDecider,
        'a',
        [
          { type: 'ChangeActionStatus', data: { actionId: 'a', to: 'in_progress' } },
          // realised cannot follow realised: the whole batch is refused
          { type: 'ChangeActionStatus', data: { actionId: 'a', to: 'realised' } },
          { type: 'ChangeActionStatus', data: { actionId: 'a', to: 'realised' } },
        ],
        context,
      ),
    ).rejects.toMatchObject({ code: 'ACTION.NO_CHANGE' });
    expect(await store.readStream(actionDecider.streamId('a'))).toHaveLength(1);
    await expect(
      executor.executeAll(actionDecider, 'a', [], { ...context, idempotencyKey: 'k' }),
    ).rejects.toThrow('executeAll takes no Idempotency-Key');
  });
});
