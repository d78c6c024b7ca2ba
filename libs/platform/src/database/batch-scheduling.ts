import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Linux's scheduling policies as /proc shows them (field 41 of /proc/<pid>/stat) */
export const SCHED_OTHER = 0;
export const SCHED_BATCH = 3;

/**
 * Puts PostgreSQL's processes under Linux's SCHED_BATCH policy (docs/operations.md "PostgreSQL on the api's
 * cores"): the same share of the cores as before, but a backend woken by a query no longer preempts the
 * process that sent it. Where the api and PostgreSQL share two cores, the api's main thread was switched out
 * about 600 times a second that way, each time in the middle of a command, a projection or a push. Processes
 * forked later (the backends of new connections) inherit the policy from the postmaster.
 *
 * `chrt` (util-linux) sets it: Node has no call for it. Changing one's own processes to SCHED_BATCH needs no
 * privilege. Best effort: on another system, or without `chrt`, nothing changes and the reason is answered.
 */
export async function scheduleAsBatch(
  pids: readonly number[],
): Promise<{ changed: number; failed: string | null }> {
  return setPolicy(pids, '--batch');
}

/** Back to the default policy (the benchmarks restore a system PostgreSQL they changed). */
export async function scheduleAsOther(
  pids: readonly number[],
): Promise<{ changed: number; failed: string | null }> {
  return setPolicy(pids, '--other');
}

async function setPolicy(
  pids: readonly number[],
  policy: '--batch' | '--other',
): Promise<{ changed: number; failed: string | null }> {
  if (process.platform !== 'linux') return { changed: 0, failed: `not Linux (${process.platform})` };
  let changed = 0;
  let failed: string | null = null;
  await Promise.all(
    pids.map(async (pid) => {
      try {
        await run('chrt', [policy, '--pid', '0', String(pid)], { timeout: 5_000 });
        changed++;
      } catch (error) {
        // a process that ended meanwhile (a backend whose connection closed) is no failure
        if (!(await isRunning(pid))) return;
        failed ??= error instanceof Error ? error.message.split('\n', 1)[0]! : String(error);
      }
    }),
  );
  return { changed, failed };
}

/** A process and every process it started (read from /proc). */
export async function processTree(rootPid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    // the command name sits in parentheses and may hold spaces: the fields after it are fixed
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(Number(entry), parent);
  }
  const tree = [rootPid];
  for (let index = 0; index < tree.length; index++) {
    for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
  }
  return tree;
}

/** The scheduling policy of a process (`SCHED_OTHER`, `SCHED_BATCH`, ...), or null when it is not known. */
export async function schedulingPolicy(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return null;
  const policy = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
  return Number.isInteger(policy) ? policy : null;
}

async function isRunning(pid: number): Promise<boolean> {
  return (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)) !== null;
}
