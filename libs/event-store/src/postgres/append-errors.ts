import pg from 'pg';
import { IdempotencyMismatchError, StreamTenantMismatchError, WrongExpectedVersionError } from '../errors.js';
import type { ExpectedVersion, NewEvent } from '../event-store.port.js';
import { APPEND_ERROR_CODES } from './migrations/index.js';

export const MAX_VERSION = 2_147_483_647;

export function checkExpected(expected: ExpectedVersion): void {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isInteger(expected) && expected >= 0 && expected <= MAX_VERSION)
    return;
  throw new RangeError(
    `expected version must be any, no_stream, stream_exists or a version >= 0 (got ${String(expected)})`,
  );
}

export function toAppendError(
  error: unknown,
  streamId: string,
  expected: ExpectedVersion,
  tenantId: string | null,
  events: readonly NewEvent[],
): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  const detail = parseDetail(error.detail);
  switch (error.code) {
    case APPEND_ERROR_CODES.wrongExpectedVersion:
      return new WrongExpectedVersionError(streamId, expected, Number(detail.actual));
    case APPEND_ERROR_CODES.idempotencyMismatch:
      return new IdempotencyMismatchError(
        streamId,
        Array.isArray(detail.known) ? detail.known.map(String) : [],
      );
    case APPEND_ERROR_CODES.tenantMismatch:
      return new StreamTenantMismatchError(
        streamId,
        tenantId,
        typeof detail.streamTenantId === 'string' ? detail.streamTenantId : null,
      );
    case '23505':
      // an event id being written at this very moment by a concurrent append to another stream
      if (error.constraint === 'events_event_id_key') {
        return new IdempotencyMismatchError(
          streamId,
          events.map((event) => event.id),
        );
      }
      return error;
    default:
      return error;
  }
}

function parseDetail(detail: string | undefined): Record<string, unknown> {
  if (!detail) return {};
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
