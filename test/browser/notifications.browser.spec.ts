import type { BrowserContext, Page } from 'playwright-core';
import { bearer, login } from '../support/api-harness.js';
import { axeViolations, describeViolations } from './axe.js';
import { browserFixture, describeInBrowser, newPerson, waitUntilLive } from './browser-support.js';

/**
 * Notifications in the web app (issue 17), on the demo as a first start creates it (no SMTP: the mails stay
 * in the local outbox): the member's bell counts up live when the coordinator, in another browser, schedules
 * a meeting of her group; her list links to the meeting and marks read; the coordinator's "Verzonden
 * e-mails" shows the demo's mails and the new invitation with its .ics; the member changes her mail
 * preference; every screen without critical or serious axe violations and without sideways scrolling at 360 px.
 */
const DEMO_PASSWORD = 'demo';
const COORDINATOR = 'coordinator@demo.local';
const MEMBER = 'member@demo.local';
/**
 * The meeting the first test schedules, which the second one finds among the sent mails. A retry of the first
 * test (the demo database is the same) schedules another one under a new title, so neither finds two.
 */
let meetingTitle = 'Extra werkgroep nachtopvang';
let attempts = 0;

describeInBrowser('notifications in a real browser (demo mode)', () => {
  // the demo's own tenant and people, as a first start creates them
  const env = browserFixture(null, { demo: true });
  const contexts: BrowserContext[] = [];

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  const person = async (email: string, viewport?: { width: number; height: number }): Promise<Page> => {
    const { context, page } = await newPerson(env.browser);
    contexts.push(context);
    if (viewport) await page.setViewportSize(viewport);
    // straight to my notifications (the demo's dashboard, 240 actions and a chart, is not what is tested here)
    await page.goto(`${env.url}/login?next=${encodeURIComponent('/notifications')}`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor({ timeout: 20_000 });
    return page;
  };

  async function expectAccessible(page: Page, name: string): Promise<void> {
    const violations = await axeViolations(page);
    if (violations.length > 0) throw new Error(`${name}: ${describeViolations(violations)}`);
  }

  async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
    const { scrollWidth, width } = await page.evaluate<{ scrollWidth: number; width: number }>(
      `({ scrollWidth: document.documentElement.scrollWidth, width: document.documentElement.clientWidth })`,
    );
    if (scrollWidth > width) throw new Error(`${name}: ${scrollWidth} px wide at ${width} px`);
  }

  it('counts up the member’s bell live when the coordinator schedules a meeting of her group in another browser', async () => {
    attempts += 1;
    if (attempts > 1) meetingTitle = `Extra werkgroep nachtopvang ${attempts}`;
    const title = meetingTitle;
    const member = await person(MEMBER);
    await member.getByRole('link', { name: /^Meldingen \d+ ongelezen$/ }).waitFor();
    await waitUntilLive(member);
    // the demo invited her to the group's next meeting already
    await member
      .getByRole('link', { name: /^Uitnodiging: Werkgroep dak- en thuislozen: winteropvang/ })
      .waitFor();
    const bell = member.getByTestId('bell');
    const unreadBefore = Number(await bell.getByTestId('bell-count').textContent());
    expect(unreadBefore).toBeGreaterThanOrEqual(1);
    await expectAccessible(member, 'notifications list');

    const coordinator = await person(COORDINATOR);
    await coordinator.goto(`${env.url}/working-groups`);
    await coordinator.getByRole('link', { name: 'Dak- en thuislozen' }).click();
    await coordinator.getByRole('heading', { name: 'Vergadering plannen' }).waitFor();
    await coordinator.getByLabel('Titel').fill(title);
    await coordinator.getByLabel('Begint op').fill('2027-01-14T14:00');
    await coordinator.getByRole('button', { name: 'Plannen' }).click();
    await coordinator.getByRole('heading', { name: title, level: 1 }).waitFor();

    // her screen was not reloaded: the socket told it
    await member
      .getByRole('link', { name: `Meldingen ${unreadBefore + 1} ongelezen` })
      .waitFor({ timeout: 15_000 });
    await member
      .getByTestId('bell-count')
      .filter({ hasText: String(unreadBefore + 1) })
      .waitFor();
    await member
      .getByTestId('bell-announcement')
      .filter({ hasText: /Nieuwe melding/ })
      .waitFor();
    // the time is the coordinator's browser's (datetime-local), shown in Belgian time
    const invitation = member.getByRole('link', {
      name: new RegExp(`^Uitnodiging: ${title} \\(14/01/2027 \\d{2}:00\\)$`),
    });
    await invitation.waitFor();
    await member
      .getByRole('button', { name: `Markeer als gelezen: Uitnodiging: ${title} (14/01/2027`, exact: false })
      .click();
    await member.getByRole('link', { name: `Meldingen ${unreadBefore} ongelezen` }).waitFor();
    // the link leads to the meeting
    await invitation.click();
    await member.getByRole('heading', { name: title, level: 1 }).waitFor();
    await member.getByTestId('bell').click();
    await member.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    await member.getByRole('link', { name: 'Meldingen', exact: true }).waitFor();
    expect(await member.getByTestId('bell-count').count()).toBe(0);
  });

  it('shows the coordinator the sent e-mails of the local outbox, and one mail with its text and attachment', async () => {
    const coordinator = await person(COORDINATOR);
    await coordinator.getByRole('link', { name: 'Verzonden e-mails' }).click();
    await coordinator.getByRole('heading', { name: 'Verzonden e-mails', level: 1 }).waitFor();
    await coordinator.getByText(/geen mailserver ingesteld/).waitFor();
    const rows = coordinator.locator('table.data tbody tr');
    // the demo's mails: the invitation to the member, the answer to the partner's signal
    await coordinator
      .locator('tr', { hasText: 'Je signaal kreeg een antwoord' })
      .filter({ hasText: 'partner@demo.local' })
      .filter({ hasText: 'verzonden' })
      .waitFor();
    const row = rows.filter({ hasText: `Uitnodiging: ${meetingTitle} (` }).filter({ hasText: MEMBER });
    await row
      .filter({ hasText: 'verzonden' })
      .waitFor({ timeout: 15_000 })
      .catch(async () => {
        // the sender may still be on it: read the list again
        await coordinator.getByRole('button', { name: 'Vernieuwen' }).click();
        await row.filter({ hasText: 'verzonden' }).waitFor();
      });
    expect(await row.textContent()).toContain('uitnodiging.ics');
    expect(await row.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await expectAccessible(coordinator, 'sent e-mails');

    await row.getByRole('link', { name: `Uitnodiging: ${meetingTitle} (` }).click();
    await coordinator.getByRole('heading', { name: `Uitnodiging: ${meetingTitle} (`, level: 1 }).waitFor();
    await coordinator.getByRole('list', { name: 'Bijlagen' }).getByText('uitnodiging.ics').waitFor();
    const frame = coordinator.frameLocator('iframe[title="De e-mail zoals hij verstuurd werd"]');
    await frame.getByText(meetingTitle).first().waitFor();
    await frame.getByRole('link', { name: 'Afmelden' }).waitFor();
    await expectAccessible(coordinator, 'one sent e-mail');

    // a member has no such page: no link, and the api refuses it
    const member = await person(MEMBER);
    expect(await member.getByRole('link', { name: 'Verzonden e-mails' }).count()).toBe(0);
    await member.goto(`${env.url}/notifications/mails`);
    await member.getByRole('alert').filter({ hasText: 'Je rol laat deze wijziging niet toe.' }).waitFor();
  });

  it('lets the member choose a daily digest in English, with every screen usable at 360 px', async () => {
    const member = await person(MEMBER, { width: 360, height: 740 });
    await member.getByTestId('bell').click();
    await member.getByRole('link', { name: 'Hoe wil je je meldingen krijgen?' }).click();
    await member.getByRole('heading', { name: 'Instellingen voor meldingen', level: 1 }).waitFor();
    expect(await member.getByLabel('Meteen, één e-mail per melding').isChecked()).toBe(true);
    await expectAccessible(member, 'preferences');
    await expectNoSidewaysScroll(member, 'preferences');
    await member.getByLabel('Eén overzichtsmail per dag').check();
    await member.getByLabel('Taal van de e-mails').selectOption('en');
    await member.getByRole('button', { name: 'Opslaan' }).click();
    await member.getByTestId('pref-saved').filter({ hasText: 'Je keuze is opgeslagen.' }).waitFor();
    const token = await login(env.test, MEMBER, DEMO_PASSWORD);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const answer = await env.test.http.get('/api/notifications/preferences').set(bearer(token)).expect(200);
      if ((answer.body as { mode: string }).mode === 'daily') {
        expect(answer.body).toEqual({ mode: 'daily', language: 'en' });
        break;
      }
      if (Date.now() > deadline) throw new Error(`preference not applied: ${JSON.stringify(answer.body)}`);
      await new Promise((wait) => setTimeout(wait, 200));
    }
    // the choice is shown when the screen is opened again
    await member.reload();
    await member.getByRole('heading', { name: 'Instellingen voor meldingen', level: 1 }).waitFor();
    expect(await member.getByLabel('Eén overzichtsmail per dag').isChecked()).toBe(true);
    await member.getByTestId('bell').click();
    await member.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor();
    await expectAccessible(member, 'notifications list at 360 px');
    await expectNoSidewaysScroll(member, 'notifications list');
  });
});
