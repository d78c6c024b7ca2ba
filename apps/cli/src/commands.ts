import { SingleBar, Presets } from 'cli-progress';
import pg from 'pg';
import { PostgresEventStore, runEventStoreMigrations } from '#event-store';
import { loadConfig, redact, resolveDatabase, type ResolvedDatabase } from '#platform';
import { createProjectionRunner, runReadModelMigrations, type ProjectionRunner } from '#read-models';

interface Session {
  database: ResolvedDatabase;
  runner: ProjectionRunner;
  close(): Promise<void>;
}

/** Opens the configured database (external or embedded), migrated, with a projection runner that is not started. */
async function open(): Promise<Session> {
  const config = loadConfig();
  const database = await resolveDatabase(config, (line) => console.error(line));
  await runEventStoreMigrations(database.url);
  await runReadModelMigrations(database.url);
  const store = new PostgresEventStore(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const runner = createProjectionRunner({ store, pool });
  return {
    database,
    runner,
    close: async () => {
      await runner.stop();
      await store.close();
      await pool.end();
      await database.embedded?.stop();
    },
  };
}

async function withSession(work: (session: Session) => Promise<void>): Promise<void> {
  const session = await open();
  try {
    await work(session);
  } finally {
    await session.close();
  }
}

export async function migrateCommand(): Promise<void> {
  await withSession(({ database }) => {
    console.log(`migrations applied to ${redact(database.url)}`);
    return Promise.resolve();
  });
}

export async function statusCommand(): Promise<void> {
  await withSession(async ({ runner }) => {
    const rows = await runner.status();
    console.table(rows.map(({ name, position, lag }) => ({ name, position, lag })));
  });
}

export async function rebuildCommand(names: string[]): Promise<void> {
  await withSession(async ({ runner }) => {
    const target = names.length === 0 ? 'all' : names;
    const bar = new SingleBar(
      {
        format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {rate} events/s',
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    let started = false;
    const result = await runner.rebuild(target, (progress) => {
      const total = progress.total ?? progress.done;
      const rate = Math.round(progress.done / Math.max(progress.elapsedMs / 1000, 0.001));
      if (!started) {
        bar.start(total, progress.done, { rate });
        started = true;
      }
      bar.setTotal(Math.max(total, progress.done));
      bar.update(progress.done, { rate });
    });
    if (started) bar.stop();
    console.log(
      `rebuilt ${result.projections.join(', ')}: ${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s ` +
        `(${Math.round(result.eventsPerSecond)} events/s), now at ${result.position}`,
    );
  });
}
