import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * Issue 12, item 4, over REST: a title that is a spreadsheet formula leaves in the CSV export with a `'`
 * before it, comes back without it through the CSV import (in another tenant's plan with the same codes),
 * and the JSON export carries it as it is.
 */
let test: TestApi;
let source: TenantFixture;
let target: TenantFixture;

beforeAll(async () => {
  test = await startTestApi();
  source = await seedTenant(test, 'csvsrc');
  target = await seedTenant(test, 'csvdst');
});
afterAll(() => test?.close());

const FORMULA = '=HYPERLINK("http://evil.example","klik")';

async function download(path: string, token: string): Promise<string> {
  const response = await test.http
    .get(path)
    .set(bearer(token))
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
  expect(response.status).toBe(200);
  return response.body as string;
}

it('neutralises formula cells in CSV, restores them on import, keeps JSON exact', async () => {
  const coordinator = source.users.coordinator.token;
  const added = await test.http
    .post(`/api/plans/${source.planId}/actions`)
    .set(bearer(coordinator))
    .send({ goalId: source.goalId, code: '3.1.9', title: FORMULA, description: '@SUM(A1)', tags: ['-1+2'] })
    .expect(201);
  const at = added.body.position as string;

  const csv = await download(
    `/api/plans/${source.planId}/actions/export?format=csv&minPosition=${at}`,
    coordinator,
  );
  expect(csv).toContain(`"'${FORMULA.replaceAll('"', '""')}"`);
  expect(csv).toContain(",'@SUM(A1),");
  expect(csv).toContain(",'-1+2,");
  expect(csv).not.toMatch(/(^|,)[=+\-@]/m);

  const json = await download(
    `/api/plans/${source.planId}/actions/export?format=json&minPosition=${at}`,
    coordinator,
  );
  expect(JSON.parse(json)).toEqual([
    expect.objectContaining({ code: '3.1.9', title: FORMULA, description: '@SUM(A1)', tags: ['-1+2'] }),
  ]);

  const imported = await test.http
    .post(`/api/plans/${target.planId}/actions/import?format=csv`)
    .set(bearer(target.users.coordinator.token))
    .send({ content: csv });
  expect(imported.status).toBe(200);
  const position = (imported.body as { position: string }).position;
  const back = await download(
    `/api/plans/${target.planId}/actions/export?format=json&minPosition=${position}`,
    target.users.coordinator.token,
  );
  expect(JSON.parse(back)).toEqual([
    expect.objectContaining({ code: '3.1.9', title: FORMULA, description: '@SUM(A1)', tags: ['-1+2'] }),
  ]);
});
