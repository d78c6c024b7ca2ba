import type pg from 'pg';
import type { Position } from '#event-store';
import { CHECKPOINT_TABLE } from './checkpoints.js';

interface Advance {
  name: string;
  expected: Position;
  next: Position;
  resolve(moved: boolean): void;
  reject(error: unknown): void;
}

/**
 * Moves the checkpoints of projections whose batch held nothing for them, several in ONE statement and
 * transaction (docs/decisions.md "Checkpoints past ignored events move together").
 *
 * Every append wakes every projection; most find nothing of theirs in it, and each used to commit a
 * transaction of its own only to move its checkpoint: fifteen write transactions per command. Each takes a
 * transaction id, and the log is read only below the oldest running one, so every reader of the log (the
 * live pushes, the other projections) often found the newest events held back behind those short
 * transactions and slept before it looked again. Gathered, the same moves cost one or two transactions.
 *
 * A move is the same compare-and-set as a batch's own (`openBatch`, `where position = <expected>`): `advance`
 * answers false when the row no longer holds `expected` (a rebuild or another runner moved it). The moves that arrive
 * while one statement runs go together in the next; the first waits only for the current turn of the event
 * loop, so that the projections woken by the same append share it.
 */
export class CheckpointAdvances {
  private pending: Advance[] = [];
  private running = false;
  private scheduled = false;

  constructor(private readonly pool: Pick<pg.Pool, 'query'>) {}

  /** Moves `name`'s checkpoint from `expected` to `next`; false when it no longer was at `expected`. */
  advance(name: string, expected: Position, next: Position): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.pending.push({ name, expected, next, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.running || this.pending.length === 0) return;
    this.running = true;
    const advances = this.pending.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.pending = [];
    try {
      // derived data, like the batches' own transactions: the commit need not wait for the disk (a crash
      // loses at most the last moves, and the projections replay those events, which held nothing for them)
      const { rows } = await this.pool.query<{ name: string }>(
        `with async as (select set_config('synchronous_commit', 'off', true))
         update ${CHECKPOINT_TABLE} c set position = m.next, updated_at = now()
           from unnest($1::text[], $2::text[], $3::text[]) as m(name, expected, next), async
          where c.name = m.name and c.position = m.expected
         returning c.name`,
        [advances.map((a) => a.name), advances.map((a) => a.expected), advances.map((a) => a.next)],
      );
      const moved = new Set(rows.map((row) => row.name));
      for (const advance of advances) advance.resolve(moved.has(advance.name));
    } catch (error) {
      for (const advance of advances) advance.reject(error);
    } finally {
      this.running = false;
      if (this.pending.length > 0) this.schedule();
    }
  }
}
