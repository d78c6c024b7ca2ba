import type { ReadAllOptions, ReadAllResult } from '../event-store.port.js';
import type { Position } from '../position.js';
import type { PgSubscriptionSource } from './pg-subscription.js';

type IdleState = { readable: boolean; heldBack: boolean };

/** finished reads kept to answer later subscriptions (until the next wake) */
const KEPT_READS = 32;

interface Read {
  done: boolean;
  result: Promise<{ page: ReadAllResult; finished: number }>;
}

/** What the subscriptions of one store ask of it. */
export interface SharedReadsStore {
  readAll(from: Position, limit: number, options?: ReadAllOptions): Promise<ReadAllResult>;
  idleState(from: Position, tenantId?: string): Promise<IdleState>;
  warn(message: string, error?: unknown): void;
}

/**
 * The subscriptions of one store share the reads they would make alike (docs/decisions.md "Subscriptions
 * share their reads"). An append wakes every subscription of the process (fifteen in the api: the
 * projections, the outbox, the live feed), and those that had caught up all ask for the same page after
 * the same position, then all ask whether more is readable or held back: thirty queries with one answer.
 *
 * A read joins one with the same position, size and tenant only if no wake came since that one started: a wake
 * means something committed, and the read that answers it must have started after it. A read that has finished
 * still answers later subscriptions (which are often busy applying the previous event when the first ones read)
 * until the next wake, or until a question finds events readable or held back: then something committed (or is
 * about to be readable) that the finished read may not show, and a transaction that is no append ends with no
 * wake at all, so only a new read would see what it held back. At most `KEPT_READS` finished reads are kept;
 * they hand out copies of their events (see `source`).
 * The question "readable or held back?" must be asked after the subscription's own read (in one snapshot
 * that sees at least what the read saw, or a transaction ending between the two could leave events unread
 * until the next poll): it joins a running question only if that one started after its read had finished.
 * A failure fails every caller that shared the query, as it would have failed each of them.
 */
export class SharedReads {
  /** bumped as each read finishes (before any of its callers resumes) */
  private finished = 0;
  /** running reads, and finished ones kept, all started since the last wake (see `forgetReads`) */
  private readonly reads = new Map<string, Read>();
  private readonly questions = new Map<string, { after: number; result: Promise<IdleState> }>();

  constructor(private readonly store: SharedReadsStore) {}

  /** Something was committed: reads started before now no longer answer a subscription woken by it. */
  woke(): void {
    this.forgetReads();
  }

  /** A source for one subscription: it remembers which read that subscription saw last. */
  source(): PgSubscriptionSource {
    let lastRead = 0;
    return {
      readAll: async (from, limit, options) => {
        const { result, kept } = this.read(from, limit, options?.tenantId);
        const { page, finished } = await result;
        lastRead = finished;
        // the events of a read that ran at once are shared (nothing on the way changes an event: the
        // personal-data store copies what it decrypts), the array is the caller's own. A finished read hands out
        // copies: the personal-data store shares a reveal per event object (docs/privacy.md), and an erasure
        // must show in every read that starts after it, as it did before finished reads were kept.
        return { ...page, events: kept ? page.events.map((event) => ({ ...event })) : page.events.slice() };
      },
      idleState: (from, tenantId) => this.ask(from, tenantId, lastRead),
      warn: (message, error) => this.store.warn(message, error),
    };
  }

  private read(
    from: Position,
    limit: number,
    tenantId: string | undefined,
  ): { result: Promise<{ page: ReadAllResult; finished: number }>; kept: boolean } {
    const key = `${from}|${limit}|${tenantId ?? ''}`;
    const known = this.reads.get(key);
    if (known) return { result: known.result, kept: known.done };
    const entry: Read = {
      done: false,
      result: this.store.readAll(from, limit, tenantId !== undefined ? { tenantId } : {}).then(
        (page) => {
          // kept for later subscriptions while nothing committed since it started (a wake forgets it)
          if (this.reads.get(key) === entry) {
            entry.done = true;
            this.keepAtMost(KEPT_READS);
          }
          return { page, finished: ++this.finished };
        },
        (error: unknown) => {
          if (this.reads.get(key) === entry) this.reads.delete(key);
          throw error;
        },
      ),
    };
    this.reads.set(key, entry);
    return { result: entry.result, kept: false };
  }

  /**
   * Neither joined nor kept from now on: the finished reads, and the running ones too (they may have started
   * before what made them old; their callers still get their answer).
   */
  private forgetReads(): void {
    this.reads.clear();
  }

  /** forgets the oldest finished reads beyond `most` (the map keeps the order in which reads started) */
  private keepAtMost(most: number): void {
    let kept = 0;
    for (const entry of this.reads.values()) if (entry.done) kept++;
    for (const [key, entry] of this.reads) {
      if (kept <= most) return;
      if (!entry.done) continue;
      this.reads.delete(key);
      kept--;
    }
  }

  private ask(from: Position, tenantId: string | undefined, afterRead: number): Promise<IdleState> {
    const key = `${from}|${tenantId ?? ''}`;
    const running = this.questions.get(key);
    if (running && running.after >= afterRead) return running.result;
    const entry = {
      after: this.finished,
      result: this.store
        .idleState(from, tenantId)
        .then((state) => {
          // something is readable or held back that a finished read may not show: later subscriptions read anew
          if (state.readable || state.heldBack) this.forgetReads();
          return state;
        })
        .finally(() => {
          if (this.questions.get(key) === entry) this.questions.delete(key);
        }),
    };
    this.questions.set(key, entry);
    return entry.result;
  }
}
