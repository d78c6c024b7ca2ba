import type { ReadAllResult, StoredEvent } from '../event-store.port.js';
import { START, toPosition, type Position } from '../position.js';
import { SharedReads, type SharedReadsStore } from './shared-reads.js';

/** A store whose queries the test answers by hand, recording what was asked. */
class ManualStore implements SharedReadsStore {
  readonly reads: Array<{
    from: Position;
    tenantId: string | undefined;
    answer(result: ReadAllResult): void;
    fail(error: Error): void;
  }> = [];
  readonly questions: Array<{
    from: Position;
    answer(state: { readable: boolean; heldBack: boolean }): void;
  }> = [];

  readAll(from: Position, _limit: number, options?: { tenantId?: string }): Promise<ReadAllResult> {
    return new Promise((resolve, reject) =>
      this.reads.push({ from, tenantId: options?.tenantId, answer: resolve, fail: reject }),
    );
  }

  idleState(from: Position): Promise<{ readable: boolean; heldBack: boolean }> {
    return new Promise((resolve) => this.questions.push({ from, answer: resolve }));
  }

  warn(): void {}
}

const event = (n: number): StoredEvent =>
  ({
    id: `e${n}`,
    type: 'Tested',
    position: toPosition(BigInt(100 + n), 1n),
    data: {},
    metadata: {},
  }) as unknown as StoredEvent;
