import { ConfigError, loadConfig, resolveDatabase } from '#platform';
import type { EarlyDatabase } from './bootstrap.js';

/**
 * The embedded PostgreSQL starts (on a first start: initdb, seconds of another process) before the rest of
 * the api is loaded (Nest and the libraries: seconds of module loading), so the two overlap. A bad
 * configuration is left to startApi, which reports it.
 */
function startDatabaseEarly(): EarlyDatabase | undefined {
  let config;
  try {
    config = loadConfig();
  } catch {
    return undefined;
  }
  if (config.databaseUrl) return undefined;
  const lines: string[] = [];
  let log: (line: string) => void = (line) => {
    lines.push(line);
  };
  const database = resolveDatabase(config, (line) => log(line));
  // awaited by startApi, which reports a failure
  database.catch(() => undefined);
  return {
    database,
    logTo(logger) {
      for (const line of lines.splice(0)) logger(line);
      log = logger;
    },
  };
}

const early = startDatabaseEarly();
const [{ Logger }, { startApi }] = await Promise.all([import('@nestjs/common'), import('./bootstrap.js')]);
const logger = new Logger('main');

try {
  const running = await startApi({}, early);
  logger.log(`API ready at ${running.url}/api (OpenAPI: ${running.url}/api/docs)`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down (in-flight requests finish, sockets are told to reconnect)`);
    // whatever still runs after SHUTDOWN_TIMEOUT_MS is cut off
    setTimeout(() => {
      logger.error(`shutdown took longer than ${running.runtime.config.shutdownTimeoutMs} ms: exiting`);
      process.exit(1);
    }, running.runtime.config.shutdownTimeoutMs).unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    logger.error(error.message);
  } else {
    logger.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
}
