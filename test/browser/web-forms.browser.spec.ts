import type { Page } from 'playwright-core';
import { bearer, PASSWORD } from '../support/api-harness.js';
import {
  browserFixture,
  describeInBrowser,
  logIn,
  newPerson,
  waitShowing,
  waitUntilLive,
} from './browser-support.js';

/**
 * The action's edit forms in Debian's Chromium against the real api (issue 15): forms show the current
 * values, an untouched form cannot be saved, a form made stale by someone else says so (and who) before it
 * can overwrite anything, only allowed moves are offered, and errors sit next to their control.
 */
describeInBrowser('web app forms and texts', () => {
  const env = browserFixture('forms');

  const read = async (actionId: string) =>
    (
      await env.test.http
        .get(`/api/actions/${actionId}`)
        .set(bearer(env.fx.users.coordinator.token))
        .expect(200)
    ).body as { status: string; version: number; ownerId: string | null; position: string };

  /** counts the writes the page sends to a path ending in `suffix` */
  const countWrites = (page: Page, suffix: string) => {
    const seen: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET' && request.url().endsWith(suffix)) seen.push(request.method());
    });
    return seen;
  };

  const openAction = async (page: Page, actionId: string) => {
    await page.goto(`${env.url}/actions/${actionId}`);
    await page.getByRole('heading', { name: 'Geschiedenis' }).waitFor();
    await waitUntilLive(page);
  };
  /** edit forms open one at a time: the form's title is its toggle */
  const openForm = async (page: Page, title: string) => {
    await page.getByRole('button', { name: title, exact: true }).click();
    return page.getByRole('form', { name: title });
  };

  it('shows the saved lead in the form, and an untouched form cannot write the old value back', async () => {
    const actionId = await env.fx.newAction();
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await openAction(page, actionId);
      const writes = countWrites(page, `/api/actions/${actionId}/owner`);
      const form = await openForm(page, 'Trekker');
      const save = form.getByRole('button', { name: 'Opslaan' });
      // nothing changed yet: nothing to save
      expect(await save.isDisabled()).toBe(true);

      await form.getByLabel('Trekkende organisatie').selectOption({ label: 'OCMW' });
      expect(await save.isEnabled()).toBe(true);
      const before = await read(actionId);
      await save.click();
      await page
        .getByTestId('action-version')
        .filter({ hasText: String(before.version + 1) })
        .waitFor();
      // the header and the form both show the new lead; the form is untouched again
      await page.locator('.facts').getByText('OCMW').waitFor();
      await form.getByRole('button', { name: 'Opslaan' }).waitFor();
      expect(await form.getByLabel('Trekkende organisatie').inputValue()).toBe(env.fx.otherPartnerId);
      expect(await save.isDisabled()).toBe(true);

      // pressing Save again (and Enter in the form) writes nothing
      await save.click({ force: true });
      await form.getByLabel('Trekkende organisatie').press('Enter');
      await page.waitForTimeout(300);
      expect(writes).toEqual(['PUT']);
      const after = await read(actionId);
      expect(after).toMatchObject({ ownerId: env.fx.otherPartnerId, version: before.version + 1 });

      // a lead changed by someone else shows in the untouched form, live
      await env.test.http
        .put(`/api/actions/${actionId}/owner`)
        .set(bearer(env.fx.users.member.token))
        .send({ ownerId: env.fx.partnerId })
        .expect(200);
      await page
        .getByTestId('action-version')
        .filter({ hasText: String(before.version + 2) })
        .waitFor();
      await page
        .locator(`#lead-select:has(option[value="${env.fx.partnerId}"]:checked)`)
        .waitFor({ timeout: 15_000 });
      expect(await form.getByLabel('Trekkende organisatie').inputValue()).toBe(env.fx.partnerId);
      expect(await save.isDisabled()).toBe(true);
      expect(writes).toEqual(['PUT']);
    } finally {
      await context.close();
    }
  });

  it('says who made my open status form stale before it can overwrite anything', async () => {
    const actionId = await env.fx.newAction();
    const mine = await newPerson(env.browser);
    const other = await newPerson(env.browser);
    try {
      await logIn(mine.page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await openAction(mine.page, actionId);
      const writes = countWrites(mine.page, `/api/actions/${actionId}/status`);
      const form = await openForm(mine.page, 'Status wijzigen');
      await form.getByLabel('Nieuwe status').selectOption('in_progress');

      // the member changes the status in her own browser while my form is open
      await logIn(other.page, env.url, env.fx.users.member.email, PASSWORD);
      await openAction(other.page, actionId);
      const theirs = await openForm(other.page, 'Status wijzigen');
      await theirs.getByLabel('Nieuwe status').selectOption('postponed');
      await theirs.getByRole('button', { name: 'Opslaan' }).click();

      const stale = mine.page.getByTestId('status-stale');
      await stale.waitFor({ timeout: 15_000 });
      await stale
        .filter({ hasText: 'Intussen gewijzigd door member of forms' })
        .filter({ hasText: 'uitgesteld' })
        .waitFor();
      const save = form.getByRole('button', { name: 'Opslaan' });
      expect(await save.isDisabled()).toBe(true);
      await save.click({ force: true });
      await mine.page.waitForTimeout(300);
      expect(writes).toEqual([]);
      expect((await read(actionId)).status).toBe('postponed');

      // taking their change shows it; keeping mine is a choice made knowingly, then saved on top of theirs
      await form.getByLabel('Nieuwe status').selectOption('in_progress');
      await stale.getByRole('button', { name: 'Mijn wijziging behouden' }).click();
      await stale.waitFor({ state: 'detached' });
      await save.click();
      await mine.page
        .getByTestId('action-status')
        .filter({ hasText: /^lopend$/ })
        .waitFor();
      expect(writes).toEqual(['POST']);
      expect((await read(actionId)).status).toBe('in_progress');
    } finally {
      await mine.context.close();
      await other.context.close();
    }
  });

  /** a meeting of the fixture's working group, started, with two proposals and an open top-5 round */
  const meetingWithOpenRound = async (): Promise<string> => {
    const as = (token: string) => bearer(token);
    const meeting = (
      await env.test.http
        .post(`/api/working-groups/${env.fx.workingGroupId}/meetings`)
        .set(as(env.fx.users.coordinator.token))
        .send({ title: 'Werkgroep dak- en thuislozen', startsAt: '2025-03-03T18:00:00.000Z' })
        .expect(201)
    ).body as { id: string };
    const path = `/api/meetings/${meeting.id}`;
    await env.test.http.post(`${path}/start`).set(as(env.fx.users.coordinator.token)).send({}).expect(200);
    await env.test.http
      .post(`${path}/attendance`)
      .set(as(env.fx.users.member.token))
      .send({ userId: env.fx.users.member.id, status: 'present' })
      .expect(200);
    for (const text of ['Meer noodopvang in de winter', 'Een vast aanspreekpunt per wijk'])
      await env.test.http
        .post(`${path}/proposals`)
        .set(as(env.fx.users.member.token))
        .send({ text })
        .expect(200);
    const opened = await env.test.http
      .post(`${path}/rounds`)
      .set(as(env.fx.users.member.token))
      .send({ size: 5, ranked: true })
      .expect(200);
    await env.test.api.runtime.runner.waitForPosition((opened.body as { position: string }).position, {
      timeoutMs: 5000,
    });
    return meeting.id;
  };

  it('offers only the status moves the lifecycle allows, and names a field and its limit next to it', async () => {
    const actionId = await env.fx.newAction();
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await openAction(page, actionId);
      const status = (await openForm(page, 'Status wijzigen')).getByLabel('Nieuwe status');
      const options = status.locator('option');
      const offered: (string | null)[] = [];
      for (let index = 0; index < (await options.count()); index++)
        offered.push(await options.nth(index).getAttribute('value'));
      // not started → in progress, postponed or stopped; never straight to realised
      expect(offered).toEqual(['not_started', 'in_progress', 'postponed', 'stopped']);

      const note = await openForm(page, 'Notitie toevoegen');
      const text = note.getByLabel('Notitie');
      await text.fill('x'.repeat(10_001));
      const refused = page.waitForResponse((response) => response.url().endsWith('/notes'));
      await note.getByRole('button', { name: 'Opslaan' }).click();
      expect((await refused).status()).toBe(400);
      const error = note.getByTestId('note-error');
      await error.filter({ hasText: 'Tekst: maximaal 10.000 tekens.' }).waitFor();
      expect(await error.getAttribute('aria-live')).toBe('assertive');
      expect(await text.getAttribute('aria-invalid')).toBe('true');
      expect(await text.getAttribute('aria-describedby')).toBe('note-error');
      // the error is in the form, not only at the top of the page
      expect(await page.locator('.action > [role="alert"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('shows the ballot only to a member recorded present, never to a coordinator who may not vote', async () => {
    const meetingId = await meetingWithOpenRound();
    const coordinator = await newPerson(env.browser);
    const member = await newPerson(env.browser);
    try {
      await logIn(coordinator.page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await coordinator.page.goto(`${env.url}/meetings/${meetingId}`);
      await coordinator.page.getByRole('heading', { name: 'Prioriteringsronde' }).waitFor();
      await coordinator.page.getByTestId('tally').waitFor();
      await coordinator.page.getByTestId('ballot-rule').waitFor();
      expect(await coordinator.page.getByRole('form', { name: /Jouw top/ }).count()).toBe(0);
      expect(await coordinator.page.getByRole('button', { name: 'Stem indienen' }).count()).toBe(0);

      await logIn(member.page, env.url, env.fx.users.member.email, PASSWORD);
      await member.page.goto(`${env.url}/meetings/${meetingId}`);
      const ballot = member.page.getByRole('form', { name: 'Jouw top 2' });
      await ballot.waitFor();
      await ballot.getByLabel('Plaats 1').selectOption({ label: 'Een vast aanspreekpunt per wijk' });
      const voted = member.page.waitForResponse((response) => response.url().endsWith('/ballots'));
      await ballot.getByRole('button', { name: 'Stem indienen' }).click();
      expect((await voted).status()).toBe(200);
    } finally {
      await coordinator.context.close();
      await member.context.close();
    }
  });

  it('names people and actions in live text, and rebuilds the feeds from history after a reload', async () => {
    const actionId = await env.fx.newAction();
    const meetingId = await meetingWithOpenRound();
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await waitUntilLive(page);
      // the dashboard's feed: the action and the person, not only "Status gewijzigd ..."
      const changed = await env.test.http
        .post(`/api/actions/${actionId}/status`)
        .set(bearer(env.fx.users.member.token))
        .send({ status: 'in_progress' })
        .expect(200);
      const feed = page.getByTestId('live-feed');
      const line = feed
        .locator('li')
        .filter({ hasText: 'member of forms: Status gewijzigd van niet gestart naar lopend' });
      await line.waitFor({ timeout: 15_000 });
      expect(await line.getByRole('link').textContent()).toMatch(/^3\.1\.\d+ Actie \d+$/);
      await env.test.api.runtime.runner.waitForPosition((changed.body as { position: string }).position, {
        timeoutMs: 5000,
      });
      await page.reload();
      await line.waitFor({ timeout: 15_000 });

      // a lead change on the action page: partner names in the live announcement, never ids
      await openAction(page, actionId);
      await env.test.http
        .put(`/api/actions/${actionId}/owner`)
        .set(bearer(env.fx.users.member.token))
        .send({ ownerId: env.fx.otherPartnerId })
        .expect(200);
      await page
        .getByTestId('action-announcer')
        .filter({ hasText: 'Trekker gewijzigd van CAW naar OCMW' })
        .waitFor({ timeout: 15_000 });

      // the meeting: proposals and attendance by name, live; after a reload the feed is still there
      await page.goto(`${env.url}/meetings/${meetingId}`);
      await page.getByRole('heading', { name: 'Wijzigingen tijdens de vergadering' }).waitFor();
      await waitUntilLive(page);
      const meetingFeed = page.getByTestId('meeting-feed');
      await meetingFeed.getByText('Voorstel van member of forms: Meer noodopvang in de winter').waitFor();
      await env.test.http
        .post(`/api/meetings/${meetingId}/attendance`)
        .set(bearer(env.fx.users.member.token))
        .send({ userId: env.fx.users.member.id, status: 'excused' })
        .expect(200);
      await meetingFeed.getByText('member of forms: verontschuldigd').waitFor({ timeout: 15_000 });
      await env.test.http
        .post(`/api/actions/${actionId}/progress`)
        .set(bearer(env.fx.users.member.token))
        .set('X-Meeting-Id', meetingId)
        .send({ percent: 30 })
        .expect(200);
      const progressLine = meetingFeed.getByText(
        /member of forms wijzigde voortgang van 3\.1\.\d+ Actie \d+: leeg → 30/,
      );
      await progressLine.waitFor({ timeout: 15_000 });
      await page.reload();
      await progressLine.waitFor({ timeout: 15_000 });
      await meetingFeed.getByText('Voorstel van member of forms: Een vast aanspreekpunt per wijk').waitFor();
      expect(await meetingFeed.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    } finally {
      await context.close();
    }
  });

  it('keeps the session in a new tab and after a reload, and returns to the asked page after login', async () => {
    const actionId = await env.fx.newAction();
    const { context, page } = await newPerson(env.browser);
    try {
      // a deep link (or a link in an email) while signed out: login, then that page
      await page.goto(`${env.url}/actions/${actionId}?from=mail`);
      await page.waitForURL(/\/login\?next=/);
      await page.getByLabel('E-mailadres').fill(env.fx.users.member.email);
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('heading', { name: 'Geschiedenis' }).waitFor();
      expect(page.url()).toBe(`${env.url}/actions/${actionId}?from=mail`);

      // no token in storage a script can read: the refresh token is an HttpOnly cookie
      const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
      expect(stored).not.toMatch(/eyJ|refresh/i);
      const cookies = await context.cookies();
      expect(cookies.find((cookie) => cookie.name === 'spb_refresh')).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
        path: '/api/auth',
      });

      // a reload and a new tab stay signed in; two tabs refreshing at once keep the session
      await page.reload();
      await page.getByRole('heading', { name: 'Geschiedenis' }).waitFor();
      const tab = await context.newPage();
      const tab2 = await context.newPage();
      await Promise.all([
        tab.goto(`${env.url}/plans/${env.fx.planId}`),
        tab2.goto(`${env.url}/actions/${actionId}`),
      ]);
      // (failed once in CI, 2026-12-01, and passed on its retry: say what the tabs showed if it happens again)
      await waitShowing(tab, tab.getByRole('heading', { name: 'Dashboard', level: 1 }));
      await waitShowing(tab2, tab2.getByRole('heading', { name: 'Geschiedenis' }));
      await page.reload();
      await page.getByRole('heading', { name: 'Geschiedenis' }).waitFor();

      // logging out in one tab ends the session in the others
      await tab.getByRole('button', { name: 'Afmelden' }).click();
      await page.waitForURL(/\/login/);
      await page.reload();
      await page.getByLabel('E-mailadres').waitFor();

      // only paths of this app are followed after login
      await page.goto(`${env.url}/login?next=${encodeURIComponent('//example.org/x')}`);
      await page.getByLabel('E-mailadres').fill(env.fx.users.member.email);
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      expect(new URL(page.url()).origin).toBe(env.url);
    } finally {
      await context.close();
    }
  });

  it('shows where an action sits, Belgian dates, its signals, one edit form at a time and a due-date warning', async () => {
    const actionId = await env.fx.newAction();
    await env.test.http
      .put(`/api/actions/${actionId}/due-date`)
      .set(bearer(env.fx.users.member.token))
      .send({ dueDate: '2025-12-31' })
      .expect(200);
    const signal = await env.test.http
      .post(`/api/actions/${actionId}/signals`)
      .set(bearer(env.fx.users.partner.token))
      .send({ text: 'Wachtlijst voor noodopvang loopt op', urgency: 'high' })
      .expect(200);
    await env.test.api.runtime.runner.waitForPosition((signal.body as { position: string }).position, {
      timeoutMs: 5000,
    });
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await openAction(page, actionId);
      const crumbs = page.getByRole('navigation', { name: 'Plaats in het plan' });
      await crumbs.getByRole('link', { name: 'Thema 3: Een dak boven je hoofd' }).waitFor();
      await crumbs.getByRole('link', { name: 'Doel 3.1: Meer sociale huisvesting' }).waitFor();
      expect(await crumbs.getByRole('link').first().textContent()).toBe('Plan forms');

      // dates as 31/12/2025, also in the history's change lines
      expect(await page.locator('.facts').textContent()).toContain('31/12/2025');
      const history = page.getByTestId('history');
      await history.getByText(/deadline: .*→ 31\/12\/2025/).waitFor();
      expect(await history.textContent()).not.toMatch(/2025-12-31/);
      expect(await history.locator('time').first().textContent()).toMatch(
        /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
      );

      // the signals about this action
      await page.getByTestId('action-signals').getByText('Wachtlijst voor noodopvang loopt op').waitFor();

      // one edit form at a time
      const forms = page.locator('form[aria-labelledby]:visible');
      expect(await forms.count()).toBe(0);
      await openForm(page, 'Status wijzigen');
      expect(await forms.count()).toBe(1);
      const due = await openForm(page, 'Deadline');
      expect(await forms.count()).toBe(1);
      expect(await page.getByRole('form', { name: 'Status wijzigen' }).count()).toBe(0);

      // a due date outside the plan period (2021-2025) is warned about before saving
      await due.getByLabel('Datum').fill('2026-03-01');
      await due
        .getByTestId('due-date-warning')
        .filter({ hasText: 'buiten de looptijd van het plan (01/01/2021 – 31/12/2025)' })
        .waitFor();
      await due.getByLabel('Datum').fill('2025-06-30');
      expect(await due.getByTestId('due-date-warning').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("shows the plan's name and period on the dashboard, a text alternative for the chart and rendered minutes", async () => {
    const meetingId = await meetingWithOpenRound();
    await env.test.http
      .post(`/api/meetings/${meetingId}/decisions`)
      .set(bearer(env.fx.users.member.token))
      .send({ text: 'We vragen **extra** winteropvang aan' })
      .expect((response) => expect(response.status).toBeLessThan(300));
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await page.getByTestId('plan-name').filter({ hasText: 'Plan forms' }).waitFor();
      expect(await page.getByTestId('plan-name').textContent()).toContain('01/01/2021 – 31/12/2025');
      // the chart per theme (the dashboard also draws the trend per month: test/browser/as-of.browser.spec.ts)
      const chart = page.getByRole('img', { name: /^Staafdiagram: per thema/ });
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toMatch(/^Staafdiagram: per thema/);

      await page.goto(`${env.url}/meetings/${meetingId}`);
      await page.getByRole('button', { name: 'Voorbeeld tonen' }).click();
      const minutes = page.getByTestId('minutes');
      await minutes.getByRole('heading').first().waitFor();
      const text = await minutes.innerText();
      expect(text).toContain('We vragen **extra** winteropvang aan');
      expect(text).not.toMatch(/^#/m);
      expect(await minutes.locator('script, style').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
