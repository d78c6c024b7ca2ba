import { randomUUID } from 'node:crypto';
import { systemContext, type CommandContext } from '#commands';
import type { ActionCommand } from '#domain';
import { PASSWORD } from '../support/api-harness.js';
import { axeViolations, describeViolations } from './axe.js';
import { browserFixture, describeInBrowser, logIn, newPerson } from './browser-support.js';

/**
 * "Stand op" (issue 16) in Debian's Chromium against the real api: the dashboard's date picker (kept in the
 * URL, a banner while viewing the past, the way back to today), the action list as of a date, the trend chart
 * with its table, and "Wat veranderde sinds ..." reached from the dashboard; Dutch, Belgian dates, no critical
 * or serious axe-core violation. The tenant's history is written with a demo clock in 2025.
 */
describeInBrowser('as of a date: date picker, trend chart, changes view', () => {
  const env = browserFixture(null);
  const tenantId = 'asofweb';
  const planId = randomUUID();
  const a1 = randomUUID();
  const a2 = randomUUID();
  const signalId = randomUUID();

  beforeAll(async () => {
    const { commands, userAdmin } = env.test.api.runtime;
    const at = (now: string): CommandContext => ({ ...systemContext(tenantId), now });
    const start = at('2025-01-10T09:00:00.000Z');
    await userAdmin.createTenant(tenantId, 'Stad Asofweb', false, start);
    const coordinator = await userAdmin.register(
      {
        email: 'regie@asofweb.test',
        name: 'Regie Asofweb',
        role: 'coordinator',
        partnerId: null,
        password: PASSWORD,
      },
      start,
    );
    const themeId = randomUUID();
    const goalId = randomUUID();
    await commands.plan(
      planId,
      {
        type: 'CreatePlan',
        data: {
          planId,
          title: 'Plan 2025',
          description: '',
          periodStart: '2025-01-01',
          periodEnd: '2025-12-31',
        },
      },
      start,
    );
    await commands.plan(
      planId,
      { type: 'AddTheme', data: { planId, themeId, code: '1', title: 'Wonen', leadPartnerId: null } },
      start,
    );
    await commands.plan(
      planId,
      { type: 'AddGoal', data: { planId, goalId, parentId: themeId, code: '1.1', title: 'Huisvesting' } },
      start,
    );
    for (const [actionId, code] of [
      [a1, '1.1.1'],
      [a2, '1.1.2'],
    ] as const)
      await commands.addAction(
        planId,
        {
          actionId,
          planId,
          goalId,
          code,
          title: `Actie ${code}`,
          description: '',
          tags: [],
          citizenIdea: false,
        },
        start,
      );
    const change = async (actionId: string, command: ActionCommand, now: string) => {
      await commands.action(actionId, command, { ...at(now), actorId: coordinator.id });
    };
    await change(
      a1,
      { type: 'ChangeActionStatus', data: { actionId: a1, to: 'in_progress' } },
      '2025-03-20T10:00:00Z',
    );
    await change(
      a1,
      { type: 'EditAction', data: { actionId: a1, title: 'Housing First' } },
      '2025-03-21T10:00:00Z',
    );
    await change(
      a2,
      { type: 'ChangeActionStatus', data: { actionId: a2, to: 'in_progress' } },
      '2025-10-02T10:00:00Z',
    );
    await change(
      a2,
      { type: 'ChangeActionStatus', data: { actionId: a2, to: 'realised' } },
      '2025-11-05T10:00:00Z',
    );
    // a signal on a1 from an advisory council (after the changes above: the log's time never goes back),
    // submitted on 10/11, answered on 20/11
    const actor = (now: string): CommandContext => ({ ...at(now), actorId: coordinator.id });
    await commands.signals.submit(
      { signalId, partnerId: null, source: 'Adviesraad', text: 'Te weinig opvangplaatsen', actionIds: [a1] },
      actor('2025-11-10T10:00:00Z'),
    );
    // the last write: once the read models reflect it, they reflect everything above
    const last = await commands.signals.answer(
      signalId,
      'Twintig plaatsen erbij',
      actor('2025-11-20T10:00:00Z'),
    );
    await env.test.api.runtime.runner.waitForPosition(last.position, { timeoutMs: 20_000 });
  });

  it('shows the dashboard as of a date from the picker, with a banner and the way back to today', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, 'regie@asofweb.test', PASSWORD);
      await page.goto(`${env.url}/plans/${planId}`);
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await page.getByTestId('count-realised').filter({ hasText: '1' }).waitFor();
      expect(await page.getByTestId('as-of-banner').count()).toBe(0);

      await page.getByLabel('Stand op').fill('2025-03-15');
      await page.getByRole('button', { name: 'Toon' }).click();
      await page.waitForURL(/asOf=2025-03-15/);
      const banner = page.getByTestId('as-of-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('15/03/2025');
      await page.getByTestId('count-not_started').filter({ hasText: '2' }).waitFor();
      expect(await page.getByTestId('count-realised').textContent()).toBe('0');
      expect(describeViolations(await axeViolations(page))).toBe('');

      // the URL keeps the date: a reload shows the same past
      await page.reload();
      await page.getByTestId('as-of-banner').waitFor();
      await page.getByTestId('count-not_started').filter({ hasText: '2' }).waitFor();

      await page.getByRole('link', { name: 'Terug naar vandaag' }).click();
      await page.getByTestId('count-realised').filter({ hasText: '1' }).waitFor();
      expect(await page.getByTestId('as-of-banner').count()).toBe(0);
      expect(page.url()).not.toContain('asOf');
    } finally {
      await context.close();
    }
  });

  it('draws the status trend per month, with the figures as a table', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, 'regie@asofweb.test', PASSWORD);
      await page.goto(`${env.url}/plans/${planId}`);
      const trend = page.getByTestId('trend');
      await trend.getByRole('heading', { name: 'Verloop van de statussen' }).waitFor();
      expect(await trend.getByRole('img').getAttribute('aria-label')).toMatch(/per maand/);
      await trend.getByText('Cijfers per maand als tabel').click();
      const rows = trend.getByTestId('trend-table').locator('tbody tr');
      expect(await rows.count()).toBe(12);
      // columns: month, then the statuses in the lifecycle's order, then the total
      const cells = async (month: string) =>
        rows
          .filter({ has: page.getByRole('rowheader', { name: month }) })
          .locator('td')
          .allTextContents();
      expect(await cells('02/2025')).toEqual(['2', '0', '0', '0', '0', '2']);
      expect(await cells('03/2025')).toEqual(['1', '1', '0', '0', '0', '2']);
      expect(await cells('11/2025')).toEqual(['0', '1', '1', '0', '0', '2']);
    } finally {
      await context.close();
    }
  });

  it('shows the action list as of a date and what changed since then', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, 'regie@asofweb.test', PASSWORD);
      await page.goto(`${env.url}/plans/${planId}/actions?asOf=2025-03-15`);
      await page.getByRole('heading', { name: 'Acties', level: 1 }).waitFor();
      await page.getByTestId('as-of-banner').waitFor();
      await page.getByText('Actie 1.1.1').first().waitFor();
      expect(await page.getByText('Housing First').count()).toBe(0);
      // the action opens as of the same date, read only, naming the date its data reflects
      await page.getByRole('link', { name: 'Actie 1.1.1' }).first().click();
      await page.waitForURL(/\/actions\/[^?]+\?asOf=2025-03-15/);
      await page.getByText('zoals ze stond op 15/03/2025').waitFor();
      expect(await page.getByRole('heading', { name: 'Wijzigen' }).count()).toBe(0);
      await page.goto(`${env.url}/plans/${planId}/actions?asOf=2025-03-15`);
      await page.getByTestId('as-of-banner').waitFor();
      await page.getByLabel('Stand op').fill('2025-04-01');
      await page.getByRole('button', { name: 'Toon' }).click();
      await page.getByText('Housing First').first().waitFor();

      // from the dashboard's banner to the changes since that day
      await page.goto(`${env.url}/plans/${planId}?asOf=2025-03-15`);
      await page.getByRole('link', { name: 'Wat veranderde sindsdien' }).click();
      await page.getByRole('heading', { name: 'Wat veranderde sinds 15/03/2025', level: 1 }).waitFor();
      const status = page.getByTestId('change-1.1.1-status');
      await status.waitFor();
      expect(await status.locator('td').allTextContents()).toEqual([
        'niet gestart',
        'lopend',
        'Regie Asofweb',
        '20/03/2025 11:00',
      ]);
      const title = page.getByTestId('change-1.1.1-title');
      expect(await title.locator('td').first().textContent()).toBe('Actie 1.1.1');
      expect(await title.locator('td').nth(1).textContent()).toBe('Housing First');
      expect(describeViolations(await axeViolations(page))).toBe('');

      // a narrower range: from/to in the form, kept in the URL
      await page.getByLabel('Sinds').fill('2025-10-01');
      await page.getByLabel('Tot en met').fill('2025-10-31');
      await page.getByRole('button', { name: 'Toon' }).click();
      await page.waitForURL(/from=2025-10-01&to=2025-10-31/);
      await page.getByTestId('change-1.1.2-status').waitFor();
      expect(await page.getByTestId('change-1.1.1-status').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('shows the signals inbox as of a date, read only, and returns to today', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, 'regie@asofweb.test', PASSWORD);
      await page.goto(`${env.url}/plans/${planId}/signals`);
      await page.getByRole('heading', { name: 'Signalen', level: 1 }).waitFor();
      const signal = page.locator('li.signal').filter({ hasText: 'Te weinig opvangplaatsen' });
      // today: answered, with the answer, and the coordinator may close it
      await signal.getByText('Twintig plaatsen erbij').waitFor();
      expect(await signal.locator('.badge').first().textContent()).toBe('Beantwoord');
      await signal.getByRole('button', { name: 'Afsluiten' }).waitFor();
      expect(await page.getByTestId('as-of-banner').count()).toBe(0);

      await page.getByLabel('Stand op').fill('2025-11-15');
      await page.getByRole('button', { name: 'Toon' }).click();
      await page.waitForURL(/\/signals\?asOf=2025-11-15/);
      const banner = page.getByTestId('as-of-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('15/11/2025');
      // as it stood then: submitted, no answer, and no editing controls
      await signal.locator('.badge').first().filter({ hasText: 'Ingediend' }).waitFor();
      expect(await signal.getByText('Twintig plaatsen erbij').count()).toBe(0);
      expect(await page.locator('.signal-actions').count()).toBe(0);
      expect(await signal.getByRole('button').count()).toBe(0);
      // the action it concerns opens as of the same date
      expect(await signal.getByRole('link', { name: /Housing First/ }).getAttribute('href')).toBe(
        `/actions/${a1}?asOf=2025-11-15`,
      );
      expect(describeViolations(await axeViolations(page))).toBe('');

      // the URL keeps the date: a reload shows the same past
      await page.reload();
      await page.getByTestId('as-of-banner').waitFor();
      await signal.locator('.badge').first().filter({ hasText: 'Ingediend' }).waitFor();

      // before the signal was submitted, the inbox was empty
      await page.getByLabel('Stand op').fill('2025-11-06');
      await page.getByRole('button', { name: 'Toon' }).click();
      await page.getByText('Geen signalen.').waitFor();

      await page.getByRole('link', { name: 'Terug naar vandaag' }).click();
      await signal.getByText('Twintig plaatsen erbij').waitFor();
      await signal.getByRole('button', { name: 'Afsluiten' }).waitFor();
      expect(await page.getByTestId('as-of-banner').count()).toBe(0);
      expect(page.url()).not.toContain('asOf');
    } finally {
      await context.close();
    }
  });
});
