/**
 * Live channels benchmark (issue 4): 100, 500 and 1,000 connected clients in working-group rooms while
 * commands arrive at a steady 50 a second over HTTP. Latency from each command's HTTP response to each
 * client's receipt of its push (p50/p95/p99); in the same run, as the floor, a bare socket.io server in this
 * process broadcasting a payload of the same size to the same rooms at the same rate; and the api process's
 * memory per connected client.
 *
 *   npm run bench:live            (BENCH_LIVE_SECONDS=10 BENCH_LIVE_RATE=50 BENCH_LIVE_CLIENTS=100,500,1000)
 *   BENCH_LIVE_PROJECTOR=process  the projections in their own process (apps/projector) instead of the api's
 *   BENCH_LIVE_SOCKETS=process    the clients connect to a second api process that serves the live channels
 *                                 only (EMBEDDED_PROJECTOR=false, the built api), the commands go to the first
 *   BENCH_LIVE_SENDER=inline      the commands sent from this process, on the api's event loop (before
 *                                 2026-11-29 23:30 UTC always so); by default a forked process sends them
 *
 * PostgreSQL from DATABASE_URL, otherwise an embedded one under .data/bench-live (thrown away). Clients run in
 * a forked process, so their sockets do not count in the server's memory.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import { systemContext } from '../../libs/commands/src/index.js';
import { startApi, type RunningApp } from '../../apps/api/src/bootstrap.js';
import { LiveHub } from '../../apps/api/src/realtime/live-hub.js';
import { startChildApi, type ChildApi } from '../support/child-api.js';
import {
  SCHED_BATCH,
  SCHED_OTHER,
  scheduleAsBatch,
  scheduleAsOther,
  schedulingPolicy,
} from '../../libs/platform/src/database/batch-scheduling.js';
import { cpuSample, cpuSince, describeCpu, processesNamed, type CpuUse } from './cpu-usage.js';
import { startQueryTally, stopQueryTally } from './query-tally.js';

const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_LIVE_RATE ?? 50);
const LEVELS = (process.env.BENCH_LIVE_CLIENTS ?? '100,500,1000').split(',').map(Number);
/**
 * How long the clients stay connected before the commands start (ms). Right after 1,000 clients connect and
 * subscribe, the api's pushes ran 60-180 ms late for about a second and a half (2026-11-30, with a 500 ms wait):
 * a transient the raw broadcast, measured after ours on connections long open, never meets. The default
 * measures both on settled connections; `BENCH_LIVE_SETTLE_MS=500` shows the transient.
 */
const SETTLE_MS = Number(process.env.BENCH_LIVE_SETTLE_MS ?? 3000);
const GROUPS = 10;
const ACTIONS_PER_GROUP = 5;
const MEMBERS_PER_GROUP = 2;
const TENANT = 'bench-live';
const PASSWORD = 'bench live password';
/** BENCH_LIVE_PROJECTOR=process: the projections run in their own process (apps/projector), not in the api's */
const PROJECTOR_PROCESS = process.env.BENCH_LIVE_PROJECTOR === 'process';
/**
 * the commands' HTTP client in its own forked process (default): the api runs in this process, and a client
 * sending 50 requests a second on its event loop delays the pushes, which the raw floor does not pay
 */
const SENDER_INLINE = process.env.BENCH_LIVE_SENDER === 'inline';
/**
 * BENCH_LIVE_SOCKETS=process: the deployment of docs/scaling.md with an api process for the live channels (it
 * tails the log for its sockets, like every api process) apart from the one that serves the commands
 */
const SOCKETS_PROCESS = process.env.BENCH_LIVE_SOCKETS === 'process';
/**
 * BENCH_LIVE_PROFILE=<dir>: a CPU profile of this process (the api, and the raw server while it runs) over each
 * level's pushes, written as <dir>/live-<clients>.cpuprofile (open it in Chrome's DevTools)
 */
