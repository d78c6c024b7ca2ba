import { DataSource, type MigrationInterface } from 'typeorm';
import { runMigrations } from '#platform';
import { EventStoreTables1767225600000 } from './1767225600000-event-store-tables.js';
import { EventStoreAppendFunction1767225600001 } from './1767225600001-append-to-stream-function.js';
import { EventHashChain1767225600002 } from './1767225600002-event-hash-chain.js';
import { ChainCheckpoints1767225600003 } from './1767225600003-chain-checkpoints.js';
import { PersonalDataKeys1767227300000 } from './1767227300000-personal-data-keys.js';
import { StreamsTenantIndex1767227400000 } from './1767227400000-streams-tenant-index.js';
import { PersonalDataTextAuthors1767227600000 } from './1767227600000-personal-data-text-authors.js';
import { ChainedAppendPerCallCost1767227700000 } from './1767227700000-chained-append-per-call-cost.js';
import { AppendBatches1767227800000 } from './1767227800000-append-batches.js';

export { EventStoreTables1767225600000 } from './1767225600000-event-store-tables.js';
export {
  APPEND_ERROR_CODES,
  APPEND_NOTIFY_CHANNEL,
  EventStoreAppendFunction1767225600001,
} from './1767225600001-append-to-stream-function.js';
export { EventHashChain1767225600002 } from './1767225600002-event-hash-chain.js';
export { ChainCheckpoints1767225600003 } from './1767225600003-chain-checkpoints.js';
export { PersonalDataKeys1767227300000 } from './1767227300000-personal-data-keys.js';
export { StreamsTenantIndex1767227400000 } from './1767227400000-streams-tenant-index.js';
export { PersonalDataTextAuthors1767227600000 } from './1767227600000-personal-data-text-authors.js';
export { ChainedAppendPerCallCost1767227700000 } from './1767227700000-chained-append-per-call-cost.js';
export { AppendBatches1767227800000 } from './1767227800000-append-batches.js';

/** The event store's schema, oldest first; add them to any TypeORM DataSource that owns the database. */
export const EVENT_STORE_MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  EventStoreTables1767225600000,
  EventStoreAppendFunction1767225600001,
  EventHashChain1767225600002,
  ChainCheckpoints1767225600003,
  PersonalDataKeys1767227300000,
  StreamsTenantIndex1767227400000,
  PersonalDataTextAuthors1767227600000,
  ChainedAppendPerCallCost1767227700000,
  AppendBatches1767227800000,
];

/**
 * The checkpoints' and the personal data keys' tables alone: with KurrentDB keeping the events, PostgreSQL
 * still keeps the checkpoints and the data subjects' keys.
 */
export const CHAIN_CHECKPOINT_MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  ChainCheckpoints1767225600003,
  PersonalDataKeys1767227300000,
  PersonalDataTextAuthors1767227600000,
];

export interface EventStoreMigrationOptions {
  /** TypeORM's bookkeeping table (default `migrations`, TypeORM's own default, so an application DataSource sees them) */
  migrationsTableName?: string;
}

/**
 * Runs the pending event store migrations against `url` (for tests, the CLI and start-up), each in its own
 * transaction, under the shared migration lock. Returns the names of the migrations it ran.
 */
export function runEventStoreMigrations(
  url: string,
  options: EventStoreMigrationOptions = {},
): Promise<string[]> {
  return runMigrations(url, EVENT_STORE_MIGRATIONS, options);
}

/** Runs the checkpoints' migration only (KurrentDB deployments; the PostgreSQL store's list includes it). */
export function runChainCheckpointMigrations(
  url: string,
  options: EventStoreMigrationOptions = {},
): Promise<string[]> {
  return runMigrations(url, CHAIN_CHECKPOINT_MIGRATIONS, options);
}

/** Reverts the last `count` event store migrations (default: all of them). */
export async function revertEventStoreMigrations(
  url: string,
  count = EVENT_STORE_MIGRATIONS.length,
  options: EventStoreMigrationOptions = {},
): Promise<void> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: [...EVENT_STORE_MIGRATIONS],
    migrationsTableName: options.migrationsTableName ?? 'migrations',
    logging: false,
    extra: { max: 1 },
  });
  await dataSource.initialize();
  try {
    for (let i = 0; i < count; i++) await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
