import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import type { AuthedRequest } from '../http/request-context.js';
import { routeOf } from './metrics.js';

/** One log entry per request: correlation id, route template, status, duration, user (never a token). */
export function requestLog(logger: Logger) {
  const log = logger.child({ context: 'http' });
  return (request: AuthedRequest, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const status = response.statusCode;
      const entry = {
        correlationId: request.correlationId,
        method: request.method,
        route: routeOf(request),
        status,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        userId: request.caller?.id ?? null,
      };
      if (status >= 500) log.error(entry, 'request failed');
      else log.info(entry, 'request');
    });
    next();
  };
}
