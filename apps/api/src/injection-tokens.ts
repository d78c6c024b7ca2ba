/**
 * The api's injection tokens: what the bootstrap builds outside Nest (pools, runner, configuration) and the
 * providers that are not a class (the outbox's sender).
 */
export const READ_POOL = Symbol('READ_POOL');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
export const APP_CONFIG = Symbol('APP_CONFIG');
export const LIFECYCLE = Symbol('LIFECYCLE');
/** The outbox's sender (`#notifications`), built in `notifications/notifications.providers.ts`. */
export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

/** Shared by the bootstrap and the readiness check: once shutting down, the api answers "not ready". */
export interface Lifecycle {
  shuttingDown: boolean;
  /**
   * The last write the database refused for lack of storage (disk full, I/O error), until a later write
   * succeeds: readiness fails meanwhile (for at most STORAGE_FAILURE_HOLD_MS after it, so a process that gets
   * no writes can find out whether the database writes again).
   */
  storageFailure?: { at: number; message: string } | null;
}

/** How long one storage failure keeps readiness failing when no write succeeds after it. */
export const STORAGE_FAILURE_HOLD_MS = 15_000;