const page = (...events: StoredEvent[]): ReadAllResult => ({
  events,
  position: events.at(-1)?.position ?? START,
});
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("SharedReads (the reads of one store's subscriptions)", () => {
  it('sends one read for the subscriptions that ask the same at once, and gives each its own array', async () => {
    const store = new ManualStore();
    const shared = new SharedReads(store);
    const [a, b, c] = [shared.source(), shared.source(), shared.source()];
    const reads = [a.readAll(START, 100), b.readAll(START, 100), c.readAll(START, 100, { tenantId: 't-1' })];
    expect(store.reads).toHaveLength(2); // the tenant's read is another question
    store.reads[0]!.answer(page(event(1)));
    store.reads[1]!.answer(page());
    const [pageA, pageB, pageC] = await Promise.all(reads);
    expect(pageA!.events.map((e) => e.id)).toEqual(['e1']);
    expect(pageB!.events).toEqual(pageA!.events);
    expect(pageB!.events).not.toBe(pageA!.events);
    expect(pageC!.events).toEqual([]);
  });

  it('does not let a subscription woken by a commit share a read that started before it', async () => {
    const store = new ManualStore();
    const shared = new SharedReads(store);
    const [a, b] = [shared.source(), shared.source()];
    const first = a.readAll(START, 100);
    shared.woke(); // an append committed while a's read ran: b, woken by it, must see it
    const second = b.readAll(START, 100);
    expect(store.reads).toHaveLength(2);
    store.reads[0]!.answer(page());
    store.reads[1]!.answer(page(event(1)));
    expect((await first).events).toEqual([]);
    expect((await second).events.map((e) => e.id)).toEqual(['e1']);
  });

  it('asks "readable or held back?" once for the subscriptions whose reads it follows, never for a later read', async () => {
    const store = new ManualStore();
    const shared = new SharedReads(store);
    const [a, b, c] = [shared.source(), shared.source(), shared.source()];
    const reads = Promise.all([a.readAll(START, 100), b.readAll(START, 100)]);
    store.reads[0]!.answer(page());
    await reads;
    const questions = [a.idleState(START), b.idleState(START)];
    expect(store.questions).toHaveLength(1);
    // c, woken by a commit, reads after that question was asked: its question must come after its own read
    shared.woke();
    const readC = c.readAll(START, 100);
    await settle();
    expect(store.reads).toHaveLength(2);
    store.reads[1]!.answer(page());
    await readC;
    const questionC = c.idleState(START);
    expect(store.questions).toHaveLength(2);
    store.questions[0]!.answer({ readable: false, heldBack: true });
    store.questions[1]!.answer({ readable: true, heldBack: false });
    expect(await Promise.all(questions)).toEqual([
      { readable: false, heldBack: true },
      { readable: false, heldBack: true },
    ]);
    expect(await questionC).toEqual({ readable: true, heldBack: false });
  });

  it('fails every subscription that shared a failed read, and reads again afterwards', async () => {
    const store = new ManualStore();
    const shared = new SharedReads(store);
    const [a, b] = [shared.source(), shared.source()];
    const reads = Promise.allSettled([a.readAll(START, 100), b.readAll(START, 100)]);
    store.reads[0]!.fail(new Error('connection terminated'));
    expect((await reads).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const again = a.readAll(START, 100);
    expect(store.reads).toHaveLength(2);
    store.reads[1]!.answer(page(event(2)));
    expect((await again).events.map((e) => e.id)).toEqual(['e2']);
  });

  it('answers a subscription that reads after a read finished with that read, while nothing committed since', async () => {
    const store = new ManualStore();
    const shared = new SharedReads(store);
    const [a, b, c] = [shared.source(), shared.source(), shared.source()];
    const first = a.readAll(START, 100);
    store.reads[0]!.answer(page(event(1)));
    const pageA = await first;
    // b was busy: it asks the same after a's read finished
    const pageB = await b.readAll(START, 100);
    expect(store.reads).toHaveLength(1);
    expect(pageB.events).toEqual(pageA.events);
    expect(pageB.events).not.toBe(pageA.events);
    // copies: a reveal shared per event object must not reach a read that starts after an erasure
    expect(pageB.events[0]).not.toBe(pageA.events[0]);
    // a commit: c reads anew
    shared.woke();
    const readC = c.readAll(START, 100);
    expect(store.reads).toHaveLength(2);
    store.reads[1]!.answer(page(event(1), event(2)));
    expect((await readC).events.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('reads anew once a question found events readable or held back (a transaction that ends with no wake)', async () => {
    for (const state of [
      { readable: false, heldBack: true },
      { readable: true, heldBack: false },
      { readable: false, heldBack: false },
    ]) {
      const store = new ManualStore();
      const shared = new SharedReads(store);
      const [a, b] = [shared.source(), shared.source()];
      const first = a.readAll(START, 100);
      store.reads[0]!.answer(page());
      await first;
      const question = a.idleState(START);
      store.questions[0]!.answer(state);
      await question;
      // a polls again (held back), or b comes late: neither may get the finished read's answer after that
      const again = b.readAll(START, 100);
      const expected = state.readable || state.heldBack ? 2 : 1;
      expect(store.reads).toHaveLength(expected);
      if (expected === 2) store.reads[1]!.answer(page(event(1)));
      expect((await again).events.map((e) => e.id)).toEqual(expected === 2 ? ['e1'] : []);
    }
  });

  it('neither joins nor keeps a read that was running when a question found events readable', async () => {
    const store = new ManualStore();
    const shared = new SharedReads(store);
    const [a, b, c] = [shared.source(), shared.source(), shared.source()];
    const first = a.readAll(START, 100);
    // c asks meanwhile, and finds events readable that a's read may have started too early to see
    const question = c.idleState(START);
    store.questions[0]!.answer({ readable: true, heldBack: false });
    await question;
    store.reads[0]!.answer(page());
    await first;
    const again = b.readAll(START, 100);
    expect(store.reads).toHaveLength(2);
    store.reads[1]!.answer(page(event(1)));
    expect((await again).events.map((e) => e.id)).toEqual(['e1']);
  });

  it('keeps at most 32 finished reads', async () => {
    const store = new ManualStore();
    const shared = new SharedReads(store);
    const source = shared.source();
    for (let n = 0; n < 40; n++) {
      const reading = source.readAll(toPosition(BigInt(n + 1), 1n), 100);
      store.reads[n]!.answer(page());
      await reading;
    }
    // the newest are answered from memory, the oldest were forgotten
    await source.readAll(toPosition(40n, 1n), 100);
    expect(store.reads).toHaveLength(40);
    const oldest = source.readAll(toPosition(1n, 1n), 100);
    expect(store.reads).toHaveLength(41);
    store.reads[40]!.answer(page());
    await oldest;
  });
});
