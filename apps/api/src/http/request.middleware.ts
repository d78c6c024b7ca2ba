import type { NextFunction, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { AuthedRequest } from './request-context.js';

const CORRELATION = /^[\w.:-]{1,100}$/;

/**
 * Gives every request a correlation id (an incoming X-Correlation-Id is kept when it is a plain token)
 * and echoes it back; turns a missing JSON body into `{}` and refuses a body that is not a JSON object,
 * so validation always sees an object.
 */
export function requestMiddleware(request: AuthedRequest, response: Response, next: NextFunction): void {
  const incoming = request.headers['x-correlation-id'];
  request.correlationId =
    typeof incoming === 'string' && CORRELATION.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Correlation-Id', request.correlationId);
  if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) {
    const body: unknown = request.body;
    if (body === undefined || body === null) {
      request.body = {};
    } else if (typeof body !== 'object' || Array.isArray(body)) {
      response.status(400).json({
        statusCode: 400,
        code: 'REQUEST.INVALID_BODY',
        message: 'the request body must be a JSON object',
      });
      return;
    }
  }
  next();
}
