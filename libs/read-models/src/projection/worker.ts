import { START, type Position, type Subscription } from '#event-store';
import type { Projection } from './projection.js';

/** Where the runner's parts write what they do (the projector's and the api's logger, or nothing). */
export interface RunnerLogger {
  log(message: string): void;
  error(message: string, error?: unknown): void;
}

export const silentLogger: RunnerLogger = { log: () => undefined, error: () => undefined };

export class UnknownProjectionError extends Error {
  readonly code = 'PROJECTION.UNKNOWN';
  constructor(readonly projection: string) {
    super(`unknown projection "${projection}"`);
  }
}

/**
 * What one runner knows of one projection. Shared by the runner's parts: the lifecycle subscribes and stops
 * it, the election sets `leased`, the retry owns `retryTimer` and `failures`, the batch commit moves
 * `position`, a rebuild sets `paused`.
 */
export interface Worker {
  readonly projection: Projection;
  readonly types: ReadonlySet<string>;
  /** the checkpoint this process last committed or read */
  position: Position;
  /** start() was called and stop() not yet */
  wanted: boolean;
  /** with election: this runner holds the projection's lease */
  leased: boolean;
  /** a rebuild owns the projection for now */
  paused: boolean;
  subscription: Subscription | null;
  /** bumped on every (re)subscription: batches of an older subscription are refused */
  generation: number;
  failures: number;
  lastError: string | null;
  retryTimer: NodeJS.Timeout | null;
}

export function createWorker(projection: Projection): Worker {
  return {
    projection,
    types: new Set(projection.eventTypes),
    position: START,
    wanted: false,
    leased: false,
    paused: false,
    subscription: null,
    generation: 0,
    failures: 0,
    lastError: null,
    retryTimer: null,
  };
}

/** The runner's projections by name, in the order they were given. */
export class Workers {
  private readonly byName = new Map<string, Worker>();

  constructor(projections: readonly Projection[]) {
    for (const projection of projections) {
      if (this.byName.has(projection.name)) throw new Error(`two projections are named "${projection.name}"`);
      this.byName.set(projection.name, createWorker(projection));
    }
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  all(): Worker[] {
    return [...this.byName.values()];
  }

  get(name: string): Worker | undefined {
    return this.byName.get(name);
  }

  /** the named workers (all when `names` is undefined); an unknown name throws `UnknownProjectionError` */
  select(names?: readonly string[]): Worker[] {
    if (!names) return this.all();
    return names.map((name) => {
      const worker = this.byName.get(name);
      if (!worker) throw new UnknownProjectionError(name);
      return worker;
    });
  }
}
