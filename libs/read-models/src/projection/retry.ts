import { databaseFailureKind } from '#platform';
import { CheckpointMovedError } from './batch-commit.js';
import type { RunnerLogger, Worker } from './worker.js';

/** the longest pause before a projection stopped by a lost database connection tries again */
const CONNECTION_RETRY_MAX_MS = 5_000;

/** the pause before a projection whose checkpoint another runner moved resumes from the stored one */
const MOVED_RETRY_MS = 20;

export interface RetryOptions {
  /** first delay before a failed projection is restarted; doubles up to `maxRetryDelayMs` (default 500 ms) */
  retryDelayMs?: number;
  /** default 30 s */
  maxRetryDelayMs?: number;
}

/**
 * Restarts a failed projection after a pause, so one failing projection never stops the others: exponential
 * back-off from `retryDelayMs` up to `maxRetryDelayMs`, at most 5 s while the database is unreachable (the
 * projections resume soon after it is back), and 20 ms without counting a failure when another runner (the
 * CLI, a rebuild) only moved the checkpoint. The worker's `failures` and `lastError` say what happened; the
 * next committed batch clears them.
 */
export class RetryPolicy {
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    options: RetryOptions,
    private readonly logger: RunnerLogger,
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  }

  /** The pause before the next attempt of a worker that just failed with `error` (`failures` already counted). */
  delayFor(worker: Worker, error: unknown): number {
    if (error instanceof CheckpointMovedError) return MOVED_RETRY_MS;
    const maxDelay =
      databaseFailureKind(error) === 'connection'
        ? Math.min(this.maxRetryDelayMs, CONNECTION_RETRY_MAX_MS)
        : this.maxRetryDelayMs;
    return Math.min(this.retryDelayMs * 2 ** (worker.failures - 1), maxDelay);
  }

  /**
   * Records the failure and calls `resume` after the pause, unless the worker is no longer wanted or a
   * rebuild owns it by then. A failing `resume` is scheduled again the same way.
   */
  schedule(worker: Worker, error: unknown, resume: () => Promise<void>): void {
    // another runner (the CLI, a rebuild) moved the checkpoint: nothing failed, resume from it at once
    const moved = error instanceof CheckpointMovedError;
    if (!moved) worker.failures++;
    worker.lastError = moved ? null : error instanceof Error ? error.message : String(error);
    const delay = this.delayFor(worker, error);
    const message = `projection ${worker.projection.name} stopped at ${worker.position} (${error instanceof Error ? error.message : String(error)}); retrying in ${delay} ms`;
    if (moved) this.logger.log(message);
    else this.logger.error(message, error);
    worker.retryTimer = setTimeout(() => {
      worker.retryTimer = null;
      if (!worker.wanted || worker.paused) return;
      resume().catch((resumeError: unknown) => this.schedule(worker, resumeError, resume));
    }, delay);
    worker.retryTimer.unref?.();
  }

  /** Drops a pending retry (stop, rebuild). */
  cancel(worker: Worker): void {
    if (worker.retryTimer) clearTimeout(worker.retryTimer);
    worker.retryTimer = null;
  }
}
