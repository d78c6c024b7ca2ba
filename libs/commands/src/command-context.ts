/** Who, when and why of a write; becomes the events' metadata. */
export interface CommandContext {
  tenantId: string;
  actorId: string;
  correlationId: string;
  causationId: string | null;
  meetingId: string | null;
  idempotencyKey: string | null;
  /**
   * What identifies the request behind an Idempotency-Key (method, path, body: `requestFingerprint`), stored
   * with the events; a later request with the same key and another fingerprint is refused.
   */
  requestHash?: string | null;
  /** ISO-8601 instant the request was handled */
  now: string;
  /**
   * The write is demo history dated by the demo clock (`now` is in the past, libs/commands/src/demo-seed.ts):
   * its events carry `demoClock: true` in their metadata, so nobody mistakes them for a city's own record.
   */
  demoClock?: boolean;
}

/** What every write answers (API.md): the aggregate's new version and the global position of its last event. */
export interface WriteResult {
  id: string;
  version: number;
  position: string;
  /** the request was a retry: nothing new was written */
  duplicate: boolean;
}
