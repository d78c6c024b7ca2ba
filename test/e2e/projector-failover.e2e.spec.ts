import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { PostgresEventStore, START, runEventStoreMigrations, type NewEvent } from '#event-store';
import { createProjectionRunner, readCheckpoints, runReadModelMigrations } from '#read-models';
import { ensureBuilt } from '../support/child-api.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const PROJECTOR = resolve('dist/apps/projector/src/main.js');
const TENANT = 'failover';
const ACTIONS = 100;
const NOTES_PER_ACTION = 400;

interface Projector {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function startProjector(databaseUrl: string, args: string[] = []): Projector {
  let output = '';
  const child = spawn(process.execPath, [PROJECTOR, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DEMO: 'false',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** waits for `predicate`; on a timeout, the error carries the end of what the projectors printed (`output`) */
const until = async (
  what: string,
  predicate: () => Promise<boolean> | boolean,
  timeoutMs: number,
  output?: () => string,
) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) {
      const printed = output ? `; the projector printed:\n${output().slice(-4000)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${printed}`);
    }
    await new Promise((wait) => setTimeout(wait, 20));
  }
};

/**
 * Issue 7: two projector processes elect one active runner per projection. The active one is killed with
 * SIGKILL in the middle of a rebuild; the other takes over within 10 s, and the read models end identical to a
 * clean rebuild of the same log, so no event was applied twice or lost.
 */
describe('projector failover', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let store: PostgresEventStore;
  const children: Projector[] = [];

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase('failover');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    store = new PostgresEventStore(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 8 });
    // a plan with 100 actions and 400 notes each: about 40,000 events
    let clock = Date.parse('2024-01-01T08:00:00Z');
    const meta = () => ({
      actorId: 'coordinator',
      tenantId: TENANT,
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date((clock += 1000)).toISOString(),
    });
    const event = (type: string, data: unknown): NewEvent => ({
      id: randomUUID(),
      type,
      data,
      metadata: meta(),
    });
    const planId = randomUUID();
    const themeId = randomUUID();
    await store.appendToStream(`plan-${planId}`, [
      event('PlanCreated', {
        planId,
        title: 'Failover',
        description: '',
        periodStart: '2021-01-01',
        periodEnd: '2025-12-31',
      }),
      event('ThemeAdded', { planId, themeId, code: '1', title: 'Thema', leadPartnerId: null }),
    ]);
    for (let a = 0; a < ACTIONS; a++) {
      const actionId = randomUUID();
      await store.appendToStream(`plan-${planId}`, [
        event('ActionPlaced', { planId, actionId, goalId: themeId, code: `1.${a + 1}` }),
      ]);
      const notes = Array.from({ length: NOTES_PER_ACTION }, (_, n) =>
        event('ActionNoteAdded', { actionId, noteId: randomUUID(), text: `nota ${n}`, correctsNoteId: null }),
      );
      await store.appendToStream(`action-${actionId}`, [
        event('ActionAdded', {
          actionId,
          planId,
          goalId: themeId,
          code: `1.${a + 1}`,
          title: `Actie ${a + 1}`,
          description: '',
          tags: [],
          citizenIdea: false,
        }),
        ...notes,
      ]);
    }
    // the read models are built once, as a running projector would have
    const runner = createProjectionRunner({ store, pool });
    await runner.catchUp();
  }, 180_000);

  afterAll(async () => {
    for (const projector of children) projector.child.kill('SIGKILL');
    await Promise.all(children.map((projector) => projector.exited));
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  const readModels = async (): Promise<Record<string, string>> => {
    const { rows: tables } = await pool.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_name like 'rm\\_%' order by 1`,
    );
    const snapshot: Record<string, string> = {};
    for (const { table_name: table } of tables) {
      const { rows } = await pool.query(`select * from "${table}"`);
      snapshot[table] = JSON.stringify(rows.map((row) => JSON.stringify(row)).sort());
    }
    return snapshot;
  };
  const head = async () => store.headPosition();
  const checkpoints = async () =>
    [...(await readCheckpoints(pool, ['action-history', 'action-list', 'plan-tree'])).values()].map(
      (c) => c.position,
    );

  it('hands the projections to the standby within 10 s of a SIGKILL mid-rebuild, and ends like a clean rebuild', async () => {
    // a retry starts clean: the projectors of a failed attempt would still hold the leases
    for (const earlier of children.splice(0)) {
      earlier.child.kill('SIGKILL');
      await earlier.exited;
    }
    const last = await head();
    const active = startProjector(db.url, ['--rebuild']);
    children.push(active);
    const started = Date.now();
    await until(
      'the first projector to be active',
      () => /active for/.test(active.output()),
      60_000,
      active.output,
    );
    console.log(`failover: the first projector was active after ${Date.now() - started} ms`);
    const standby = startProjector(db.url);
    children.push(standby);
    await until(
      'the second projector to stand by',
      () => /standing by/.test(standby.output()),
      60_000,
      standby.output,
    );

    // the rebuild truncated the read models and is replaying: kill it half-way. The action list's table is locked
    // from the moment the rebuild is seen under way (a quarter of the log), so that projection cannot finish
    // before the kill however fast the machine is (on an idle one the whole rebuild takes about 2 s); the lock
    // goes once the process is dead.
    await until(
      'the rebuild to be under way',
      // its first progress line (every 10,000 events of the 40,000) and a checkpoint between start and head
      async () =>
        /rebuild: \d+ of/.test(active.output()) &&
        (await checkpoints()).some((position) => position > START && position < last),
      60_000,
    ).catch((error: unknown) => {
      console.log(`first projector:\n${active.output()}\nsecond projector:\n${standby.output()}`);
      throw error;
    });
    const blocker = await pool.connect();
    let killedAt: number;
    let midway: string[];
    try {
      await blocker.query('begin');
      await blocker.query(`set local lock_timeout = '20s'`);
      // one table only (several, taken one after the other, can deadlock with the projector's batch)
      await blocker.query('lock table rm_actions in access exclusive mode');
      active.child.kill('SIGKILL');
      await active.exited;
      killedAt = Date.now();
      midway = await checkpoints();
    } finally {
      await blocker.query('rollback');
      blocker.release();
    }
    expect(midway.some((position) => position < last)).toBe(true);

    await until('the standby to take over', () => /active for/.test(standby.output()), 10_000);
    const tookOverAfter = Date.now() - killedAt;
    expect(tookOverAfter).toBeLessThan(10_000);
    await until(
      'the standby to finish',
      async () => (await checkpoints()).every((position) => position >= last),
      60_000,
    );
    const afterFailover = await readModels();

    // a clean rebuild of the same log, with nobody else running the projections
    standby.child.kill('SIGTERM');
    const code = await standby.exited;
    if (code !== 0) console.log(standby.output());
    expect(code).toBe(0);
    const clean = createProjectionRunner({ store, pool, election: true });
    const result = await clean.rebuild('all');
    expect(result.completed).toBe(true);
    const afterClean = await readModels();
    expect(Object.keys(afterFailover).length).toBeGreaterThan(5);
    for (const table of Object.keys(afterClean))
      expect({ table, rows: afterFailover[table] }).toEqual({ table, rows: afterClean[table] });
    const { rows } = await pool.query<{ n: string }>(`select count(*) as n from rm_action_history`);
    expect(Number(rows[0]!.n)).toBe(ACTIONS * (NOTES_PER_ACTION + 1));
    console.log(`failover: the standby took over ${tookOverAfter} ms after the SIGKILL`);
  }, 240_000);
});
