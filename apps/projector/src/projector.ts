import type pg from 'pg';
import { createGuardedPool } from '#platform';
import { PERSONAL_DATA_POLICY } from '#domain';
import {
  PostgresEventStore,
  createEventStore,
  protectPersonalData,
  runEventStoreMigrations,
  type EventStore,
  type EventStoreSelection,
} from '#event-store';
import { outboxProjection, runNotificationMigrations } from '#notifications';
import {
  createProjectionRunner,
  createReadModelProjections,
  runReadModelMigrations,
  type Projection,
  type ProjectionRunner,
  type RunnerLogger,
} from '#read-models';

export interface StartProjectorOptions {
  /** the database of the events and the read models; used for whatever `pool` / `store` do not give */
  databaseUrl?: string;
  /** the read-model database (default: a pool on `databaseUrl`) */
  pool?: pg.Pool;
  /** the event store (default: the one `eventStore` selects, else the PostgreSQL store on `databaseUrl`) */
  store?: EventStore;
  /** EVENT_STORE / EVENTSTORE_CONNECTION_STRING, when no `store` is given */
  eventStore?: EventStoreSelection;
  /** run the event store and read-model migrations first (default: true when `databaseUrl` is given) */
  migrate?: boolean;
  /** only these projections (default: all) */
  names?: readonly string[];
  projections?: readonly Projection[];
  batchSize?: number;
  logger?: RunnerLogger | ((line: string) => void);
  /** take a lease per projection, so several projectors run each projection once (default true) */
  election?: boolean;
  /**
   * the personal data master secret: the store the projector opens itself reveals personal fields with it
   * (required then; a given `store` must already be a `protectPersonalData` store)
   */
  personalDataSecret?: string;
}

export interface RunningProjector {
  runner: ProjectionRunner;
  /** stops every projection at a batch boundary and closes what `startProjector` opened */
  stop(): Promise<void>;
}

/**
 * Runs the projections until `stop()`: the standalone projector process (main.ts) and the api in embedded
 * mode call the same function.
 */
export async function startProjector(options: StartProjectorOptions): Promise<RunningProjector> {
  const { databaseUrl } = options;
  if (!databaseUrl && (!options.pool || !options.store)) {
    throw new Error('startProjector needs a databaseUrl, or both a pool and a store');
  }
  if (options.migrate ?? Boolean(databaseUrl)) {
    if (!databaseUrl) throw new Error('startProjector can only migrate with a databaseUrl');
    if ((options.eventStore?.eventStore ?? 'postgres') === 'postgres')
      await runEventStoreMigrations(databaseUrl);
    await runReadModelMigrations(databaseUrl);
    await runNotificationMigrations(databaseUrl);
  }
  const warn = (line: string): void => {
    const logger = options.logger;
    if (typeof logger === 'function') logger(line);
    else logger?.log(line);
  };
  // survives lost connections: logged, dropped, reopened by the next query (docs/reliability.md)
  const ownPool = options.pool ? null : createGuardedPool({ connectionString: databaseUrl, max: 8 }, warn);
  const pool = options.pool ?? ownPool!;
  if (!options.store && !options.personalDataSecret)
    throw new Error('startProjector needs the personal data secret to open its own store');
  const ownStore = options.store
    ? null
    : protectPersonalData(
        options.eventStore
          ? createEventStore(options.eventStore, databaseUrl!)
          : new PostgresEventStore(databaseUrl!),
        { pool, masterSecret: options.personalDataSecret!, policy: PERSONAL_DATA_POLICY },
      );
  const store = options.store ?? ownStore!;
  const runner = createProjectionRunner({
    pool,
    store,
    election: options.election ?? true,
    projections: options.projections ?? [...createReadModelProjections(), outboxProjection()],
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    await runner.start(options.names);
  } catch (error) {
    await runner.stop().catch(() => undefined);
    await ownStore?.close();
    await ownPool?.end();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  return {
    runner,
    stop: () =>
      (stopping ??= (async () => {
        await runner.stop();
        await ownStore?.close();
        await ownPool?.end();
      })()),
  };
}
