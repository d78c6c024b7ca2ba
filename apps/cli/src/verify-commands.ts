import {
  PostgresChainCheckpoints,
  recordChainCheckpoint,
  runChainCheckpointMigrations,
  verifyEventChain,
  type ChainCheckpoint,
  type ChainSource,
  type ChainVerification,
  type EventStore,
} from '#event-store';
import { createGuardedPool } from '#platform';
import { withSession } from './commands.js';

export interface VerifyOptions {
  tenant?: string;
  fromCheckpoint?: boolean;
  json?: boolean;
}

/**
 * `verify`: recomputes the hash chains and compares them with the checkpoints (docs/audit.md). Prints every
 * problem with its position and stream; exit code 1 when there is one.
 */
export async function verifyCommand(options: VerifyOptions): Promise<ChainVerification> {
  return withChain(async (source, checkpoints) => {
    const report = await verifyEventChain(source, checkpoints, {
      ...(options.tenant !== undefined ? { tenantId: options.tenant } : {}),
      fromCheckpoint: options.fromCheckpoint === true,
    });
    if (options.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      for (const tenant of report.tenants) {
        console.log(
          `tenant ${tenant.tenantId}: ${tenant.eventsVerified} events verified` +
            (tenant.startedFrom !== null ? ` after checkpoint ${tenant.startedFrom}` : '') +
            `, ${tenant.eventCount} in the log up to ${tenant.position}, head ${tenant.headHash}, ` +
            `${tenant.checkpointsCompared} checkpoint(s) compared`,
        );
      }
      for (const problem of report.problems) {
        console.log(
          `${problem.code} tenant ${problem.tenantId} position ${problem.position}` +
            (problem.streamId !== null ? ` stream ${problem.streamId}` : '') +
            (problem.version !== null ? ` version ${problem.version}` : '') +
            `: ${problem.message}`,
        );
      }
      console.log(
        report.ok ? 'verify: the log is intact' : `verify: ${report.problems.length} problem(s) found`,
      );
    }
    if (!report.ok) process.exitCode = 1;
    return report;
  });
}

/** `checkpoint --tenant X`: records a checkpoint now and prints it, to be copied outside the system. */
export async function checkpointCommand(options: { tenant: string }): Promise<ChainCheckpoint> {
  return withChain(async (source, checkpoints) => {
    const checkpoint = await recordChainCheckpoint(source, checkpoints, options.tenant, 'manual');
    if (!checkpoint) throw new Error('the checkpoint was not recorded');
    console.log(
      `checkpoint ${checkpoint.id} of tenant ${checkpoint.tenantId} at ${checkpoint.recordedAt}: ` +
        `${checkpoint.eventCount} events up to position ${checkpoint.position}, head ${checkpoint.headHash}`,
    );
    return checkpoint;
  });
}

async function withChain<T>(
  work: (source: ChainSource, checkpoints: PostgresChainCheckpoints) => Promise<T>,
): Promise<T> {
  return withSession(async ({ store, database }) => {
    // with KurrentDB keeping the events, PostgreSQL still keeps the checkpoints
    if (store.kind === 'kurrentdb') await runChainCheckpointMigrations(database.url);
    const pool = createGuardedPool({ connectionString: database.url, max: 2 }, (line) => console.error(line));
    try {
      return await work(chainSource(store), new PostgresChainCheckpoints(pool));
    } finally {
      await pool.end();
    }
  });
}

function chainSource(store: EventStore): ChainSource {
  return store as EventStore & ChainSource;
}
