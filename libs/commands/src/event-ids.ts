import { createHash, randomUUID } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';

interface IdempotencyScope {
  tenantId: string;
  actorId: string;
  idempotencyKey: string | null;
}

/**
 * Event ids for one write. With an Idempotency-Key they are derived from it, so a retried request
 * produces the same ids and the store recognises it as already written. Without one they are time-ordered
 * (RFC 9562 version 7: milliseconds since 1970, then random bits), so each append adds its ids at the end of
 * the log's unique index on them instead of at a random leaf: with a log whose index no longer fits the shared
 * buffers, a random id cost one block read from disk per append (docs/benchmarks.md, "Appends: time-ordered
 * event ids").
 */
export function eventIds(count: number, scope: IdempotencyScope & { streamId: string }): string[] {
  return Array.from({ length: count }, (_, index) =>
    scope.idempotencyKey === null
      ? timeOrderedUuid()
      : uuidFromHash(
          `${scope.tenantId}\u0000${scope.actorId}\u0000${scope.idempotencyKey}\u0000${scope.streamId}\u0000${index}`,
        ),
  );
}

/**
 * The id of a record a request creates (a plan, an action, a meeting, a note…) when the client sent none.
 * With an Idempotency-Key it is derived from the key (per tenant, user and kind of record), so a retried
 * request lands on the same record, whose stream then answers the first result; without one it is random.
 */
export function createdId(scope: IdempotencyScope, kind: string): string {
  return scope.idempotencyKey === null
    ? randomUUID()
    : uuidFromHash(
        `${scope.tenantId}\u0000${scope.actorId}\u0000${scope.idempotencyKey}\u0000create\u0000${kind}`,
      );
}

/**
 * What identifies a request for its Idempotency-Key: method, path and body (keys sorted, so the order a
 * client serialises them in does not matter). Stored with the events it wrote; a later request with the
 * same key and another fingerprint is refused (IDEMPOTENCY.KEY_REUSED) instead of answering a result
 * that is not its own.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\u0000${canonicalJson(body)}`)
    .digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? '';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** A name-based uuid (RFC 9562 version 8 layout) from SHA-256. */
function uuidFromHash(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
