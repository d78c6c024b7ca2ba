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
  const events = await store.readStream(
    decider.streamId(id),
    toVersion === undefined ? undefined : { toVersion },
  );
  if (events.length > 0 && events[0]!.metadata.tenantId !== tenantId) return 'foreign';
  // the stream holds only what CommandExecutor appended from this decider's `decide`: its own event union
  const state = events.reduce(
    (current, event) => decider.evolve(current, event as unknown as Event),
    decider.initialState(),
  );
  return { state, version: events.at(-1)?.version ?? 0, events };
}
