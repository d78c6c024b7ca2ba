import { PersonalDataEventStore, PostgresEventStore, type EventStore } from '#event-store';
import { postgresEventCounter, readAllEventCounter } from './projection/event-counter.js';
import {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type RunnerLogger,
} from './projection/projection-runner.js';
import type { Projection } from './projection/projection.js';
import { createReadModelProjections, type ReadModelProjectionOptions } from './projections.js';
import { READ_MODEL_TABLES } from './tables.js';

export interface CreateProjectionRunnerOptions extends Omit<
  ProjectionRunnerOptions,
  'projections' | 'logger'
> {
  /** default: every projection of this library (`createReadModelProjections`) */
  projections?: readonly Projection[];
  projectionOptions?: ReadModelProjectionOptions;
  /** a logger, or a function that takes a line (errors are logged with their message) */
  logger?: RunnerLogger | ((line: string) => void);
}

/**
 * A runner for the read models of this library. Counts lag exactly on the PostgreSQL event store (one
 * index range count, also under `protectPersonalData`), by paging through `readAll` (capped) on any other
 * store.
 */
export function createProjectionRunner(options: CreateProjectionRunnerOptions): ProjectionRunner {
  const { projections, projectionOptions, logger, ...rest } = options;
  // counting needs no event's content: the adapter under the personal-data layer (the api's store) counts
  // with one query instead of reading and decrypting up to 10,000 events per projection per health check
  const adapter: EventStore = rest.store instanceof PersonalDataEventStore ? rest.store.inner : rest.store;
  return new ProjectionRunner({
    ...rest,
    projections: projections ?? createReadModelProjections(projectionOptions),
    tables: rest.tables ?? READ_MODEL_TABLES,
    countEvents:
      rest.countEvents ??
      (adapter instanceof PostgresEventStore
        ? postgresEventCounter(adapter.pool)
        : readAllEventCounter(adapter)),
    ...(logger ? { logger: toRunnerLogger(logger) } : {}),
  });
}

export function toRunnerLogger(logger: RunnerLogger | ((line: string) => void)): RunnerLogger {
  if (typeof logger !== 'function') return logger;
  return {
    log: (message) => logger(message),
    error: (message, error) =>
      logger(error instanceof Error ? `${message}: ${error.stack ?? error.message}` : message),
  };
}
