/**
 * The store's group commit (docs/decisions.md "Concurrent appends share a transaction"): appends that arrive
 * while `maxInFlight` calls are already running wait, and the next call takes all of them at once (at most
 * `maxBatch`). An append that finds a free slot starts at once, alone: one writer at a time never waits and
 * never shares. Under load every call carries several appends, so a commit, a round trip and the function's
 * set-up are paid once for all of them.
 *
 * A call that is slow (it waits for a stream lock held by a long transaction, say) gives its slot back after
 * `slowMs`, so it never holds up the appends behind it for longer than that; the pool still bounds the
 * connections in use.
 */
export interface AppendBatcherOptions<T, R> {
  /** runs one call: settles every item (resolve or reject) before it returns */
  run(items: ReadonlyArray<BatchItem<T, R>>): Promise<void>;
  /** calls running at once before appends start to wait for a shared call */
  maxInFlight: number;
  /** appends in one call at most */
  maxBatch: number;
  /** after this long a running call no longer counts against `maxInFlight` */
  slowMs: number;
}

export interface BatchItem<T, R> {
  readonly value: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export class AppendBatcher<T, R> {
  private readonly queue: Array<BatchItem<T, R>> = [];
  private inFlight = 0;

  constructor(private readonly options: AppendBatcherOptions<T, R>) {
    if (!(options.maxInFlight >= 1 && options.maxBatch >= 1))
      throw new RangeError('AppendBatcher: maxInFlight and maxBatch must be at least 1');
  }

  /** Resolves with the item's own result, or rejects with its own error. */
  submit(value: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ value, resolve, reject });
      this.pump();
    });
  }

  /** appends waiting for a call (for tests and diagnostics) */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const items = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.pump();
      };
      const slow = setTimeout(release, this.options.slowMs);
      slow.unref?.();
      void this.runSettled(items).finally(() => {
        clearTimeout(slow);
        release();
      });
    }
  }

  /** `run`, and whatever it left unsettled (it threw) rejected with its error: no caller waits for ever */
  private async runSettled(items: ReadonlyArray<BatchItem<T, R>>): Promise<void> {
    const settled = new Set<BatchItem<T, R>>();
    const tracked = items.map((item) => ({
      value: item.value,
      resolve: (result: R) => {
        settled.add(item);
        item.resolve(result);
      },
      reject: (error: unknown) => {
        settled.add(item);
        item.reject(error);
      },
    }));
    try {
      await this.options.run(tracked);
    } catch (error) {
      for (const item of items) if (!settled.has(item)) item.reject(error);
      return;
    }
    for (const item of items)
      if (!settled.has(item)) item.reject(new Error('AppendBatcher: the call left an append unanswered'));
  }
}
