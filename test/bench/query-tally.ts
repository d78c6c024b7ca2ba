/**
 * Counts the SQL statements this process sends to PostgreSQL, by statement (its first words, whitespace
 * folded), while switched on: which of the api's queries a workload costs, per command. It wraps
 * `pg.Client.prototype.query`, so it sees every pool and client of the process (pg-pool sends through it).
 */
import pg from 'pg';

const tally = new Map<string, number>();
let on = false;
let installed = false;

function statementOf(config: unknown): string {
  const text =
    typeof config === 'string'
      ? config
      : typeof config === 'object' &&
          config !== null &&
          typeof (config as { text?: unknown }).text === 'string'
        ? (config as { text: string }).text
        : '(other)';
  return text.replace(/\s+/g, ' ').trim().slice(0, 90);
}

/** Starts counting (installs the wrapper the first time). */
export function startQueryTally(): void {
  if (!installed) {
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (on) {
        const key = statementOf(args[0]);
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      return original.apply(this, args);
    } as typeof pg.Client.prototype.query;
    installed = true;
  }
  tally.clear();
  on = true;
}

/** Stops counting; answers the statements, most frequent first. */
export function stopQueryTally(): { statement: string; count: number }[] {
  on = false;
  return [...tally].map(([statement, count]) => ({ statement, count })).sort((a, b) => b.count - a.count);
}
