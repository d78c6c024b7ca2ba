/**
 * CPU time per process and for the whole machine over a phase of a benchmark, read from Linux's /proc (on
 * another system every figure is null): how many cores each process kept busy, and how busy the machine was.
 * A benchmark whose load generators run on the same machine as the server needs it to tell "the server is
 * slow" from "the machine has no core left".
 *
 * Processes are counted by pid (the api, the forked clients) or by command name (every `postgres` process, the
 * server's backends included). A process that exits inside the phase takes its time with it: the benchmarks
 * keep their connections open, so PostgreSQL's backends live through the phase.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** clock ticks per second of /proc's times (USER_HZ, 100 on every Linux seen; asked once) */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** user + system ticks of one process, or null when it is gone or /proc is not there */
function processTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name sits in parentheses and may hold spaces: the fields after it are fixed
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * How often the main thread of a process was switched out while it could still run (the scheduler gave its
 * core to another process: Linux's `nonvoluntary_ctxt_switches`), or null. A JavaScript process does all its
 * work on that thread, so each such switch delays whatever it was doing until it gets a core back.
 */
function preemptions(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8');
    const match = /^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** every process whose command name is `name` (e.g. every `postgres` process: the server and its backends) */
export function processesNamed(name: string): number[] {
  return [...ticksByName(name).keys()];
}

/** ticks per process of every process whose command name is `name` */
function ticksByName(name: string): Map<number, number> {
  const ticks = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return ticks;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== name) continue;
    } catch {
      continue;
    }
    const value = processTicks(Number(entry));
    if (value !== null) ticks.set(Number(entry), value);
  }
  return ticks;
}

interface MachineTicks {
  /** user + nice + system + irq + softirq + steal */
  busy: number;
  total: number;
  /** interrupt handling (network included), charged to no process */
  interrupts: number;
  /** time the hypervisor gave this virtual machine's cores to someone else */
  steal: number;
}

/** ticks of all cores together */
function machineTicks(): MachineTicks | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is inside user already)
    const at = (index: number): number => values[index] ?? 0;
    const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { busy: total - at(3) - at(4), total, interrupts: at(5) + at(6), steal: at(7) };
  } catch {
    return null;
  }
}

export interface CpuSample {
  at: number;
  pids: Record<string, number | undefined>;
  ticks: Record<string, number | null>;
  preempted: Record<string, number | null>;
  postgres: Map<number, number>;
  machine: MachineTicks | null;
}

export interface CpuUse {
  /** cores kept busy per named process over the phase (1.0 = one core all the time) */
  cores: Record<string, number | null>;
  /** per named process, how often a second its main thread was switched out while it could run */
  preemptedPerSecond: Record<string, number | null>;
  /** cores kept busy by every postgres process together */
  postgres: number | null;
  /** the machine's busy share of all its cores, 0..1 */
  machine: number | null;
  /** of all the cores' time, the share spent on interrupts and the share stolen by the hypervisor, 0..1 */
  interrupts: number | null;
  steal: number | null;
}

/** Takes a sample of the named processes (e.g. `{ api: process.pid, clients: child.pid }`), PostgreSQL and the machine. */
export function cpuSample(pids: Record<string, number | undefined>): CpuSample {
  const ticks: Record<string, number | null> = {};
  const preempted: Record<string, number | null> = {};
  for (const [name, pid] of Object.entries(pids)) {
    ticks[name] = pid === undefined ? null : processTicks(pid);
    preempted[name] = pid === undefined ? null : preemptions(pid);
  }
  return {
    at: performance.now(),
    pids,
    ticks,
    preempted,
    postgres: ticksByName('postgres'),
    machine: machineTicks(),
  };
}

/** What was used between `start` and now. */
export function cpuSince(start: CpuSample): CpuUse {
  const end = cpuSample(start.pids);
  const seconds = (end.at - start.at) / 1000;
  const cores: Record<string, number | null> = {};
  const preemptedPerSecond: Record<string, number | null> = {};
  for (const name of Object.keys(start.pids)) {
    const from = start.ticks[name];
    const to = end.ticks[name];
    cores[name] = from == null || to == null ? null : (to - from) / TICKS_PER_SECOND / seconds;
    const before = start.preempted[name];
    const after = end.preempted[name];
    preemptedPerSecond[name] = before == null || after == null ? null : (after - before) / seconds;
  }
  let postgres: number | null = null;
  if (end.postgres.size > 0) {
    let ticks = 0;
    // a backend that started inside the phase counts from zero
    for (const [pid, to] of end.postgres) ticks += to - (start.postgres.get(pid) ?? 0);
    postgres = ticks / TICKS_PER_SECOND / seconds;
  }
  const share = (field: keyof MachineTicks): number | null =>
    start.machine && end.machine && end.machine.total > start.machine.total
      ? (end.machine[field] - start.machine[field]) / (end.machine.total - start.machine.total)
      : null;
  return {
    cores,
    preemptedPerSecond,
    postgres,
    machine: share('busy'),
    interrupts: share('interrupts'),
    steal: share('steal'),
  };
}

/** "api 0.95, clients 0.61, postgres 0.30 cores; machine 97 % (...); api preempted 812/s" */
export function describeCpu(use: CpuUse): string {
  const parts = Object.entries(use.cores)
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .map(([name, cores]) => `${name} ${cores.toFixed(2)}`);
  if (use.postgres !== null) parts.push(`postgres ${use.postgres.toFixed(2)}`);
  if (parts.length === 0) return 'CPU not measured (no /proc)';
  const percent = (value: number | null): string => (value === null ? '?' : `${(value * 100).toFixed(0)} %`);
  const preempted = Object.entries(use.preemptedPerSecond)
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .map(([name, perSecond]) => `${name} ${perSecond.toFixed(0)}/s`);
  return (
    `${parts.join(', ')} cores; machine busy ${percent(use.machine)} ` +
    `(interrupts ${percent(use.interrupts)}, stolen by the hypervisor ${percent(use.steal)})` +
    (preempted.length > 0 ? `; main threads switched out while runnable: ${preempted.join(', ')}` : '')
  );
}
