import { randomUUID } from 'node:crypto';
import { FakeKurrentDB } from '../../../../test/support/fake-kurrentdb.js';
import type { ChainCheckpoint, ChainCheckpointStore, NewChainCheckpoint } from '../chain/chain.port.js';
import { CHAIN_HASH_METADATA_KEY, chainHash, contentDigest } from '../chain/event-hash.js';
import { recordChainCheckpoint, verifyEventChain } from '../chain/verify.js';
import type { NewEvent } from '../event-store.port.js';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';

/** checkpoints in memory: this is a unit test of the adapter's hashes over the scripted fake client */
class MemoryCheckpoints implements ChainCheckpointStore {
  readonly rows: ChainCheckpoint[] = [];
  list(tenantId?: string): Promise<ChainCheckpoint[]> {
    return Promise.resolve(this.rows.filter((cp) => tenantId === undefined || cp.tenantId === tenantId));
  }
  latest(tenantId: string): Promise<ChainCheckpoint | null> {
    return Promise.resolve(this.rows.filter((cp) => cp.tenantId === tenantId).at(-1) ?? null);
  }
  record(checkpoint: NewChainCheckpoint): Promise<ChainCheckpoint | null> {
    const row = { ...checkpoint, id: String(this.rows.length + 1), recordedAt: new Date().toISOString() };
    this.rows.push(row);
    return Promise.resolve(row);
  }
}

const TENANT = 'tenant-k';
const event = (data: unknown = { n: Math.random() }): NewEvent => ({
  id: randomUUID(),
  type: 'ThingHappened',
  data,
  metadata: {
    actorId: 'u',
    tenantId: TENANT,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: 'x',
  },
});

function setUp(): { fake: FakeKurrentDB; store: KurrentDBEventStore; checkpoints: MemoryCheckpoints } {
  const fake = new FakeKurrentDB();
  return { fake, store: new KurrentDBEventStore(fake), checkpoints: new MemoryCheckpoints() };
}

/** a1, b1, a2, b2, a3 (a2 and a3 in one append) */
async function seed(store: KurrentDBEventStore): Promise<void> {
  await store.appendToStream('a', [event()]);
  await store.appendToStream('b', [event()]);
  await store.appendToStream('a', [event()], 1);
  await store.appendToStream('b', [event()]);
  await store.appendToStream('a', [event()], 'stream_exists');
}

describe('hash chain on KurrentDB (scripted fake client)', () => {
  it('carries the same hash in the metadata (position and time null), kept out of what readers see', async () => {
    const { fake, store, checkpoints } = setUp();
    await seed(store);
    const first = fake.log[0]!;
    const metadata = first.metadata as Record<string, unknown>;
    const { [CHAIN_HASH_METADATA_KEY]: hash, ...rest } = metadata;
    expect(hash).toBe(
      chainHash({
        prev: null,
        position: null,
        stream: 'a',
        version: 1,
        time: null,
        content: contentDigest('ThingHappened', first.data, rest as NewEvent['metadata']),
      }),
    );
    const [read] = await store.readStream('a');
    expect(read!.metadata).not.toHaveProperty(CHAIN_HASH_METADATA_KEY);
    expect(await verifyEventChain(store, checkpoints, { tenantId: TENANT })).toMatchObject({
      ok: true,
      tenants: [expect.objectContaining({ eventCount: 5 })],
    });
  });

  it('an append that loses the race for the chain looks again, so the chain never forks', async () => {
    const { fake, store, checkpoints } = setUp();
    await store.appendToStream('a', [event()]);
    // another process appends (a correctly chained event) between our read of the stream's last event and
    // our append: the server refuses ours at the version it saw, and it is made again after the other one
    const theirs = event();
    const prev = (fake.log[0]!.metadata as Record<string, unknown>)[CHAIN_HASH_METADATA_KEY] as string;
    const hash = chainHash({
      prev,
      position: null,
      stream: 'a',
      version: 2,
      time: null,
      content: contentDigest(theirs.type, theirs.data, theirs.metadata),
    });
    fake.beforeAppend = () =>
      void fake.write('a', [
        {
          id: theirs.id,
          type: theirs.type,
          data: theirs.data,
          metadata: { ...theirs.metadata, [CHAIN_HASH_METADATA_KEY]: hash },
        },
      ]);
    const result = await store.appendToStream('a', [event()]);
    expect(result.version).toBe(3);
    expect(fake.calls.filter((call) => call.method === 'appendToStream')).toHaveLength(3);
    expect(fake.log.filter((r) => r.streamId === 'a')).toHaveLength(3);
    expect((await verifyEventChain(store, checkpoints)).ok).toBe(true);
  });

  it('reports a changed, a removed and a reordered event with position and stream', async () => {
    const changed = setUp();
    await seed(changed.store);
    changed.fake.log[2]!.data = { n: 'edited' };
    const c = await verifyEventChain(changed.store, changed.checkpoints);
    expect(c.problems).toEqual([
      expect.objectContaining({ code: 'AUDIT.EVENT_CHANGED', streamId: 'a', version: 2 }),
    ]);
    expect(c.problems[0]!.position).toBe((await changed.store.readStream('a'))[1]!.position);

    const removed = setUp();
    await seed(removed.store);
    removed.fake.log.splice(2, 1); // a2
    expect((await verifyEventChain(removed.store, removed.checkpoints)).problems).toEqual([
      expect.objectContaining({ code: 'AUDIT.EVENT_REMOVED', streamId: 'a', version: 3 }),
    ]);

    const swapped = setUp();
    await seed(swapped.store);
    const [a1, b1] = [swapped.fake.log[0]!, swapped.fake.log[2]!];
    [a1.position, b1.position] = [b1.position, a1.position];
    [swapped.fake.log[0], swapped.fake.log[2]] = [b1, a1];
    const problems = (await verifyEventChain(swapped.store, swapped.checkpoints)).problems;
    expect(problems.map((p) => [p.code, p.streamId]).sort()).toEqual([
      ['AUDIT.EVENT_REORDERED', 'a'],
      ['AUDIT.EVENT_REORDERED', 'a'],
    ]);
  });

  it('a removed last event is caught by the checkpoint recorded before (KurrentDB keeps no stream heads)', async () => {
    const { fake, store, checkpoints } = setUp();
    await seed(store);
    await recordChainCheckpoint(store, checkpoints, TENANT, 'manual');
    fake.log.pop();
    expect((await verifyEventChain(store, checkpoints, { tenantId: TENANT })).problems).toEqual([
      expect.objectContaining({ code: 'AUDIT.CHECKPOINT_MISMATCH', streamId: null }),
    ]);
  });
});
