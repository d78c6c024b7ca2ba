import type pg from 'pg';
import type { Position, StoredEvent } from '#event-store';

/**
 * The transaction a projection writes in: a pg client on which the runner has opened a transaction.
 * The runner commits the projection's writes together with its checkpoint, so `apply` must not commit,
 * roll back or open transactions of its own.
 */
export type ProjectionTx = pg.ClientBase;

/** A read model filled from the global event log. */
export interface Projection {
  /** stable name, the key of its checkpoint row */
  readonly name: string;
  /** bump when `apply` changes meaning: the runner then rebuilds the projection from zero on start */
  readonly version?: number;
  /** the event types `apply` is given; others are skipped (the checkpoint still advances past them) */
  readonly eventTypes: readonly string[];
  /** the read models this projection writes (for documentation, health and the schema check) */
  readonly tables?: readonly string[];
  /**
   * the projection stores personal data: at an `ErasureRecorded` the runner deletes the tenant's rows of its
   * `tables` and replays the tenant's events up to the erasure (every table needs a `tenant_id` column)
   */
  readonly replayOnErasure?: boolean;
  /**
   * tables of `tables` whose every write goes through a `RowSet` (no other statement changes them): a rebuild
   * keeps their current rows in memory from page to page instead of loading them again (`rebuild-rows.ts`)
   */
  readonly keptInRebuild?: readonly string[];
  /** applies one batch (in global order, only `eventTypes`) inside the runner's transaction */
  apply(tx: ProjectionTx, events: readonly StoredEvent[]): Promise<void>;
  /** empties the projection's read models (inside the runner's rebuild transaction) */
  truncate(tx: ProjectionTx): Promise<void>;
}

/** What the runner reports after it committed a batch. */
export interface AppliedBatch {
  projection: string;
  /** the projection's checkpoint after the batch */
  position: Position;
  /** every event of the batch, also those the projection ignores, in global order */
  events: readonly StoredEvent[];
  /** true while the batch is part of a rebuild */
  rebuilding: boolean;
}

export type AppliedListener = (batch: AppliedBatch) => void;

export interface ProjectionStatus {
  name: string;
  version: number;
  position: Position;
  /** events in the log after the checkpoint (a lower bound `>= lag` when `lagCapped`) */
  lag: number;
  lagCapped: boolean;
  /** this process is running the projection right now */
  running: boolean;
  /** the projection's last failure in this process, cleared by the next committed batch */
  lastError: string | null;
  updatedAt: string | null;
}

export interface RebuildProgress {
  /** the projections being rebuilt */
  projections: string[];
  /** events read from the log so far */
  done: number;
  /** events in the log when the rebuild started (null when the store cannot count) */
  total: number | null;
  position: Position;
  elapsedMs: number;
}

export type RebuildProgressListener = (progress: RebuildProgress) => void;

export interface RebuildResult {
  projections: string[];
  events: number;
  position: Position;
  elapsedMs: number;
  eventsPerSecond: number;
  /** false when `stop()` interrupted the replay: the projections then continue from their checkpoints */
  completed: boolean;
}

export interface WaitResult {
  /** true when every projection waited for reached `minPosition` */
  reached: boolean;
  /** the lowest checkpoint among them (what the read models reflect at least) */
  position: Position;
}
