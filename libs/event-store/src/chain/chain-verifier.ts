import { START, type Position } from '../position.js';
import type { ChainCheckpoint, ChainedEvent, ChainSource, StreamHead } from './chain.port.js';
import { EMPTY_LOG_DIGEST, chainHash, contentDigest, foldLogDigest } from './event-hash.js';

/** What `verify` reports (docs/errors.md, "Audit"). */
export type ChainProblemCode =
  /** the event's stored hash is not the hash of its content, position and predecessor: it was edited */
  | 'AUDIT.EVENT_CHANGED'
  /** versions of a stream are missing: before this event, or at the end of the stream (its head says more) */
  | 'AUDIT.EVENT_REMOVED'
  /** a stream's events are not in version order in the log */
  | 'AUDIT.EVENT_REORDERED'
  /** the tenant's log up to a checkpoint no longer has the checkpoint's count or digest */
  | 'AUDIT.CHECKPOINT_MISMATCH';

export interface ChainProblem {
  code: ChainProblemCode;
  tenantId: string;
  /** null for a checkpoint mismatch */
  streamId: string | null;
  /** the event's position (for a checkpoint mismatch: the checkpoint's) */
  position: Position;
  version: number | null;
  message: string;
}

export interface TenantChainSummary {
  tenantId: string;
  /** events verified (after the checkpoint started from, with --from-checkpoint) */
  eventsVerified: number;
  /** every event of the tenant's log the digest covers */
  eventCount: number;
  headHash: string;
  position: Position;
  checkpointsCompared: number;
  /** the checkpoint verification started from (trusted), if any */
  startedFrom: string | null;
}

export interface ChainVerification {
  ok: boolean;
  tenants: TenantChainSummary[];
  problems: ChainProblem[];
}

interface StreamState {
  version: number;
  hash: string | null;
  lastPosition: Position;
}

interface TenantState {
  tenantId: string;
  startAfter: Position;
  startedFrom: string | null;
  digest: string;
  count: number;
  verified: number;
  position: Position;
  /** checkpoints after startAfter not yet compared, oldest first */
  pending: ChainCheckpoint[];
  compared: number;
  streams: Map<string, StreamState>;
}

/**
 * Recomputes the per-stream hash chains of the log in one pass in log order, folds each tenant's log digest,
 * and compares it with the tenant's checkpoints as the pass goes by them. Pure apart from `source.chainHashAt`
 * (only used after a checkpoint, to pick up a stream's chain where it was).
 */
export class ChainVerifier {
  private readonly tenants = new Map<string, TenantState>();
  private readonly problems: ChainProblem[] = [];
  /** the versions a "removed" finding found missing: one that shows up later was reordered instead */
  private readonly missing = new Map<ChainProblem, [number, number]>();

  constructor(
    private readonly source: Pick<ChainSource, 'hashesPosition' | 'chainHashAt'>,
    private readonly checkpoints: readonly ChainCheckpoint[],
    /** per tenant: the checkpoint to start from (trusted), when verifying from the latest checkpoint */
    private readonly startFrom: ReadonlyMap<string, ChainCheckpoint> = new Map(),
  ) {}

  /** where the pass must start reading: before the earliest start of any tenant it will see */
  static readFrom(startFrom: ReadonlyMap<string, ChainCheckpoint>, everyTenant: boolean): Position {
    if (everyTenant || startFrom.size === 0) return START;
    return [...startFrom.values()].map((cp) => cp.position).reduce((a, b) => (a < b ? a : b));
  }

  async add(chained: ChainedEvent): Promise<void> {
    const { event, hash } = chained;
    const tenant = this.tenant(event.metadata.tenantId ?? '');
    if (event.position <= tenant.startAfter) return;
    this.compareCheckpoints(tenant, (cp) => cp.position < event.position);

    const known = tenant.streams.get(event.streamId);
    let prev: string | null;
    let expected: number;
    if (known) {
      prev = known.hash;
      expected = known.version + 1;
    } else if (tenant.startedFrom !== null && event.version > 1) {
      // the stream's earlier events are covered by the checkpoint started from: take its chain from there
      prev = await this.source.chainHashAt(event.streamId, event.version - 1);
      expected = event.version;
    } else {
      prev = null;
      expected = 1;
    }

    const recomputed = chainHash({
      prev,
      position: this.source.hashesPosition ? event.position : null,
      stream: event.streamId,
      version: event.version,
      time: this.source.hashesPosition ? event.recordedAt : null,
      content: contentDigest(event.type, event.data, event.metadata),
    });
    const at = {
      tenantId: tenant.tenantId,
      streamId: event.streamId,
      position: event.position,
      version: event.version,
    };
    if (event.version < expected) {
      this.reordered(tenant, event.streamId, event.version, at);
    } else if (event.version > expected) {
      const problem: ChainProblem = {
        ...at,
        code: 'AUDIT.EVENT_REMOVED',
        message: `stream ${event.streamId}: ${range(expected, event.version - 1)} missing before this event`,
      };
      this.missing.set(problem, [expected, event.version - 1]);
      this.problems.push(problem);
    } else if (hash !== recomputed) {
      this.problems.push({
        ...at,
        code: 'AUDIT.EVENT_CHANGED',
        message:
          hash === null
            ? `stream ${event.streamId} version ${event.version}: the event has no hash`
            : `stream ${event.streamId} version ${event.version}: the stored hash does not match the event's content, position or predecessor`,
      });
    }
    const effective = hash ?? recomputed;
    if (event.version >= expected)
      tenant.streams.set(event.streamId, {
        version: event.version,
        hash: effective,
        lastPosition: event.position,
      });
    tenant.digest = foldLogDigest(tenant.digest, effective);
    tenant.count++;
    tenant.verified++;
    tenant.position = event.position;
  }

