import type { ReadAllResult, StoredEvent } from '../event-store.port.js';
import { START, toPosition, type Position } from '../position.js';
import { PgSubscription, type PgSubscriptionSource } from './pg-subscription.js';

/**
 * The subscription's idle decision, against a scripted source (the real store's behaviour is in
 * postgres-event-store.int.spec.ts): an older transaction holds a committed event back at the read and ends
 * before the subscription asks what to do next. With a poll interval of a minute, only a decision taken in
 * the same snapshot as "is there anything to read" delivers the event promptly.
 */
function storedEvent(n: number): StoredEvent {
  return {
    id: `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`,
    type: 'Tested',
    streamId: 'stream-1',
    version: n,
    position: toPosition(100n + BigInt(n), 1n),
    data: {},
    metadata: { tenantId: 'tenant-1' },
    recordedAt: new Date(0).toISOString(),
  } as unknown as StoredEvent;
}

class ScriptedSource implements PgSubscriptionSource {
  readonly log: StoredEvent[] = [];
  /** events at or after this index are held back behind a running transaction */
  visible = 0;
  /** what happens between a read and the next question: the holding transaction ends */
  afterEmptyRead: (() => void) | null = null;
  readonly calls: string[] = [];

  async readAll(from: Position, limit: number): Promise<ReadAllResult> {
    this.calls.push('read');
    const events = this.log
      .slice(0, this.visible)
      .filter((e) => e.position > from)
      .slice(0, limit);
    if (events.length === 0 && this.afterEmptyRead) {
      const end = this.afterEmptyRead;
      this.afterEmptyRead = null;
      end();
    }
    return { events, position: events.at(-1)?.position ?? from };
  }

  async idleState(from: Position): Promise<{ readable: boolean; heldBack: boolean }> {
    this.calls.push('idle');
    return {
      readable: this.log.slice(0, this.visible).some((e) => e.position > from),
      heldBack: this.log.length > this.visible,
    };
  }

  warn(): void {}
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const options = {
  batchSize: 100,
  pollIntervalMs: 60_000,
  eventTypes: null,
  tenantId: undefined,
  readRetryMs: 1_000,
};

describe('PgSubscription, when it has read everything visible', () => {
  const running: PgSubscription[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
  });

  /** a subscription over a scripted source, caught up with its (empty) log, recording the ids it is handed */
  async function caughtUp(onSleep?: (ms: number, received: number) => void): Promise<{
    source: ScriptedSource;
    received: string[];
    subscription: PgSubscription;
  }> {
    const source = new ScriptedSource();
    const received: string[] = [];
    /** tells `onSleep` every pause it asks for, and how many events it had received then */
    class Recording extends PgSubscription {
      protected override sleep(ms: number): Promise<void> {
        onSleep?.(ms, received.length);
        return super.sleep(ms);
      }
    }
    const subscription = new Recording(
      source,
      START,
      async (events) => void received.push(...events.map((e) => e.id)),
      options,
    );
    running.push(subscription);
    subscription.start();
    await subscription.caughtUp;
    return { source, received, subscription };
  }

  it('reads again at once when the transaction holding an event back ends between its read and its question', async () => {
    const { source, received, subscription } = await caughtUp();

    const event = storedEvent(1);
    source.log.push(event); // committed, held back: the NOTIFY wakes the subscription, its read sees nothing
    source.afterEmptyRead = () => {
      source.visible = 1; // the older transaction ends right after that read
    };
    subscription.wake();
    await until(() => received.includes(event.id), 2_000);
    expect(received).toEqual([event.id]);
  });

  it('looks again soon while an event is held back, without a notification when the holder ends', async () => {
    const { source, received, subscription } = await caughtUp();

    const event = storedEvent(1);
    source.log.push(event);
    subscription.wake();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([]);
    source.visible = 1; // the holder ends and sends no NOTIFY (it wrote no events)
    await until(() => received.includes(event.id), 2_000);
    expect(received).toEqual([event.id]);
  });

  it('starts its back-off short again after a read that delivered events', async () => {
    // the pauses it asks for, in order, and the ids it had received when it asked
    const pauses: Array<{ ms: number; received: number }> = [];
    const { source, received, subscription } = await caughtUp((ms, count) =>
      pauses.push({ ms, received: count }),
    );

    // a first event held back long enough for the back-off to reach its longest pause
    source.log.push(storedEvent(1));
    subscription.wake();
    await until(() => pauses.some((pause) => pause.ms === 250), 3_000);
    // it is let through, and a second one is held back at once (a busy server)
    source.log.push(storedEvent(2));
    source.visible = 1;
    await until(() => received.length === 1 && pauses.some((pause) => pause.received === 1), 2_000);
    const after = pauses.filter((pause) => pause.received === 1);
    expect(after[0]!.ms).toBe(5);
    source.visible = 2;
    await until(() => received.length === 2, 2_000);
  });

  it('waits for a notification or the poll interval when nothing is readable or held back', async () => {
    const { source } = await caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const calls = source.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(source.calls.length).toBe(calls); // asleep: no busy loop
  });
});
