import { afterEach, describe, expect, it } from '@jest/globals';
import {
  AccessDeniedError,
  BACKWARDS,
  UnavailableError,
  type AppendStreamState,
} from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { FakeKurrentDB } from '../../../../test/support/fake-kurrentdb.js';
import type { NewEvent, StoredEvent, Subscription } from '../event-store.port.js';
import { START } from '../position.js';
import type { KurrentReadStreamOptions } from './kurrentdb-client.js';
import { KurrentDBEventStore, fromKurrentPosition } from './kurrentdb-event-store.js';

/**
 * The KurrentDB adapter's own logic against a scripted fake of the client (issue 20): which version and
 * position an append answers, how the `$all` cursor moves over events that are not ours, what a handler is
 * given, what happens when reads or the live feed fail, and what the idempotency check costs.
 */
const TENANT = 'tenant-a';

const event = (type = 'ThingHappened', metadata: Partial<NewEvent['metadata']> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data: { n: Math.random() },
  metadata: {
    actorId: 'user-1',
    tenantId: TENANT,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: '2026-01-01T10:00:00.000Z',
    ...metadata,
  },
});
const keyed = (key: string, count: number): NewEvent[] =>
  Array.from({ length: count }, () => event('ThingHappened', { idempotencyKey: key }));

