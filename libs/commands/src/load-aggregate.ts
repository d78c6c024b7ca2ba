import type { Decider } from '#domain';
import type { EventStore, StoredEvent } from '#event-store';
import { aggregateNotFound } from './command-error.js';

/** An aggregate as its stream says now (or at `toVersion`). */
export interface LoadedAggregate<State> {
  /** the decider's initial state folded with every event read */
  state: State;
  /** the version of the last event read; 0 when the stream has none */
  version: number;
  /** the events as stored, with ids, positions and metadata (idempotent retries, conflict details) */
  events: readonly StoredEvent[];
}

export interface LoadOptions {
  /** read the stream up to this version only: the aggregate as it was then */
  toVersion?: number;
}

/**
 * The one way the write side reads an aggregate (Emmett's `aggregateStream`): read its stream, check that it
 * is the caller's tenant's, fold it with the decider's `evolve`. Another tenant's aggregate is not found
 * (`<NAME>.NOT_FOUND`, a 404, never a 403 that would confirm it exists); an id nobody used yet is the
 * decider's initial state at version 0.
 */
export async function loadAggregate<State, Command, Event>(
  store: Pick<EventStore, 'readStream'>,
  decider: Decider<State, Command, Event>,
  id: string,
  tenantId: string,
  options: LoadOptions = {},
): Promise<LoadedAggregate<State>> {
  const loaded = await read(store, decider, id, tenantId, options);
  if (loaded === 'foreign') throw aggregateNotFound(decider.name, id);
  return loaded;
}

/**
 * The aggregate when its stream has events in the caller's tenant; null for an id nobody used and for
 * another tenant's aggregate alike (for reference checks that answer their own error, or none).
 */
export async function findAggregate<State, Command, Event>(
  store: Pick<EventStore, 'readStream'>,
  decider: Decider<State, Command, Event>,
  id: string,
  tenantId: string,
  options: LoadOptions = {},
): Promise<LoadedAggregate<State> | null> {
  const loaded = await read(store, decider, id, tenantId, options);
  return loaded === 'foreign' || loaded.version === 0 ? null : loaded;
}

async function read<State, Command, Event>(
  store: Pick<EventStore, 'readStream'>,
  decider: Decider<State, Command, Event>,
  id: string,
  tenantId: string,
  { toVersion }: LoadOptions,
): Promise<LoadedAggregate<State> | 'foreign'> {
  const streamId = decider.streamId(id);
  const kept = decider.keepState && toVersion === undefined ? keptStates(store) : null;
  const before = kept?.get(streamId) as Kept<State> | undefined;
  if (before && before.tenantId !== tenantId) return 'foreign';
  const events = await store.readStream(
    streamId,
    before ? { fromVersion: before.version + 1 } : toVersion === undefined ? undefined : { toVersion },
  );
  if (!before && events.length > 0 && events[0]!.metadata.tenantId !== tenantId) return 'foreign';
  // the stream holds only what CommandExecutor appended from this decider's `decide`: its own event union
  const state = events.reduce(
    (current, event) => decider.evolve(current, event as unknown as Event),
    before ? before.state : decider.initialState(),
  );
  if (!before) {
    const loaded = { state, version: events.at(-1)?.version ?? 0, events };
    if (kept && loaded.version > 0) kept.put(streamId, { ...loaded, tenantId });
    return loaded;
  }
  // a stream only grows: what follows the kept version continues the kept state
  const all = events.length === 0 ? before.events : [...before.events, ...events];
  const loaded = { state, version: events.at(-1)?.version ?? before.version, events: all };
  kept!.put(streamId, { ...loaded, tenantId });
  return loaded;
}

interface Kept<State> extends LoadedAggregate<State> {
  tenantId: string;
}

/**
 * The folded states of the aggregates that opt in (`Decider.keepState`), per store, least recently used
 * dropped first once they hold more than MAX_KEPT_EVENTS events. States are immutable values (`evolve` returns
 * new ones), so a kept state is shared safely; another process's appends are read as the events after it.
 */
const MAX_KEPT_EVENTS = 50_000;
const kept = new WeakMap<object, KeptStates>();

class KeptStates {
  private readonly entries = new Map<string, Kept<unknown>>();
  private events = 0;

  get(streamId: string): Kept<unknown> | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  put(streamId: string, entry: Kept<unknown>): void {
    const previous = this.entries.get(streamId);
    // a slower concurrent load may come back with an older version: keep the newer one
    if (previous && previous.version > entry.version) return;
    if (previous) this.events -= previous.events.length;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    this.events += entry.events.length;
    for (const [oldest, dropped] of this.entries) {
      if (this.events <= MAX_KEPT_EVENTS || oldest === streamId) break;
      this.entries.delete(oldest);
      this.events -= dropped.events.length;
    }
  }
}

function keptStates(store: object): KeptStates {
  let states = kept.get(store);
  if (!states) kept.set(store, (states = new KeptStates()));
  return states;
}
