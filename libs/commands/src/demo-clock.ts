import { createHash } from 'node:crypto';
import type { ActionCommand } from '#domain';
import { maxPosition, type AppendResult, type EventStore, type Position } from '#event-store';
import type { CommandContext } from './command-context.js';
import type { CommandService } from './command-service.js';
import { inParallel } from './in-parallel.js';

/**
 * The demo clock: the demo's history is written through the ordinary commands, each with a backdated
 * `CommandContext.now` (so `occurredAt` says when it happened in the story) and `demoClock: true` in the
 * events' metadata. Steps are written in chronological order: the steps of one moment may run in
 * parallel (one stream at a time, its changes of that moment as one append), the next moment starts when
 * the previous one is written, so `occurredAt` never decreases with the log position within the tenant.
 */

/** mulberry32: a small seeded generator, the same numbers on every machine */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Name-based ids (RFC 9562 version 8 layout from SHA-256): the same demo has the same ids everywhere. */
export class DemoIds {
  private readonly counters = new Map<string, number>();
  constructor(private readonly namespace: string) {}

  next(kind: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const bytes = createHash('sha256')
      .update(`${this.namespace}\u0000${kind}\u0000${n}`)
      .digest()
      .subarray(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x80;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD plus a number of days */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus a number of months (the day clamped to 28: only used for story dates) */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}`;
}

const BRUSSELS_HOUR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** the offset of Brussels from UTC on a day, in hours (1 in winter, 2 in summer), read at noon */
function brusselsOffset(date: string): number {
  return Number(BRUSSELS_HOUR.format(new Date(`${date}T12:00:00Z`))) - 12;
}

/** A Brussels wall-clock moment (working hours, so never in the night of a clock change) as a UTC instant. */
export function brusselsInstant(date: string, hour: number, minute = 0): string {
  const utc = Date.parse(`${date}T00:00:00Z`) + ((hour - brusselsOffset(date)) * 60 + minute) * 60_000;
  return new Date(utc).toISOString();
}

/** A Brussels wall-clock time as an ISO string with its offset (+01:00 in winter, +02:00 in summer). */
export function brusselsTime(date: string, hour: number): string {
  return `${date}T${String(hour).padStart(2, '0')}:00:00+0${brusselsOffset(date)}:00`;
}

/** the working day on or after a date (Saturday and Sunday move to Monday) */
function weekday(date: string): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

/**
 * The moments the demo's changes happen at: two working days a month, each at its own hour, the same on
 * every machine. A change planned for a day lands on the first moment on or after it, so the changes of a
 * plan cluster the way a city's updates do (a morning of follow-up, not one edit a minute).
 */
export class DemoCalendar {
  private readonly moments: { date: string; instant: string }[] = [];

  constructor(fromYear: number, toYear: number, random: () => number) {
    for (let year = fromYear; year <= toYear; year++) {
      for (let month = 1; month <= 12; month++) {
        for (const start of [5, 19]) {
          const day = start + Math.floor(random() * 4);
          const date = weekday(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
          const hour = 9 + Math.floor(random() * 8);
          const minute = [0, 15, 30, 45][Math.floor(random() * 4)]!;
          this.moments.push({ date, instant: brusselsInstant(date, hour, minute) });
        }
      }
    }
  }

  /** the first moment on or after the day (the last one when the day is past the calendar) */
  at(date: string): string {
    const found = this.moments.find((moment) => moment.date >= date);
    return (found ?? this.moments.at(-1)!).instant;
  }

  /**
   * A day at least `days` after `date` whose moment comes after the moment of `date`: for a step that
   * must follow another on the same record (two moments may be more than a week apart).
   */
  after(date: string, days: number): string {
    const before = this.at(date);
    let later = addDays(date, days);
    while (this.at(later) <= before && later < this.moments.at(-1)!.date) later = addDays(later, 1);
    return later;
  }

  /** the date (YYYY-MM-DD, Brussels) of the moment `at(date)` */
  dateOf(date: string): string {
    const found = this.moments.find((moment) => moment.date >= date);
    return (found ?? this.moments.at(-1)!).date;
  }
}

/**
 * The store the demo writes through, remembering the position of its latest write: what a period close
 * must see in the read models (the store's own head stops below the oldest transaction running on the
 * server, another database's too).
 */
export function trackWrites(store: EventStore): { store: EventStore; written: () => Position | null } {
  let last: Position | null = null;
  const tracked = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendToStream') {
        return async (...args: Parameters<EventStore['appendToStream']>): Promise<AppendResult> => {
          const result = await target.appendToStream(...args);
          last = last === null ? result.position : maxPosition(last, result.position);
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: tracked, written: () => last };
}

export type DemoActor = 'system' | 'coordinator' | 'member' | 'partner';

type Step =
  | { kind: 'action'; at: string; seq: number; actor: DemoActor; stream: string; command: ActionCommand }
  | {
      kind: 'run';
      at: string;
      seq: number;
      actor: DemoActor;
      stream: string;
      run: (context: CommandContext) => Promise<number>;
    };

export interface PlayResult {
  /** events written */
  events: number;
  /** appends (writes) made */
  writes: number;
  /** steps left out because they lie after the real now */
  skipped: number;
  /** the first and the last moment written */
  first: string | null;
  last: string | null;
}

/**
 * The demo's story as steps at moments; `play` writes them in the order of their moments. Steps after
 * `until` (the real now) are left out: the demo never dates anything in the future.
 */
export class DemoTimeline {
  private readonly steps: Step[] = [];

  constructor(private readonly until: string) {}

  /** a change to an action at a moment (the changes of one actor to one action at one moment: one append) */
  action(at: string, actor: DemoActor, actionId: string, command: ActionCommand): void {
    this.steps.push({ kind: 'action', at, seq: this.steps.length, actor, stream: actionId, command });
  }

  /** any other write at a moment; `stream` names what it writes to (steps of one stream run one by one) */
  run(at: string, actor: DemoActor, stream: string, run: (context: CommandContext) => Promise<number>): void {
    this.steps.push({ kind: 'run', at, seq: this.steps.length, actor, stream, run });
  }

  get size(): number {
    return this.steps.length;
  }

  async play(
    commands: CommandService,
    contextOf: (actor: DemoActor, at: string) => CommandContext,
    parallel = 10,
  ): Promise<PlayResult> {
    const due = this.steps.filter((step) => step.at <= this.until);
    due.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
    const result: PlayResult = {
      events: 0,
      writes: 0,
      skipped: this.steps.length - due.length,
      first: due[0]?.at ?? null,
      last: due.at(-1)?.at ?? null,
    };
    for (let start = 0; start < due.length;) {
      let end = start;
      while (end < due.length && due[end]!.at === due[start]!.at) end++;
      const streams = new Map<string, Step[]>();
      for (const step of due.slice(start, end)) {
        const list = streams.get(step.stream);
        if (list) list.push(step);
        else streams.set(step.stream, [step]);
      }
      await inParallel([...streams.values()], parallel, async (steps) => {
        for (let index = 0; index < steps.length;) {
          const step = steps[index]!;
          const context = contextOf(step.actor, step.at);
          if (step.kind === 'run') {
            result.events += await step.run(context);
            result.writes += 1;
            index++;
            continue;
          }
          // consecutive changes of one actor to this action at this moment: one append
          const batch: ActionCommand[] = [];
          while (index < steps.length) {
            const next = steps[index]!;
            if (next.kind !== 'action' || next.actor !== step.actor) break;
            batch.push(next.command);
            index++;
          }
          try {
            await commands.actionSteps(step.stream, batch, context);
          } catch (error) {
            const what = batch.map((command) => command.type).join(', ');
            throw new Error(
              `demo clock: ${what} on action ${step.stream} at ${step.at} refused: ${String(error)}`,
              {
                cause: error,
              },
            );
          }
          result.events += batch.length;
          result.writes += 1;
        }
      });
      start = end;
    }
    return result;
  }
}
