import type { ExpectedVersion } from './event-store.port.js';

/** The stream's version did not match what the writer expected; nothing was written. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'STREAM.WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
  }
}

/** Some, not all, of the event ids of an append were already in the stream: a retry that changed. */
export class IdempotencyMismatchError extends Error {
  readonly code = 'STREAM.IDEMPOTENCY_MISMATCH';
  constructor(
    readonly streamId: string,
    readonly knownIds: string[],
  ) {
    super(
      `stream ${streamId}: ${knownIds.length} of the appended event ids were already written with other events`,
    );
  }
}

/** The stream belongs to another tenant, or the events of one append name different tenants; nothing was written. */
export class StreamTenantMismatchError extends Error {
  readonly code = 'STREAM.TENANT_MISMATCH';
  constructor(
    readonly streamId: string,
    readonly tenantId: string | null,
    readonly streamTenantId: string | null,
  ) {
    super(
      `stream ${streamId}: cannot append events of tenant ${String(tenantId)} (stream tenant ${String(streamTenantId)})`,
    );
  }
}
