export * from './event-store.port.js';
export * from './position.js';
export * from './errors.js';
export {
  PostgresEventStore,
  type PostgresEventStoreOptions,
  type Queryable,
} from './postgres/postgres-event-store.js';
export {
  APPEND_ERROR_CODES,
  APPEND_NOTIFY_CHANNEL,
  EVENT_STORE_MIGRATIONS,
  revertEventStoreMigrations,
  runEventStoreMigrations,
  type EventStoreMigrationOptions,
} from './postgres/migrations/index.js';
export {
  KurrentAccessDeniedError,
  KurrentDBEventStore,
  fromKurrentPosition,
  isTransientKurrentError,
  toKurrentPosition,
  toStreamState,
  versionOfState,
  type KurrentDBEventStoreOptions,
} from './kurrentdb/kurrentdb-event-store.js';
export { connectKurrentDB, type KurrentClient } from './kurrentdb/kurrentdb-client.js';
export { createEventStore, type EventStoreSelection } from './create-event-store.js';
