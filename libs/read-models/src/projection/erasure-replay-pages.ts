import type { EventStore, Position, ReadAllResult } from '#event-store';

/** pages of erasure replays kept at most, over all erasures (a page holds up to the runner's batch size) */
const MAX_PAGES = 40;
/** a page no replay asked for within this time is dropped (a projection of the count runs elsewhere) */
const MAX_AGE_MS = 60_000;

/**
 * The pages of a tenant's log that the projections replay at an erasure, read once for all of them: every
 * projection that holds personal data replays the erasure's tenant from the start up to the erasure, side by
 * side in their own transactions, and without this each one read (and decrypted) the same pages again.
 *
 * A page is keyed by (tenant, erasure, from): the events before an erasure never change, and what they reveal
 * after the erasure (its keys are deleted before `ErasureRecorded` is appended) is the same for every reader
 * of that erasure. A later erasure has its own pages, read after its keys went. Pages are dropped oldest first
 * beyond MAX_PAGES and once every replay of their erasure has moved on; a replay that finds its page dropped
 * reads it again (slower, never different). So at most MAX_PAGES pages are held, for at most a minute.
 */
export class ErasureReplayPages {
  private readonly pages = new Map<string, { page: Promise<ReadAllResult>; readers: number; at: number }>();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly pageSize: number,
  ) {}

  /** the page after `from` of `tenantId`'s log, for the replay of the erasure at `erasure` */
  async read(
    tenantId: string,
    erasure: Position,
    from: Position,
    expectedReaders: number,
  ): Promise<ReadAllResult> {
    if (expectedReaders <= 1) return this.store.readAll(from, this.pageSize, { tenantId });
    const now = Date.now();
    for (const [old, { at }] of this.pages) {
      if (now - at <= MAX_AGE_MS) break; // in insertion order: the rest are younger
      this.pages.delete(old);
    }
    const key = `${tenantId}\u0000${erasure}\u0000${from}`;
    let entry = this.pages.get(key);
    if (!entry) {
      const page = this.store.readAll(from, this.pageSize, { tenantId });
      entry = { page, readers: 0, at: now };
      this.pages.set(key, entry);
      // a failed read is not kept: the next replay reads again
      page.catch(() => {
        if (this.pages.get(key) === entry) this.pages.delete(key);
      });
      while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    }
    entry.readers++;
    if (entry.readers >= expectedReaders) this.pages.delete(key); // the last replay of this erasure took it
    return entry.page;
  }
}
