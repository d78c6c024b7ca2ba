import { START } from '../position.js';
import type { ChainCheckpoint, ChainCheckpointStore, ChainSource } from './chain.port.js';
import { ChainVerifier, type ChainVerification } from './chain-verifier.js';
import { EMPTY_LOG_DIGEST, foldLogDigest } from './event-hash.js';

export interface VerifyChainOptions {
  /** only this tenant (default: every tenant in the log) */
  tenantId?: string;
  /** start at each tenant's latest checkpoint, trusting it, instead of at the beginning of the log */
  fromCheckpoint?: boolean;
  /** events read per page (default 1,000) */
  batchSize?: number;
}

/** `verify` was asked to start from a checkpoint, and the tenant has none. */
export class NoChainCheckpointError extends Error {
  readonly code = 'AUDIT.NO_CHECKPOINT';
  constructor(readonly tenantId: string) {
    super(
      `tenant ${tenantId} has no checkpoint to verify from: verify without --from-checkpoint, or record one`,
    );
  }
}

/**
 * Recomputes the hash chains of the log (one tenant's or all) and compares them with the checkpoints
 * (docs/audit.md). Read-only; takes one pass over the events concerned.
 */
export async function verifyEventChain(
  source: ChainSource,
  checkpointStore: ChainCheckpointStore,
  options: VerifyChainOptions = {},
): Promise<ChainVerification> {
  const { tenantId } = options;
  const checkpoints = await checkpointStore.list(tenantId);
  const startFrom = new Map<string, ChainCheckpoint>();
  if (options.fromCheckpoint) {
    for (const cp of checkpoints) {
      const current = startFrom.get(cp.tenantId);
      if (
        !current ||
        cp.position > current.position ||
        (cp.position === current.position && Number(cp.id) > Number(current.id))
      )
        startFrom.set(cp.tenantId, cp);
    }
    if (tenantId !== undefined && !startFrom.has(tenantId)) throw new NoChainCheckpointError(tenantId);
  }
  // without --tenant, a tenant with no checkpoint is read from the start
  const everyTenantFromStart = options.fromCheckpoint === true && tenantId === undefined;
  const verifier = new ChainVerifier(source, checkpoints, startFrom);
  const batch = options.batchSize ?? 1000;
  let position = everyTenantFromStart ? START : ChainVerifier.readFrom(startFrom, false);
  const readToEnd = async (): Promise<void> => {
    for (;;) {
      const page = await source.readChain(position, batch, tenantId);
      for (const chained of page.events) await verifier.add(chained);
      if (page.events.length === 0 && page.position === position) return;
      position = page.position;
    }
  };
  await readToEnd();
  // The stream heads, then the events once more: a head names only events that were readable when it was
  // read (PostgreSQL: its last writer ended below the watermark), and a read after it sees all of them, so an
  // append committing during the pass is never taken for a removed event.
  const heads = await source.streamHeads(tenantId);
  await readToEnd();
  return verifier.finish(heads, tenantId);
}

/**
 * Records a checkpoint of one tenant's log: its digest, count and last position now (docs/audit.md). It folds
 * only the events after the tenant's latest checkpoint onto it (`verify` is what checks them). Issue 16's
 * report and period-close call it with their reason; the api and the CLI with 'manual'; the daily schedule
 * with 'daily' (recorded once per Belgian day: null when that one exists).
 */
export async function recordChainCheckpoint(
  source: ChainSource,
  checkpointStore: ChainCheckpointStore,
  tenantId: string,
  reason: string,
  /** stops the fold between two pages (nothing is recorded then) */
  signal?: AbortSignal,
): Promise<ChainCheckpoint | null> {
  const latest = await checkpointStore.latest(tenantId);
  let digest = latest?.headHash ?? EMPTY_LOG_DIGEST;
  let count = latest?.eventCount ?? 0;
  let position = latest?.position ?? START;
  let lastEvent = position;
  for (;;) {
    signal?.throwIfAborted();
    const page = await source.readChain(position, 1000, tenantId);
    for (const { event, hash } of page.events) {
      if (hash === null)
        throw new Error(`event ${event.id} (stream ${event.streamId}) has no hash: run the migrations`);
      digest = foldLogDigest(digest, hash);
      count++;
      lastEvent = event.position;
    }
    if (page.events.length === 0 && page.position === position) break;
    position = page.position;
  }
  return checkpointStore.record({
    tenantId,
    position: lastEvent,
    eventCount: count,
    headHash: digest,
    reason,
  });
}
