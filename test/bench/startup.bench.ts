// Time from starting the built product on an empty data directory (what README's first command does after
// the install) to an API that answers with the demo loaded. Run: npm run bench:startup
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.RUNS ?? 3);

async function once(): Promise<{ readyMs: number; demoLine: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backbone-startup-'));
  chmodSync(dataDir, 0o755);
  const port = 30000 + Math.floor(Math.random() * 20000);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the api exited:\n${output}`);
      if (performance.now() - started > 120_000) throw new Error('not ready within 120 s');
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const readyMs = performance.now() - started;
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinator@demo.local', password: 'demo' }),
    });
    if (!login.ok) throw new Error('the demo is not loaded: login failed');
    return { readyMs, demoLine: /demo created in [^:]+/.exec(output)?.[0] ?? '' };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const { readyMs, demoLine } = await once();
  results.push(readyMs);
  console.log(`run ${run}: ready with the demo after ${(readyMs / 1000).toFixed(1)} s (${demoLine})`);
}
results.sort((a, b) => a - b);
console.log(`\n## Start-up with the demo (${new Date().toISOString()})\n`);
console.log(
  `- machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
);
console.log(
  `- ${RUNS} runs from an empty data directory: embedded PostgreSQL init, migrations, demo (Bruges plan, users, changes), HTTP`,
);
console.log(
  `- median ${(results[Math.floor(results.length / 2)]! / 1000).toFixed(1)} s, best ${(results[0]! / 1000).toFixed(1)} s, worst ${(results.at(-1)! / 1000).toFixed(1)} s; target under 15 s`,
);
