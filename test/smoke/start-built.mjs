// Starts the built api the way README's first command does (embedded PostgreSQL, empty data directory),
// waits until /api/health answers, checks it, and stops it. Run after `npm run build`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';

const dataDir = mkdtempSync(join(tmpdir(), 'backbone-smoke-'));
chmodSync(dataDir, 0o755);
const port = 30000 + Math.floor(Math.random() * 20000);
const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1' };
delete env.DATABASE_URL;
const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));

const started = Date.now();
let failure = null;
try {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api exited with code ${child.exitCode}`);
    if (Date.now() - started > 60_000) throw new Error('the api did not answer /api/health within 60 s');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) {
        const health = await response.json();
        if (health.status !== 'ok' || health.eventStore.kind !== 'postgres')
          throw new Error(JSON.stringify(health));
        console.log(`smoke: built api answered /api/health after ${Date.now() - started} ms`);
        await webApp(`http://127.0.0.1:${port}`);
        await liveChannel(`http://127.0.0.1:${port}`);
        break;
      }
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // connection refused while starting
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
} catch (error) {
  failure = error;
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
if (failure) {
  console.error(output);
  console.error(`smoke failed: ${failure.message}`);
  process.exit(1);
}

/** The demo's viewer logs in and joins the tenant's live channel. */
async function liveChannel(url) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'viewer@demo.local', password: 'demo' }),
  });
  if (login.status !== 200) throw new Error(`demo login answered ${login.status}`);
  const { accessToken } = await login.json();
  const socket = io(url, { transports: ['websocket'], auth: { token: accessToken }, reconnection: false });
  try {
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = await socket.timeout(10_000).emitWithAck('subscribe', { room: 'tenant' });
    if (!ack.ok) throw new Error(`subscribe answered ${JSON.stringify(ack)}`);
    console.log('smoke: the demo viewer joined the live channel');
  } finally {
    socket.disconnect();
  }
}

/** The web app is served at / (and its client-side routes), in Dutch. */
async function webApp(url) {
  for (const path of ['/', '/login']) {
    const response = await fetch(`${url}${path}`);
    const html = await response.text();
    if (response.status !== 200 || !html.includes('<div id="root">') || !html.includes('lang="nl-BE"')) {
      throw new Error(`GET ${path} did not serve the web app (${response.status})`);
    }
  }
  console.log('smoke: the web app is served at /');
}