  /**
   * Ends the pass: the checkpoints after the last event, and (when the store keeps them) the stream heads,
   * which reveal events removed at the end of a stream.
   */
  finish(heads: readonly StreamHead[] | null, onlyTenant?: string): ChainVerification {
    for (const cp of this.checkpoints)
      if (onlyTenant === undefined || cp.tenantId === onlyTenant) this.tenant(cp.tenantId);
    for (const tenant of this.tenants.values()) this.compareCheckpoints(tenant, () => true);
    for (const head of heads ?? []) {
      const tenant = this.tenant(head.tenantId ?? '');
      const seen = tenant.streams.get(head.streamId);
      if (!seen && tenant.startedFrom !== null) continue; // not written since the checkpoint
      const version = seen?.version ?? 0;
      if (head.version > version) {
        this.problems.push({
          code: 'AUDIT.EVENT_REMOVED',
          tenantId: tenant.tenantId,
          streamId: head.streamId,
          position: seen?.lastPosition ?? tenant.position,
          version: version + 1,
          message: `stream ${head.streamId}: ${range(version + 1, head.version)} missing at the end of the stream (its head is version ${head.version})`,
        });
      } else if (seen && head.hash !== null && head.hash !== seen.hash && head.version === version) {
        this.problems.push({
          code: 'AUDIT.EVENT_CHANGED',
          tenantId: tenant.tenantId,
          streamId: head.streamId,
          position: seen.lastPosition,
          version,
          message: `stream ${head.streamId}: the last event's hash is not the one the stream's head recorded`,
        });
      }
    }
    const tenants = [...this.tenants.values()]
      .filter((tenant) => onlyTenant === undefined || tenant.tenantId === onlyTenant)
      .sort((a, b) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0))
      .map((tenant) => ({
        tenantId: tenant.tenantId,
        eventsVerified: tenant.verified,
        eventCount: tenant.count,
        headHash: tenant.digest,
        position: tenant.position,
        checkpointsCompared: tenant.compared,
        startedFrom: tenant.startedFrom,
      }));
    const problems = this.problems.filter(
      (problem) => onlyTenant === undefined || problem.tenantId === onlyTenant,
    );
    return { ok: problems.length === 0, tenants, problems };
  }

  private tenant(tenantId: string): TenantState {
    let state = this.tenants.get(tenantId);
    if (!state) {
      const start = this.startFrom.get(tenantId) ?? null;
      state = {
        tenantId,
        startAfter: start?.position ?? START,
        startedFrom: start?.id ?? null,
        digest: start?.headHash ?? EMPTY_LOG_DIGEST,
        count: start?.eventCount ?? 0,
        verified: 0,
        position: start?.position ?? START,
        pending: this.checkpoints
          .filter(
            (cp) =>
              cp.tenantId === tenantId &&
              (start === null || (cp.position > start.position && cp.id !== start.id)),
          )
          .sort((a, b) =>
            a.position < b.position ? -1 : a.position > b.position ? 1 : Number(a.id) - Number(b.id),
          ),
        compared: 0,
        streams: new Map(),
      };
      this.tenants.set(tenantId, state);
    }
    return state;
  }

  private compareCheckpoints(tenant: TenantState, due: (cp: ChainCheckpoint) => boolean): void {
    while (tenant.pending.length > 0 && due(tenant.pending[0]!)) {
      const cp = tenant.pending.shift()!;
      tenant.compared++;
      if (cp.eventCount === tenant.count && cp.headHash === tenant.digest) continue;
      const removed = tenant.count < cp.eventCount ? `, ${cp.eventCount - tenant.count} event(s) fewer` : '';
      this.problems.push({
        code: 'AUDIT.CHECKPOINT_MISMATCH',
        tenantId: tenant.tenantId,
        streamId: null,
        position: cp.position,
        version: null,
        message:
          `checkpoint ${cp.id} of ${cp.recordedAt} (${cp.reason}): it recorded ${cp.eventCount} events with head ${cp.headHash}, ` +
          `the log up to its position now has ${tenant.count} with head ${tenant.digest}${removed}`,
      });
    }
  }

  /** a version that comes after a later one: the earlier "missing" report of this version was a reordering */
  private reordered(
    tenant: TenantState,
    streamId: string,
    version: number,
    at: { tenantId: string; streamId: string; position: Position; version: number },
  ): void {
    for (const problem of this.problems) {
      const gap = this.missing.get(problem);
      if (
        problem.code === 'AUDIT.EVENT_REMOVED' &&
        problem.streamId === streamId &&
        problem.tenantId === tenant.tenantId &&
        gap !== undefined &&
        version >= gap[0] &&
        version <= gap[1]
      ) {
        problem.code = 'AUDIT.EVENT_REORDERED';
        problem.message = `stream ${streamId}: version ${problem.version} comes before an earlier version in the log`;
      }
    }
    this.problems.push({
      ...at,
      code: 'AUDIT.EVENT_REORDERED',
      message: `stream ${streamId}: version ${version} comes after a later version in the log`,
    });
  }
}

function range(from: number, to: number): string {
  return from === to ? `version ${from}` : `versions ${from} to ${to}`;
}
