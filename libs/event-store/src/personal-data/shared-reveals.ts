import type { StoredEvent } from '../event-store.port.js';

/** How long a reveal answers other subscriptions that got the same event objects (ms). */
export const SHARED_REVEAL_MS = 1_000;

/**
 * The subscriptions of one store reveal each event once between them. The PostgreSQL store's subscriptions
 * share their reads (`SharedReads`): after an append the fifteen subscriptions of the api get the very same
 * event objects, and each revealed them again, one key lookup each (12.5 of the api's 46.7 statements per
 * command in `bench:live`). A reveal is remembered per event object, so a subscription that gets an event
 * another one revealed takes that answer, and only the events nobody revealed yet cost a lookup.
 *
 * A remembered answer is used for `SHARED_REVEAL_MS` from the start of its lookup only, and only for the same
 * object: a later read of the log (another page, a replay at an erasure, a rebuild) makes new objects and asks
 * the key table again. An erasure that commits within that second is no different from one that commits just
 * after a subscription's own lookup, as it could before: the keys go before `ErasureRecorded` is appended, and
 * the projections that hold personal data replay the tenant when they reach that event (docs/privacy.md).
 * A failed lookup is forgotten, so the next subscription asks again.
 */
export class SharedReveals {
  private readonly revealed = new WeakMap<object, { at: number; event: Promise<StoredEvent> }>();

  constructor(
    private readonly reveal: (events: readonly StoredEvent[]) => Promise<StoredEvent[]>,
    private readonly now: () => number = () => performance.now(),
    private readonly reuseMs = SHARED_REVEAL_MS,
  ) {}

  async events<E extends StoredEvent>(events: readonly E[]): Promise<E[]> {
    const at = this.now();
    const missing: E[] = [];
    for (const event of events) {
      const known = this.revealed.get(event);
      if (!known || at - known.at > this.reuseMs) missing.push(event);
    }
    if (missing.length > 0) {
      const lookup = this.reveal(missing);
      missing.forEach((event, index) => {
        const entry = { at, event: lookup.then((revealed) => revealed[index]!) };
        this.revealed.set(event, entry);
        // forgotten when it fails (the caller that started it gets the failure; its rejection is handled here)
        entry.event.catch(() => {
          if (this.revealed.get(event) === entry) this.revealed.delete(event);
        });
      });
    }
    return (await Promise.all(events.map((event) => this.revealed.get(event)!.event))) as E[];
  }
}
