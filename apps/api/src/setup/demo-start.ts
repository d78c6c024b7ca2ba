import pg from 'pg';
import { readDemoSeedState } from '#identity';
import type { EmbeddedDatabase } from '#platform';

/** the advisory lock the process that writes the demo holds until the demo is written */
const DEMO_SEED_LOCK = 7_236_110_452;

/**
 * Before a demo start writes anything: takes the demo's lock on the database (a process already writing
 * the demo there is waited for, and its demo is then found complete), and redoes a demo that an earlier
 * start began and never finished (killed, machine down: the seed records its start and its end,
 * `IdentityStore.demoSeedState`). Nothing else can be in such a database (the api answers only after the
 * demo is written), so the embedded one is dropped, created empty and migrated again. An external
 * database (DATABASE_URL with DEMO=true) is never dropped: the start stops with what to do. `release`
 * ends the lock once the demo is written (or found complete).
 */
export async function prepareDemoStart(deps: {
  url: string;
  embedded: EmbeddedDatabase | null;
  migrate: () => Promise<void>;
  log: (line: string) => void;
}): Promise<{ release: () => Promise<void> }> {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: deps.url });
    await client.connect();
    let holding = false;
    try {
      await client.query('select pg_advisory_lock($1)', [DEMO_SEED_LOCK]);
      if ((await readDemoSeedState(client)) !== 'started') {
        holding = true;
        return { release: () => client.end() };
      }
      if (!deps.embedded) {
        throw new Error(
          'An earlier start was interrupted while it wrote the demo on this database (DATABASE_URL with ' +
            'DEMO=true), so its demo is incomplete. Drop and create the database to have the demo written ' +
            'again, or start without DEMO=true.',
        );
      }
      if (attempt > 1) throw new Error('the demo database was recreated and is still interrupted');
      deps.log(
        'an earlier first start was interrupted while it wrote the demo: the embedded database is created ' +
          'anew and the demo written again',
      );
    } finally {
      if (!holding) await client.end().catch(() => undefined);
    }
    await deps.embedded.recreateDatabase();
    await deps.migrate();
  }
}
