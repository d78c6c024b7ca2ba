/**
 * History benchmark: GET /api/actions/:id/history answers from the action-history read model. How long does
 * reading the history of one action with 1,000 events take, as the API reads it (getActionHistory, with
 * actor names)? And, for comparison, the raw event stream (readStream)?
 *
 *   npm run bench:history
 *
 * PostgreSQL from DATABASE_URL, otherwise an embedded one under .data/bench-history (thrown away).
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { actionStreamId } from '../../libs/domain/src/index.js';
import {
  PostgresEventStore,
  runEventStoreMigrations,
  type NewEvent,
} from '../../libs/event-store/src/index.js';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres.js';
import {
  createProjectionRunner,
  getActionHistory,
  resolveActorNamesFromUsers,
  runReadModelMigrations,
} from '../../libs/read-models/src/index.js';

const EVENTS = 1_000;
const READS = 200;
const TENANT = 'bench';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  if (!url) {
    await rm('.data/bench-history', { recursive: true, force: true });
    const embedded = await startEmbeddedPostgres({ dataDir: '.data/bench-history', database: 'bench' });
    url = embedded.url;
    stop = embedded.stop;
  }
  await runEventStoreMigrations(url);
  await runReadModelMigrations(url);
  const store = new PostgresEventStore(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const actionId = randomUUID();
  // a handful of people edit an action over the years
  const actors = Array.from({ length: 6 }, () => randomUUID());
  let turn = 0;
  const metadata = () => ({
    actorId: actors[turn++ % actors.length]!,
    tenantId: TENANT,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
  });
  const events: NewEvent[] = [
    {
      id: randomUUID(),
      type: 'ActionAdded',
      data: {
        actionId,
        planId: randomUUID(),
        goalId: randomUUID(),
        code: '3.4.1',
        title: 'Housing First',
        description: '',
        tags: [],
        citizenIdea: false,
      },
      metadata: metadata(),
    },
  ];
  for (let i = 1; i < EVENTS; i++) {
    events.push(
      i % 2 === 0
        ? {
            id: randomUUID(),
            type: 'ActionNoteAdded',
            data: {
              actionId,
              noteId: randomUUID(),
              text: `Notitie ${i} van de werkgroep`,
              correctsNoteId: null,
            },
            metadata: metadata(),
          }
        : {
            id: randomUUID(),
            type: 'ActionProgressReported',
            data: { actionId, from: null, to: i % 101, comment: null },
            metadata: metadata(),
          },
    );
  }
  for (let i = 0; i < events.length; i += 100)
    await store.appendToStream(actionStreamId(actionId), events.slice(i, i + 100), 'any');
  const runner = createProjectionRunner({ store, pool });
  await runner.catchUp();
  await runner.stop();

  const names = resolveActorNamesFromUsers(pool);
  const time = async (read: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < READS; i++) {
      const started = performance.now();
      await read();
      samples.push(performance.now() - started);
    }
    return samples.sort((a, b) => a - b);
  };
  const history = await getActionHistory(pool, TENANT, actionId, names);
  if (history?.items.length !== EVENTS)
    throw new Error(`expected ${EVENTS} history items, got ${history?.items.length}`);
  const api = await time(() => getActionHistory(pool, TENANT, actionId, names));
  const raw = await time(() => store.readStream(actionStreamId(actionId)));
  // what the route sends: the read, then the JSON body (express res.json = JSON.stringify)
  const served = await time(async () =>
    JSON.stringify(await getActionHistory(pool, TENANT, actionId, names)),
  );
  // the same body with the stored JSON columns passed through as text, never parsed (the upper bound of what
  // JSON.rawJSON was hoped to give; JSON.rawJSON itself only takes primitives, see below)
  const passThrough = await time(async () => {
    const { rows } = await pool.query<{ head: string; changes: string; data: string }>(
      `select json_build_object('position', position, 'version', version, 'type', type,
                'occurredAt', occurred_at, 'actorId', actor_id, 'summary',
                json_build_object('nl', summary_nl, 'en', summary_en))::text as head,
              changes::text as changes, data::text as data
         from rm_action_history where tenant_id = $1 and action_id = $2 order by version, position`,
      [TENANT, actionId],
    );
    const items = rows.map((row) => `${row.head.slice(0, -1)},"changes":${row.changes},"data":${row.data}}`);
    return `{"actionId":${JSON.stringify(actionId)},"items":[${items.join(',')}]}`;
  });
  const rawJson = (JSON as { rawJSON?: (text: string) => unknown }).rawJSON;
  let rawJsonObjects = 'not available on this Node';
  if (rawJson) {
    try {
      JSON.stringify({ data: rawJson('{"actionId":"a"}') });
      rawJsonObjects = 'accepts an object';
    } catch (error) {
      rawJsonObjects = `refuses an object (${(error as Error).message})`;
    }
  }

  console.log(`## History of one action with ${EVENTS} events (${new Date().toISOString()})\n`);
  console.log(
    `- machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  );
  console.log(
    `- getActionHistory (what GET /api/actions/:id/history runs), ${READS} reads: p50 ${percentile(api, 50).toFixed(1)} ms, p95 ${percentile(api, 95).toFixed(1)} ms`,
  );
  console.log(
    `- readStream (the raw events), ${READS} reads: p50 ${percentile(raw, 50).toFixed(1)} ms, p95 ${percentile(raw, 95).toFixed(1)} ms`,
  );
  console.log(
    `- served (the read + JSON.stringify, what the route sends): p50 ${percentile(served, 50).toFixed(1)} ms, p95 ${percentile(served, 95).toFixed(1)} ms`,
  );
  console.log(
    `- the same body with the stored JSON passed through as text (no parse, no stringify of it): p50 ${percentile(passThrough, 50).toFixed(1)} ms, p95 ${percentile(passThrough, 95).toFixed(1)} ms`,
  );
  console.log(`- node ${process.version}: JSON.rawJSON ${rawJsonObjects}`);
  console.log(
    `- target: under 20 ms: ${percentile(api, 95) < 20 ? 'met' : 'NOT met'} (p95 of the API's query)`,
  );
  await store.close();
  await pool.end();
  await stop?.();
}

await main();
