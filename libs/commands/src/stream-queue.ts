import type { EventStore } from '#event-store';

/**
 * One write at a time per stream within this process. Two commands on the same aggregate that overlap (two
 * people saving the same action, a meeting's notes in quick succession) both read version N and one of them
 * conflicts, reads again and retries; every conflict is a refused statement in PostgreSQL and a retry after a
 * back-off, and under load conflicts breed more of them (slower commands overlap more). Queued, the second
 * reads what the first wrote and appends at once. Writers in other processes can still conflict: the store's
 * expected version stays the guard, and the executor's retries stay.
 */
export class StreamQueue {
  /** stream id -> the end of its queue (resolves when the last queued write is done) */
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId);
    let done!: () => void;
    const tail = new Promise<void>((resolve) => (done = resolve));
    this.tails.set(streamId, tail);
    try {
      // the previous write's promise never rejects: it is its turn ending, not its result
      if (previous) await previous;
      return await work();
    } finally {
      done();
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    }
  }
}

const queues = new WeakMap<EventStore, StreamQueue>();

/** The queue of this process's writes to `store` (every executor over the same store shares it). */
export function streamQueueOf(store: EventStore): StreamQueue {
  let queue = queues.get(store);
  if (!queue) queues.set(store, (queue = new StreamQueue()));
  return queue;
}
