/**
 * The timing both rebuild benchmarks share (`rebuild.bench.ts`, `scale.bench.ts`): read the whole log alone
 * with the rebuild reader's page size, then rebuild every read model with a runner, reporting progress every
 * 10 %, and relate the two (the rebuild as a multiple of the read alone: a ratio that holds on a busy machine,
 * where absolute events/s do not). Also the seeded random numbers both log generators use (`scale-log.ts`,
 * `rebuild.bench.ts`), so every run generates the same log.
 */
import { performance } from 'node:perf_hooks';
import { cpuSample, cpuSince } from './cpu-usage.js';
import { START, type EventStore, type Position } from '../../libs/event-store/src/index.js';
import type { ProjectionRunner, RebuildResult } from '../../libs/read-models/src/index.js';

/** deterministic pseudo-random numbers (mulberry32) */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LogRead {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/** Reads the whole log page by page, as the rebuild's reader does, and does nothing else with it. */
export async function timeLogRead(
  store: EventStore,
  pageSize: number,
  log: (line: string) => void,
): Promise<LogRead> {
  const started = performance.now();
  let from: Position = START;
  let events = 0;
  for (;;) {
    const page = await store.readAll(from, pageSize);
    if (page.events.length === 0) break;
    events += page.events.length;
    from = page.position;
  }
  const seconds = (performance.now() - started) / 1000;
  const eventsPerSecond = Math.round(events / seconds);
  log(`read the log alone: ${events} events in ${seconds.toFixed(1)} s (${eventsPerSecond} events/s)`);
  return { events, seconds, eventsPerSecond };
}

export interface TimedRebuild {
  result: RebuildResult;
  seconds: number;
  /** the rebuild's time as a multiple of `read` (when given) */
  ratio: number | null;
  /**
   * CPU seconds used meanwhile by this process and by every `postgres` process alive at the end (a backend
   * that ended meanwhile is not counted); null without /proc
   */
  cpu: { node: number | null; postgres: number | null };
}

/** Rebuilds every read model with `runner`, logs progress every 10 % and the result (with the ratio to `read`). */
export async function timeRebuild(
  runner: ProjectionRunner,
  total: number,
  log: (line: string) => void,
  options: { label?: string; read?: LogRead } = {},
): Promise<TimedRebuild> {
  const label = options.label ? `rebuild (${options.label})` : 'rebuild';
  const cpuStart = cpuSample({ node: process.pid });
  let nextReport = 0.1;
  const result = await runner.rebuild('all', (progress) => {
    const share = progress.done / (progress.total ?? total);
    if (share >= nextReport) {
      log(
        `  ${label} ${Math.round(share * 100)}%  ${progress.done} / ${progress.total ?? total} events  ${(progress.elapsedMs / 1000).toFixed(1)} s`,
      );
      nextReport += 0.1;
    }
  });
  const seconds = result.elapsedMs / 1000;
  const used = cpuSince(cpuStart);
  // CPU seconds over the rebuild (this process, and every postgres process of the machine)
  const cpu = {
    node: used.cores.node === null || used.cores.node === undefined ? null : used.cores.node * seconds,
    postgres: used.postgres === null ? null : used.postgres * seconds,
  };
  const ratio = options.read ? seconds / options.read.seconds : null;
  log(
    `${label} of all read models: ${result.events} events in ${seconds.toFixed(1)} s (${result.eventsPerSecond} events/s)` +
      (ratio === null ? '' : `, ${ratio.toFixed(1)}x the read alone`) +
      (cpu.node === null ? '' : `; CPU: node ${cpu.node.toFixed(1)} s`) +
      (cpu.postgres === null ? '' : `, postgres ${cpu.postgres.toFixed(1)} s`),
  );
  return { result, seconds, ratio, cpu };
}
