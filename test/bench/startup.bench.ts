// Time from starting the built product on an empty data directory (what README's first command does after
// the install) to an API that answers with the demo loaded, and on to projections that have read all of the
// demo's history (they catch up after the api answers). Run: npm run bench:startup
// STARTUP_DIRS=/path/to/other/checkout,. compares builds in one run (runs interleaved, same machine load):
// each directory needs its own `dist` (and node_modules).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.env.RUNS ?? 3);
const DIRS = (process.env.STARTUP_DIRS ?? '.').split(',').map((dir) => resolve(dir));

interface Run {
  readyMs: number;
  caughtUpMs: number;
  demoLine: string;
}

async function once(dir: string): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backbone-startup-'));
  chmodSync(dataDir, 0o755);
  const port = 30000 + Math.floor(Math.random() * 20000);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const health = () =>
    fetch(`http://127.0.0.1:${port}/api/health`).then(
      async (response) =>
        response.ok ? ((await response.json()) as { projections: { lag: number }[] }) : null,
      () => null,
    );
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the api exited:\n${output}`);
      if (performance.now() - started > 120_000) throw new Error('not ready within 120 s');
      if (await health()) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const readyMs = performance.now() - started;
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinator@demo.local', password: 'demo' }),
    });
    if (!login.ok) throw new Error('the demo is not loaded: login failed');
    for (;;) {
      if (performance.now() - started > 180_000) throw new Error('projections not caught up within 180 s');
      const status = await health();
      if (status && status.projections.every((projection) => projection.lag === 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const caughtUpMs = performance.now() - started;
    return { readyMs, caughtUpMs, demoLine: /demo created in [^:]+/.exec(output)?.[0] ?? '' };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = new Map<string, Run[]>(DIRS.map((dir) => [dir, []]));
const seconds = (ms: number) => (ms / 1000).toFixed(1);
for (let run = 1; run <= RUNS; run++) {
  for (const dir of DIRS) {
    const result = await once(dir);
    results.get(dir)!.push(result);
    console.log(
      `run ${run} ${dir}: ready with the demo after ${seconds(result.readyMs)} s, projections caught up after ` +
        `${seconds(result.caughtUpMs)} s (${result.demoLine}; load average ${loadavg()[0]!.toFixed(1)})`,
    );
  }
}
console.log(`\n## Start-up with the demo (${new Date().toISOString()})\n`);
console.log(
  `- machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
);
console.log(
  `- ${RUNS} runs per build from an empty data directory: embedded PostgreSQL init, migrations, demo (Bruges plan, users, history), HTTP`,
);
for (const [dir, runs] of results) {
  const stat = (pick: (run: Run) => number) => {
    const values = runs.map(pick).sort((a, b) => a - b);
    return `median ${seconds(values[Math.floor(values.length / 2)]!)} s, best ${seconds(values[0]!)} s, worst ${seconds(values.at(-1)!)} s`;
  };
  console.log(`- ${dir}: ready ${stat((run) => run.readyMs)}; target under 10 s`);
  console.log(`  projections caught up: ${stat((run) => run.caughtUpMs)}`);
}