const stores: KurrentDBEventStore[] = [];
function setUp(options: ConstructorParameters<typeof KurrentDBEventStore>[1] = {}): {
  fake: FakeKurrentDB;
  store: KurrentDBEventStore;
  warnings: string[];
} {
  const fake = new FakeKurrentDB();
  const warnings: string[] = [];
  const store = new KurrentDBEventStore(fake, {
    pollIntervalMs: 60_000,
    readRetryMs: 5_000,
    onWarning: (message) => warnings.push(message),
    ...options,
  });
  stores.push(store);
  return { fake, store, warnings };
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function record(
  store: KurrentDBEventStore,
  options: Parameters<KurrentDBEventStore['subscribeToAll']>[2] = {},
): { subscription: Subscription; batches: StoredEvent[][]; received: StoredEvent[] } {
  const batches: StoredEvent[][] = [];
  const received: StoredEvent[] = [];
  const subscription = store.subscribeToAll(
    START,
    (batch) => {
      batches.push(batch);
      received.push(...batch);
      return Promise.resolve();
    },
    options,
  );
  return { subscription, batches, received };
}

const readStreamCalls = (fake: FakeKurrentDB) =>
  fake.calls
    .filter((call) => call.method === 'readStream')
    .map((call) => call.options as KurrentReadStreamOptions);

describe('KurrentDB adapter: appends', () => {
  it('answers a re-append of the same events with the first result: the version and position of its last event', async () => {
    const { fake, store } = setUp();
    const batch = keyed('k-1', 3);
    const first = await store.appendToStream('plan-1', batch, 'no_stream');
    expect(first).toEqual({
      streamId: 'plan-1',
      version: 3,
      position: fromKurrentPosition(fake.log[2]!.position),
      duplicate: false,
    });
    await store.appendToStream('plan-1', [event()]); // the stream moves on

    for (const expected of ['no_stream', 'any', 0, 3, 'stream_exists'] as const) {
      expect(await store.appendToStream('plan-1', batch, expected)).toEqual({ ...first, duplicate: true });
    }
    expect(fake.log).toHaveLength(4);
  });

  it("takes version and position from the server's reply, not from a read-back another writer can overtake", async () => {
    const { fake, store } = setUp();
    // another writer appends right after ours, before a read-back could run; and a follower serving the
    // read-back might not have our event at all
    const original = fake.appendToStream.bind(fake);
    fake.appendToStream = async (streamId, events, options) => {
      const reply = await original(streamId, events, options);
      fake.write(streamId, [{ metadata: { tenantId: TENANT } }]);
      return reply;
    };
    const ours = event();
    const result = await store.appendToStream('plan-2', [ours], 'no_stream');
    const written = fake.log.find((stored) => stored.id === ours.id)!;
    expect(result).toEqual({
      streamId: 'plan-2',
      version: 1,
      position: fromKurrentPosition(written.position),
      duplicate: false,
    });
  });

  it('answers a reply without a position (an idempotent re-append on an older server) from the event at the revision it names, read on the leader', async () => {
    const { fake, store } = setUp();
    const ours = [event(), event()];
    await store.appendToStream('plan-3', ours, 'no_stream');
    // the server recognised the same ids at the same expected version and wrote nothing
    fake.appendToStream = () => Promise.resolve({ nextExpectedRevision: 1n, position: undefined });
    const again = await store.appendToStream('plan-3', ours, 0);
    expect(again).toEqual({
      streamId: 'plan-3',
      version: 2,
      position: fromKurrentPosition(fake.log[1]!.position),
      duplicate: true,
    });
    const lookup = readStreamCalls(fake).at(-1)!;
    expect(lookup).toMatchObject({ fromRevision: 1n, maxCount: 1n, requiresLeader: true });
  });

  it('without an idempotency key, checks only the tenant, from the one last event, read on the leader', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('plan-4', [event(), event(), event()]);
    fake.calls.length = 0;
    await store.appendToStream('plan-4', [event()], 3);
    const reads = readStreamCalls(fake);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ direction: BACKWARDS, maxCount: 1n, requiresLeader: true });
    // the history a command decides on comes from the leader too
    await store.readStream('plan-4');
    await store.streamVersion('plan-4');
    expect(
      readStreamCalls(fake)
        .slice(1)
        .map((read) => read.requiresLeader),
    ).toEqual([true, true]);
  });

  it('with an idempotency key, reads the tail on the leader only until it found the ids, and appends at the version it saw', async () => {
    const { fake, store } = setUp({ idempotencyWindow: 1000 });
    for (let i = 0; i < 10; i++) await store.appendToStream('plan-5', [event(), event()]);
    const batch = keyed('k-5', 2);
    fake.calls.length = 0;
    await store.appendToStream('plan-5', batch); // 'any'
    const append = fake.calls.find((call) => call.method === 'appendToStream')!;
    expect((append.options as { streamState: AppendStreamState }).streamState).toBe(19n);
    expect(readStreamCalls(fake).every((read) => read.requiresLeader === true)).toBe(true);

    // a retry finds its ids in the first, small page
    fake.calls.length = 0;
    expect((await store.appendToStream('plan-5', batch)).duplicate).toBe(true);
    const reads = readStreamCalls(fake);
    expect(reads).toHaveLength(1);
    expect(Number(reads[0]!.maxCount)).toBeLessThan(1000);
  });

  it('with a key, an append that loses a race with another writer looks again instead of writing past it unchecked', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('plan-6', [event()]);
    const batch = keyed('k-6', 1);
    // the same retried request, written by another api process between our check and our append
    fake.beforeAppend = () => fake.write('plan-6', [{ id: batch[0]!.id, metadata: batch[0]!.metadata }]);
    const result = await store.appendToStream('plan-6', batch);
    expect(result).toMatchObject({ version: 2, duplicate: true });
    expect(fake.log.filter((stored) => stored.id === batch[0]!.id)).toHaveLength(1);
  });

  it('refuses an append whose ids were partly written, and one into a stream of another tenant', async () => {
    const { store } = setUp();
    const [a, b, c] = keyed('k-7', 3);
    await store.appendToStream('plan-7', [a!, b!]);
    await expect(store.appendToStream('plan-7', [b!, c!])).rejects.toMatchObject({
      code: 'STREAM.IDEMPOTENCY_MISMATCH',
    });
    await expect(
      store.appendToStream('plan-7', [event('ThingHappened', { tenantId: 'tenant-b' })]),
    ).rejects.toMatchObject({ code: 'STREAM.TENANT_MISMATCH' });
  });

  it('reports a version conflict with the actual version', async () => {
    const { store } = setUp();
    await store.appendToStream('plan-8', [event(), event()]);
    await expect(store.appendToStream('plan-8', [event()], 1)).rejects.toMatchObject({
      code: 'STREAM.WRONG_EXPECTED_VERSION',
      expected: 1,
      actual: 2,
    });
    await expect(store.appendToStream('plan-9', [event()], 'stream_exists')).rejects.toMatchObject({
      actual: 0,
    });
  });
});

