import { DataSource, type MigrationInterface } from 'typeorm';
import { EventStoreTables1767225600000 } from './1767225600000-event-store-tables.js';
import { EventStoreAppendFunction1767225600001 } from './1767225600001-append-to-stream-function.js';

export { EventStoreTables1767225600000 } from './1767225600000-event-store-tables.js';
export {
  APPEND_ERROR_CODES,
  APPEND_NOTIFY_CHANNEL,
  EventStoreAppendFunction1767225600001,
} from './1767225600001-append-to-stream-function.js';

/** The event store's schema, oldest first; add them to any TypeORM DataSource that owns the database. */
export const EVENT_STORE_MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  EventStoreTables1767225600000,
  EventStoreAppendFunction1767225600001,
];

export interface EventStoreMigrationOptions {
  /** TypeORM's bookkeeping table (default `migrations`, TypeORM's own default, so an application DataSource sees them) */
  migrationsTableName?: string;
}

/** Arbitrary constant: the advisory lock that keeps two processes from migrating at the same time. */
const MIGRATION_LOCK = 7_236_110_451;

/**
 * Runs the pending event store migrations against `url` (for tests, the CLI and start-up), each in its own
 * transaction, under an advisory lock so that an api and a projector starting together do not race.
 * Returns the names of the migrations it ran.
 */
export async function runEventStoreMigrations(
  url: string,
  options: EventStoreMigrationOptions = {},
): Promise<string[]> {
  return withMigrationDataSource(url, options, async (dataSource) => {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  });
}

/** Reverts the last `count` event store migrations (default: all of them). */
export async function revertEventStoreMigrations(
  url: string,
  count = EVENT_STORE_MIGRATIONS.length,
  options: EventStoreMigrationOptions = {},
): Promise<void> {
  await withMigrationDataSource(url, options, async (dataSource) => {
    for (let i = 0; i < count; i++) await dataSource.undoLastMigration({ transaction: 'each' });
  });
}

async function withMigrationDataSource<T>(
  url: string,
  options: EventStoreMigrationOptions,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: [...EVENT_STORE_MIGRATIONS],
    migrationsTableName: options.migrationsTableName ?? 'migrations',
    logging: false,
    // one connection: the advisory lock below is held by the session that runs the migrations
    extra: { max: 1 },
  });
  await dataSource.initialize();
  try {
    await dataSource.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await work(dataSource);
    } finally {
      await dataSource.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await dataSource.destroy();
  }
}
