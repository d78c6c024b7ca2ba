import { DataSource, type MigrationInterface } from 'typeorm';
import { READ_MODEL_ENTITIES } from '../entities/index.js';
import { ReadModels1767225700000 } from './1767225700000-read-models.js';
import { AccessReadModels1767225800000 } from './1767225800000-access-read-models.js';

export { ReadModels1767225700000 } from './1767225700000-read-models.js';
export { AccessReadModels1767225800000 } from './1767225800000-access-read-models.js';

/** The read models' schema, oldest first; add them to any TypeORM DataSource that owns the database. */
export const READ_MODEL_MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  ReadModels1767225700000,
  AccessReadModels1767225800000,
];

export interface ReadModelMigrationOptions {
  /** TypeORM's bookkeeping table (default `migrations`, shared with the event store's migrations) */
  migrationsTableName?: string;
}

/** Arbitrary constant, shared with the event store's migrations: one process migrates at a time. */
const MIGRATION_LOCK = 7_236_110_451;

/**
 * Runs the pending read-model migrations against `url` (start-up, CLI, tests), each in its own
 * transaction, under an advisory lock so an api and a projector starting together do not race.
 * Returns the names of the migrations it ran.
 */
export async function runReadModelMigrations(
  url: string,
  options: ReadModelMigrationOptions = {},
): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: [...READ_MODEL_ENTITIES],
    migrations: [...READ_MODEL_MIGRATIONS],
    migrationsTableName: options.migrationsTableName ?? 'migrations',
    logging: false,
    extra: { max: 1 },
  });
  await dataSource.initialize();
  try {
    await dataSource.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((migration) => migration.name);
    } finally {
      await dataSource.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await dataSource.destroy();
  }
}
