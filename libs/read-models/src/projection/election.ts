import pg from 'pg';
import { ProjectionBusyError, ProjectionLeases } from './leases.js';
import type { RunnerLogger, Worker, Workers } from './worker.js';

export interface ElectionOptions {
  workers: Workers;
  /** the dedicated connection that holds the leases */
  connect: () => pg.Client;
  /** how often a standby runner tries to take the leases nobody holds (default 1,500 ms) */
  intervalMs?: number;
  logger: RunnerLogger;
  /** true while the runner stops: no new election */
  stopping: () => boolean;
  /** runs the projections whose leases this runner just won */
  activate: (won: Worker[]) => Promise<void>;
  /** a won projection could not be activated: retry it with back-off */
  failed: (worker: Worker, error: unknown) => void;
  /** the lease of a running projection is gone: take it off the log at once */
  lost: (worker: Worker) => void;
}

/**
 * Several runners on one database: each projection runs in the one runner holding its lease (a PostgreSQL
 * advisory lock, `leases.ts`); the others stand by and try again every `intervalMs`. A rebuild needs the
 * leases of the projections it rebuilds (`withLeases`): beside a runner that holds them it is refused with
 * `PROJECTION.BUSY`.
 */
export class ProjectionElection {
  private readonly leases: ProjectionLeases;
  private timer: NodeJS.Timeout | null = null;
  private electing: Promise<void> | null = null;

  constructor(private readonly options: ElectionOptions) {
    this.leases = new ProjectionLeases(options.connect, (names) => this.leasesLost(names));
  }

  /** Elects now, then every `intervalMs` until `stop`. */
  async start(): Promise<void> {
    await this.elect();
    if (!this.timer) {
      this.timer = setInterval(() => {
        this.elect().catch((error: unknown) =>
          this.options.logger.error('projection election failed', error),
        );
      }, this.options.intervalMs ?? 1_500);
      this.timer.unref?.();
    }
  }

  /** Takes the leases of wanted projections nobody runs, and runs them. */
  elect(): Promise<void> {
    if (this.electing) return this.electing;
    const run = (async () => {
      const candidates = this.options.workers.all().filter((w) => w.wanted && !w.leased && !w.paused);
      if (candidates.length === 0 || this.options.stopping()) return;
      const held = new Set(await this.leases.tryAcquire(candidates.map((w) => w.projection.name)));
      const won = candidates.filter((w) => held.has(w.projection.name) && w.wanted);
      if (won.length === 0) return;
      for (const worker of won) worker.leased = true;
      this.options.logger.log(`active for ${won.map((w) => w.projection.name).join(', ')}`);
      try {
        await this.options.activate(won);
      } catch (error) {
        // e.g. the database went away between taking the leases and subscribing: retry each with back-off
        // (a lease lost meanwhile makes the retry a no-op; the next election takes it again)
        for (const worker of won) {
          if (worker.wanted && !worker.paused && !worker.subscription && !worker.retryTimer)
            this.options.failed(worker, error);
        }
        throw error;
      }
    })();
    // cleared when done (and only if no later election replaced it)
    this.electing = run.finally(() => {
      if (this.electing === guarded) this.electing = null;
    });
    const guarded = this.electing;
    return guarded;
  }

  /**
   * Runs `rebuild` holding the leases of `workers`, refused with `ProjectionBusyError` when another runner
   * holds one of them. Leases taken only for the rebuild go back afterwards unless the projection is wanted
   * live here.
   */
  async withLeases<T>(workers: readonly Worker[], rebuild: () => Promise<T>): Promise<T> {
    const names = workers.map((w) => w.projection.name);
    const held = new Set(await this.leases.tryAcquire(names));
    const missing = names.filter((name) => !held.has(name));
    if (missing.length > 0) {
      await this.leases.release(
        names.filter((name) => held.has(name) && !this.options.workers.get(name)!.leased),
      );
      throw new ProjectionBusyError(missing);
    }
    const borrowed = workers.filter((w) => !w.leased);
    for (const worker of workers) worker.leased = true;
    try {
      return await rebuild();
    } finally {
      const giveBack = borrowed.filter((w) => !w.wanted);
      for (const worker of giveBack) worker.leased = false;
      await this.leases.release(giveBack.map((w) => w.projection.name));
    }
  }

  /** No more elections; waits for the one in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.electing?.catch(() => undefined);
  }

  /** Gives every lease back (closing the lease connection releases them). */
  async close(): Promise<void> {
    for (const worker of this.options.workers.all()) worker.leased = false;
    await this.leases.close();
  }

  /** The lease connection dropped: stop those projections at once; the next election may take them back. */
  private leasesLost(names: string[]): void {
    this.options.logger.error(`lost the leases of ${names.join(', ')}: standing by`);
    for (const name of names) {
      const worker = this.options.workers.get(name);
      if (!worker) continue;
      worker.leased = false;
      this.options.lost(worker);
    }
  }
}

/** The lease connection by default: a client with the pool's own settings. */
export const poolClientFactory = (pool: pg.Pool) => (): pg.Client =>
  new pg.Client((pool as pg.Pool & { options: pg.ClientConfig }).options);
