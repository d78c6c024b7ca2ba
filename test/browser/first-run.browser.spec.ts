import { describeInBrowser, newPerson, browserFixture } from './browser-support.js';

/** An empty deployment offers its first-run page; the code from the server log makes the city and its coordinator. */
describeInBrowser('the first-run page in a real browser', () => {
  const env = browserFixture(null);

  it('refuses a wrong code, then creates the city and logs its first coordinator in', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await page.goto(`${env.test.api.url}/`);
      await page.waitForURL(`${env.test.api.url}/setup`);
      await page.getByRole('heading', { name: 'Eerste start', level: 1 }).waitFor();

      await page.getByLabel('Naam van de stad of gemeente').fill('Gemeente Sint-Niklaasberge');
      expect(await page.getByLabel('Korte naam (kleine letters, cijfers en streepjes)').inputValue()).toBe(
        'sint-niklaasberge',
      );
      await page.getByLabel('Jouw naam').fill('Team welzijn');
      await page.getByLabel('E-mailadres').fill('welzijn@sint-niklaasberge.be');
      await page.getByLabel('Wachtwoord (minstens 10 tekens)').fill('een lang wachtwoord');
      await page.getByLabel('Eenmalige code (uit het serverlog)').fill('AAAA-BBBB-CCCC');
      await page.getByRole('button', { name: 'Stad aanmaken' }).click();
      await page.getByRole('alert').filter({ hasText: 'Deze code klopt niet.' }).waitFor();

      const code = env.test.api.runtime.firstRun.pendingCode!;
      await page.getByLabel('Eenmalige code (uit het serverlog)').fill(code);
      await page.getByRole('button', { name: 'Stad aanmaken' }).click();
      await page.getByText('Team welzijn').waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      expect((await env.test.http.get('/api/setup').expect(200)).body).toEqual({ needed: false });
    } finally {
      await context.close();
    }
  });
});