const PROFILE_DIR = process.env.BENCH_LIVE_PROFILE ?? null;
/**
 * BENCH_LIVE_PG_SCHED=batch|other: every `postgres` process on the machine under that CPU scheduling policy for
 * the run (docs/operations.md "PostgreSQL on the api's cores"). The embedded PostgreSQL runs under SCHED_BATCH
 * already; at the end every `postgres` process still running gets back the policy it had before the run (one
 * started during the run, the policy most of them had).
 */
const PG_SCHED = process.env.BENCH_LIVE_PG_SCHED ?? null;
/** BENCH_LIVE_QUERIES=1: the SQL statements the api's process sent during each level's pushes, per command */
const COUNT_QUERIES = process.env.BENCH_LIVE_QUERIES === '1';

/** starts the V8 profiler in this process; the answer stops it and writes the profile */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(profile));
    console.log(`CPU profile of the pushes: ${file}`);
  };
}

const now = (): number => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

interface Seeded {
  coordinatorToken: string;
  /** per group: its room, its actions, its members' tokens */
  groups: { room: string; actions: string[]; tokens: string[] }[];
}

async function seed(api: RunningApp): Promise<Seeded> {
  const { commands, userAdmin } = api.runtime;
  const context = systemContext(TENANT);
  await userAdmin.createTenant(TENANT, 'Benchstad', false, context);
  const planId = randomUUID();
  await commands.plan(
    planId,
    {
      type: 'CreatePlan',
      data: { planId, title: 'Bench', description: '', periodStart: '2021-01-01', periodEnd: '2025-12-31' },
    },
    context,
  );
  const login = async (email: string): Promise<string> => {
    const response = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  await userAdmin.register(
    {
      email: 'coordinator@bench.test',
      name: 'Coördinator',
      role: 'coordinator',
      partnerId: null,
      password: PASSWORD,
    },
    context,
  );
  const groups: Seeded['groups'] = [];
  let last = '';
  for (let g = 0; g < GROUPS; g++) {
    const themeId = randomUUID();
    const goalId = randomUUID();
    await commands.plan(
      planId,
      {
        type: 'AddTheme',
        data: { planId, themeId, code: `${g + 1}`, title: `Thema ${g + 1}`, leadPartnerId: null },
      },
      context,
    );
    await commands.plan(
      planId,
      {
        type: 'AddGoal',
        data: { planId, goalId, parentId: themeId, code: `${g + 1}.1`, title: `Doel ${g + 1}.1` },
      },
      context,
    );
    const actions: string[] = [];
    for (let a = 0; a < ACTIONS_PER_GROUP; a++) {
      const actionId = randomUUID();
      last = (
        await commands.addAction(
          planId,
          {
            actionId,
            planId,
            goalId,
            code: `${g + 1}.1.${a + 1}`,
            title: `Actie ${g + 1}.1.${a + 1}`,
            description: '',
            tags: [],
            citizenIdea: false,
          },
          context,
        )
      ).position;
      actions.push(actionId);
    }
    const workingGroupId = randomUUID();
    await commands.workingGroup(
      workingGroupId,
      {
        type: 'CreateWorkingGroup',
        data: {
          workingGroupId,
          planId,
          name: `Werkgroep ${g + 1}`,
          description: '',
          scope: { themeIds: [themeId], actionIds: [] },
        },
      },
      context,
    );
    const tokens: string[] = [];
    for (let m = 0; m < MEMBERS_PER_GROUP; m++) {
      const email = `member-${g}-${m}@bench.test`;
      const user = await userAdmin.register(
        { email, name: `Lid ${g}-${m}`, role: 'member', partnerId: null, password: PASSWORD },
        context,
      );
      last = (
        await commands.workingGroup(
          workingGroupId,
          { type: 'AddWorkingGroupMember', data: { workingGroupId, userId: user.id, role: 'member' } },
          context,
        )
      ).position;
      tokens.push(await login(email));
    }
    groups.push({ room: `working-group:${workingGroupId}`, actions, tokens });
  }
  const coordinatorToken = await login('coordinator@bench.test');
  // the projections caught up with everything the seed wrote (the logins too), so no level inherits a backlog
  const head = await api.runtime.store.headPosition();
  await api.runtime.runner.waitForPosition(head > last ? head : last, { timeoutMs: 60_000 });
  return { coordinatorToken, groups };
}

class Clients {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<string, (message: Record<string, unknown>) => void>();

  constructor(module = './live-clients.js') {
    this.child = fork(fileURLToPath(new URL(module, import.meta.url)), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--max-old-space-size=4096'],
    });
    this.child.on('message', (message: { type: string }) => {
      const waiter = this.waiting.get(message.type);
      this.waiting.delete(message.type);
      waiter?.(message);
    });
  }

  request(
    type: string,
    answer: string,
    body: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      this.waiting.set(answer, resolve);
      this.waiting.set('failed', (message) => reject(new Error(String(message.error))));
      this.child.send({ type, ...body });
    });
  }

  ready(): Promise<unknown> {
    return new Promise((resolve) => this.waiting.set('hello', resolve));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  exit(): void {
    this.child.send({ type: 'exit' });
  }
}

