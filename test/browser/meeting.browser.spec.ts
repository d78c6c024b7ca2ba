import { readFileSync } from 'node:fs';
import { bearer, PASSWORD } from '../support/api-harness.js';
import { describeInBrowser, logIn, newPerson, waitUntilLive, browserFixture } from './browser-support.js';

/**
 * The meeting screen as a secretary runs a real meeting (issue 17): a meeting on a date alone, everyone
 * present in one click and a guest, discussion notes while another person sees who is typing them, a ballot
 * recorded on behalf of the guest, and the minutes downloaded as PDF.
 */
/** polls a condition on the page (the app's CSP forbids evaluating strings in it) */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeInBrowser('the meeting screen in a real browser', () => {
  const env = browserFixture('meetingscreen');
  let meetingId: string;

  const api = (token: string) => ({
    get: async (path: string) => (await env.test.http.get(path).set(bearer(token)).expect(200)).body as never,
    post: async (path: string, body: object) =>
      (await env.test.http.post(path).set(bearer(token)).send(body).expect(200)).body as {
        position: string;
      } & Record<string, string>,
  });

  beforeAll(async () => {
    const coordinator = api(env.fx.users.coordinator.token);
    // the seeded member is the group's secretary
    await env.test.http
      .patch(`/api/working-groups/${env.fx.workingGroupId}/members/${env.fx.users.member.id}`)
      .set(bearer(env.fx.users.coordinator.token))
      .send({ role: 'secretary' })
      .expect(200);
    const meeting = await env.test.http
      .post(`/api/working-groups/${env.fx.workingGroupId}/meetings`)
      .set(bearer(env.fx.users.member.token))
      .send({ title: 'Werkgroep januari', startsAt: '2024-01-19' })
      .expect(201);
    meetingId = (meeting.body as { id: string }).id;
    await coordinator.post(`/api/meetings/${meetingId}/agenda`, { kind: 'topic', title: 'Winteropvang' });
    await coordinator.post(`/api/meetings/${meetingId}/proposals`, { text: 'Meer nachtopvang' });
    await coordinator.post(`/api/meetings/${meetingId}/proposals`, { text: 'Housing First uitbreiden' });
  });

  it('lets the secretary run it: attendance, a guest, notes seen live, a ballot on behalf, the PDF', async () => {
    const secretary = await newPerson(env.browser);
    const watcher = await newPerson(env.browser);
    try {
      await logIn(secretary.page, env.url, env.fx.users.member.email, PASSWORD);
      await logIn(watcher.page, env.url, env.fx.users.coordinator.email, PASSWORD);
      const page = secretary.page;
      await page.goto(`${env.url}/meetings/${meetingId}`);
      await watcher.page.goto(`${env.url}/meetings/${meetingId}`);
      await waitUntilLive(page);
      await waitUntilLive(watcher.page);
      await page.getByRole('heading', { name: 'Werkgroep januari', level: 1 }).waitFor();
      // a date alone, without a time of day
      await page.getByText(/19\/01\/2024$/).waitFor();

      await page.getByRole('button', { name: 'Iedereen aanwezig' }).click();
      await until(
        async () => (await page.locator(`#att-${env.fx.users.member.id}`).inputValue()) === 'present',
        'the member marked present',
      );
      await page.getByLabel('Naam van de gast').fill('Jan Peeters');
      await page.getByLabel('Organisatie (optioneel)').fill('Buurtwerk');
      await page.getByRole('button', { name: 'Gast toevoegen' }).click();
      await page.getByText('Jan Peeters (Buurtwerk), gast').waitFor();

      const notes = page.getByLabel('Bespreking bij Winteropvang');
      await notes.click();
      await watcher.page.getByText('schrijft de bespreking bij Winteropvang').waitFor();
      await notes.fill('De opvang gaat open op **1 december**.');
      await page.getByRole('button', { name: 'Bespreking opslaan' }).click();
      // the other screen shows the saved notes (the live event reloads the meeting)
      await until(
        async () =>
          (await watcher.page.getByLabel('Bespreking bij Winteropvang').inputValue()) ===
          'De opvang gaat open op **1 december**.',
        'the saved notes on the other screen',
      );

      await page.getByRole('button', { name: 'Vergadering starten' }).click();
      await page.getByRole('button', { name: 'Top-5-ronde openen' }).click();
      await page.getByLabel('Stem van').selectOption({ label: 'Jan Peeters' });
      await page.getByLabel('Plaats 1').selectOption({ label: 'Housing First uitbreiden' });
      await page.getByRole('button', { name: 'Stem indienen' }).click();
      await page.getByText('Jan Peeters: genoteerd door member of meetingscreen').waitFor();

      const detail = (await api(env.fx.users.coordinator.token).get(`/api/meetings/${meetingId}`)) as {
        agenda: { notes: string | null }[];
        attendees: { guestName: string | null; organisation: string | null; status: string }[];
      };
      expect(detail.agenda[0]!.notes).toBe('De opvang gaat open op **1 december**.');
      expect(detail.attendees).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ guestName: 'Jan Peeters', organisation: 'Buurtwerk', status: 'present' }),
        ]),
      );

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Downloaden (PDF)' }).click(),
      ]);
      const file = readFileSync(await download.path());
      expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(download.suggestedFilename()).toMatch(/^verslag-.*\.pdf$/);
    } finally {
      await secretary.context.close();
      await watcher.context.close();
    }
  });
});
