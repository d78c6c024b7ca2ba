import { bearer, PASSWORD } from '../support/api-harness.js';
import { describeInBrowser, logIn, newPerson, browserFixture } from './browser-support.js';

/** A coordinator sets up a working group from scratch in the web app: name, scope on the plan tree, members. */
describeInBrowser('setting up a working group in a real browser', () => {
  const env = browserFixture('setup-group');

  it('creates a group with a whole theme and a single action in scope, and a chair and a member', async () => {
    const actionId = await env.fx.newAction();
    const action = (
      await env.test.http
        .get(`/api/actions/${actionId}`)
        .set(bearer(env.fx.users.coordinator.token))
        .expect(200)
    ).body as { code: string; title: string };
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await page.getByRole('link', { name: 'Werkgroepen' }).click();
      await page.getByRole('link', { name: 'Nieuwe werkgroep opzetten' }).click();
      await page.getByRole('heading', { name: 'Nieuwe werkgroep', level: 1 }).waitFor();

      await page.getByLabel('Naam').fill('Gezond ouder worden');
      await page.getByLabel('Beschrijving').fill('Partners rond gezondheid van 65-plussers.');
      const create = page.getByRole('button', { name: 'Werkgroep aanmaken' });
      // no scope yet: nothing to create
      expect(await create.isDisabled()).toBe(true);

      // scope on the plan tree: theme 4 as a whole, one action of theme 3
      await page.getByLabel('Thema 4. Een goede gezondheid').check();
      await page.getByText(/^Enkele acties kiezen \(\d+\)$/).click();
      await page.getByLabel(`${action.code} ${action.title}`).check();

      // members with their role in the group
      await page
        .getByLabel('Persoon')
        .selectOption({ label: `member of setup-group (${env.fx.users.member.email})` });
      await page.getByLabel('Rol in de groep').selectOption({ label: 'voorzitter' });
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page
        .getByLabel('Persoon')
        .selectOption({ label: `partner of setup-group (${env.fx.users.partner.email})` });
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      expect(await page.getByTestId('setup-members').innerText()).toBe(
        'member of setup-group (voorzitter) member of setup-group verwijderen\npartner of setup-group (lid) partner of setup-group verwijderen',
      );

      await create.click();
      await page.waitForURL(/\/working-groups\/[0-9a-f-]{36}$/);
      const groupId = page.url().split('/').at(-1)!;
      await page.getByRole('heading', { name: 'Gezond ouder worden', level: 1 }).waitFor();
      await page.getByRole('listitem').filter({ hasText: 'member of setup-group (voorzitter)' }).waitFor();

      const group = (
        await env.test.http
          .get(`/api/working-groups/${groupId}`)
          .set(bearer(env.fx.users.coordinator.token))
          .expect(200)
      ).body as {
        name: string;
        description: string;
        scope: { themeIds: string[]; actionIds: string[] };
        members: { userId: string; role: string }[];
      };
      expect(group).toMatchObject({
        name: 'Gezond ouder worden',
        description: 'Partners rond gezondheid van 65-plussers.',
        scope: { themeIds: [env.fx.otherThemeId], actionIds: [actionId] },
      });
      expect(group.members.map((m) => [m.userId, m.role]).sort()).toEqual(
        [
          [env.fx.users.member.id, 'chair'],
          [env.fx.users.partner.id, 'member'],
        ].sort(),
      );
    } finally {
      await context.close();
    }
  });
});
