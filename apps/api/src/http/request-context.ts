import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { requestFingerprint, type CommandContext } from '#commands';
import type { Role } from '#identity';
import { ApiError } from './api-error.js';

/** The signed-in user behind a request, as the auth guard found it (fresh from the session, not the token). */
export interface Caller {
  id: string;
  name: string;
  email: string;
  tenantId: string;
  role: Role;
  roles: Role[];
  /** the partner organisation the user belongs to, if any */
  partnerId: string | null;
  sessionId: string;
}

export type AuthedRequest = Request & { caller?: Caller; correlationId?: string };

const HEADER_TOKEN = /^[\x21-\x7e]{1,200}$/;

function header(request: Request, name: string): string | null {
  const value = request.headers[name];
  const single = Array.isArray(value) ? value[0] : value;
  if (single === undefined || single === '') return null;
  if (!HEADER_TOKEN.test(single)) {
    throw new ApiError(
      400,
      'REQUEST.INVALID_HEADER',
      `header ${name} must be 1 to 200 visible ASCII characters`,
      {
        header: name,
      },
    );
  }
  return single;
}

export function callerOf(request: AuthedRequest): Caller {
  if (!request.caller) throw new ApiError(401, 'AUTH.REQUIRED', 'authentication required');
  return request.caller;
}

/** Builds the write metadata from the request: actor, tenant, correlation, meeting, idempotency key, time. */
export function commandContextOf(request: AuthedRequest): CommandContext {
  const caller = callerOf(request);
  const idempotencyKey = header(request, 'idempotency-key');
  return {
    tenantId: caller.tenantId,
    actorId: caller.id,
    correlationId: request.correlationId ?? randomUUID(),
    causationId: header(request, 'x-causation-id'),
    meetingId: header(request, 'x-meeting-id'),
    idempotencyKey,
    requestHash:
      idempotencyKey === null
        ? null
        : requestFingerprint(request.method, request.originalUrl.split('?')[0]!, request.body),
    now: new Date().toISOString(),
  };
}

/**
 * The version the client saw, from the body's `expectedVersion` or an `If-Match: "<version>"` header
 * (when both are sent they must agree, else 400).
 */
export function expectedVersionOf(request: Request, bodyValue: number | undefined): number | undefined {
  const raw = header(request, 'if-match');
  if (raw === null) return bodyValue;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw);
  if (!match) {
    throw new ApiError(400, 'REQUEST.INVALID_HEADER', 'If-Match must be a version number, e.g. "3"', {
      header: 'if-match',
    });
  }
  const fromHeader = Number(match[1]);
  if (bodyValue !== undefined && bodyValue !== fromHeader) {
    throw new ApiError(400, 'REQUEST.VALIDATION_FAILED', 'If-Match and expectedVersion disagree', [
      { field: 'expectedVersion', messages: [`must equal If-Match (${fromHeader}) when both are sent`] },
    ]);
  }
  return fromHeader;
}

/** A read's caller (a write takes `@Write()`, which includes her). */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller =>
  callerOf(context.switchToHttp().getRequest<AuthedRequest>()),
);

/** What a write endpoint takes from the request besides its path and body. */
export interface WriteRequest {
  /** the signed-in user (401 AUTH.REQUIRED without one) */
  caller: Caller;
  /** the events' metadata: actor, tenant, correlation, causation, meeting, idempotency key, time */
  context: CommandContext;
  /**
   * the version the client saw, from `If-Match` or the body's `expectedVersion`; always undefined for a
   * write that takes none (`@Write({ versioned: false })`: a creation, an import), which ignores If-Match
   */
  expectedVersion: number | undefined;
}

export interface WriteOptions {
  /** false: the write takes no expected version (If-Match is not read); default true */
  versioned?: boolean;
}

/**
 * The one parameter of every write endpoint besides its path and body: caller, command context and expected
 * version. Bad headers answer 400 REQUEST.INVALID_HEADER (Idempotency-Key, X-Causation-Id and X-Meeting-Id
 * first, then If-Match).
 */
export const Write = createParamDecorator(
  (options: WriteOptions | undefined, execution: ExecutionContext): WriteRequest => {
    const request = execution.switchToHttp().getRequest<AuthedRequest>();
    const context = commandContextOf(request);
    const body = request.body as { expectedVersion?: unknown } | undefined;
    return {
      caller: callerOf(request),
      context,
      expectedVersion:
        options?.versioned === false
          ? undefined
          : expectedVersionOf(
              request,
              typeof body?.expectedVersion === 'number' ? body.expectedVersion : undefined,
            ),
    };
  },
);
