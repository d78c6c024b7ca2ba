import type { EventStore } from './event-store.port.js';
import { KurrentDBEventStore } from './kurrentdb/kurrentdb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

export interface EventStoreSelection {
  eventStore: 'postgres' | 'kurrentdb';
  eventStoreConnectionString: string | null;
}

/** The event store the configuration names (EVENT_STORE): PostgreSQL on `databaseUrl`, or KurrentDB. */
export function createEventStore(selection: EventStoreSelection, databaseUrl: string): EventStore {
  if (selection.eventStore === 'kurrentdb') {
    if (!selection.eventStoreConnectionString) {
      throw new Error('EVENT_STORE=kurrentdb needs EVENTSTORE_CONNECTION_STRING');
    }
    return new KurrentDBEventStore(selection.eventStoreConnectionString);
  }
  return new PostgresEventStore(databaseUrl);
}
