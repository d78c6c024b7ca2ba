import { bearer, PASSWORD } from '../support/api-harness.js';
import { axeViolations, describeViolations } from './axe.js';
import { browserFixture, describeInBrowser, logIn, newPerson } from './browser-support.js';

/**
 * The erasure form (issue 18, part 3; docs/privacy.md) in Chromium against the real api: a coordinator erases a
 * guest of a meeting from the audit page (person, legal ground, confirmation), in Dutch; the trail then shows
 * the erasure and the meeting page shows "gewist" where her name was. A coordinator erases one note from the
 * action's history where it is shown; a member is not offered it. No critical or serious axe violation.
 */
describeInBrowser('erasure form', () => {
  const env = browserFixture('erasureweb');
  let meetingId: string;

  beforeAll(async () => {
    const { test, fx } = env;
    const coordinator = bearer(fx.users.coordinator.token);
    meetingId = (
      await test.http
        .post(`/api/working-groups/${fx.workingGroupId}/meetings`)
        .set(coordinator)
        .send({ title: 'Werkgroep mei', startsAt: '2026-05-07T14:00:00+02:00' })
        .expect(201)
    ).body.id as string;
    await test.http.post(`/api/meetings/${meetingId}/start`).set(coordinator).expect(200);
    const attended = await test.http
      .post(`/api/meetings/${meetingId}/attendance`)
      .set(coordinator)
      .send({ guestName: 'Rosa Wissels', organisation: 'Wijkhuis', status: 'present' })
      .expect(200);
    await test.api.runtime.runner.waitForPosition(attended.body.position as string, { timeoutMs: 10_000 });
  });

  it('erases a guest after choosing a ground and confirming; the meeting then shows "gewist"', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await page.goto(`${env.url}/meetings/${meetingId}`);
      await page.getByText('Rosa Wissels (Wijkhuis), gast').waitFor();

      await page.goto(`${env.url}/audit`);
      await page.getByRole('heading', { name: 'Audittrail', level: 1 }).waitFor();
      await page.getByText('Persoonsgegevens wissen').click();
      expect(describeViolations(await axeViolations(page))).toBe('');
      const form = page.getByRole('form', { name: 'Persoonsgegevens wissen' });
      await form.getByLabel('een gast van vergaderingen').check();
      await form.getByLabel('Naam van de gast').fill('rosa wissels');
      const erase = form.getByRole('button', { name: 'Definitief wissen' });
      // not before a ground is chosen and the confirmation is ticked
      expect(await erase.isDisabled()).toBe(true);
      await form.getByLabel('Rechtsgrond').selectOption('consent-withdrawn');
      expect(await erase.isDisabled()).toBe(true);
      await form.getByLabel('Ik begrijp dat dit niet ongedaan gemaakt kan worden.').check();
      await erase.click();
      await form.getByRole('status').filter({ hasText: 'Gewist: 1 sleutel vernietigd' }).waitFor();
      await page
        .getByTestId('audit-trail')
        .getByText(/Persoonsgegevens gewist \(gast; grond: toestemming ingetrokken/)
        .waitFor();

      await page.goto(`${env.url}/meetings/${meetingId}`);
      await page.getByText('gewist (gewist), gast').waitFor();
      expect(await page.getByText('Rosa Wissels').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('offers only disabled accounts as users to erase', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await page.goto(`${env.url}/audit`);
      await page.getByText('Persoonsgegevens wissen').click();
      const form = page.getByRole('form', { name: 'Persoonsgegevens wissen' });
      await form.getByLabel('een gebruiker (uitgeschakeld account)').check();
      // only disabled accounts are offered: the seeded users are all active
      await form.getByLabel('Gebruiker', { exact: true }).waitFor();
      const options = await form.getByLabel('Gebruiker', { exact: true }).locator('option').allTextContents();
      expect(options).toEqual(['kies een uitgeschakeld account']);
    } finally {
      await context.close();
    }
  });

  it('erases one note from the action history it is shown in; the other note stays', async () => {
    const { test, fx } = env;
    const coordinator = bearer(fx.users.coordinator.token);
    const actionId = await fx.newAction();
    await test.http
      .post(`/api/actions/${actionId}/notes`)
      .set(coordinator)
      .send({ text: 'Mevrouw Hilde Verschaeve vroeg hulp' })
      .expect(200);
    const kept = await test.http
      .post(`/api/actions/${actionId}/notes`)
      .set(coordinator)
      .send({ text: 'Overleg met het OCMW gepland' })
      .expect(200);
    await test.api.runtime.runner.waitForPosition(kept.body.position as string, { timeoutMs: 10_000 });
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, fx.users.coordinator.email, PASSWORD);
      await page.goto(`${env.url}/actions/${actionId}`);
      const history = page.getByTestId('history');
      const entry = history.locator(':scope > li').filter({ hasText: 'Hilde Verschaeve' });
      await entry.waitFor();
      // only the entries that hold free text offer it: the two notes (not the creation, not the lead)
      expect(await history.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(2);
      await entry.getByRole('button', { name: 'Deze tekst wissen' }).click();
      const form = entry.getByRole('form', { name: 'Deze tekst wissen' });
      expect(describeViolations(await axeViolations(page))).toBe('');
      const erase = form.getByRole('button', { name: 'Definitief wissen' });
      expect(await erase.isDisabled()).toBe(true);
      await form.getByLabel('Rechtsgrond').selectOption('objection');
      await form.getByLabel('Ik begrijp dat dit niet ongedaan gemaakt kan worden.').check();
      await erase.click();
      await history.getByText('Notitie toegevoegd: gewist').waitFor({ timeout: 30_000 });
      expect(await page.getByText('Hilde Verschaeve').count()).toBe(0);
      await history.getByText('Notitie toegevoegd: Overleg met het OCMW gepland').waitFor();
      // the erased note no longer offers it; the other one still does
      expect(await history.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('is not offered to a member', async () => {
    const { test, fx } = env;
    const actionId = await fx.newAction();
    const noted = await test.http
      .post(`/api/actions/${actionId}/notes`)
      .set(bearer(fx.users.coordinator.token))
      .send({ text: 'Een notitie' })
      .expect(200);
    await test.api.runtime.runner.waitForPosition(noted.body.position as string, { timeoutMs: 10_000 });
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, fx.users.member.email, PASSWORD);
      await page.goto(`${env.url}/actions/${actionId}`);
      await page.getByTestId('history').getByText('Notitie toegevoegd: Een notitie').waitFor();
      expect(await page.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
