import { CatchUpSubscription } from '../catch-up-subscription.js';
import type { BatchHandler, ReadAllOptions, ReadAllResult } from '../event-store.port.js';
import type { Position } from '../position.js';
import { isConnectionError } from './connection-errors.js';

/** the longest pause between reads while committed events are held back by an older open transaction */
const HELD_BACK_MAX_DELAY_MS = 250;

/** What a subscription needs of its store. */
export interface PgSubscriptionSource {
  readAll(from: Position, limit: number, options?: ReadAllOptions): Promise<ReadAllResult>;
  idleState(from: Position, tenantId?: string): Promise<{ readable: boolean; heldBack: boolean }>;
  warn(message: string, error?: unknown): void;
}

export interface PgSubscriptionOptions {
  batchSize: number;
  pollIntervalMs: number;
  eventTypes: ReadonlySet<string> | null;
  tenantId: string | undefined;
  readRetryMs: number;
}

/**
 * One catch-up subscription: a loop that reads a batch after its position, awaits the handler, advances,
 * and when it has read everything visible waits for a NOTIFY or the polling interval.
 */
export class PgSubscription extends CatchUpSubscription {
  constructor(
    private readonly store: PgSubscriptionSource,
    from: Position,
    handler: BatchHandler,
    private readonly options: PgSubscriptionOptions,
  ) {
    super(from, handler, {
      readRetryMs: options.readRetryMs,
      isRetryable: isConnectionError,
      warn: (message, error) => store.warn(message, error),
    });
  }

  protected async run(): Promise<void> {
    const { batchSize, pollIntervalMs } = this.options;
    let retryDelay = 0;
    while (!this.stopped) {
      const wakesBefore = this.wakes;
      const { events, position } = await this.read();
      if (this.stopped) return;
      if (events.length > 0) {
        const selected = this.options.eventTypes
          ? events.filter((event) => this.options.eventTypes!.has(event.type))
          : events;
        if (selected.length > 0) await this.handler(selected, position);
        this.current = position;
        // what held the log back has let these through: the next wait starts short again
        retryDelay = 0;
      }
      if (events.length === batchSize) continue; // more to read
      this.markCaughtUp();
      if (this.stopped) return;
      if (this.wakes !== wakesBefore) {
        retryDelay = 0;
        continue; // something was committed while we read or handled
      }
      // Before waiting, ask in one snapshot whether there is more to read now, or committed events held back
      // behind an older, still running transaction (they show up as soon as it ends, which sends no NOTIFY when
      // it wrote no events). Asked separately, a transaction ending between the read and the question left
      // readable events unread until the next poll.
      const { readable, heldBack } = await this.idleState();
      if (this.stopped) return;
      if (readable) {
        retryDelay = 0;
        continue;
      }
      if (heldBack) {
        // look again soon, backing off to at most 250 ms (a busy server holds readers back often and briefly;
        // a longer back-off let one delivery wait for seconds)
        retryDelay = Math.min(
          retryDelay === 0 ? 5 : retryDelay * 2,
          Math.min(pollIntervalMs, HELD_BACK_MAX_DELAY_MS),
        );
        await this.sleep(retryDelay);
      } else {
        retryDelay = 0;
        if (this.wakes === wakesBefore) await this.sleep(pollIntervalMs);
      }
    }
  }

  private async read(): Promise<ReadAllResult> {
    return this.retrying(() =>
      this.store.readAll(
        this.current,
        this.options.batchSize,
        this.options.tenantId !== undefined ? { tenantId: this.options.tenantId } : {},
      ),
    );
  }

  private async idleState(): Promise<{ readable: boolean; heldBack: boolean }> {
    return this.retrying(() => this.store.idleState(this.current, this.options.tenantId));
  }
}
