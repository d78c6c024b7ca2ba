import type { BatchHandler, Subscription } from './event-store.port.js';
import type { Position } from './position.js';

export interface CatchUpSubscriptionOptions {
  /** how long reads that fail with a retryable error are retried before the subscription gives up */
  readRetryMs: number;
  /** which read errors a retry can cure (a lost connection, an unreachable node) */
  isRetryable: (error: unknown) => boolean;
  /** where a retried read is reported */
  warn: (message: string, error?: unknown) => void;
}

/**
 * What the catch-up subscriptions of both adapters share: the `caughtUp` / `done` promises, stop and wake,
 * an interruptible sleep and the retry loop for reads that fail transiently (with a back-off from 100 ms
 * doubling to 5 s). An adapter supplies `run()`: its read loop, which reads after `current`, calls the
 * handler, advances `current` and sleeps when it has read everything.
 */
export abstract class CatchUpSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  readonly done: Promise<void>;
  /** resolves when the loop has ended, however it ended */
  readonly finished: Promise<void>;
  protected current: Position;
  protected stopped = false;
  /** counts wake-ups: a loop compares it before and after a read to know whether to look again at once */
  protected wakes = 0;
  private interruptSleep: (() => void) | null = null;
  private resolveCaughtUp!: () => void;
  private rejectCaughtUp!: (error: unknown) => void;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;
  private isCaughtUp = false;

  protected constructor(
    from: Position,
    protected readonly handler: BatchHandler,
    private readonly retry: CatchUpSubscriptionOptions,
  ) {
    this.current = from;
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.resolveCaughtUp = resolve;
      this.rejectCaughtUp = reject;
    });
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // a failure is reported through `done`; a caller that only calls stop() must not crash the process
    this.caughtUp.catch(() => undefined);
    this.done.catch(() => undefined);
    this.finished = this.done.then(
      () => undefined,
      () => undefined,
    );
  }

  get position(): Position {
    return this.current;
  }

  /** starts the loop; `done` settles when it ends (a failure of the loop stops the subscription) */
  start(): void {
    void this.run()
      .then(
        () => {
          this.markCaughtUp(); // stopped before catching up: release whoever waits
          this.resolveDone();
        },
        (error: unknown) => {
          this.stopped = true;
          this.rejectCaughtUp(error);
          this.rejectDone(error);
        },
      )
      .finally(() => this.onEnded());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.onStopping();
    this.wake();
    await this.finished;
  }

  wake(): void {
    this.wakes++;
    this.interruptSleep?.();
  }

  /** the adapter's read loop; returns when `stopped` */
  protected abstract run(): Promise<void>;

  /** called once by stop(), before the loop is woken (default: nothing) */
  protected onStopping(): void {}

  /** called once the loop has ended, however (default: nothing) */
  protected onEnded(): void {}

  protected markCaughtUp(): void {
    if (this.isCaughtUp) return;
    this.isCaughtUp = true;
    this.resolveCaughtUp();
  }

  /** retries `work` while it fails with a retryable error, for up to `readRetryMs`; other errors end the subscription */
  protected async retrying<T>(work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let delay = 100; ; delay = Math.min(delay * 2, 5000)) {
      try {
        return await work();
      } catch (error) {
        if (!this.retry.isRetryable(error) || Date.now() - started > this.retry.readRetryMs || this.stopped)
          throw error;
        this.retry.warn(`subscription read failed, retrying in ${delay} ms`, error);
        await this.sleep(delay);
        if (this.stopped) throw error;
      }
    }
  }

  /** waits `ms`, or less when woken or stopped */
  protected sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const finish = (): void => {
        clearTimeout(timer);
        this.interruptSleep = null;
        resolve();
      };
      timer = setTimeout(finish, ms);
      this.interruptSleep = finish;
    });
  }
}
