import { START, type Position } from '#event-store';
import { lowestPosition, readCheckpoints } from './checkpoints.js';
import type { WaitResult } from './projection.js';
import type { Queryable } from './sql.js';
import { replayPending } from './tenant-replays.js';

export interface WaitForCheckpointsOptions {
  /** give up after this long and answer with the current position (default 2000 ms) */
  timeoutMs?: number;
  /** the tenant read: only its replays after an erasure count (`replayPending`); without it, every tenant's */
  tenantId?: string;
  pollIntervalMs?: number;
}

/**
 * Polls `projection_checkpoints` until every named projection is at or past `minPosition`: works across
 * processes (the api waiting for a projector that runs elsewhere). In-process, prefer
 * `ProjectionRunner.waitForPosition`, which also wakes on its own commits.
 */
export async function waitForCheckpoints(
  db: Queryable,
  minPosition: Position,
  names: readonly string[],
  options: WaitForCheckpointsOptions = {},
): Promise<WaitResult> {
  const deadline = Date.now() + (options.timeoutMs ?? 2_000);
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  for (;;) {
    const checkpoints = await readCheckpoints(db, names);
    const position = lowestPosition(names.map((name) => checkpoints.get(name)?.position ?? START));
    if (position >= minPosition && !(await replayPending(db, names, minPosition, options.tenantId))) {
      return { reached: true, position };
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { reached: false, position };
    await new Promise((resolve) => setTimeout(resolve, Math.min(remaining, pollIntervalMs)));
  }
}
