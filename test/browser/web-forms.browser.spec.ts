import type { Browser, Page } from 'playwright-core';
import {
  bearer,
  PASSWORD,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import {
  describeInBrowser,
  ensureWebAppBuilt,
  launchChromium,
  logIn,
  newPerson,
  waitUntilLive,
} from './browser-support.js';

/**
 * The action's edit forms in Debian's Chromium against the real api (issue 15): forms show the current
 * values, an untouched form cannot be saved, a form made stale by someone else says so (and who) before it
 * can overwrite anything, only allowed moves are offered, and errors sit next to their control.
 */
describeInBrowser('web app forms and texts', () => {
  let test: TestApi;
  let fx: TenantFixture;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    ensureWebAppBuilt();
    test = await startTestApi();
    fx = await seedTenant(test, 'forms');
    url = test.api.url;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  const read = async (actionId: string) =>
    (await test.http.get(`/api/actions/${actionId}`).set(bearer(fx.users.coordinator.token)).expect(200))
      .body as { status: string; version: number; ownerId: string | null; position: string };

  /** counts the writes the page sends to a path ending in `suffix` */
  const countWrites = (page: Page, suffix: string) => {
    const seen: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET' && request.url().endsWith(suffix)) seen.push(request.method());
    });
    return seen;
  };

  const openAction = async (page: Page, actionId: string) => {
    await page.goto(`${url}/actions/${actionId}`);
    await page.getByRole('heading', { name: 'Geschiedenis' }).waitFor();
    await waitUntilLive(page);
  };

  it('shows the saved lead in the form, and an untouched form cannot write the old value back', async () => {
    const actionId = await fx.newAction();
    const { context, page } = await newPerson(browser);
    try {
      await logIn(page, url, fx.users.coordinator.email, PASSWORD);
      await openAction(page, actionId);
      const writes = countWrites(page, `/api/actions/${actionId}/owner`);
      const form = page.getByRole('form', { name: 'Trekker' });
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
      expect(await form.getByLabel('Trekkende organisatie').inputValue()).toBe(fx.otherPartnerId);
      expect(await save.isDisabled()).toBe(true);

      // pressing Save again (and Enter in the form) writes nothing
      await save.click({ force: true });
      await form.getByLabel('Trekkende organisatie').press('Enter');
      await page.waitForTimeout(300);
      expect(writes).toEqual(['PUT']);
      const after = await read(actionId);
      expect(after).toMatchObject({ ownerId: fx.otherPartnerId, version: before.version + 1 });

      // a lead changed by someone else shows in the untouched form, live
      await test.http
        .put(`/api/actions/${actionId}/owner`)
        .set(bearer(fx.users.member.token))
        .send({ ownerId: fx.partnerId })
        .expect(200);
      await page
        .getByTestId('action-version')
        .filter({ hasText: String(before.version + 2) })
        .waitFor();
      await page.waitForFunction(
        (expected) => (document.getElementById('lead-select') as HTMLSelectElement).value === expected,
        fx.partnerId,
      );
      expect(await save.isDisabled()).toBe(true);
      expect(writes).toEqual(['PUT']);
    } finally {
      await context.close();
    }
  });

  it('says who made my open status form stale before it can overwrite anything', async () => {
    const actionId = await fx.newAction();
    const mine = await newPerson(browser);
    const other = await newPerson(browser);
    try {
      await logIn(mine.page, url, fx.users.coordinator.email, PASSWORD);
      await openAction(mine.page, actionId);
      const writes = countWrites(mine.page, `/api/actions/${actionId}/status`);
      const form = mine.page.getByRole('form', { name: 'Status wijzigen' });
      await form.getByLabel('Nieuwe status').selectOption('in_progress');

      // the member changes the status in her own browser while my form is open
      await logIn(other.page, url, fx.users.member.email, PASSWORD);
      await openAction(other.page, actionId);
      const theirs = other.page.getByRole('form', { name: 'Status wijzigen' });
      await theirs.getByLabel('Nieuwe status').selectOption('postponed');
      await theirs.getByRole('button', { name: 'Opslaan' }).click();

      const stale = mine.page.getByTestId('status-stale');
      await stale.waitFor({ timeout: 3000 });
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
});