interface Result {
  clients: number;
  messages: number;
  deliveries: number;
  expected: number;
  p50: number;
  p95: number;
  p99: number;
}

function summarise(
  clients: number,
  sent: Map<string, { at: number; recipients: number }>,
  received: [string, number[]][],
): Result {
  const latencies: number[] = [];
  let expected = 0;
  for (const { recipients } of sent.values()) expected += recipients;
  for (const [key, times] of received) {
    const origin = sent.get(key);
    if (!origin) continue;
    for (const at of times) latencies.push(at - origin.at);
  }
  latencies.sort((a, b) => a - b);
  return {
    clients,
    messages: sent.size,
    deliveries: latencies.length,
    expected,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** Sends `count` messages at RATE a second; `send` answers the message's key and when it counts as sent. */
async function steady(
  count: number,
  send: (index: number) => Promise<{ key: string; at: number; recipients: number }>,
) {
  const sent = new Map<string, { at: number; recipients: number }>();
  const inFlight: Promise<void>[] = [];
  const start = now();
  for (let index = 0; index < count; index++) {
    const due = start + (index * 1000) / RATE;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(index).then(({ key, at, recipients }) => {
        sent.set(key, { at, recipients });
      }),
    );
  }
  await Promise.all(inFlight);
  return sent;
}

async function main(): Promise<void> {
  await rm('.data/bench-live', { recursive: true, force: true });
  // every PostgreSQL on the machine (this run's, and any other) gets back the policy each of its processes had
  // before the run (a backend started since: the one most had); the embedded one has stopped by then
  const pgBefore =
    PG_SCHED === 'batch' || PG_SCHED === 'other' ? await policiesOf(processesNamed('postgres')) : null;
  const api = await startApi({
    databaseUrl: process.env.DATABASE_URL ?? null,
    dataDir: '.data/bench-live',
    port: 0,
    host: '127.0.0.1',
    demo: false,
    logLevel: 'warn',
    rateLimitPerMinute: 1_000_000,
    embeddedProjector: !PROJECTOR_PROCESS,
  });
  if (PG_SCHED === 'batch' || PG_SCHED === 'other') {
    const { changed, failed } = await (PG_SCHED === 'batch' ? scheduleAsBatch : scheduleAsOther)(
      processesNamed('postgres'),
    );
    console.log(
      `PostgreSQL's processes set to ${PG_SCHED}: ${changed}${failed ? ` (failed: ${failed})` : ''}`,
    );
  }
  const pgPolicies = await Promise.all(processesNamed('postgres').map(schedulingPolicy));
  const pgBatch = pgPolicies.filter((policy) => policy === SCHED_BATCH).length;
  const projector = PROJECTOR_PROCESS
    ? spawn(process.execPath, ['dist/apps/projector/src/main.js'], {
        // the same data directory: the same generated secrets (the personal-data master key above all; without
        // it the projector cannot decrypt a single event)
        env: {
          ...process.env,
          DATABASE_URL: api.databaseUrl,
          LOG_LEVEL: 'warn',
          DATA_DIR: '.data/bench-live',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      })
    : null;
  const raw = new Server({ transports: ['websocket'] });
  raw.on('connection', (socket) => {
    socket.on('join', (room: string, ack: () => void) => {
      void socket.join(room);
      ack();
    });
  });
  raw.listen(0);
  const rawPort = (raw.httpServer?.address() as { port: number } | null)?.port;
  let sockets: ChildApi | null = null;
  const clients = new Clients();
  const sender = SENDER_INLINE ? null : new Clients('./live-sender.js');
  // both say hello as soon as they run: listen for both at once
  await Promise.all([clients.ready(), sender?.ready()]);
  try {
    const seeded = await seed(api);
    // started after the seed: it learns the tenant's groups as it starts (and on its periodic refresh)
    sockets = SOCKETS_PROCESS
      ? await startChildApi({
          DATABASE_URL: api.databaseUrl,
          JWT_SECRET: api.runtime.jwtSecret,
          EMBEDDED_PROJECTOR: 'false',
          DEMO: 'false',
          // the same data directory: the same generated secrets (the personal-data master key above all)
          DATA_DIR: '.data/bench-live',
          RATE_LIMIT_PER_MINUTE: '1000000',
        })
      : null;
    const count = SECONDS * RATE;
    const results: {
      level: number;
      ours: Result;
      floor: Result;
      bytesPerClient: number;
      rssPerClient: number;
      batches: { atOnce: number; waited: number };
      loopP99: number;
      cpu: { ours: CpuUse; floor: CpuUse };
    }[] = [];
    // who used the cores while the pushes ran: on one machine the clients, the sender and PostgreSQL compete
    // with the api, and the floor's phase has no PostgreSQL and no commands
    const processes = {
      api: process.pid,
      ...(sockets ? { sockets: sockets.process.pid } : {}),
      ...(projector ? { projector: projector.pid } : {}),
      clients: clients.pid,
      ...(sender ? { sender: sender.pid } : {}),
    };

    for (const level of LEVELS) {
      const assignment = Array.from({ length: level }, (_, index) => {
        const group = seeded.groups[index % GROUPS]!;
        return { token: group.tokens[index % MEMBERS_PER_GROUP]!, room: group.room };
      });
      const perRoom = new Map<string, number>();
      for (const { room } of assignment) perRoom.set(room, (perRoom.get(room) ?? 0) + 1);

      // --- ours: commands over HTTP, pushes through the api's live channels
      gc();
      const before = process.memoryUsage();
      await clients.request('start', 'ready', {
        kind: 'api',
        url: sockets?.url ?? api.url,
        clients: assignment,
      });
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      gc();
      const after = process.memoryUsage();
      // the JS heap and buffers the connections hold (RSS hardly moves once an earlier level grew it)
      const held = (usage: NodeJS.MemoryUsage): number => usage.heapUsed + usage.external;
      const bytesPerClient = (held(after) - held(before)) / level;
      const rssPerClient = (after.rss - before.rss) / level;
      const hub = api.app.get(LiveHub);
      const batchesBefore = hub.batchCounts;
      // the api runs in this process: how late its event loop runs what is due (pushes queue behind it)
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const oursCpuStart = cpuSample(processes);
      const stopProfile = PROFILE_DIR ? await startProfile() : null;
      if (COUNT_QUERIES) startQueryTally();
      let counter = 0;
      const commandOf = (index: number): { actionId: string; room: string } => {
        const group = seeded.groups[index % GROUPS]!;
        return { actionId: group.actions[(counter++ >> 4) % ACTIONS_PER_GROUP]!, room: group.room };
      };
      let sentOurs: Map<string, { at: number; recipients: number }>;
      if (sender) {
        const commands = Array.from({ length: count }, (_, index) => commandOf(index));
        const answer = await sender.request('send', 'sent', {
          url: api.url,
          token: seeded.coordinatorToken,
          rate: RATE,
          commands,
        });
        sentOurs = new Map(
          (answer.sent as { key: string; at: number; room: string }[]).map(({ key, at, room }) => [
            key,
            { at, recipients: perRoom.get(room) ?? 0 },
          ]),
        );
      } else {
        sentOurs = await steady(count, async (index) => {
          const { actionId, room } = commandOf(index);
          const response = await fetch(`${api.url}/api/actions/${actionId}/notes`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${seeded.coordinatorToken}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ text: `Verslag van de werkgroep, punt ${index}: opvolging afgesproken.` }),
          });
          const at = now();
          const body = (await response.json()) as { position: string };
          if (response.status !== 201 && response.status !== 200)
            throw new Error(`command: ${response.status}`);
          return { key: body.position, at, recipients: perRoom.get(room) ?? 0 };
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const oursCpu = cpuSince(oursCpuStart);
      await stopProfile?.(join(PROFILE_DIR!, `live-${level}.cpuprofile`));
      if (COUNT_QUERIES) {
        const statements = stopQueryTally();
        const total = statements.reduce((sum, { count }) => sum + count, 0);
        console.log(
          `${level} clients: ${total} statements from the api's process, ${(total / count).toFixed(1)} per command; the most frequent:`,
        );
        for (const { statement, count: calls } of statements.slice(0, 25))
          console.log(`  ${(calls / count).toFixed(2).padStart(6)} per command  ${statement}`);
      }
      loop.disable();
      const loopP99 = loop.percentile(99) / 1e6;
      const batchesAfter = hub.batchCounts;
      const batches = {
        atOnce: batchesAfter.atOnce - batchesBefore.atOnce,
        waited: batchesAfter.waited - batchesBefore.waited,
      };
      const oursReceived = (await clients.request('collect', 'received')).received as [string, number[]][];
      await clients.request('close', 'closed');

      // --- floor: a bare socket.io broadcast of a payload like the api's pushes, same rooms, same rate
      await clients.request('start', 'ready', {
        kind: 'raw',
        url: `http://127.0.0.1:${rawPort}`,
        clients: assignment,
      });
      const payload = {
        room: '',
        position: '',
        streamId: `action-${randomUUID()}`,
        version: 12,
        type: 'ActionNoteAdded',
        data: {
          actionId: randomUUID(),
          noteId: randomUUID(),
          text: 'Verslag van de werkgroep, punt 1: opvolging afgesproken.',
          correctsNoteId: null,
        },
        metadata: {
          actorId: randomUUID(),
          occurredAt: new Date().toISOString(),
          meetingId: null,
          correlationId: randomUUID(),
        },
        summary: {
          nl: 'Coördinator voegde een notitie toe: "Verslag van de werkgroep"',
          en: 'Coördinator added a note: "Verslag van de werkgroep"',
        },
      };
      const floorCpuStart = cpuSample(processes);
      const sentFloor = await steady(count, (index) => {
        const group = seeded.groups[index % GROUPS]!;
        const key = `raw-${level}-${index}`;
        const at = now();
        raw.to(group.room).emit('event', { ...payload, room: group.room, position: key });
        return Promise.resolve({ key, at, recipients: perRoom.get(group.room) ?? 0 });
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const floorCpu = cpuSince(floorCpuStart);
      const floorReceived = (await clients.request('collect', 'received')).received as [string, number[]][];
      await clients.request('close', 'closed');

      const ours = summarise(level, sentOurs, oursReceived);
      const floor = summarise(level, sentFloor, floorReceived);
      const cpu = { ours: oursCpu, floor: floorCpu };
      results.push({ level, ours, floor, bytesPerClient, rssPerClient, batches, loopP99, cpu });
      console.log(
        `${level} clients: ours p50 ${ours.p50.toFixed(1)} p95 ${ours.p95.toFixed(1)} p99 ${ours.p99.toFixed(1)} ms ` +
          `(${ours.deliveries}/${ours.expected} deliveries); raw broadcast p50 ${floor.p50.toFixed(1)} p95 ${floor.p95.toFixed(1)} ` +
          `p99 ${floor.p99.toFixed(1)} ms (${floor.deliveries}/${floor.expected}); ratio p99 ${(ours.p99 / floor.p99).toFixed(2)}; ` +
          `${(bytesPerClient / 1024).toFixed(1)} KB per client (heap + external), RSS ${(rssPerClient / 1024).toFixed(1)} KB; ` +
          `feed batches pushed from memory ${batches.atOnce}, after waiting for the projections ${batches.waited}; event-loop delay p99 ${loopP99.toFixed(1)} ms; ` +
          `load average ${loadavg()[0]!.toFixed(1)}; ` +
          `CPU while ours ran: ${describeCpu(oursCpu)}; while the raw broadcast ran: ${describeCpu(floorCpu)}`,
      );
    }

    console.log(
      `\nmachine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ` +
        `${SECONDS} s at ${RATE} commands/s per level, ${GROUPS} working-group rooms; ` +
        `projections ${PROJECTOR_PROCESS ? 'in their own process (apps/projector)' : "in the api's process"}; ` +
        `commands sent ${SENDER_INLINE ? "from the api's process (inline)" : 'from their own process'}; ` +
        `PostgreSQL's processes at the start: ${pgBatch} of ${pgPolicies.length} under SCHED_BATCH; ` +
        `clients connected to ${SOCKETS_PROCESS ? 'a second api process serving the live channels only (memory per client and batches: the first process, not theirs)' : 'the api that serves the commands'}`,
    );
    console.log(
      '| clients | ours p50 | ours p95 | ours p99 | raw p99 | p99 ratio | delivered | memory per client | RSS per client | batches waited | event-loop delay p99 | machine busy, ours / raw | api switched out while runnable, ours / raw |',
    );
    console.log(
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    const busy = (use: CpuUse): string =>
      use.machine === null ? '?' : `${(use.machine * 100).toFixed(0)} %`;
    const switched = (use: CpuUse): string => {
      const perSecond = use.preemptedPerSecond.api;
      return perSecond == null ? '?' : `${perSecond.toFixed(0)}/s`;
    };
    for (const { level, ours, floor, bytesPerClient, rssPerClient, batches, loopP99, cpu } of results) {
      console.log(
        `| ${level} | ${ours.p50.toFixed(1)} ms | ${ours.p95.toFixed(1)} ms | ${ours.p99.toFixed(1)} ms | ${floor.p99.toFixed(1)} ms | ` +
          `${(ours.p99 / floor.p99).toFixed(2)} | ${ours.deliveries}/${ours.expected} | ${(bytesPerClient / 1024).toFixed(1)} KB | ${(rssPerClient / 1024).toFixed(1)} KB | ${batches.waited}/${batches.atOnce + batches.waited} | ${loopP99.toFixed(1)} ms | ${busy(cpu.ours)} / ${busy(cpu.floor)} | ${switched(cpu.ours)} / ${switched(cpu.floor)} |`,
      );
    }
  } finally {
    clients.exit();
    sender?.exit();
    if (sockets && process.env.BENCH_DEBUG) console.log(`sockets process output:\n${sockets.output()}`);
    await sockets?.stop();
    await raw.close();
    projector?.kill('SIGTERM');
    await api.close();
    if (pgBefore) await restorePolicies(pgBefore);
  }
}

async function policiesOf(pids: readonly number[]): Promise<Map<number, number | null>> {
  return new Map(await Promise.all(pids.map(async (pid) => [pid, await schedulingPolicy(pid)] as const)));
}

/** Each `postgres` process back under the policy it had before the run; one started since, the most common. */
async function restorePolicies(before: ReadonlyMap<number, number | null>): Promise<void> {
  const batchBefore = [...before.values()].filter((policy) => policy === SCHED_BATCH).length;
  const usual = batchBefore * 2 > before.size ? SCHED_BATCH : SCHED_OTHER;
  const batch: number[] = [];
  const other: number[] = [];
  for (const pid of processesNamed('postgres')) {
    ((before.get(pid) ?? usual) === SCHED_BATCH ? batch : other).push(pid);
  }
  const results = await Promise.all([scheduleAsBatch(batch), scheduleAsOther(other)]);
  const failed = results.map((result) => result.failed).filter(Boolean);
  console.log(
    `PostgreSQL's processes restored: ${batch.length} to batch, ${other.length} to other${failed.length ? ` (failed: ${failed.join('; ')})` : ''}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
