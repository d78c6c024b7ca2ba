import type pg from 'pg';
import type { CommandContext, CommandService } from '#commands';
import {
  comparePositions,
  maxPosition,
  PostgresChainCheckpoints,
  recordChainCheckpoint,
  type ChainSource,
  type EventStore,
} from '#event-store';
import { PERIOD_SOURCES, reportSnapshotForClose, type createProjectionRunner } from '#read-models';

type Runner = ReturnType<typeof createProjectionRunner>;

/**
 * How the demo clock closes a reporting period: as `POST /api/plans/:id/periods/:periodId/close` does (the
 * report's data read from the read models as the log stood at the period's end, frozen as events with a
 * checkpoint of the audit chain), at the close's moment in the demo's story. The read models are brought
 * up to the head first (only those the report reads, `PERIOD_SOURCES`): by reading the log up to it (the
 * projections start after the demo is written), or by waiting for the running projections.
 */
export function demoPeriodCloser(deps: {
  runner: Runner;
  pool: pg.Pool;
  store: EventStore;
  commands: CommandService;
  log: (line: string) => void;
}): (periodId: string, context: CommandContext, written: string | null) => Promise<unknown> {
  const checkpoints = new PostgresChainCheckpoints(deps.pool);
  return async (periodId, context, written) => {
    // everything the demo wrote before the close (the store's head stops below the oldest transaction
    // running on the server, another database's too)
    const head = await deps.store.headPosition();
    const target = written === null ? head : maxPosition(head, written);
    if (deps.runner.activeProjections.length > 0) {
      const reached = await deps.runner.waitForPosition(target, 60_000, PERIOD_SOURCES);
      if (!reached.reached) throw new Error("demo: the read models did not reach the demo's writes in 60 s");
    } else {
      const until = Date.now() + 60_000;
      while (comparePositions(await deps.runner.catchUp(PERIOD_SOURCES), target) < 0) {
        if (Date.now() > until)
          throw new Error("demo: the read models did not reach the demo's writes in 60 s");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const snapshot = await reportSnapshotForClose(deps.pool, context.tenantId, periodId, context.now);
    if (!snapshot) throw new Error(`demo: no report to freeze for period ${periodId}`);
    let checkpoint = null;
    try {
      const recorded = await recordChainCheckpoint(
        deps.store as EventStore & ChainSource,
        checkpoints,
        context.tenantId,
        'period-close',
      );
      if (recorded)
        checkpoint = {
          position: recorded.position,
          headHash: recorded.headHash,
          eventCount: recorded.eventCount,
        };
    } catch (error) {
      deps.log(`demo: no checkpoint recorded for the period close: ${String(error)}`);
    }
    return deps.commands.periods.close(periodId, { ...snapshot, checkpoint }, context);
  };
}
