import type { StoredEvent } from '../event-store.port.js';
import type { Position } from '../position.js';

/** An event as read for verification: with the hash the store keeps for it (null: none). */
export interface ChainedEvent {
  event: StoredEvent;
  hash: string | null;
}

/** What the head of a stream is according to the store's own bookkeeping, apart from the events. */
export interface StreamHead {
  streamId: string;
  tenantId: string | null;
  version: number;
  hash: string | null;
}

/** The part of an event store the verifier reads. Both adapters implement it. */
export interface ChainSource {
  /** true: the hash covers the store's position and recorded time (PostgreSQL); false: both are null (KurrentDB) */
  readonly hashesPosition: boolean;
  /** events strictly after `from` in log order, with their stored hashes (as `readAll`) */
  readChain(
    from: Position,
    limit: number,
    tenantId?: string,
  ): Promise<{ events: ChainedEvent[]; position: Position }>;
  /** the stored hash of one event (to resume a stream's chain after a checkpoint); null when absent */
  chainHashAt(streamId: string, version: number): Promise<string | null>;
  /** the stream heads the store keeps apart from the events (PostgreSQL: `streams`), or null when it keeps none */
  streamHeads(tenantId?: string): Promise<StreamHead[] | null>;
  /** the tenants that have events (for the daily checkpoints) */
  tenants(): Promise<string[]>;
}

/** A tenant's checkpoint: the log digest, the position of the last event it covers and the count, at a time. */
export interface ChainCheckpoint {
  id: string;
  tenantId: string;
  /** the last event covered (START when none) */
  position: Position;
  eventCount: number;
  /** the tenant's log digest (foldLogDigest over every event up to `position`) */
  headHash: string;
  /** ISO-8601 */
  recordedAt: string;
  /** 'daily', 'manual', later 'report' or 'period-close' (issue 16) */
  reason: string;
}

export interface NewChainCheckpoint {
  tenantId: string;
  position: Position;
  eventCount: number;
  headHash: string;
  reason: string;
}

/** Where checkpoints are kept (PostgreSQL, whichever store keeps the events). */
export interface ChainCheckpointStore {
  /** oldest first */
  list(tenantId?: string): Promise<ChainCheckpoint[]>;
  latest(tenantId: string): Promise<ChainCheckpoint | null>;
  /** records it; a second 'daily' checkpoint of a tenant on the same Belgian day is not recorded (null) */
  record(checkpoint: NewChainCheckpoint): Promise<ChainCheckpoint | null>;
}
