/** A one-to-many signal: `next()` before checking a condition, then `within(ms)` to sleep until notified. */
export class Wakeup {
  private waiters: (() => void)[] = [];
  private generation = 0;

  next(): { within(ms: number): Promise<void> } {
    const seen = this.generation;
    return {
      within: (ms) =>
        new Promise<void>((resolve) => {
          if (this.generation !== seen) return resolve();
          const timer = setTimeout(done, ms);
          const waiters = this.waiters;
          function done(): void {
            clearTimeout(timer);
            resolve();
          }
          waiters.push(done);
        }),
    };
  }

  notify(): void {
    this.generation++;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
