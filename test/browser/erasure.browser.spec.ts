import { bearer, PASSWORD } from '../support/api-harness.js';
import { axeViolations, describeViolations } from './axe.js';
import {
  browserFixture,
  describeInBrowser,
  eraseTextIn,
  logIn,
  newPerson,
  noLongerShown,
} from './browser-support.js';

/**
 * The erasure form (issue 18, part 3; docs/privacy.md) in Chromium against the real api: a coordinator erases a
 * guest of a meeting from the audit page (person, legal ground, confirmation), in Dutch; the trail then shows
 * the erasure and the meeting page shows "gewist" where her name was. A coordinator erases one text where it is
 * shown: a note from the action's history, a signal's text from the signals inbox, a decision and a next step
 * from the meeting page; a member is offered none of them. No critical or serious axe violation.
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
      await eraseTextIn(page, entry);
      await history.getByText('Notitie toegevoegd: gewist').waitFor({ timeout: 30_000 });
      await noLongerShown(page, 'Hilde Verschaeve');
      await history.getByText('Notitie toegevoegd: Overleg met het OCMW gepland').waitFor();
      // the erased note no longer offers it; the other one still does
      expect(await history.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(1);

      // after a reload too
      await page.reload();
      await history.getByText('Notitie toegevoegd: gewist').waitFor();
      await history.getByText('Notitie toegevoegd: Overleg met het OCMW gepland').waitFor();
      expect(await page.getByText('Hilde Verschaeve').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("erases a signal's text from the signals inbox; its answer and the page stay", async () => {
    const { test, fx } = env;
    const signal = (
      await test.http
        .post('/api/signals')
        .set(bearer(fx.users.partner.token))
        .send({ partnerId: fx.partnerId, text: 'Meneer Jozef Pauwels slaapt buiten', actionIds: [] })
        .expect(201)
    ).body as { id: string };
    const answered = await test.http
      .post(`/api/signals/${signal.id}/answer`)
      .set(bearer(fx.users.coordinator.token))
      .send({ response: 'Doorverwezen naar de nachtopvang' })
      .expect(200);
    await test.api.runtime.runner.waitForPosition(answered.body.position as string, { timeoutMs: 10_000 });
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, fx.users.coordinator.email, PASSWORD);
      await page.goto(`${env.url}/plans/${fx.planId}/signals`);
      const item = page.getByTestId('signal').filter({ hasText: 'Doorverwezen naar de nachtopvang' });
      await item.getByText('Meneer Jozef Pauwels slaapt buiten').waitFor();
      // the signal's text and its answer each offer it
      expect(await item.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(2);
      await eraseTextIn(page, item.locator('.signal-text'));
      await item.locator('.signal-text').getByText('gewist', { exact: true }).waitFor({ timeout: 30_000 });
      await noLongerShown(page, 'Jozef Pauwels');
      // the answer stays, and still offers it; the erased text no longer does
      await item.getByText('Doorverwezen naar de nachtopvang').waitFor();
      expect(await item.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(1);
      await item.locator('.signal-response').getByRole('button', { name: 'Deze tekst wissen' }).waitFor();

      // after a reload too
      await page.reload();
      await item.locator('.signal-text').getByText('gewist', { exact: true }).waitFor();
      expect(await page.getByText('Jozef Pauwels').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('erases a decision and a next step from the meeting page; the rest of the meeting stays', async () => {
    const { test, fx } = env;
    const coordinator = bearer(fx.users.coordinator.token);
    const id = (
      await test.http
        .post(`/api/working-groups/${fx.workingGroupId}/meetings`)
        .set(coordinator)
        .send({ title: 'Werkgroep juni', startsAt: '2026-06-04T14:00:00+02:00' })
        .expect(201)
    ).body.id as string;
    const post = (path: string, body: object) =>
      test.http.post(`/api/meetings/${id}${path}`).set(coordinator).send(body).expect(200);
    await post('/start', {});
    await post('/agenda', { kind: 'topic', title: 'Huisvesting', notes: 'Besproken met de wijkwerker' });
    await post('/proposals', { text: 'Meer nachtopvang' });
    await post('/decisions', { text: 'Dossier van Karel Bostoen krijgt voorrang' });
    await post('/decisions', { text: 'Volgende keer de wachtlijst bespreken' });
    await post('/next-steps', {
      text: 'Bel An Pieters over haar huur',
      ownerUserId: fx.users.coordinator.id,
    });
    const last = await post('/next-steps', {
      text: 'Cijfers van de wachtlijst opvragen',
      ownerUserId: fx.users.coordinator.id,
    });
    await test.api.runtime.runner.waitForPosition(last.body.position as string, { timeoutMs: 10_000 });
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, fx.users.coordinator.email, PASSWORD);
      await page.goto(`${env.url}/meetings/${id}`);
      const decisions = page.getByRole('region', { name: 'Beslissingen' });
      const steps = page.getByRole('region', { name: 'Volgende stappen' });
      const decision = decisions.getByRole('listitem').filter({ hasText: 'Karel Bostoen' });
      await decision.waitFor();
      expect(await decisions.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(2);
      // the agenda item's notes and the proposal offer it too (the agenda's title does not)
      const offered = (name: string) =>
        page.getByRole('region', { name }).getByRole('button', { name: 'Deze tekst wissen' }).count();
      expect([
        await offered('Agenda'),
        await offered('Voorstellen'),
        await offered('Volgende stappen'),
      ]).toEqual([1, 1, 2]);
      await eraseTextIn(page, decision);
      await decisions
        .getByRole('listitem')
        .filter({ hasText: /^gewist/ })
        .waitFor({ timeout: 30_000 });
      await noLongerShown(page, 'Karel Bostoen');
      await decisions.getByText('Volgende keer de wachtlijst bespreken').waitFor();
      expect(await decisions.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(1);

      await eraseTextIn(page, steps.getByRole('listitem').filter({ hasText: 'An Pieters' }));
      await steps
        .getByRole('listitem')
        .filter({ hasText: /^gewist/ })
        .waitFor({ timeout: 30_000 });
      await noLongerShown(page, 'An Pieters');
      await steps.getByText('Cijfers van de wachtlijst opvragen').waitFor();

      // after a reload: both markers, the other decision and next step, the meeting still open
      await page.reload();
      await decisions.getByText('Volgende keer de wachtlijst bespreken').waitFor();
      await steps.getByText('Cijfers van de wachtlijst opvragen').waitFor();
      expect(
        await decisions
          .getByRole('listitem')
          .filter({ hasText: /^gewist/ })
          .count(),
      ).toBe(1);
      expect(
        await steps
          .getByRole('listitem')
          .filter({ hasText: /^gewist/ })
          .count(),
      ).toBe(1);
      expect(await page.getByText(/Karel Bostoen|An Pieters/).count()).toBe(0);
      expect(await page.getByTestId('meeting-status').textContent()).toBe('bezig');
    } finally {
      await context.close();
    }
  });

  it('is not offered to a member: not on the action, the signals or the meeting page', async () => {
    const { test, fx } = env;
    const coordinator = bearer(fx.users.coordinator.token);
    const actionId = await fx.newAction();
    await test.http
      .post(`/api/actions/${actionId}/notes`)
      .set(coordinator)
      .send({ text: 'Een notitie' })
      .expect(200);
    // a signal in her working group's scope, answered; a meeting of her group with every kind of text
    const signal = (
      await test.http
        .post('/api/signals')
        .set(coordinator)
        .send({ partnerId: fx.partnerId, text: 'Een signaal in haar scope', actionIds: [actionId] })
        .expect(201)
    ).body as { id: string };
    await test.http
      .post(`/api/signals/${signal.id}/answer`)
      .set(coordinator)
      .send({ response: 'Een antwoord' })
      .expect(200);
    const id = (
      await test.http
        .post(`/api/working-groups/${fx.workingGroupId}/meetings`)
        .set(coordinator)
        .send({ title: 'Werkgroep juli', startsAt: '2026-07-02T14:00:00+02:00' })
        .expect(201)
    ).body.id as string;
    const post = (path: string, body: object) =>
      test.http.post(`/api/meetings/${id}${path}`).set(coordinator).send(body).expect(200);
    await post('/start', {});
    await post('/agenda', { kind: 'topic', title: 'Opvang', notes: 'Besproken met de wijkwerker' });
    await post('/proposals', { text: 'Een voorstel' });
    await post('/decisions', { text: 'Een beslissing' });
    const last = await post('/next-steps', { text: 'Een volgende stap', ownerUserId: fx.users.member.id });
    await test.api.runtime.runner.waitForPosition(last.body.position as string, { timeoutMs: 10_000 });
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, fx.users.member.email, PASSWORD);
      await page.goto(`${env.url}/actions/${actionId}`);
      await page.getByTestId('history').getByText('Notitie toegevoegd: Een notitie').waitFor();
      expect(await page.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(0);

      await page.goto(`${env.url}/plans/${fx.planId}/signals`);
      await page.getByTestId('signal').getByText('Een antwoord').waitFor();
      await page.getByText('Een signaal in haar scope').waitFor();
      expect(await page.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(0);

      await page.goto(`${env.url}/meetings/${id}`);
      const region = (name: string) => page.getByRole('region', { name });
      await region('Volgende stappen').getByText('Een volgende stap').waitFor();
      await region('Beslissingen').getByText('Een beslissing').waitFor();
      await region('Voorstellen').getByText('Een voorstel').waitFor();
      expect(await page.getByLabel('Bespreking bij Opvang').inputValue()).toBe('Besproken met de wijkwerker');
      expect(await page.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
