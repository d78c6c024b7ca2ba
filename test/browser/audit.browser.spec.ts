import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { bearer, PASSWORD } from '../support/api-harness.js';
import { axeViolations, describeViolations } from './axe.js';
import {
  browserFixture,
  describeInBrowser,
  eraseTextIn,
  logIn,
  newPerson,
  onPhone,
} from './browser-support.js';

/**
 * The audit trail screen (issue 18) in Debian's Chromium against the real api: coordinators only, Dutch first,
 * Belgian dates, filters kept in the URL (and the back button), links to what each entry changed, older pages
 * by cursor, a 360 px phone without sideways scrolling, no critical or serious axe-core violation, and "Deze
 * tekst wissen" next to an entry that holds free text (an indicator measurement's, which no other page offers).
 */
describeInBrowser('audit trail screen', () => {
  const env = browserFixture('auditweb');
  let actionId: string;

  beforeAll(async () => {
    const { test, fx } = env;
    actionId = await fx.newAction();
    const written = await test.http
      .post(`/api/actions/${actionId}/status`)
      .set(bearer(fx.users.coordinator.token))
      .send({ status: 'in_progress' })
      .expect(200);
    let position = written.body.position as string;
    // more than one page (50) of entries
    for (let percent = 1; percent <= 40; percent++) {
      const progress = await test.http
        .post(`/api/actions/${actionId}/progress`)
        .set(bearer(fx.users.coordinator.token))
        .send({ percent })
        .expect(200);
      position = progress.body.position as string;
    }
    await test.api.runtime.runner.waitForPosition(position, { timeoutMs: 10_000 });
  });

  const entries = (page: Page) => page.getByTestId('audit-trail').locator(':scope > li');

  it('filters in the URL, Belgian dates, links to what changed, and the back button undoes', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await page
        .getByRole('navigation', { name: 'Hoofdnavigatie' })
        .getByRole('link', { name: 'Audittrail' })
        .click();
      await page.getByRole('heading', { name: 'Audittrail', level: 1 }).waitFor();
      await entries(page).first().waitFor();
      // in Dutch, with before and after and a Belgian date; newest first (the sign-in of this test on top)
      const progress = entries(page).filter({ hasText: 'Voortgang 40% (was 39%)' });
      expect(await entries(page).locator('.what').allTextContents()).toContain('Voortgang 40% (was 39%)');
      expect(await progress.count()).toBe(1);
      expect(await progress.locator('.changes').textContent()).toMatch(/39.*→.*40/);
      expect(await progress.locator('time').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      expect(await entries(page).first().textContent()).toMatch(/aangemeld/);
      const shown: string[] = [];
      for (const entry of await entries(page).all()) shown.push((await entry.getAttribute('data-position'))!);
      expect(shown).toEqual([...shown].sort().reverse());

      await page.getByLabel('Soort').selectOption('plan');
      await page.getByRole('button', { name: 'Filteren' }).click();
      await page.waitForURL(/\/audit\?kind=plan$/);
      await page.getByTestId('audit-trail').getByText('plan', { exact: true }).first().waitFor();
      const kinds = await entries(page).locator('.when > span.badge').allTextContents();
      expect(kinds.length).toBeGreaterThan(0);
      expect(kinds.every((kind) => kind === 'plan')).toBe(true);

      // the action filter from the URL, and the link to the action
      await page.goto(`${env.url}/audit?actionId=${actionId}`);
      await page.getByRole('link', { name: 'Naar de actie' }).first().waitFor();
      const links = page.getByRole('link', { name: 'Naar de actie' });
      expect(await links.count()).toBeGreaterThan(40);
      for (const link of await links.all())
        expect(await link.getAttribute('href')).toBe(`/actions/${actionId}`);
      expect(await page.getByLabel('Actie', { exact: true }).inputValue()).toBe(actionId);
      await page.getByRole('link', { name: 'Naar de actie' }).first().click();
      await page.getByRole('heading', { name: 'Geschiedenis' }).waitFor();
      expect(page.url()).toBe(`${env.url}/actions/${actionId}`);
      await page.goBack();
      await page.waitForURL(`${env.url}/audit?actionId=${actionId}`);
      await page.getByRole('link', { name: 'Naar de actie' }).first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('pages to older entries by cursor', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.coordinator.email, PASSWORD);
      await page.goto(`${env.url}/audit`);
      await entries(page).first().waitFor();
      const positionsOf = async () => {
        const positions: string[] = [];
        for (const entry of await entries(page).all())
          positions.push((await entry.getAttribute('data-position'))!);
        return positions;
      };
      const firstPage = await positionsOf();
      expect(firstPage).toHaveLength(50);
      await page.getByRole('link', { name: 'Oudere wijzigingen' }).click();
      await page.waitForURL(/before=/);
      await page.getByRole('link', { name: 'Nieuwste' }).waitFor();
      await entries(page).first().waitFor();
      const secondPage = await positionsOf();
      expect(secondPage.length).toBeGreaterThan(0);
      // older, and none shown twice
      expect(secondPage.every((position) => position < firstPage.at(-1)!)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('fits a 360 px phone without sideways scrolling and has no critical or serious axe violation', async () => {
    const { context, page } = await onPhone(env.browser, env.url, env.fx.users.coordinator.email);
    try {
      await page.goto(`${env.url}/audit?kind=action`);
      await entries(page).first().waitFor();
      const widths = await page.evaluate<{ scrollWidth: number; width: number }>(
        `({ scrollWidth: document.documentElement.scrollWidth, width: document.documentElement.clientWidth })`,
      );
      expect(widths.scrollWidth).toBeLessThanOrEqual(widths.width);
      expect(describeViolations(await axeViolations(page))).toBe('');
    } finally {
      await context.close();
    }
  });

  it("erases a measurement's texts from its entry: the summary reads gewist, after a reload too", async () => {
    const { test, fx } = env;
    const coordinator = bearer(fx.users.coordinator.token);
    const indicatorId = randomUUID();
    await test.http
      .post(`/api/plans/${fx.planId}/indicators`)
      .set(coordinator)
      .send({
        id: indicatorId,
        nodeId: fx.goalId,
        name: 'Gezinnen met een woning',
        direction: 'higher_is_better',
      })
      .expect(201);
    const recorded = await test.http
      .post(`/api/indicators/${indicatorId}/measurements`)
      .set(coordinator)
      .send({
        value: 12,
        date: '2026-01-31',
        source: 'Telling door Hanne Claeys',
        comment: 'Het gezin van Hanne Claeys is twee keer geteld',
      })
      .expect(201);
    await test.api.runtime.runner.waitForPosition(recorded.body.position as string, { timeoutMs: 10_000 });

    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, fx.users.coordinator.email, PASSWORD);
      await page.goto(`${env.url}/audit?kind=indicator`);
      const measured = entries(page).filter({ hasText: 'Claeys' });
      await measured.waitFor();
      const position = (await measured.getAttribute('data-position'))!;
      const entry = page.locator(`[data-testid="audit-trail"] > li[data-position="${position}"]`);
      expect(await entry.locator('.badge').first().textContent()).toBe('indicator');
      // the indicator's creation holds no free text: no button there
      const added = entries(page).filter({ hasNotText: 'Claeys' });
      expect(await added.count()).toBeGreaterThan(0);
      expect(await added.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(0);

      await eraseTextIn(page, entry);
      await entry.locator('.what', { hasText: 'gewist' }).waitFor();
      expect(await entry.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(0);
      expect(await page.getByTestId('audit-trail').textContent()).not.toContain('Claeys');

      await page.reload();
      await entry.locator('.what', { hasText: 'gewist' }).waitFor();
      expect(await entry.getByRole('button', { name: 'Deze tekst wissen' }).count()).toBe(0);
      expect(await page.locator('main').textContent()).not.toContain('Claeys');
    } finally {
      await context.close();
    }
  });

  it('is not offered to a member, and the page answers no access', async () => {
    const { context, page } = await newPerson(env.browser);
    try {
      await logIn(page, env.url, env.fx.users.member.email, PASSWORD);
      const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
      await nav.getByRole('link', { name: 'Dashboard' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Audittrail' }).count()).toBe(0);
      await page.goto(`${env.url}/audit`);
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByTestId('audit-trail').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
