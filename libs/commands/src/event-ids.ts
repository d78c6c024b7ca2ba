import { createHash, randomUUID } from 'node:crypto';

/**
 * Event ids for one write. With an Idempotency-Key they are derived from it, so a retried request
 * produces the same ids and the store recognises it as already written; without one they are random.
 */
export function eventIds(
  count: number,
  scope: { tenantId: string; actorId: string; streamId: string; idempotencyKey: string | null },
): string[] {
  return Array.from({ length: count }, (_, index) =>
    scope.idempotencyKey === null
      ? randomUUID()
      : uuidFromHash(
          `${scope.tenantId}\u0000${scope.actorId}\u0000${scope.idempotencyKey}\u0000${scope.streamId}\u0000${index}`,
        ),
  );
}

/** A name-based uuid (RFC 9562 version 8 layout) from SHA-256. */
function uuidFromHash(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
