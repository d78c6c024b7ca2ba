import { Logger } from '@nestjs/common';
import { ConfigError } from '#platform';
import { startApi } from './bootstrap.js';

const logger = new Logger('main');

try {
  const running = await startApi();
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
