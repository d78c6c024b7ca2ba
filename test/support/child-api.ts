import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const MAIN = resolve('dist/apps/api/src/main.js');

/** The newest modification time of the sources the build compiles (apps and libs). */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
        newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const root of ['apps', 'libs']) {
    for (const app of readdirSync(root)) if (existsSync(join(root, app, 'src'))) walk(join(root, app, 'src'));
  }
  return newest;
}

/**
 * Makes sure the build is there and current (CI's `npm ci` built it; a developer's checkout may be stale): the
 * child-process tests run the build output, exactly what `npm start` and the container run. Test files run in
 * parallel, so one builds while the others wait for it (a lock directory), and nobody rebuilds a fresh build
 * under a process another test just started.
 */
export function ensureBuilt(): void {
  const fresh = (): boolean => existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestSource();
  if (fresh()) return;
  mkdirSync('.data', { recursive: true });
  const lock = resolve('.data/build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 3 minutes for another test's build (${lock})`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (fresh()) return;
    const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
    if (!existsSync(MAIN)) throw new Error(`building the api failed (exit ${result.status ?? 'signal'})`);
    // tsc keeps the timestamps of outputs it did not change: mark the build as current
    const now = new Date();
    utimesSync(MAIN, now, now);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface ChildApi {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node dist/apps/api/src/main.js` with `env` and waits until /api/health answers; on `port` when given
 * (a restarted process where the killed one listened), otherwise on a free one.
 */
export async function startChildApi(
  env: Record<string, string>,
  timeoutMs = 60_000,
  port?: number,
): Promise<ChildApi> {
  port ??= await freePort();
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the api did not become healthy within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
