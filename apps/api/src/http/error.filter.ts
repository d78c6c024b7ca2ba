import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { CommandError } from '#commands';
import { DomainError } from '#domain';
import { InvalidPositionError, WrongExpectedVersionError } from '#event-store';
import { databaseFailureKind } from '#platform';
import { InvalidQueryError } from '#read-models';
import type { ErrorBody } from './api-error.js';
import type { AuthedRequest } from './request-context.js';

/** HTTP status of a domain rule by the suffix of its stable code. */
export function statusOfDomainCode(code: string): number {
  if (code.endsWith('.NOT_FOUND')) return 404;
  if (code.endsWith('.INVALID')) return 400;
  if (code.includes('ALREADY') || code.endsWith('_TAKEN') || code.endsWith('CONFLICT')) return 409;
  return 422;
}

const GENERIC_CODES: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.REQUIRED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
};

/**
 * Every error leaves in one shape, `{ statusCode, code, message, details? }`; no stack traces or SQL ever
 * reach a client. Unexpected errors are logged with the correlation id and answered as a bare 500.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<AuthedRequest>();
    const body = this.toBody(error, request);
    if (body.statusCode === 503) {
      this.logger.warn(
        `${request.method} ${request.url} answered ${body.code} (correlation ${request.correlationId ?? '-'}): ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    } else if (body.statusCode >= 500) {
      this.logger.error(
        `${request.method} ${request.url} failed (correlation ${request.correlationId ?? '-'}): ${
          error instanceof Error ? (error.stack ?? error.message) : String(error)
        }`,
      );
    }
    if (response.headersSent) return;
    // a database that is away or cannot write is temporary: tell clients when to try again
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown, request: AuthedRequest): ErrorBody {
    if (error instanceof CommandError) {
      return withDetails(
        { statusCode: statusOfDomainCode(error.code), code: error.code, message: error.message },
        error.details,
      );
    }
    if (error instanceof DomainError) {
      return withDetails(
        { statusCode: statusOfDomainCode(error.code), code: error.code, message: error.message },
        error.details,
      );
    }
    if (error instanceof WrongExpectedVersionError) {
      return {
        statusCode: 409,
        code: 'STREAM.VERSION_CONFLICT',
        message: error.message,
        details: { currentVersion: error.actual },
      };
    }
    if (error instanceof InvalidQueryError) {
      return {
        statusCode: 400,
        code: 'REQUEST.VALIDATION_FAILED',
        message: error.message,
        details: [{ field: error.field, messages: [error.rule] }],
      };
    }
    if (error instanceof InvalidPositionError) {
      return { statusCode: 400, code: error.code, message: error.message };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const payload = error.getResponse();
      if (typeof payload === 'object' && payload !== null && 'code' in payload) return payload as ErrorBody;
      return {
        statusCode: status,
        code:
          bodyParserCode(error) ?? GENERIC_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID'),
        message:
          status === 404 && !request.route
            ? `no route ${request.method} ${request.path}`
            : messageOf(payload, error),
      };
    }
    if (isBodyParserError(error)) {
      return {
        statusCode: error.status,
        code: error.type === 'entity.too.large' ? 'REQUEST.TOO_LARGE' : 'REQUEST.MALFORMED_BODY',
        message:
          error.type === 'entity.too.large'
            ? 'the request body is too large'
            : 'the request body is not valid JSON',
      };
    }
    const unavailable = unavailableBody(error);
    if (unavailable) return unavailable;
    return {
      statusCode: 500,
      code: 'INTERNAL',
      message: 'something went wrong on our side; it has been logged',
    };
  }
}

/**
 * A database that cannot be reached (down, restarting, failing over, connection dropped) or cannot write (disk
 * full, I/O error) is a 503 the client may retry, never a 500. A write cut off this way may or may not have
 * committed (the connection can drop between COMMIT and its answer): retrying it with the same Idempotency-Key
 * (or the same client-chosen id) stores it exactly once either way.
 */
export function unavailableBody(error: unknown): ErrorBody | null {
  const kind = databaseFailureKind(error);
  if (kind === 'storage') {
    return {
      statusCode: 503,
      code: 'STORAGE.UNAVAILABLE',
      message: 'the database cannot store data right now (disk full or I/O error); try again later',
    };
  }
  if (kind === 'connection') {
    return {
      statusCode: 503,
      code: 'DATABASE.UNAVAILABLE',
      message: 'the database cannot be reached right now; try again in a few seconds',
    };
  }
  return null;
}

function withDetails(body: ErrorBody, details: unknown): ErrorBody {
  return details === undefined || details === null ? body : { ...body, details };
}

function messageOf(payload: unknown, error: Error): string {
  if (typeof payload === 'string') return payload;
  if (typeof payload === 'object' && payload !== null && 'message' in payload) {
    const message = payload.message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  }
  return error.message;
}

function bodyParserCode(error: HttpException): string | null {
  const cause = (error as { cause?: unknown }).cause;
  if (isBodyParserError(cause))
    return cause.type === 'entity.too.large' ? 'REQUEST.TOO_LARGE' : 'REQUEST.MALFORMED_BODY';
  if (error.getStatus() === 400 && /JSON/i.test(error.message)) return 'REQUEST.MALFORMED_BODY';
  return null;
}

function isBodyParserError(error: unknown): error is { status: number; type: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { type?: unknown }).type === 'string'
  );
}
