import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { AppConfig } from '#platform';
import {
  PASSWORD,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { axeViolations, describeViolations } from './axe.js';

/** Debian's `chromium` package (`.ci/run` installs it); CHROMIUM_PATH overrides. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string | null {
  return CANDIDATES.find((path): path is string => !!path && existsSync(path)) ?? null;
}

export const chromiumPath = findChromium();

/** `describe`, or `describe.skip` with the reason printed when no Chromium is installed. */
export function describeInBrowser(name: string, body: () => void): void {
  if (!chromiumPath) {
    console.warn(
      `browser tests skipped: no Chromium found (tried ${CANDIDATES.filter(Boolean).join(', ')}); ` +
        'install Debian’s `chromium` package or set CHROMIUM_PATH',
    );
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

const root = resolve('.');
const webIndex = join(root, 'dist', 'apps', 'web', 'index.html');

/** Builds the web app when dist/apps/web is missing: the api serves it from there (bootstrap.ts). */
export function ensureWebAppBuilt(): void {
  if (existsSync(webIndex)) return;
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    // containers run as root without user namespaces: Chromium's sandbox cannot start there
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser context (its own session storage: another person) with a page. */
export async function newPerson(
  browser: Browser,
  locale = 'nl-BE',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return { context, page };
}

/**
 * A person on a phone: 360 × 740 CSS pixels, touch, Dutch; signed in through the form when `email` is given
 * (with the seeded users' password unless told).
 */
export async function onPhone(
  browser: Browser,
  baseUrl: string,
  email: string | null,
  password = PASSWORD,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'nl-BE',
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  if (email) await logIn(page, baseUrl, email, password);
  return { context, page };
}

/** How far the page reaches beyond the viewport, and the elements that stick out (for the message). */
export async function overflow(
  page: Page,
): Promise<{ scrollWidth: number; width: number; culprits: string[] }> {
  // evaluated in the page (a string: the tests' TypeScript has no DOM types)
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((element) => element.tagName.toLowerCase() + '.' + element.className);
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  })()`);
}

/** What is wrong with the screen as shown: sideways scrolling, critical or serious axe violations, ids used twice. */
export async function screenProblems(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  const measured = await overflow(page);
  if (measured.scrollWidth > measured.width)
    problems.push(
      `${name}: ${measured.scrollWidth} px wide at ${measured.width} px (${measured.culprits.join(', ')})`,
    );
  const violations = await axeViolations(page);
  if (violations.length > 0) problems.push(`${name}: ${describeViolations(violations)}`);
  // an id used twice makes a label point at the wrong element (axe's label rule does not see it)
  const duplicates = await page.evaluate<string[]>(`(() => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
  })()`);
  if (duplicates.length > 0) problems.push(`${name}: ids used more than once: ${duplicates.join(', ')}`);
  return problems;
}

/** Logs in through the login form (the Dutch labels: the app starts in nl-BE). */
export async function logIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  // another tab of this context is signed in already: the session cookie restores it (issue 15)
  const dashboard = page.getByRole('heading', { name: 'Dashboard', level: 1 });
  const emailField = page.getByLabel('E-mailadres');
  await dashboard.or(emailField).waitFor({ timeout: 10_000 });
  if (await dashboard.isVisible()) return;
  await emailField.fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor({ timeout: 10_000 });
}

/** Waits until the live channel is connected (the header's status says "Live"). */
export async function waitUntilLive(page: Page): Promise<void> {
  await page
    .getByTestId('connection')
    .filter({ hasText: /^Live$/ })
    .waitFor({ timeout: 10_000 });
}

/** What a browser test works with: the api (real HTTP server), a seeded tenant, Chromium, the app's URL. */
export interface BrowserFixture {
  test: TestApi;
  fx: TenantFixture;
  browser: Browser;
  url: string;
  /** the keys the app had no text for (a raw key on the screen), from every page of every context, this test */
  missingTexts: string[];
}

/** The console line of the web app for a key it has no text for (apps/web/src/i18n/index.ts, MISSING_TEXT). */
const MISSING_TEXT = 'i18n: no text for';

/** Every context of this browser reports the keys its pages had no text for into `into`. */
function watchTexts(browser: Browser, into: string[]): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args);
    context.on('console', (message) => {
      if (message.text().startsWith(MISSING_TEXT))
        into.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
    });
    return context;
  };
}

/**
 * The setup every browser test shares: builds the web app when missing, starts the api (with `config` over
 * the test defaults, e.g. `{ demo: true }`), seeds a tenant with one user per role (`seedTenant`; none when
 * `tenant` is null: an empty deployment), launches Chromium, and closes them after the file. A test fails
 * when any page showed a key the app had no text for. Call it at the
 * top of a `describeInBrowser` body, before the file's own hooks (they run after its `beforeAll`); the fields
 * are set in its `beforeAll` (read them inside tests and hooks, not while the file loads).
 */
export function browserFixture(tenant: string | null, config: Partial<AppConfig> = {}): BrowserFixture {
  const env = { missingTexts: [] } as unknown as BrowserFixture;
  beforeAll(async () => {
    ensureWebAppBuilt();
    env.test = await startTestApi(config);
    if (tenant !== null) env.fx = await seedTenant(env.test, tenant);
    env.url = env.test.api.url;
    env.browser = await launchChromium();
    watchTexts(env.browser, env.missingTexts);
  });
  // no screen of any test showed a raw key (a text not loaded with its page: apps/web/README.md, "Texts")
  afterEach(() => {
    expect(env.missingTexts.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.test?.close();
  });
  return env;
}

/** erases the one text whose "Deze tekst wissen" is in `where`: a legal ground, the confirmation, the button */
export async function eraseTextIn(page: Page, where: Locator): Promise<void> {
  await where.getByRole('button', { name: 'Deze tekst wissen' }).click();
  const form = where.getByRole('form', { name: 'Deze tekst wissen' });
  expect(describeViolations(await axeViolations(page))).toBe('');
  const erase = form.getByRole('button', { name: 'Definitief wissen' });
  expect(await erase.isDisabled()).toBe(true);
  await form.getByLabel('Rechtsgrond').selectOption('objection');
  await form.getByLabel('Ik begrijp dat dit niet ongedaan gemaakt kan worden.').check();
  await erase.click();
}

/**
 * Waits until nothing in `where` shows `text` any more, or fails after `timeoutMs`. After a live update each
 * part of a page reloads on its own (the meeting's decisions and its history feed are two reads), so the first
 * part showing "gewist" does not mean every part has answered yet.
 */
export async function noLongerShown(
  where: Page | Locator,
  text: string | RegExp,
  timeoutMs = 30_000,
): Promise<void> {
  await where.getByText(text).first().waitFor({ state: 'detached', timeout: timeoutMs });
  expect(await where.getByText(text).count()).toBe(0);
}

/**
 * `locator.waitFor()`, and when it times out, an error that also says where `page` was and what it showed (its
 * address, its alerts, the start of its text): a wait that fails only on a loaded CI machine explains itself.
 */
export async function waitShowing(page: Page, locator: Locator, timeoutMs = 30_000): Promise<void> {
  try {
    await locator.waitFor({ timeout: timeoutMs });
  } catch (error) {
    const alerts = await page
      .getByRole('alert')
      .allInnerTexts()
      .catch(() => []);
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    throw new Error(
      `${(error as Error).message}\npage: ${page.url()}\nalerts: ${JSON.stringify(alerts)}\n` +
        `text: ${text.replace(/\s+/g, ' ').slice(0, 400)}`,
      { cause: error },
    );
  }
}
