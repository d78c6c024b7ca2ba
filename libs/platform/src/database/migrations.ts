import { DataSource, type MigrationInterface } from 'typeorm';

/** One advisory lock for every library's migrations: one process migrates at a time. */
const MIGRATION_LOCK = 7_236_110_451;

export type MigrationClass = new () => MigrationInterface;

/**
 * Runs the pending migrations of one library against `url` (start-up, CLI, tests), each in its own
 * transaction, under an advisory lock so an api and a projector starting together do not race. All
 * libraries share TypeORM's `migrations` bookkeeping table. Returns the names of the migrations it ran.
 */
export async function runMigrations(
  url: string,
  migrations: readonly MigrationClass[],
  options: { entities?: readonly (new () => object)[]; migrationsTableName?: string } = {},
): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: [...(options.entities ?? [])],
    migrations: [...migrations],
    migrationsTableName: options.migrationsTableName ?? 'migrations',
    logging: false,
    // one connection: the advisory lock is held by the session that runs the migrations
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
