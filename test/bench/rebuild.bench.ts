/**
 * Rebuild benchmark: how fast do the read models rebuild from the event log?
 *
 *   npx tsc -p tsconfig.build.json && node dist/test/bench/rebuild.bench.js
 *
 * PostgreSQL from DATABASE_URL, otherwise an embedded one under .data/bench-rebuild (kept between runs:
 * a second run reuses the generated events). Generates a realistic log of at least BENCH_EVENTS events
 * (default 200,000: one plan with themes and goals, ~2,000 actions, 50 partners, status / owner / partner /
 * note / signal / progress / due-date changes; or with BENCH_LOG=scale the multi-tenant log of bench:scale,
 * BENCH_TENANTS tenants), then times full rebuilds of every read model in one run, in the order ABBA
 * (BENCH_ROUNDS=2): as live processing applies (pages of BENCH_BATCH_SIZE, one transaction per page and
 * projection, indexes kept) and in rebuild mode (pages of BENCH_REBUILD_BATCH_SIZE, secondary indexes built
 * once at the end), each as a multiple of reading the log alone (read first and last). BENCH_BASELINE=<dist/
 * of an earlier build> takes the "as live" side from that build (the code before a change); with
 * BENCH_COMPARE=baseline that side is the other build's rebuild mode. The machine may be busy:
 * the ratios within one run are what compares.
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import {
  ACTION_STATUS_TRANSITIONS,
  actionStreamId,
  partnerStreamId,
  planStreamId,
  type ActionStatus,
  type DomainEvent,
} from '../../libs/domain/src/index.js';
import {
  PostgresEventStore,
  runEventStoreMigrations,
  type NewEvent,
} from '../../libs/event-store/src/index.js';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres.js';
import {
  createProjectionRunner,
  runReadModelMigrations,
  type RebuildResult,
} from '../../libs/read-models/src/index.js';
import { random, timeLogRead, timeRebuild, type TimedRebuild } from './rebuild-timing.js';
import { generateLog } from './scale-log.js';

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 2_000);
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 1_000);
const REBUILD_BATCH_SIZE = Number(process.env.BENCH_REBUILD_BATCH_SIZE ?? 5_000);
/** rounds of (as live, rebuild mode), alternating the order */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** 'plan': one tenant's plan (below); 'scale': the multi-tenant log of bench:scale (scale-log.ts) */
const LOG_SHAPE = process.env.BENCH_LOG === 'scale' ? 'scale' : 'plan';
/** BENCH_COMPARE=copy: compare rebuild mode with rebuild mode whose append-only rows are upserted (no COPY) */
const COMPARE_COPY = process.env.BENCH_COMPARE === 'copy';
/** BENCH_COMPARE=baseline with BENCH_BASELINE: compare rebuild mode with the rebuild mode of that other build */
const COMPARE_BASELINE = process.env.BENCH_COMPARE === 'baseline';
const OTHER_LABEL = COMPARE_COPY ? 'no copy' : COMPARE_BASELINE ? 'baseline' : 'as live';
const SCALE_TENANTS = Number(process.env.BENCH_TENANTS ?? 30);
const TENANT = 'bench-tenant';
const CONCURRENCY = 8;

