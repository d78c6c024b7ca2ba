import type {
  AppendResult,
  BatchHandler,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import type { Position } from '../position.js';
import type { ChainedEvent, ChainSource, StreamHead } from '../chain/chain.port.js';
import type { PersonalDataCodec } from './codec.js';
import { SharedReveals } from './shared-reveals.js';

const isChainSource = (store: EventStore): store is EventStore & ChainSource =>
  typeof (store as Partial<ChainSource>).readChain === 'function';

/**
 * An event store whose appends encrypt the personal fields of events and whose reads reveal them (or the erased
 * marker), around any adapter (PostgreSQL, KurrentDB): the envelope is ordinary event data to the adapter, so
 * the hash chain covers the ciphertext. The chain reads (`ChainSource`) go to the adapter untouched: `verify`
 * sees what is stored.
 */
export class PersonalDataEventStore implements EventStore, ChainSource {
  readonly kind: EventStore['kind'];
  /** the subscriptions' reveals, each event object once between them */
  private readonly subscriptionReveals: SharedReveals;

  constructor(
    readonly inner: EventStore,
    readonly codec: PersonalDataCodec,
  ) {
    this.kind = inner.kind;
    this.subscriptionReveals = new SharedReveals((events) => codec.reveal(events));
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected?: ExpectedVersion,
  ): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, await this.codec.protect(events), expected);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.codec.reveal(await this.inner.readStream(streamId, options));
  }

  streamVersion(streamId: string): Promise<number> {
    return this.inner.streamVersion(streamId);
  }

  async readAll(from: Position, limit: number, options?: ReadAllOptions): Promise<ReadAllResult> {
    const result = await this.inner.readAll(from, limit, options);
    return { ...result, events: await this.codec.reveal(result.events) };
  }

  subscribeToAll(from: Position, handler: BatchHandler, options?: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll(
      from,
      async (events, lastPosition) => handler(await this.subscriptionReveals.events(events), lastPosition),
      options,
    );
  }

  headPosition(): Promise<Position> {
    return this.inner.headPosition();
  }

  lastCommittedPosition(): Promise<Position> {
    return this.inner.lastCommittedPosition?.() ?? this.inner.headPosition();
  }

  streamIds(tenantId: string, prefix: string): Promise<string[]> {
    return this.inner.streamIds(tenantId, prefix);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  // the chain as stored (ciphertext): what verify and the checkpoints hash

  get hashesPosition(): boolean {
    return this.chain().hashesPosition;
  }

  readChain(
    from: Position,
    limit: number,
    tenantId?: string,
  ): Promise<{ events: ChainedEvent[]; position: Position }> {
    return this.chain().readChain(from, limit, tenantId);
  }

  chainHashAt(streamId: string, version: number): Promise<string | null> {
    return this.chain().chainHashAt(streamId, version);
  }

  streamHeads(tenantId?: string): Promise<StreamHead[] | null> {
    return this.chain().streamHeads(tenantId);
  }

  tenants(): Promise<string[]> {
    return this.chain().tenants();
  }

  private chain(): EventStore & ChainSource {
    if (!isChainSource(this.inner)) throw new Error(`the ${this.inner.kind} store keeps no hash chain`);
    return this.inner;
  }
}
