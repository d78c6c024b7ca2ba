/** Injection tokens for what the bootstrap builds outside Nest (pools, runner, configuration). */
export const READ_POOL = Symbol('READ_POOL');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
export const APP_CONFIG = Symbol('APP_CONFIG');
export const LIFECYCLE = Symbol('LIFECYCLE');

/** Shared by the bootstrap and the readiness check: once shutting down, the api answers "not ready". */
export interface Lifecycle {
  shuttingDown: boolean;
}
