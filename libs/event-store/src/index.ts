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
  CHAIN_CHECKPOINT_MIGRATIONS,
  EVENT_STORE_MIGRATIONS,
  revertEventStoreMigrations,
  runChainCheckpointMigrations,
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
export * from './chain/chain.port.js';
export {
  CHAIN_HASH_METADATA_KEY,
  EMPTY_LOG_DIGEST,
  canonicalJson,
  chainHash,
  contentDigest,
  foldLogDigest,
  type ChainLink,
} from './chain/event-hash.js';
export {
  ChainVerifier,
  type ChainProblem,
  type ChainProblemCode,
  type ChainVerification,
  type TenantChainSummary,
} from './chain/chain-verifier.js';
export {
  NoChainCheckpointError,
  recordChainCheckpoint,
  verifyEventChain,
  type VerifyChainOptions,
} from './chain/verify.js';
export { DailyChainCheckpoints, type DailyChainCheckpointsOptions } from './chain/checkpoint-schedule.js';
export { PostgresChainCheckpoints } from './postgres/postgres-chain-checkpoints.js';
export * from './personal-data/index.js';
