import { Logger } from '@nestjs/common';
import { ConfigError } from '#platform';
import { startApi } from './bootstrap.js';

const logger = new Logger('main');

try {
  const running = await startApi();
  logger.log(`API ready at ${running.url}/api (OpenAPI: ${running.url}/api/docs)`);
  const shutdown = (signal: string) => {
    logger.log(`${signal}: shutting down`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    logger.error(error.message);
  } else {
    logger.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
}
