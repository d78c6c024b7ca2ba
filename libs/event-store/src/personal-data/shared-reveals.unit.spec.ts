import type { StoredEvent } from '../event-store.port.js';
import { SharedReveals } from './shared-reveals.js';

const stored = (n: number): StoredEvent =>
  ({
    id: `e-${n}`,
    streamId: 's',
    version: n,
    position: String(n).padStart(20, '0'),
    type: 'NoteAdded',
    data: { text: `sealed ${n}` },
    metadata: { tenantId: 't', actorId: 'u' },
    recordedAt: '2026-11-30T00:00:00.000Z',
  }) as StoredEvent;

/** a reveal that records which events each lookup was asked for */
function recorder(fail = () => false) {
  const lookups: string[][] = [];
  const reveal = async (events: readonly StoredEvent[]): Promise<StoredEvent[]> => {
    lookups.push(events.map((event) => event.id));
    await new Promise((resolve) => setImmediate(resolve));
    if (fail()) throw new Error('the key table is gone');
    return events.map((event) => ({ ...event, data: { text: `open ${event.version}` } }));
  };
  return { lookups, reveal };
}

describe('SharedReveals', () => {
  it('reveals each event object once for the subscriptions that got it, in their order', async () => {
    const { lookups, reveal } = recorder();
    const shared = new SharedReveals(reveal);
    const page = [stored(1), stored(2), stored(3)];
    // fifteen subscriptions get their own array of the same objects at once (SharedReads)
    const answers = await Promise.all(Array.from({ length: 15 }, () => shared.events(page.slice())));
    expect(lookups).toEqual([['e-1', 'e-2', 'e-3']]);
    for (const answer of answers) expect(answer.map((e) => e.data)).toEqual(answers[0]!.map((e) => e.data));
    expect(answers[0]!.map((e) => (e.data as { text: string }).text)).toEqual(['open 1', 'open 2', 'open 3']);
  });

  it('asks only for the events nobody revealed yet', async () => {
    const { lookups, reveal } = recorder();
    const shared = new SharedReveals(reveal);
    const [a, b, c] = [stored(1), stored(2), stored(3)];
    await shared.events([a, b]);
    const answer = await shared.events([a, b, c]);
    expect(lookups).toEqual([['e-1', 'e-2'], ['e-3']]);
    expect(answer.map((e) => e.id)).toEqual(['e-1', 'e-2', 'e-3']);
  });

  it('asks again for another object of the same event (another read of the log)', async () => {
    const { lookups, reveal } = recorder();
    const shared = new SharedReveals(reveal);
    await shared.events([stored(1)]);
    await shared.events([stored(1)]);
    expect(lookups).toEqual([['e-1'], ['e-1']]);
  });

  it('asks again once the remembered answer is older than its bound', async () => {
    const { lookups, reveal } = recorder();
    let now = 0;
    const shared = new SharedReveals(reveal, () => now, 1_000);
    const page = [stored(1)];
    await shared.events(page);
    now = 1_000;
    await shared.events(page);
    expect(lookups).toHaveLength(1);
    now = 1_001;
    await shared.events(page);
    expect(lookups).toHaveLength(2);
  });

  it('fails the callers that shared a failed lookup, then asks again', async () => {
    let failing = true;
    const { lookups, reveal } = recorder(() => failing);
    const shared = new SharedReveals(reveal);
    const page = [stored(1), stored(2)];
    const first = await Promise.allSettled([shared.events(page), shared.events(page)]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    failing = false;
    const again = await shared.events(page);
    expect(again.map((e) => (e.data as { text: string }).text)).toEqual(['open 1', 'open 2']);
    expect(lookups).toHaveLength(2);
  });
});