describe('KurrentDB adapter: reading $all', () => {
  /** 250 events that are not ours: binary, in a $-stream with an ordinary type, without metadata */
  function foreign(fake: FakeKurrentDB): void {
    fake.write(
      'other-binary',
      Array.from({ length: 100 }, () => ({ isJson: false, data: new Uint8Array([1]) })),
    );
    fake.write(
      '$projections-totals-result',
      Array.from({ length: 100 }, () => ({ type: 'Result', metadata: { tenantId: TENANT } })),
    );
    fake.write(
      'other-json',
      Array.from({ length: 50 }, () => ({ type: 'Imported', metadata: undefined })),
    );
  }

  it('moves its cursor over pages without one usable event and ends only on a short page', async () => {
    const { fake, store } = setUp();
    foreign(fake);
    const ours = event();
    await store.appendToStream('plan-10', [ours]);
    const page = await store.readAll(START, 10);
    expect(page.events.map((stored) => stored.id)).toEqual([ours.id]);
    expect(page.position).toBe(fromKurrentPosition(fake.log.at(-1)!.position));
    // a tenant's read skips events without metadata instead of failing on them
    const tenantPage = await store.readAll(START, 10, { tenantId: TENANT });
    expect(tenantPage.events.map((stored) => stored.id)).toEqual([ours.id]);
    expect((await store.readAll(page.position, 10)).events).toEqual([]);
  });

  it('leaves out events written without metadata, in streams and in $all, instead of failing', async () => {
    const { fake, store } = setUp();
    fake.write('plan-11', [{ type: 'Imported', metadata: undefined }]);
    await expect(store.readStream('plan-11')).resolves.toEqual([]);
    // the tenant check of an append does not trip over it either
    await expect(store.appendToStream('plan-11', [event()])).resolves.toMatchObject({ version: 2 });
    const page = await store.readAll(START, 10, { tenantId: TENANT });
    expect(page.events).toHaveLength(1);
  });

  it('a subscription gets past foreign events, and never calls its handler with an empty batch', async () => {
    const { fake, store } = setUp();
    foreign(fake);
    await store.appendToStream('plan-12', [event('Unwanted')]);
    const wanted = event('Wanted');
    await store.appendToStream('plan-12', [wanted]);
    const { subscription, batches } = record(store, { batchSize: 20, eventTypes: ['Wanted'] });
    await Promise.race([subscription.caughtUp, subscription.done]);
    expect(batches.map((batch) => batch.map((stored) => stored.id))).toEqual([[wanted.id]]);
    expect(subscription.position).toBe(fromKurrentPosition(fake.log.at(-1)!.position));
  });

  it('a subscription retries reads that fail for a while (server unavailable), like the PostgreSQL adapter', async () => {
    const { fake, store, warnings } = setUp();
    const ours = event();
    await store.appendToStream('plan-13', [ours]);
    fake.failNext('readAll', new UnavailableError(undefined, 'connection refused'));
    fake.failNext('readAll', new UnavailableError(undefined, 'connection refused'));
    const { subscription, received } = record(store);
    await Promise.race([subscription.caughtUp, subscription.done]);
    expect(received.map((stored) => stored.id)).toEqual([ours.id]);
    expect(warnings.filter((warning) => warning.includes('retrying'))).toHaveLength(2);
  });

  it('a subscription ends with a clear error when the account may not read $all', async () => {
    const { fake, store } = setUp();
    fake.failNext('readAll', new AccessDeniedError(undefined, 'Access denied'));
    const { subscription } = record(store);
    await expect(subscription.done).rejects.toThrow(/may not read \$all/);
    fake.failNext('readAll', new AccessDeniedError(undefined, 'Access denied'));
    await expect(store.headPosition()).rejects.toMatchObject({
      code: 'EVENT_STORE.ACCESS_DENIED',
      message: expect.stringMatching(/\$admins/),
    });
  });

  it('resubscribes the live feed after it fails, and is woken by the new one', async () => {
    const { fake, store, warnings } = setUp({ liveRetryDelayMs: 10 });
    const { subscription, received } = record(store);
    await Promise.race([subscription.caughtUp, subscription.done]);
    expect(fake.activeFeeds).toHaveLength(1);
    fake.activeFeeds[0]!.emit('error', new UnavailableError(undefined, 'server restarted'));
    await until(() => fake.activeFeeds.length === 1 && fake.feeds.length === 2, 'a new live feed');
    expect(warnings.some((warning) => warning.includes('live'))).toBe(true);
    // written by another process; the poll interval is a minute: only the new feed can deliver this in time
    const [theirs] = fake.write('plan-14', [{ metadata: { tenantId: TENANT } }]);
    await until(() => received.length === 1, 'the live delivery');
    expect(received[0]!.id).toBe(theirs!.id);
    // a feed the server ends is replaced too
    fake.activeFeeds[0]!.emit('end');
    await until(() => fake.activeFeeds.length === 1 && fake.feeds.length === 3, 'a third live feed');
    await subscription.stop();
    expect(fake.activeFeeds).toHaveLength(0);
  });

  it('over a long run of foreign events, hands back its progress without events, and a subscription goes on', async () => {
    const { fake, store } = setUp();
    fake.write(
      'other-binary',
      Array.from({ length: 2500 }, () => ({ isJson: false, data: new Uint8Array([1]) })),
    );
    const ours = event();
    await store.appendToStream('plan-15', [ours]);
    const page = await store.readAll(START, 10);
    expect(page.events).toEqual([]);
    expect(page.position > START).toBe(true);
    expect(page.position < fromKurrentPosition(fake.log.at(-1)!.position)).toBe(true);
    const { subscription, batches } = record(store, { batchSize: 10 });
    await Promise.race([subscription.caughtUp, subscription.done]);
    expect(batches.map((batch) => batch.map((stored) => stored.id))).toEqual([[ours.id]]);
  });
});