async function main(): Promise<void> {
  const log = (line: string): void => console.log(line);
  let stopDatabase: (() => Promise<void>) | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const embedded = await startEmbeddedPostgres({ dataDir: '.data/bench-rebuild', database: 'bench' });
    url = embedded.url;
    stopDatabase = embedded.stop;
    log(`embedded PostgreSQL on port ${embedded.port} (.data/bench-rebuild)`);
  }
  await runEventStoreMigrations(url);
  await runReadModelMigrations(url);
  const store = new PostgresEventStore(url, { poolSize: CONCURRENCY + 2 });
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  try {
    const existing = Number((await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n);
    const reused = existing >= TARGET_EVENTS;
    if (reused) {
      log(`reusing the ${existing} events already in the store`);
    } else {
      if (existing > 0)
        throw new Error(
          `the database holds ${existing} events, fewer than ${TARGET_EVENTS}: use an empty one`,
        );
      const started = Date.now();
      const written =
        LOG_SHAPE === 'scale'
          ? (
              await generateLog(
                pool,
                {
                  events: TARGET_EVENTS,
                  tenants: SCALE_TENANTS,
                  actionsPerTenant: Number(process.env.BENCH_ACTIONS ?? 300),
                },
                log,
              )
            ).written
          : await generate(store, log);
      log(`generated ${written} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const total = Number((await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n);

    // before and after in one run, in the order ABBA (a warmer cache or a quieter machine favours neither):
    // the rebuild as live processing applies (pages of BATCH_SIZE, one transaction per page and projection,
    // indexes kept) and the rebuild mode (pages of REBUILD_BATCH_SIZE, pages without an event for a projection
    // committed with its next one, secondary indexes built once at the end); the log read alone first and last
    // BENCH_BASELINE: the dist/ of an earlier build (e.g. of main) whose default rebuild is the "as live" side
    const baseline = process.env.BENCH_BASELINE
      ? ((await import(`${process.env.BENCH_BASELINE}/libs/read-models/src/index.js`)) as {
          createProjectionRunner: typeof createProjectionRunner;
        })
      : null;
    if (COMPARE_BASELINE && !baseline) throw new Error('BENCH_COMPARE=baseline needs BENCH_BASELINE');
    if (baseline)
      log(
        `"${OTHER_LABEL}" is the rebuild${COMPARE_BASELINE ? ' in rebuild mode' : ''} of the build in ${process.env.BENCH_BASELINE}`,
      );
    // BENCH_COMPARE=copy: the other side is rebuild mode with its append-only rows upserted, not copied
    const asLive = COMPARE_COPY
      ? createProjectionRunner({
          pool,
          store,
          batchSize: BATCH_SIZE,
          rebuildBatchSize: REBUILD_BATCH_SIZE,
          rebuildCopy: false,
        })
      : COMPARE_BASELINE
        ? baseline!.createProjectionRunner({
            pool,
            store,
            batchSize: BATCH_SIZE,
            rebuildBatchSize: REBUILD_BATCH_SIZE,
          })
        : (baseline ?? { createProjectionRunner }).createProjectionRunner({
            pool,
            store,
            batchSize: BATCH_SIZE,
            rebuildAsLive: true,
          });
    const fast = createProjectionRunner({
      pool,
      store,
      batchSize: BATCH_SIZE,
      rebuildBatchSize: REBUILD_BATCH_SIZE,
    });
    const reads = [await timeLogRead(store, BATCH_SIZE, log)];
    const asLiveSeconds: number[] = [];
    const fastSeconds: number[] = [];
    const asLiveCpu: TimedRebuild['cpu'][] = [];
    const fastCpu: TimedRebuild['cpu'][] = [];
    let result: RebuildResult | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      const order =
        round % 2 === 0 ? (['as live', 'rebuild mode'] as const) : (['rebuild mode', 'as live'] as const);
      for (const mode of order) {
        const timed = await timeRebuild(mode === 'as live' ? asLive : fast, total, log, {
          label: mode === 'as live' ? OTHER_LABEL : mode,
        });
        (mode === 'as live' ? asLiveSeconds : fastSeconds).push(timed.seconds);
        (mode === 'as live' ? asLiveCpu : fastCpu).push(timed.cpu);
        if (mode === 'rebuild mode') result = timed.result;
      }
    }
    reads.push(await timeLogRead(store, BATCH_SIZE, log));
    const readSeconds = reads.reduce((sum, r) => sum + r.seconds, 0) / reads.length;
    const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
    const counts = await pool.query<{ actions: string; history: string }>(
      `select (select count(*) from rm_actions) as actions, (select count(*) from rm_action_history) as history`,
    );
    const version = (await pool.query<{ server_version: string }>('show server_version')).rows[0]!
      .server_version;
    const cpu = cpus();
    console.log('');
    console.log('rebuild of all read models');
    console.log(`  projections  ${result!.projections.join(', ')}`);
    console.log(`  events       ${result!.events}`);
    console.log(`  read models  ${counts.rows[0]!.actions} actions, ${counts.rows[0]!.history} history rows`);
    console.log(
      `  log          ${reused ? 'reused from the database' : LOG_SHAPE === 'scale' ? `multi-tenant (scale-log.ts, ${SCALE_TENANTS} tenants)` : 'one tenant, one plan'}`,
    );
    console.log(`  read alone   ${reads.map((r) => `${r.seconds.toFixed(2)} s`).join(', ')} (first, last)`);
    const meanOf = (values: Array<number | null>): string =>
      values.some((value) => value === null) ? '?' : mean(values as number[]).toFixed(1);
    const line = (name: string, seconds: number[], used: TimedRebuild['cpu'][]): void =>
      console.log(
        `  ${name.padEnd(12)} ${seconds.map((v) => `${v.toFixed(2)} s`).join(', ')}; mean ${mean(seconds).toFixed(2)} s, ` +
          `${Math.round(total / mean(seconds))} events/s, ${(mean(seconds) / readSeconds).toFixed(1)}x the read alone; ` +
          `CPU (mean) node ${meanOf(used.map((c) => c.node))} s, postgres ${meanOf(used.map((c) => c.postgres))} s`,
      );
    line(OTHER_LABEL, asLiveSeconds, asLiveCpu);
    line(`rebuild mode`, fastSeconds, fastCpu);
    console.log(
      COMPARE_COPY
        ? `  batch size   ${REBUILD_BATCH_SIZE} (both in rebuild mode; "no copy" upserts the append-only rows)`
        : COMPARE_BASELINE
          ? `  batch size   ${REBUILD_BATCH_SIZE} (both in rebuild mode; "baseline" is the build in ${process.env.BENCH_BASELINE})`
          : `  batch size   ${BATCH_SIZE} as live, ${REBUILD_BATCH_SIZE} in rebuild mode`,
    );
    console.log(
      `  speed-up     ${(mean(asLiveSeconds) / mean(fastSeconds)).toFixed(2)}x (mean ${OTHER_LABEL} / mean rebuild mode)`,
    );
    console.log(
      `  machine      ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    );
    console.log(
      `  software     node ${process.version}, PostgreSQL ${version}${process.env.DATABASE_URL ? '' : ' (embedded)'}`,
    );
    console.log(`  date         ${new Date().toISOString()}`);
  } finally {
    await store.close();
    await pool.end();
    await stopDatabase?.();
  }
}

/** Writes the log: partners, the plan, then the actions' lives in rounds so that streams interleave. */
async function generate(store: PostgresEventStore, log: (line: string) => void): Promise<number> {
  const rnd = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  let clock = Date.parse('2025-01-06T08:00:00.000Z');
  let written = 0;
  const actor = Array.from({ length: 20 }, (_, i) => `user-${i}`);
  const toNew = (event: DomainEvent): NewEvent => {
    clock += 7_000;
    return {
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata: {
        actorId: pick(actor),
        tenantId: TENANT,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: new Date(clock).toISOString(),
        ...(rnd() < 0.2 ? { meetingId: `meeting-${Math.floor(rnd() * 40)}` } : {}),
      },
    };
  };
  const append = async (stream: string, events: DomainEvent[]): Promise<void> => {
    if (events.length === 0) return;
    await store.appendToStream(stream, events.map(toNew), 'any');
    written += events.length;
  };
  const parallel = async (jobs: (() => Promise<void>)[]): Promise<void> => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) await jobs[next++]!();
      }),
    );
  };

  const partners = Array.from({ length: 50 }, (_, i) => `partner-${i}`);
  await parallel(
    partners.map(
      (partnerId, i) => () =>
        append(partnerStreamId(partnerId), [
          {
            type: 'PartnerRegistered',
            data: {
              partnerId,
              name: `Organisation ${i}`,
              kind: pick(['city', 'non_profit', 'public_body'] as const),
            },
          },
        ]),
    ),
  );

  const planId = 'plan-bench';
  const goals: string[] = [];
  const planEvents: DomainEvent[] = [
    {
      type: 'PlanCreated',
      data: {
        planId,
        title: 'Lokaal sociaal beleidsplan',
        description: 'Benchmark plan',
        periodStart: '2025-01-01',
        periodEnd: '2030-12-31',
      },
    },
  ];
  for (let t = 1; t <= 8; t++) {
    const themeId = `theme-${t}`;
    planEvents.push({
      type: 'ThemeAdded',
      data: { planId, themeId, code: `${t}`, title: `Theme ${t}`, leadPartnerId: pick(partners) },
    });
    for (let g = 1; g <= 5; g++) {
      const goalId = `goal-${t}.${g}`;
      planEvents.push({
        type: 'GoalAdded',
        data: { planId, goalId, parentId: themeId, code: `${t}.${g}`, title: `Goal ${t}.${g}` },
      });
      goals.push(goalId);
      for (let s = 1; s <= 2; s++) {
        const subId = `goal-${t}.${g}.${s}`;
        planEvents.push({
          type: 'GoalAdded',
          data: {
            planId,
            goalId: subId,
            parentId: goalId,
            code: `${t}.${g}.${s}`,
            title: `Sub-goal ${t}.${g}.${s}`,
          },
        });
        goals.push(subId);
      }
    }
  }
  await append(planStreamId(planId), planEvents);

  interface Life {
    id: string;
    status: ActionStatus;
    owner: string | null;
    partners: string[];
    progress: number | null;
    due: string | null;
    title: string;
    tags: string[];
  }
  const lives: Life[] = Array.from({ length: ACTIONS }, (_, i) => ({
    id: `action-${String(i).padStart(5, '0')}`,
    status: 'not_started',
    owner: null,
    partners: [],
    progress: null,
    due: null,
    title: `Action ${i}`,
    tags: [],
  }));
  // placement in the plan stream (in chunks), then ActionAdded in each action's stream
  const placements = lives.map((life, i) => {
    const goalId = goals[i % goals.length]!;
    return { life, goalId, code: `${goalId.slice(5)}.${Math.floor(i / goals.length) + 1}` };
  });
  for (let i = 0; i < placements.length; i += 200) {
    await append(
      planStreamId(planId),
      placements.slice(i, i + 200).map(({ life, goalId, code }) => ({
        type: 'ActionPlaced',
        data: { planId, actionId: life.id, goalId, code },
      })),
    );
  }
  await parallel(
    placements.map(
      ({ life, goalId, code }) =>
        () =>
          append(actionStreamId(life.id), [
            {
              type: 'ActionAdded',
              data: {
                actionId: life.id,
                planId,
                goalId,
                code,
                title: life.title,
                description: `What action ${life.id} is about, in a few sentences of plain text for the search.`,
                tags: rnd() < 0.5 ? ['armoede'] : [],
                citizenIdea: rnd() < 0.1,
              },
            },
          ]),
    ),
  );

  const change = (life: Life): DomainEvent => {
    const actionId = life.id;
    const roll = rnd();
    if (roll < 0.12) {
      const to = pick(ACTION_STATUS_TRANSITIONS[life.status]);
      const event: DomainEvent = {
        type: 'ActionStatusChanged',
        data: {
          actionId,
          from: life.status,
          to,
          reason: rnd() < 0.3 ? 'decided in the working group' : null,
        },
      };
      life.status = to;
      return event;
    }
    if (roll < 0.2) {
      const to = pick(partners.filter((p) => p !== life.owner));
      const event: DomainEvent = { type: 'ActionOwnerChanged', data: { actionId, from: life.owner, to } };
      life.owner = to;
      return event;
    }
    if (roll < 0.3) {
      if (life.partners.length > 3 || (life.partners.length > 0 && rnd() < 0.3)) {
        const partnerId = pick(life.partners);
        life.partners = life.partners.filter((p) => p !== partnerId);
        return { type: 'ActionPartnerRemoved', data: { actionId, partnerId } };
      }
      const partnerId = pick(partners.filter((p) => !life.partners.includes(p)));
      life.partners.push(partnerId);
      return { type: 'ActionPartnerAdded', data: { actionId, partnerId } };
    }
    if (roll < 0.55) {
      return {
        type: 'ActionNoteAdded',
        data: {
          actionId,
          noteId: randomUUID(),
          text: `Meeting note ${Math.floor(rnd() * 1e6)}: discussed progress and next steps.`,
          correctsNoteId: null,
        },
      };
    }
    if (roll < 0.7) {
      const to = Math.min(100, (life.progress ?? 0) + Math.ceil(rnd() * 10));
      const event: DomainEvent = {
        type: 'ActionProgressReported',
        data: { actionId, from: life.progress, to, comment: rnd() < 0.5 ? 'on track' : null },
      };
      life.progress = to;
      return event;
    }
    if (roll < 0.78) {
      const to = `202${5 + Math.floor(rnd() * 5)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      const event: DomainEvent = { type: 'ActionDueDateChanged', data: { actionId, from: life.due, to } };
      life.due = to;
      return event;
    }
    if (roll < 0.9) {
      return {
        type: 'ActionSignalRecorded',
        data: {
          actionId,
          signalId: randomUUID(),
          partnerId: rnd() < 0.7 ? pick(partners) : null,
          source: 'adviesraad',
          text: 'A signal from the field',
          urgency: pick(['low', 'normal', 'high'] as const),
        },
      };
    }
    if (roll < 0.95) {
      const to = `${life.title.split(' (')[0]} (rev ${Math.floor(rnd() * 100)})`;
      const event: DomainEvent = { type: 'ActionTitleChanged', data: { actionId, from: life.title, to } };
      life.title = to;
      return event;
    }
    const to = rnd() < 0.5 ? ['armoede', 'wonen'] : ['jongeren'];
    const event: DomainEvent = { type: 'ActionTagsChanged', data: { actionId, from: life.tags, to } };
    life.tags = to;
    return event;
  };

  const perAction = Math.ceil((TARGET_EVENTS - written) / ACTIONS);
  const rounds = 5;
  for (let round = 0; round < rounds; round++) {
    const count = Math.ceil(perAction / rounds);
    await parallel(
      lives.map(
        (life) => () =>
          append(
            actionStreamId(life.id),
            Array.from({ length: count }, () => change(life)),
          ),
      ),
    );
    log(`  round ${round + 1}/${rounds}: ${written} events`);
  }
  return written;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
