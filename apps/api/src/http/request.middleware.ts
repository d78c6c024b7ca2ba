import type { NextFunction, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { withReadFloor } from '#read-models';
import type { AuthedRequest } from './request-context.js';
import { POSITION_PATTERN } from './read-query.dto.js';

const CORRELATION = /^[\w.:-]{1,100}$/;

/**
 * `X-Min-Position: <position>`: every read of this request waits (briefly, as for `?minPosition=`) until the
 * read models reflect that position. The web app sends its last write's position with every request, so a page
 * opened right after a write (the meeting just scheduled) shows it even while the projections are a moment
 * behind; a route that reads no read model ignores it.
 */
export const MIN_POSITION_HEADER = 'x-min-position';

/**
 * Gives every request a correlation id (an incoming X-Correlation-Id is kept when it is a plain token)
 * and echoes it back; turns a missing JSON body into `{}` and refuses a body that is not a JSON object,
 * so validation always sees an object; runs the rest of the request with its `X-Min-Position` as read floor.
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
  const floor = request.headers[MIN_POSITION_HEADER];
  if (floor === undefined) {
    next();
    return;
  }
  if (typeof floor !== 'string' || !POSITION_PATTERN.test(floor)) {
    response.status(400).json({
      statusCode: 400,
      code: 'REQUEST.INVALID_HEADER',
      message:
        'X-Min-Position must be a position as returned by a write, e.g. 00000000000000000761-00000000000000000042',
      details: { header: 'X-Min-Position' },
    });
    return;
  }
  withReadFloor(floor, next);
}
