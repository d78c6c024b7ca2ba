import { belgianToday } from '#domain';
import { bearer } from '../support/api-harness.js';
import {
  browserFixture,
  describeInBrowser,
  logIn,
  newPerson,
  onPhone,
  screenProblems,
  waitUntilLive,
} from './browser-support.js';

/**
 * The plan cycle's screens (issue 16 section 3) in Debian's Chromium against the real api: a coordinator
 * opens a half-year on the periods page and starts its update round, the partner whose organisation leads
 * the action gives its update on "Mijn updates" (a bad progress is marked aria-invalid), the coordinator sees
 * the round complete and downloads the report; Dutch first, on a 360 px phone, without serious axe violations.
 */
describeInBrowser('reporting periods and my updates', () => {
  const env = browserFixture('periodsweb');
  let actionId: string;
  const year = Number(belgianToday(new Date()).slice(0, 4));
  const deadline = `${year + 1}-01-15`;

  beforeAll(async () => {
    actionId = await env.fx.newAction(); // led by the partner user's organisation
    const written = await env.test.http
      .post(`/api/actions/${actionId}/status`)
      .set(bearer(env.fx.users.coordinator.token))
      .send({ status: 'in_progress' })
      .expect(200);
    await env.test.api.runtime.runner.waitForPosition(written.body.position as string, { timeoutMs: 10_000 });
  });

  it('a coordinator opens a half-year and starts its update round', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, 'correct horse battery');
      await page
        .getByRole('navigation', { name: 'Hoofdnavigatie' })
        .getByRole('link', { name: 'Rapportering' })
        .click();
      await page.getByRole('heading', { name: 'Rapportering', level: 1 }).waitFor();
      await page.getByText('Nog geen rapporteringsperiodes.').waitFor();
      await page.getByLabel('Soort').selectOption('half_year');
      await page.getByLabel('Jaar').fill(String(year));
      await page.getByLabel('Helft').selectOption('2');
      await page.getByRole('button', { name: 'Openen' }).click();
      const card = page.getByTestId(`period-${year}-H2`);
      await card.getByText(`01/07/${year} - 31/12/${year}`).waitFor();
      await card.getByLabel('Acties in het rapport').selectOption('all');
      await card.getByLabel('Deadline voor de updates').fill(deadline);
      await card.getByRole('button', { name: 'Updateronde starten' }).click();
      await card.getByText(/0% ingevuld \(0 van 1\)/).waitFor();
      await card.getByText('Nog niet ingevuld:').waitFor();
    } finally {
      await context.close();
    }
  });

  it('the lead partner gives its update on Mijn updates; a bad progress is marked invalid; the coordinator sees it live', async () => {
    // the coordinator follows the round on the periods page while the lead answers
    const watching = await newPerson(env.browser);
    const { context, page } = await onPhone(env.browser, env.url, env.fx.users.partner.email);
    try {
      await logIn(watching.page, env.url, env.fx.users.coordinator.email, 'correct horse battery');
      await watching.page.goto(`${env.url}/plans/${env.fx.planId}/periods`);
      const round = watching.page.getByTestId(`period-${year}-H2`);
      await round.getByText(/0% ingevuld \(0 van 1\)/).waitFor();
      await waitUntilLive(watching.page);
      // a reload would lose this mark
      await watching.page.evaluate(() => {
        (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
      });

      await page.goto(`${env.url}/my-updates`);
      await page.getByRole('heading', { name: 'Mijn updates', level: 1 }).waitFor();
      const item = page.getByTestId(/^update-/).first();
      await item.getByText(`uiterlijk 15/01/${year + 1}`, { exact: false }).waitFor();
      await item.getByLabel('Toelichting voor de periode').fill('Twaalf woningen in gebruik.');
      await item.getByLabel('Status').selectOption('in_progress');
      await item.getByLabel('Voortgang (%)').fill('140');
      await item.getByRole('button', { name: 'Update versturen' }).click();
      await item.locator('[aria-invalid="true"]').first().waitFor();
      expect(await item.getByLabel('Voortgang (%)').getAttribute('aria-invalid')).toBe('true');
      await item.getByLabel('Voortgang (%)').fill('40');
      await item.getByRole('button', { name: 'Update versturen' }).click();
      await item.getByRole('status').getByText('Update bewaard.').waitFor();
      expect(await screenProblems(page, 'Mijn updates')).toEqual([]);
      // the update reaches the coordinator's open page without a reload
      await round.getByText(/100% ingevuld \(1 van 1\)/).waitFor({ timeout: 10_000 });
      expect(
        await watching.page.evaluate(
          () => (globalThis as unknown as { notReloaded?: boolean }).notReloaded === true,
        ),
      ).toBe(true);
    } finally {
      await context.close();
      await watching.context.close();
    }
  });

  it('the coordinator sees the round complete on a phone and downloads the report as DOCX', async () => {
    const { context, page } = await onPhone(env.browser, env.url, env.fx.users.coordinator.email);
    try {
      await page.goto(`${env.url}/plans/${env.fx.planId}/periods`);
      const card = page.getByTestId(`period-${year}-H2`);
      await card.getByText(/100% ingevuld \(1 van 1\)/).waitFor();
      expect(await screenProblems(page, 'Rapportering')).toEqual([]);
      await card.getByLabel('Acties in het rapport').selectOption('all');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.getByRole('button', { name: 'Word (DOCX)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`rapport-${year}-H2.docx`);
    } finally {
      await context.close();
    }
  });
});
