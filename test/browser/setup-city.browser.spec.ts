import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { systemContext } from '#commands';
import { bearer, login, PASSWORD } from '../support/api-harness.js';
import { browserFixture, describeInBrowser, onPhone, screenProblems } from './browser-support.js';

/**
 * A coordinator sets up a city from scratch in the web app, on a phone (360 px): partner organisations (add,
 * rename, merge), users (create with a role, a refused partner without organisation, disable, enable, a new
 * password), a new plan and its tree (themes, goals, actions, rename, reorder, remove, archive), a working group
 * with members and scope, then edits that group. Each screen: no sideways scrolling, no critical or serious axe
 * violation, errors next to the control and in the form's live region.
 */
describeInBrowser('setting up a city from scratch in a real browser', () => {
  const tenantId = 'setup-city';
  const coordinator = { email: 'regie@setup-city.test', name: 'Regie Stad' };
  // an empty deployment: the tenant and its first coordinator are made below, as a first start would
  const env = browserFixture(null);

  beforeAll(async () => {
    const { userAdmin } = env.test.api.runtime;
    const context = systemContext(tenantId);
    await userAdmin.createTenant(tenantId, 'Stad Setup', false, context);
    await userAdmin.register(
      { email: coordinator.email, name: coordinator.name, role: 'coordinator', password: PASSWORD },
      context,
    );
  });

  /**
   * the control is marked invalid and described by an error text that contains `text`. Polled through the
   * locator, which finds the control anew each time: a handle taken before the refusal is drawn can point at an
   * element the form has replaced since (seen under CI load).
   */
  async function expectFieldError(page: Page, label: string, text: RegExp): Promise<void> {
    const control = page.getByLabel(label, { exact: true });
    for (const until = Date.now() + 30_000; (await control.getAttribute('aria-invalid')) !== 'true';) {
      if (Date.now() > until) {
        const shown = await page.locator('[role="alert"], .error').allInnerTexts();
        throw new Error(
          `the field "${label}" was not marked invalid within 30 s; errors shown: ${shown.join(' | ')}`,
        );
      }
      await page.waitForTimeout(100);
    }
    const describedBy = await control.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toMatch(text);
  }

  const api = async <T>(path: string, token: string): Promise<T> =>
    (await env.test.http.get(path).set(bearer(token)).expect(200)).body as T;

  it('sets up partners, users, the plan tree and a working group, each screen usable at 360 px', async () => {
    const { context, page } = await onPhone(env.browser, env.url, null);
    const problems: string[] = [];
    try {
      await page.goto(`${env.url}/login`);
      await page.getByLabel('E-mailadres').fill(coordinator.email);
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page
        .getByText('Er is nog geen plan', { exact: false })
        .or(page.getByRole('link', { name: 'Instellen' }))
        .first()
        .waitFor();
      await page.getByRole('link', { name: 'Instellen', exact: true }).click();

      // ---- partner organisations: add three, rename one, merge one into another
      await page.getByRole('link', { name: 'Partnerorganisaties' }).click();
      await page.getByRole('heading', { name: 'Partnerorganisaties', level: 1 }).waitFor();
      problems.push(...(await screenProblems(page, 'partners')));
      const newPartner = page.getByRole('form', { name: 'Nieuwe partnerorganisatie' });
      // an empty name: the error stands next to the name field and in the form's live region
      await newPartner.getByRole('button', { name: 'Organisatie toevoegen' }).click();
      await expectFieldError(page, 'Naam', /Naam/);
      expect(await page.getByTestId('new-partner-error').innerText()).toMatch(/Naam/);
      problems.push(...(await screenProblems(page, 'partners with an error')));
      for (const [name, kind] of [
        ['CAW Setup', 'vzw of non-profit'],
        ['OCMW Setup', 'openbare instelling'],
        ['Welzijnsschakel Oost', 'burgerinitiatief'],
      ] as const) {
        await newPartner.getByLabel('Naam').fill(name);
        await newPartner.getByLabel('Soort').selectOption({ label: kind });
        await newPartner.getByRole('button', { name: 'Organisatie toevoegen' }).click();
        await page.getByTestId('partner-list').getByText(name, { exact: true }).waitFor();
      }
      expect(await newPartner.getByLabel('Naam').inputValue()).toBe('');
      await page.getByRole('button', { name: 'OCMW Setup bewerken' }).click();
      await page.getByLabel('Nieuwe naam').fill('Sociaal Huis Setup');
      await page.getByRole('button', { name: 'Naam opslaan' }).click();
      await page.getByTestId('partner-list').getByText('Sociaal Huis Setup', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Welzijnsschakel Oost bewerken' }).click();
      await page.getByLabel('Samenvoegen met').selectOption({ label: 'CAW Setup' });
      await page.getByRole('button', { name: 'Samenvoegen', exact: true }).click();
      await page
        .getByTestId('merged-partners')
        .getByText('Welzijnsschakel Oost is samengevoegd met CAW Setup.')
        .waitFor();
      problems.push(...(await screenProblems(page, 'partners edited')));

      // ---- users: a partner without organisation is refused next to the organisation field
      await page.getByRole('link', { name: 'Gebruikers' }).click();
      await page.getByRole('heading', { name: 'Gebruikers', level: 1 }).waitFor();
      const newUser = page.getByRole('form', { name: 'Nieuwe gebruiker' });
      await newUser.getByLabel('Naam').fill('Bart Partner');
      await newUser.getByLabel('E-mailadres').fill('bart@caw-setup.test');
      await newUser.getByLabel('Rol').selectOption({ label: 'partner' });
      // an invitation by mail is the default; these two get a first password handed over in person
      await newUser.getByLabel('Zelf een eerste wachtwoord doorgeven').check();
      await newUser.getByLabel('Startwachtwoord').fill('kort');
      await newUser.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
      await expectFieldError(page, 'Startwachtwoord', /10/);
      problems.push(...(await screenProblems(page, 'users with an error')));
      await newUser.getByLabel('Startwachtwoord').fill('een goed startwachtwoord');
      await newUser.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
      await expectFieldError(page, 'Organisatie', /organisatie/i);
      await newUser.getByLabel('Organisatie').selectOption({ label: 'CAW Setup' });
      await newUser.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
      await page.getByTestId('user-list').getByText('Bart Partner', { exact: true }).waitFor();
      expect(await page.getByTestId('new-user-error').innerText()).toBe('');
      await newUser.getByLabel('Naam').fill('An Peeters');
      await newUser.getByLabel('E-mailadres').fill('an@setup-city.test');
      await newUser.getByLabel('Rol').selectOption({ label: 'werkgroeplid' });
      await newUser.getByLabel('Startwachtwoord').fill('nog een startwachtwoord');
      await newUser.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
      await page.getByTestId('user-list').getByText('An Peeters', { exact: true }).waitFor();

      // disable and enable Bart, change An's role, give An a new password
      await page.getByRole('button', { name: 'Bart Partner bewerken' }).click();
      await page.getByRole('button', { name: 'Uitschakelen' }).click();
      await expectFieldError(page, 'Reden', /Reden/i);
      await page.getByLabel('Reden').fill('tijdelijk afwezig');
      await page.getByRole('button', { name: 'Uitschakelen' }).click();
      await page.getByTestId('user-list').getByText('partner – CAW Setup – uitgeschakeld').waitFor();
      await page.getByRole('button', { name: 'Inschakelen' }).click();
      await page.getByTestId('user-list').getByText('partner – CAW Setup', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'An Peeters bewerken' }).click();
      const details = page.getByRole('form', { name: 'Naam, rol en organisatie' });
      await details.getByLabel('Rol').selectOption({ label: 'kijker' });
      await details.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.getByTestId('user-list').getByText('kijker', { exact: true }).waitFor();
      await details.getByLabel('Rol').selectOption({ label: 'werkgroeplid' });
      await details.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.getByTestId('user-list').getByText('werkgroeplid', { exact: true }).waitFor();
      await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een nieuw wachtwoord');
      await page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
      await page
        .getByTestId('setup-announce')
        .getByText(/Het wachtwoord van An Peeters is gewijzigd/)
        .waitFor();
      problems.push(...(await screenProblems(page, 'users edited')));
      const anToken = await login(env.test, 'an@setup-city.test', 'een nieuw wachtwoord');
      expect(anToken).toBeTruthy();

      // ---- a new plan and its tree
      await page.getByRole('link', { name: 'Plan bewerken' }).click();
      await page.getByRole('heading', { name: 'Nog geen plan', level: 1 }).waitFor();
      await page.getByLabel('Titel van het plan').fill('Samen sterk 2026-2031');
      await page.getByLabel('Begint op').fill('2026-01-01');
      await page.getByLabel('Loopt tot').fill('2031-12-31');
      await page.getByRole('button', { name: 'Plan aanmaken' }).click();
      await page.getByRole('heading', { name: 'Plan bewerken: Samen sterk 2026-2031', level: 1 }).waitFor();
      const planId = page.url().split('/').at(-2)!;
      const addTheme = page.getByRole('form', { name: 'Nieuw thema' });
      for (const [code, title] of [
        ['1', 'Werk'],
        ['2', 'Wonen'],
        ['3', 'Tijdelijk thema'],
      ]) {
        await addTheme.getByLabel('Nummer').fill(code!);
        await addTheme.getByLabel('Titel').fill(title!);
        await addTheme.getByRole('button', { name: 'Thema toevoegen' }).click();
        await page.getByRole('button', { name: `Thema ${code}. ${title}` }).waitFor();
      }
      // a code in use: the error stands next to the number field
      await addTheme.getByLabel('Nummer').fill('2');
      await addTheme.getByLabel('Titel').fill('Dubbel');
      await addTheme.getByRole('button', { name: 'Thema toevoegen' }).click();
      await expectFieldError(page, 'Nummer', /2/);
      problems.push(...(await screenProblems(page, 'plan tree with an error')));

      // Wonen moves up above Werk; the empty temporary theme is removed
      await page.getByRole('button', { name: 'Thema 2. Wonen' }).click();
      await page.getByRole('button', { name: 'Omhoog' }).click();
      await page.getByTestId('setup-announce').getByText('Wonen staat een plaats hoger.').waitFor();
      await page.getByRole('button', { name: 'Thema 3. Tijdelijk thema' }).click();
      await page.getByRole('button', { name: 'Verwijderen', exact: true }).click();
      await page.getByTestId('setup-announce').getByText('Tijdelijk thema is verwijderd.').waitFor();

      // a goal under Wonen, two actions under it; one renamed, one archived
      await page.getByRole('button', { name: 'Thema 2. Wonen' }).click();
      const addGoal = page.getByRole('form', { name: 'Nieuw doel hieronder' });
      await addGoal.getByLabel('Nummer').fill('2.1');
      await addGoal.getByLabel('Titel').fill('Betaalbaar huren');
      await addGoal.getByRole('button', { name: 'Doel toevoegen' }).click();
      await page.getByRole('button', { name: '2.1 Betaalbaar huren' }).click();
      const addAction = page.getByRole('form', { name: 'Nieuwe actie onder dit doel' });
      for (const [code, title] of [
        ['2.1.1', 'Huurpremie bekendmaken'],
        ['2.1.2', 'Een actie die vervalt'],
      ]) {
        await addAction.getByLabel('Nummer').fill(code!);
        await addAction.getByLabel('Titel').fill(title!);
        await addAction.getByRole('button', { name: 'Actie toevoegen' }).click();
        await page.getByRole('button', { name: `${code} ${title}` }).waitFor();
      }
      const rename = page.getByRole('form', { name: 'Hernoemen' });
      await rename.getByLabel('Titel').fill('Betaalbaar en goed huren');
      await rename.getByRole('button', { name: 'Titel opslaan' }).click();
      await page.getByRole('button', { name: '2.1 Betaalbaar en goed huren' }).waitFor();
      await page.getByRole('button', { name: '2.1.2 Een actie die vervalt' }).click();
      await page.getByLabel('Reden').fill('dubbel met 2.1.1');
      await page.getByRole('button', { name: 'Actie archiveren' }).click();
      await page.getByTestId('setup-announce').getByText('Een actie die vervalt is gearchiveerd.').waitFor();
      problems.push(...(await screenProblems(page, 'plan tree edited')));

      // what the api holds: read until the read models have applied the archive (this read names no position,
      // and a loaded machine's projections can be a moment behind the screen's own writes)
      const expected = [
        ['2', 'Wonen', [['2.1', 'Betaalbaar en goed huren', ['2.1.1']]]],
        ['1', 'Werk', []],
      ];
      const token = await login(env.test, coordinator.email);
      let shape: unknown = null;
      for (let attempt = 0; attempt < 60; attempt++) {
        const tree = await api<{
          themes: {
            code: string;
            title: string;
            goals: { code: string; title: string; actions: { code: string }[] }[];
          }[];
        }>(`/api/plans/${planId}`, token);
        shape = tree.themes.map((theme) => [
          theme.code,
          theme.title,
          theme.goals.map((goal) => [goal.code, goal.title, goal.actions.map((a) => a.code)]),
        ]);
        if (JSON.stringify(shape) === JSON.stringify(expected)) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(shape).toEqual(expected);

      // ---- a working group with members and scope, then edited
      await page.getByRole('link', { name: 'Werkgroepen', exact: true }).first().click();
      await page.getByRole('link', { name: 'Nieuwe werkgroep opzetten' }).click();
      await page.getByLabel('Naam').fill('Wonen en werk');
      await page.getByLabel('Thema 2. Wonen').check();
      await page.getByLabel('Persoon').selectOption({ label: 'An Peeters (an@setup-city.test)' });
      await page.getByLabel('Rol in de groep').selectOption({ label: 'voorzitter' });
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.getByRole('button', { name: 'Werkgroep aanmaken' }).click();
      await page.waitForURL(/\/working-groups\/[0-9a-f-]{36}$/);
      const groupId = page.url().split('/').at(-1)!;
      await page.getByRole('link', { name: 'Werkgroep bewerken' }).click();
      await page.getByRole('heading', { name: 'Werkgroep Wonen en werk bewerken', level: 1 }).waitFor();
      problems.push(...(await screenProblems(page, 'working group edit')));
      const detailsForm = page.getByRole('form', { name: 'Naam en beschrijving' });
      await detailsForm.getByLabel('Naam').fill('');
      await detailsForm.getByRole('button', { name: 'Naam en beschrijving opslaan' }).click();
      await expectFieldError(page, 'Naam', /Naam/);
      await detailsForm.getByLabel('Naam').fill('Wonen, werk en inkomen');
      await detailsForm.getByRole('button', { name: 'Naam en beschrijving opslaan' }).click();
      await page
        .getByRole('heading', { name: 'Werkgroep Wonen, werk en inkomen bewerken', level: 1 })
        .waitFor();
      await page.getByLabel('Thema 1. Werk').check();
      await page.getByRole('button', { name: 'Werkterrein opslaan' }).click();
      await page.getByTestId('setup-announce').getByText('Het werkterrein is opgeslagen.').waitFor();
      const addMember = page.getByRole('form', { name: 'Lid toevoegen' });
      await addMember.getByLabel('Persoon').selectOption({ label: 'Bart Partner (bart@caw-setup.test)' });
      await addMember.getByLabel('Rol in de groep').selectOption({ label: 'secretaris' });
      await addMember.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.getByTestId('group-members').getByText('Bart Partner', { exact: true }).waitFor();
      await page.getByLabel('Rol van An Peeters').selectOption({ label: 'lid' });
      await page.getByTestId('setup-announce').getByText('An Peeters is nu lid.').waitFor();
      problems.push(...(await screenProblems(page, 'working group edited')));

      const users = await api<{ items: { id: string; email: string }[] }>(
        '/api/users',
        await login(env.test, coordinator.email),
      );
      const idOf = (email: string) => users.items.find((user) => user.email === email)!.id;
      const group = await api<{
        name: string;
        scope: { themeIds: string[]; actionIds: string[] };
        members: { userId: string; role: string }[];
      }>(`/api/working-groups/${groupId}`, await login(env.test, coordinator.email));
      expect(group.name).toBe('Wonen, werk en inkomen');
      expect([...group.scope.themeIds].sort()).toEqual((await themeIds(planId)).sort());
      expect(group.members.map((member) => [member.userId, member.role]).sort()).toEqual(
        [
          [idOf('an@setup-city.test'), 'member'],
          [idOf('bart@caw-setup.test'), 'secretary'],
        ].sort(),
      );
      const partners = await api<{ items: { name: string; mergedInto: string | null }[] }>(
        '/api/partners',
        await login(env.test, coordinator.email),
      );
      expect(partners.items.map((partner) => [partner.name, partner.mergedInto !== null]).sort()).toEqual([
        ['CAW Setup', false],
        ['Sociaal Huis Setup', false],
        ['Welzijnsschakel Oost', true],
      ]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  async function themeIds(planId: string): Promise<string[]> {
    const tree = await api<{ themes: { id: string }[] }>(
      `/api/plans/${planId}`,
      await login(env.test, coordinator.email),
    );
    return tree.themes.map((theme) => theme.id);
  }

  it('moves a goal and an action and archives a goal with what it holds, in the tree editor', async () => {
    const token = await login(env.test, coordinator.email);
    const write = async (path: string, body: object): Promise<Record<string, string>> => {
      const response = await env.test.http.post(path).set(bearer(token)).send(body);
      expect([200, 201]).toContain(response.status);
      await env.test.api.runtime.runner.waitForPosition((response.body as { position: string }).position, {
        timeoutMs: 5000,
      });
      return response.body as Record<string, string>;
    };
    const planId = (
      await write('/api/plans', {
        title: 'Herschikt plan',
        periodStart: '2026-01-01',
        periodEnd: '2031-12-31',
      })
    ).id!;
    const theme = async (code: string, title: string) =>
      (await write(`/api/plans/${planId}/themes`, { code, title })).themeId!;
    const goal = async (parentId: string, code: string, title: string) =>
      (await write(`/api/plans/${planId}/goals`, { parentId, code, title })).goalId!;
    const action = async (goalId: string, code: string, title: string) =>
      (await write(`/api/plans/${planId}/actions`, { goalId, code, title })).id!;
    const work = await theme('1', 'Werk');
    const housing = await theme('2', 'Wonen');
    const jobs = await goal(work, '1.1', 'Jobs in de buurt');
    const rent = await goal(housing, '2.1', 'Betaalbaar huren');
    const moving = await goal(work, '1.2', 'Huurbegeleiding');
    await action(moving, '1.2.1', 'Begeleiding bij de huurcontracten');
    const premium = await action(jobs, '1.1.1', 'Huurpremie bekendmaken');
    const old = await goal(housing, '2.2', 'Oud doel');
    await action(old, '2.2.1', 'Verouderde actie een');
    await action(old, '2.2.2', 'Verouderde actie twee');

    const { context, page } = await onPhone(env.browser, env.url, null);
    const problems: string[] = [];
    try {
      await page.goto(`${env.url}/login`);
      await page.getByLabel('E-mailadres').fill(coordinator.email);
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('link', { name: 'Instellen', exact: true }).waitFor();
      await page.goto(`${env.url}/plans/${planId}/tree`);
      await page.getByRole('heading', { name: 'Plan bewerken: Herschikt plan', level: 1 }).waitFor();

      // the goal 1.2 moves under Wonen as 2.3, with its action
      await page.getByRole('button', { name: '1.2 Huurbegeleiding' }).click();
      const relocateGoal = page.getByRole('form', { name: 'Verplaatsen naar een ander thema of doel' });
      // a goal cannot go under itself: it is not offered
      expect(await relocateGoal.getByLabel('Nieuwe plaats').locator('option').allInnerTexts()).not.toContain(
        'Doel 1.2 Huurbegeleiding',
      );
      await relocateGoal.getByLabel('Nieuwe plaats').selectOption({ label: 'Thema 2. Wonen' });
      await relocateGoal.getByLabel('Nummer').fill('2.3');
      await relocateGoal.getByRole('button', { name: 'Verplaatsen' }).click();
      await page.getByTestId('setup-announce').getByText('Huurbegeleiding staat nu onder 2 Wonen.').waitFor();
      await page.getByRole('button', { name: '2.3 Huurbegeleiding' }).waitFor();

      // the action 1.1.1 moves under goal 2.1 with a number in use first (refused next to the field), then 2.1.1
      await page.getByRole('button', { name: '1.1.1 Huurpremie bekendmaken' }).click();
      const relocateAction = page.getByRole('form', { name: 'Verplaatsen naar een ander doel' });
      await relocateAction.getByLabel('Nieuw doel').selectOption({ label: 'Doel 2.1 Betaalbaar huren' });
      await relocateAction.getByLabel('Nummer').fill('2.3');
      await relocateAction.getByRole('button', { name: 'Verplaatsen' }).click();
      const codeField = relocateAction.getByLabel('Nummer');
      await relocateAction.locator('[aria-invalid="true"]').waitFor();
      expect(await codeField.getAttribute('aria-invalid')).toBe('true');
      const describedBy = await codeField.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${describedBy}"]`).innerText()).toMatch(/2\.3/);
      problems.push(...(await screenProblems(page, 'move with an error')));
      await relocateAction.getByLabel('Nummer').fill('2.1.1');
      await relocateAction.getByRole('button', { name: 'Verplaatsen' }).click();
      await page.getByRole('button', { name: '2.1.1 Huurpremie bekendmaken' }).waitFor();

      // the goal 2.2 is archived with its two actions; the editor says so before
      await page.getByRole('button', { name: '2.2 Oud doel' }).click();
      const archive = page.getByRole('form', { name: 'Doel archiveren' });
      expect(await archive.getByTestId('archive-holds').innerText()).toMatch(/0 doelen en 2 acties/);
      problems.push(...(await screenProblems(page, 'archive a goal')));
      await archive.getByLabel('Reden').fill('Opgenomen in 2.1 bij de bijsturing');
      await archive.getByRole('button', { name: 'Doel archiveren' }).click();
      await page.getByTestId('setup-announce').getByText('Oud doel is gearchiveerd.').waitFor();
      await page.getByRole('button', { name: '2.2 Oud doel' }).waitFor({ state: 'detached' });

      const tree = await api<{
        themes: { code: string; goals: { code: string; actions: { code: string }[] }[] }[];
      }>(`/api/plans/${planId}`, token);
      expect(
        tree.themes.map((item) => [
          item.code,
          item.goals.map((child) => [child.code, child.actions.map((a) => a.code)]),
        ]),
      ).toEqual([
        ['1', [['1.1', []]]],
        [
          '2',
          [
            ['2.1', ['2.1.1']],
            ['2.3', ['1.2.1']],
          ],
        ],
      ]);
      const moved = await api<{ goalId: string; themeId: string }>(`/api/actions/${premium}`, token);
      expect(moved).toMatchObject({ goalId: rent, themeId: housing });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('invites a person by mail: she opens the link, chooses her password once and is signed in', async () => {
    const token = await login(env.test, coordinator.email);
    const email = 'els.nieuw@setup-city.test';
    const { context, page } = await onPhone(env.browser, env.url, null);
    const problems: string[] = [];
    try {
      await page.goto(`${env.url}/login`);
      await page.getByLabel('E-mailadres').fill(coordinator.email);
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.getByRole('link', { name: 'Instellen', exact: true }).waitFor();
      await page.goto(`${env.url}/setup/users`);
      await page.getByRole('heading', { name: 'Gebruikers', level: 1 }).waitFor();
      const newUser = page.getByRole('form', { name: 'Nieuwe gebruiker' });
      await newUser.getByLabel('Naam').fill('Els Nieuw');
      await newUser.getByLabel('E-mailadres').fill(email);
      await newUser.getByLabel('Rol').selectOption({ label: 'werkgroeplid' });
      expect(
        await newUser.getByLabel('Uitnodiging per e-mail: de persoon kiest zelf een wachtwoord').isChecked(),
      ).toBe(true);
      await newUser.getByRole('button', { name: 'Uitnodiging sturen' }).click();
      await page.getByTestId('setup-announce').getByText('Els Nieuw is uitgenodigd per e-mail.').waitFor();
      await page.getByTestId('user-list').getByText('Els Nieuw', { exact: true }).waitFor();

      // the mail (the local outbox: this server has no SMTP) holds the link
      let link: string | null = null;
      for (let tries = 0; tries < 150 && !link; tries++) {
        const mails = await api<{ items: { notificationId: string; to: string; status: string }[] }>(
          '/api/notifications/mails',
          token,
        );
        // the outbox lists a mail as soon as it is decided; its text is there once it went out
        const mail = mails.items.find((item) => item.to === email && item.status === 'delivered');
        if (mail) {
          const html = (
            await env.test.http
              .get(`/api/notifications/mails/${mail.notificationId}`)
              .set(bearer(token))
              .expect(200)
          ).text;
          link = /href="([^"]*\/invitation\?token=[^"]+)"/.exec(html)?.[1] ?? null;
        } else await new Promise((wait) => setTimeout(wait, 200));
      }
      expect(link).not.toBeNull();
      await context.clearCookies();

      // signed out, in another browser: the link's page
      const { context: invited, page: invitedPage } = await onPhone(env.browser, env.url, null);
      try {
        await invitedPage.goto(link!);
        await invitedPage.getByRole('heading', { name: 'Kies je wachtwoord', level: 1 }).waitFor();
        await invitedPage.getByText(/Welkom, Els Nieuw\. Kies een wachtwoord voor je account/).waitFor();
        problems.push(...(await screenProblems(invitedPage, 'invitation page')));
        await invitedPage.getByLabel('Wachtwoord (minstens 10 tekens)').fill('mijn eigen wachtwoord');
        await invitedPage.getByLabel('Herhaal het wachtwoord').fill('mijn eigen wachtwoor');
        await invitedPage.getByRole('button', { name: 'Wachtwoord opslaan en aanmelden' }).click();
        await invitedPage.getByText('De twee wachtwoorden zijn niet gelijk.').waitFor();
        await invitedPage.getByLabel('Herhaal het wachtwoord').fill('mijn eigen wachtwoord');
        await invitedPage.getByRole('button', { name: 'Wachtwoord opslaan en aanmelden' }).click();
        await invitedPage.waitForURL((address) => !address.pathname.startsWith('/invitation'));
        await invitedPage
          .getByRole('button', { name: /Afmelden/ })
          .first()
          .waitFor();
        expect(await login(env.test, email, 'mijn eigen wachtwoord')).toBeTruthy();

        // the link works once
        await invitedPage.goto(link!);
        await invitedPage
          .getByTestId('invitation-error')
          .getByText(/Deze uitnodiging werd al gebruikt/)
          .waitFor();
      } finally {
        await invited.close();
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the setup routes for coordinators: a member is refused', async () => {
    const member = `member-${randomUUID().slice(0, 8)}@setup-city.test`;
    await env.test.api.runtime.userAdmin.register(
      { email: member, name: 'Gewoon lid', role: 'member', password: PASSWORD },
      systemContext(tenantId),
    );
    const token = await login(env.test, member);
    await env.test.http.get('/api/users').set(bearer(token)).expect(403);
    await env.test.http
      .post('/api/partners')
      .set(bearer(token))
      .send({ name: 'X', kind: 'other' })
      .expect(403);
  });
});
