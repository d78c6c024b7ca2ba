import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, PASSWORD } from '../support/api-harness.js';
import { toDocx, toPdf } from '../support/plan-documents.js';
import { describeInBrowser, logIn, newPerson, browserFixture } from './browser-support.js';

/**
 * The import wizard in Debian's Chromium against the real api: a coordinator uploads a plan PDF, checks the
 * tree found, places the line the importer could not place, edits titles, imports, and lands on the new plan;
 * then previews a newer version (Word) as a diff without writing anything.
 */
describeInBrowser('the plan import wizard in a real browser', () => {
  const env = browserFixture('import-wizard');
  let dir: string;
  const text = readFileSync(new URL('../fixtures/plans/other-style-plan.txt', import.meta.url), 'utf8');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-wizard-'));
  });

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const coordinator = () => bearer(env.fx.users.coordinator.token);

  it('walks from upload to an imported plan, then previews a newer version as a diff', async () => {
    const pdf = join(dir, 'heuvelbeke.pdf');
    writeFileSync(pdf, await toPdf(text));
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await page.getByRole('link', { name: 'Plan importeren' }).click();
      await page.getByRole('heading', { name: 'Plan importeren', level: 1 }).waitFor();

      // 1. upload
      await page.getByLabel('Plandocument (PDF, Word, TXT of MD, tot 20 MB)').setInputFiles(pdf);
      await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();

      // 2. the tree found, with counts per level and the rules used
      await page
        .getByRole('heading', {
          name: 'Gevonden in „Lokaal sociaal beleidsplan Heuvelbeke - Samen sterk in elke wijk”',
        })
        .waitFor();
      expect(await page.getByTestId('import-counts').innerText()).toMatch(
        /Thema’s\s+3\s+Doelen\s+8\s+Acties\s+20/,
      );
      expect(await page.getByTestId('import-rules').innerText()).toMatch(
        /^Regels: strategic-operational \(SD N \/ OD N\.N .*\), zekerheid \d+ % \(automatisch gekozen\)$/,
      );

      // the bullet under a strategic goal without operational goal: made an action of goal 1.1
      const confirm = page.getByRole('button', { name: 'Importeren', exact: true });
      expect(await confirm.isDisabled()).toBe(true);
      await page.getByRole('status').filter({ hasText: 'Kies nog voor 1 regel(s)' }).waitFor();
      await page
        .getByRole('combobox', { name: /Jaarlijkse woonbevraging bij alle huurders van sociale woningen/ })
        .selectOption('1.1');

      // titles edited inline; a title in capitals put in sentence case
      expect(await page.getByLabel('Titel van 2.1', { exact: true }).inputValue()).toBe(
        'BETAALBARE KINDEROPVANG VOOR WERKZOEKENDE OUDERS',
      );
      await page
        .locator('.title-field', { has: page.getByLabel('Titel van 2.1', { exact: true }) })
        .getByRole('button', { name: 'In zinsbouw' })
        .click();
      expect(await page.getByLabel('Titel van 2.1', { exact: true }).inputValue()).toBe(
        'Betaalbare kinderopvang voor werkzoekende ouders',
      );
      await page.getByLabel('Titel van 3.2.3', { exact: true }).fill('Respijtzorg door vrijwilligers');

      // 3. confirm: the import runs as a job the page polls, with progress per level; then the new plan
      const jobRequests: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/plans/import-jobs')) jobRequests.push(request.method());
      });
      await confirm.click();
      await page.getByTestId('import-progress').waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: 'is geïmporteerd: 3 thema’s, 8 doelen, 21 acties.' })
        .waitFor({ timeout: 30_000 });
      const progress = page.getByTestId('import-progress');
      for (const line of [
        'Thema’s: 3 van 3 geschreven',
        'Doelen: 8 van 8 geschreven',
        'Acties: 21 van 21 geschreven',
      ])
        await progress.getByText(line).waitFor();
      expect(
        await progress.getByRole('progressbar', { name: /Acties: 21 van 21/ }).getAttribute('value'),
      ).toBe('21');
      expect(jobRequests[0]).toBe('POST');
      expect(jobRequests.filter((method) => method === 'GET').length).toBeGreaterThanOrEqual(1);
      await page.getByRole('button', { name: 'Open het plan' }).click();
      await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
      const planId = page.url().split('/').at(-1)!;
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await page.getByRole('link', { name: '2. Werk en inkomen voor wie het moeilijk heeft' }).waitFor();

      const actions = await env.test.http
        .get(`/api/plans/${planId}/actions?limit=100`)
        .set(coordinator())
        .expect(200);
      const byCode = new Map(
        (actions.body.items as { code: string; title: string }[]).map((a) => [a.code, a.title]),
      );
      expect(actions.body.total).toBe(21);
      expect(byCode.get('3.2.3')).toBe('Respijtzorg door vrijwilligers');
      expect(byCode.get('1.1.4')).toBe('Jaarlijkse woonbevraging bij alle huurders van sociale woningen');
      const plan = await env.test.http.get(`/api/plans/${planId}`).set(coordinator()).expect(200);
      expect(JSON.stringify(plan.body)).toContain('Betaalbare kinderopvang voor werkzoekende ouders');

      // a newer version as Word: the diff before anything is written
      const docx = join(dir, 'heuvelbeke-2027.docx');
      writeFileSync(
        docx,
        await toDocx(
          text
            .replace(
              '- Crisiswoning in samenwerking met de buurgemeenten.',
              '- Twee crisiswoningen in de regio.',
            )
            .replace('- Taalcoaching op de werkvloer', '- Taalcoaching op de werkvloer en in de buurt'),
        ),
      );
      await page.getByRole('link', { name: 'Plan importeren' }).click();
      await page.getByLabel('Plandocument (PDF, Word, TXT of MD, tot 20 MB)').setInputFiles(docx);
      await page.getByLabel('Importeren in').selectOption(planId);
      await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      const changes = page.getByTestId('import-changes');
      await changes.waitFor();
      const listed = await changes.innerText();
      expect(listed).toContain('actie 1.3.2: gewijzigd');
      expect(listed).toContain('actie 2.2.3: gewijzigd');
      // the line placed by hand and the edited titles are not in the document: they show as changes too
      expect(listed).toContain('actie 1.1.4: verdwenen (blijft bewaard)');
      const after = await env.test.http
        .get(`/api/plans/${planId}/actions?limit=100`)
        .set(coordinator())
        .expect(200);
      expect(after.body.total).toBe(21);
    } finally {
      await context.close();
    }
  });
});
