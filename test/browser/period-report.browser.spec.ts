import type { Page } from 'playwright-core';
import { belgianToday } from '#domain';
import { bearer, PASSWORD } from '../support/api-harness.js';
import { browserFixture, describeInBrowser, onPhone, screenProblems } from './browser-support.js';

/**
 * The period's report on screen (issue 16, docs/plan-cycle.md) holds what the council's DOCX holds: in
 * Chromium against the real api, a closed period whose action has a BBC code and the council's priority, a
 * second partner, an indicator with a target and a measurement, changes in the period, an open signal, a
 * narrative and a correction after the close. A member reads it on a 360 px phone in Dutch, then in English
 * (the downloads follow the language of the screen and the report's scope); no sideways scrolling, no serious
 * axe violation.
 */
describeInBrowser("a period's report on screen", () => {
  const env = browserFixture('periodreport');
  const year = Number(belgianToday(new Date()).slice(0, 4));
  let actionId: string;
  let periodId: string;
  let heading: string;

  const send = async (method: 'post' | 'put' | 'patch', path: string, body: object, status = 200) => {
    const request = () => env.test.http[method](path).set(bearer(env.fx.users.coordinator.token)).send(body);
    let response = await request();
    // a close while the read models are far behind (a loaded machine) answers 503 with Retry-After: retry
    for (let attempt = 1; response.status === 503 && attempt < 5; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      response = await request();
    }
    if (response.status !== status)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; position: string };
  };
  /** waits until every read model holds the write (a loaded CI machine can be well behind), or fails */
  const settled = async (answer: Promise<{ position: string }>) => {
    const waited = await env.test.api.runtime.runner.waitForPosition((await answer).position, {
      timeoutMs: 90_000,
    });
    expect(waited.reached).toBe(true);
  };

  beforeAll(async () => {
    const { fx } = env;
    actionId = await fx.newAction(); // led by CAW
    await send('post', `/api/actions/${actionId}/status`, { status: 'in_progress' });
    await send('post', `/api/actions/${actionId}/progress`, { percent: 40 });
    await send('post', `/api/actions/${actionId}/partners`, { partnerId: fx.otherPartnerId });
    await send('patch', `/api/plans/${fx.planId}/nodes/${fx.themeId}/reporting`, { bbcCode: 'BD3' });
    await send('patch', `/api/plans/${fx.planId}/nodes/${actionId}/reporting`, {
      bbcCode: 'AC3.1.9',
      priority: true,
    });
    const indicator = await send(
      'post',
      `/api/plans/${fx.planId}/indicators`,
      { nodeId: actionId, name: 'Woningen in gebruik', unit: 'woningen', direction: 'higher_is_better' },
      201,
    );
    await send('put', `/api/indicators/${indicator.id}/targets/${year}`, { value: 50 });
    // an indicator on the goal (as the demo's): shown under the goal's heading
    const onGoal = await send(
      'post',
      `/api/plans/${fx.planId}/indicators`,
      { nodeId: fx.goalId, name: 'Gezinnen met een woning', unit: 'gezinnen', direction: 'higher_is_better' },
      201,
    );
    await send('put', `/api/indicators/${onGoal.id}/targets/${year}`, { value: 80 });
    await send(
      'post',
      `/api/indicators/${onGoal.id}/measurements`,
      { value: 75, date: `${year}-01-01`, source: 'OCMW' },
      201,
    );
    await send(
      'post',
      `/api/indicators/${indicator.id}/measurements`,
      { value: 52, date: `${year}-01-01`, source: 'OCMW' },
      201,
    );
    await send('post', `/api/actions/${actionId}/signals`, {
      partnerId: fx.partnerId,
      text: 'Wachtlijst voor noodwoningen loopt op',
      urgency: 'high',
    });
    periodId = (await send('post', `/api/plans/${fx.planId}/periods`, { kind: 'year', year }, 201)).id;
    const period = `/api/plans/${fx.planId}/periods/${periodId}`;
    // settled before the close: the close freezes up to the log's readable head, which another test's open
    // transaction on the same server can hold back (docs/operations.md, "Long transactions hold the log back")
    await settled(
      send('post', `${period}/updates`, { actionId, narrative: 'Twaalf woningen in gebruik genomen' }),
    );
    await settled(send('post', `${period}/close`, {}));
    await settled(send('post', `${period}/updates`, { actionId, narrative: 'Veertien woningen in gebruik' }));
    const action = (
      await env.test.http.get(`/api/actions/${actionId}`).set(bearer(fx.users.coordinator.token)).expect(200)
    ).body as { code: string; title: string };
    heading = `${action.code} ${action.title}`;
  }, 240_000);

  /** the request a download button sends (the file itself: periods.browser.spec.ts) */
  const downloadQuery = async (page: Page, button: string): Promise<URLSearchParams> => {
    const [request] = await Promise.all([
      page.waitForRequest((request) => request.url().includes(`/reports/${periodId}?`)),
      page.getByRole('button', { name: button }).click(),
    ]);
    return new URL(request.url()).searchParams;
  };

  it('shows everything the council report holds, in Dutch then English, on a 360 px phone', async () => {
    const { context, page } = await onPhone(env.browser, env.url, env.fx.users.member.email, PASSWORD);
    try {
      await page.goto(`${env.url}/plans/${env.fx.planId}/periods`);
      await page.getByTestId(`period-${year}`).getByRole('link', { name: 'Rapport bekijken' }).click();

      // the header: plan, period and dates, frozen with its moment, counts
      await page.getByRole('heading', { name: `Rapport ${year}`, level: 1 }).waitFor();
      await page.getByText(`Plan: Plan periodreport`).waitFor();
      await page.getByText(`Jaar: 01/01/${year} - 31/12/${year}`).waitFor();
      await page
        .getByTestId('report-state')
        .filter({ hasText: /^Afgesloten op \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}; stand van \d{2}\/\d{2}\/\d{4}/ })
        .waitFor();
      await page
        .getByTestId('report-counts')
        .filter({ hasText: 'Acties in het rapport: 1 · gecorrigeerd na afsluiting: 1' })
        .waitFor();

      // theme > goal > action, with the codes and the priority mark
      await page.getByRole('heading', { name: '[BD3] 3 Een dak boven je hoofd', level: 2 }).waitFor();
      await page.getByRole('heading', { name: '3.1 Meer sociale huisvesting', level: 3 }).waitFor();
      // the goal's own indicator under its heading
      const onGoal = page.getByRole('table', { name: 'Indicatoren van 3.1 (doel / gemeten)' });
      expect(
        (
          await onGoal.getByRole('row').filter({ hasText: 'Gezinnen' }).getByRole('cell').allTextContents()
        ).map((text) => text.trim()),
      ).toEqual(['Gezinnen met een woning', 'gezinnen', '80', `75 op 01/01/${year}`, 'aandacht']);
      const action = page.getByRole('region', { name: heading });
      const title = action.getByRole('heading', { level: 4 });
      expect(await title.textContent()).toBe(`${heading} [AC3.1.9] prioritair`);

      // status, progress, lead, partners
      const facts = action.locator('dl > div');
      expect(await facts.allTextContents()).toEqual([
        'Statuslopend',
        'Voortgang40%',
        'TrekkerCAW',
        'PartnersOCMW',
        'BBC-codeAC3.1.9',
      ]);

      // the narrative frozen at the close and its correction
      await action
        .getByTestId('narrative')
        .filter({ hasText: 'Twaalf woningen in gebruik genomen' })
        .waitFor();
      await action
        .getByText(/Gecorrigeerd na afsluiting: toelichting: Twaalf .* → Veertien woningen in gebruik \(op /)
        .waitFor();

      // the indicator: target against measured, the status in words
      const indicators = action.getByRole('table', { name: 'Indicatoren (doel / gemeten)' });
      const row = indicators.getByRole('row').filter({ hasText: 'Woningen in gebruik' });
      expect((await row.getByRole('cell').allTextContents()).map((text) => text.trim())).toEqual([
        'Woningen in gebruik',
        'woningen',
        '50',
        `52 op 01/01/${year}`,
        'op koers',
      ]);

      // what changed in the period, with date and time
      const changes = action.getByTestId('changes');
      await changes
        .getByRole('listitem')
        .filter({
          hasText: /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Status gewijzigd van niet gestart naar lopend$/,
        })
        .waitFor();
      await changes.getByText(/Partner toegevoegd: OCMW$/).waitFor();

      // the open signal: its text, its state and urgency in words
      await action
        .getByTestId('open-signals')
        .getByRole('listitem')
        .filter({ hasText: 'Wachtlijst voor noodwoningen loopt op (stand: Ingediend · dringendheid: hoog)' })
        .waitFor();

      expect(await screenProblems(page, 'Rapport (nl)')).toEqual([]);
      // the downloads: the language of the screen, the scope chosen on it
      expect(Object.fromEntries(await downloadQuery(page, 'Word (DOCX)'))).toEqual({
        format: 'docx',
        lang: 'nl',
        scope: 'all',
      });

      // English
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: `Report ${year}`, level: 1 }).waitFor();
      await page.getByText(`Year: 01/01/${year} - 31/12/${year}`).waitFor();
      await page
        .getByTestId('report-state')
        .filter({ hasText: /^Closed on \d{2}\/\d{2}\/\d{4} / })
        .waitFor();
      await action
        .getByRole('heading', { level: 4 })
        .filter({ hasText: /priority$/ })
        .waitFor();
      await action
        .getByRole('table', { name: 'Indicators (target / measured)' })
        .getByText('on track')
        .waitFor();
      await page
        .getByRole('table', { name: 'Indicators of 3.1 (target / measured)' })
        .getByText('attention')
        .waitFor();
      await action
        .getByTestId('changes')
        .getByText(/Status changed from not started to in progress$/)
        .waitFor();
      await action
        .getByTestId('open-signals')
        .getByText(/\(state: Submitted · urgency: high\)/)
        .waitFor();
      await action.getByText(/Corrected after closing: narrative: Twaalf .* → Veertien/).waitFor();
      await page.getByLabel('Actions in the report').selectOption('priority');
      expect(Object.fromEntries(await downloadQuery(page, 'Printable (HTML)'))).toEqual({
        format: 'html',
        lang: 'en',
        scope: 'priority',
      });
      expect(await screenProblems(page, 'Report (en)')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
