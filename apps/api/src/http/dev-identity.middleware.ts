import type { NextFunction, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { AuthedRequest, Caller } from './request-context.js';

const CORRELATION = /^[\w.:-]{1,100}$/;

/** The single development identity every request acts as until users and login land (issue: access control). */
export const DEV_USER_ID = '00000000-0000-4000-8000-000000000001';

export function devCaller(tenantId: string): Caller {
  return {
    id: DEV_USER_ID,
    name: 'Development coordinator',
    email: 'coordinator@demo.local',
    tenantId,
    roles: ['coordinator'],
  };
}

/**
 * Sets the caller and a correlation id on every request (an incoming X-Correlation-Id is kept when it is
 * a plain token) and echoes the correlation id back. Also turns a missing JSON body into `{}` and refuses
 * a body that is not a JSON object, so validation always sees an object.
 */
export function requestContextMiddleware(tenantId: string) {
  const caller = devCaller(tenantId);
  return (request: AuthedRequest, response: Response, next: NextFunction): void => {
    const incoming = request.headers['x-correlation-id'];
    request.correlationId =
      typeof incoming === 'string' && CORRELATION.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Correlation-Id', request.correlationId);
    request.caller = caller;
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
  };
}
