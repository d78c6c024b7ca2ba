// `npm run screenshots`: screenshots of the web app's main screens into docs/screenshots/, from the built
// product (`npm run build` first) in demo mode on a throw-away embedded database, in Debian's Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', '..');
const out = join(root, 'docs', 'screenshots');
const browserPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path) => path && existsSync(path),
);
if (!browserPath) {
  console.error('no Chromium found: install Debian’s `chromium` package or set CHROMIUM_PATH');
  process.exit(1);
}
for (const built of ['dist/apps/api/src/main.js', 'dist/apps/web/index.html'])
  if (!existsSync(join(root, built))) {
    console.error(`${built} is missing: run \`npm run build\` first`);
    process.exit(1);
  }

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = await mkdtemp(join(tmpdir(), 'spb-screenshots-'));
const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

async function call(method, path, token, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}
const login = async (email) =>
  (await call('POST', '/api/auth/login', null, { email, password: 'demo' })).accessToken;

let browser;
try {
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 180_000) throw new Error('the api did not become ready within 3 minutes');
    await new Promise((done) => setTimeout(done, 500));
  }

  // a meeting of the demo working group, open, with attendance, agenda, proposals and a top-5 round
  const coordinator = await login('coordinator@demo.local');
  const member = await login('member@demo.local');
  const plan = (await call('GET', '/api/plans', coordinator)).items[0];
  const group = (await call('GET', '/api/working-groups', coordinator)).items[0];
  const groupDetail = await call('GET', `/api/working-groups/${group.id}`, coordinator);
  const actions = (
    await call('GET', `/api/plans/${plan.id}/actions?themeId=${group.scope.themeIds[0]}&limit=5`, coordinator)
  ).items;
  const meeting = await call('POST', `/api/working-groups/${group.id}/meetings`, coordinator, {
    title: 'Werkgroep dak- en thuislozen – november',
    startsAt: new Date(Date.now() - 15 * 60_000).toISOString(),
    location: 'Stadhuis, Burg 12, Brugge',
  });
  const m = `/api/meetings/${meeting.id}`;
  await call('POST', `${m}/start`, coordinator, {});
  for (const person of groupDetail.members)
    await call('POST', `${m}/attendance`, coordinator, { userId: person.userId, status: 'present' });
  await call('POST', `${m}/agenda`, coordinator, { kind: 'topic', title: 'Stand van zaken winteropvang' });
  await call('POST', `${m}/agenda`, coordinator, { kind: 'action', refId: actions[0].id });
  for (const text of [
    'Extra Housing First-woningen',
    'Preventie van uithuiszetting',
    'Nachtopvang het hele jaar',
    'Schuldhulp bij de huurder',
  ])
    await call('POST', `${m}/proposals`, coordinator, { text });
  const round = await call('POST', `${m}/rounds`, coordinator, { size: 5, ranked: true });
  const detail = await call('GET', m, coordinator);
  const ids = detail.proposals.map((proposal) => proposal.proposalId);
  await call('POST', `${m}/rounds/${round.roundId}/ballots`, member, {
    proposalIds: [ids[1], ids[0], ids[3]],
  });
  await call('POST', `/api/actions/${actions[0].id}/progress`, member, {
    percent: 35,
    comment: 'eerste woningen toegewezen',
  }).catch(() => undefined);

  await mkdir(out, { recursive: true });
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const person = async () => {
    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 1280, height: 860 } });
    return { context, page: await context.newPage() };
  };
  const shoot = async (page, name) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
  };
  const signIn = async (page, email) => {
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill('demo');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  };

  const { page } = await person();
  await page.goto(`${base}/login`);
  await page.getByRole('heading', { name: 'Demo-accounts' }).waitFor();
  await shoot(page, 'login');
  await signIn(page, 'coordinator@demo.local');
  await page
    .getByTestId('connection')
    .filter({ hasText: /^Live$/ })
    .waitFor();
  await shoot(page, 'dashboard');
  await page.goto(`${base}/plans/${plan.id}/actions?themeId=${group.scope.themeIds[0]}`);
  await page.getByTestId('result-count').waitFor();
  await shoot(page, 'actions');
  await page.goto(`${base}/actions/${actions[0].id}`);
  await page.getByRole('heading', { name: 'Geschiedenis' }).waitFor();
  await page.getByTestId('history').waitFor();
  await page.getByRole('heading', { name: 'Geschiedenis' }).scrollIntoViewIfNeeded();
  await shoot(page, 'action-detail');

  // the conflict: the coordinator edits while the member changes the action
  // edit forms open one at a time
  await page.getByRole('button', { name: 'Voortgang melden', exact: true }).click();
  await page.getByLabel('Voortgang in procent (0–100)').fill('50');
  const current = await call('GET', `/api/actions/${actions[0].id}`, coordinator);
  await call('PUT', `/api/actions/${actions[0].id}/due-date`, member, {
    dueDate: '2026-12-31',
    expectedVersion: current.version,
  });
  await page.getByRole('form', { name: 'Voortgang melden' }).getByRole('button', { name: 'Opslaan' }).click();
  await page.getByTestId('conflict').waitFor();
  await page.getByTestId('conflict').scrollIntoViewIfNeeded();
  await shoot(page, 'conflict');

  // the meeting: the member and the coordinator on the meeting screen at once (presence), the live tally
  const other = await person();
  await signIn(other.page, 'member@demo.local');
  await other.page.goto(`${base}/meetings/${meeting.id}`);
  await page.goto(`${base}/meetings/${meeting.id}`);
  await page.getByTestId('tally').waitFor();
  await page.getByTestId('presence').locator('li').nth(1).waitFor();
  await page.getByRole('button', { name: 'Voorbeeld tonen' }).click();
  await page.getByTestId('minutes').waitFor();
  await page.mouse.wheel(0, -100_000);
  await shoot(page, 'meeting');
  await page.goto(`${base}/working-groups/${group.id}`);
  await page.getByRole('heading', { name: 'Leden' }).waitFor();
  await shoot(page, 'working-group');
  await page.goto(`${base}/plans/${plan.id}/signals`);
  await page.locator('.signal').first().waitFor();
  await shoot(page, 'signals');
} finally {
  await browser?.close();
  api.kill('SIGTERM');
  await new Promise((done) => api.once('exit', done));
  await rm(dataDir, { recursive: true, force: true });
}
