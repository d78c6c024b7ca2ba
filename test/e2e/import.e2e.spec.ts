import { readFileSync } from 'node:fs';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

const bruges = readFileSync(
  new URL('../../libs/importer/plans/brugge-samenwerkplan-lsb-2021-2025.txt', import.meta.url),
  'utf8',
);
const otherStyle = readFileSync(new URL('../fixtures/plans/other-style-plan.txt', import.meta.url), 'utf8');

let test: TestApi;
let fx: TenantFixture;

beforeAll(async () => {
  test = await startTestApi();
  fx = await seedTenant(test, 'import');
});

afterAll(async () => {
  await test?.close();
});

const coordinator = () => bearer(fx.users.coordinator.token);

describe('importing a plan document over REST', () => {
  it('previews the Bruges plan with ?dryRun=true and writes nothing', async () => {
    const before = await test.http.get('/api/plans').set(coordinator()).expect(200);
    const preview = await test.http
      .post('/api/plans/import?dryRun=true')
      .set(coordinator())
      .send({ text: bruges })
      .expect(200);
    expect(preview.body).toMatchObject({
      dryRun: true,
      rules: 'bruges',
      stats: { themes: 7, goals: 35, actions: 240 },
      position: null,
    });
    expect(preview.body.tree.map((t: { code: string }) => t.code)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(preview.body.tree[2].title).toBe('Een dak boven je hoofd');
    expect(Array.isArray(preview.body.unplaced)).toBe(true);
    const after = await test.http.get('/api/plans').set(coordinator()).expect(200);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('imports it under the importing user, then re-imports a newer version as edits, additions and a report', async () => {
    const imported = await test.http
      .post('/api/plans/import')
      .set(coordinator())
      .send({ text: bruges })
      .expect(200);
    const planId = imported.body.planId as string;
    const list = await test.http
      .get(`/api/plans/${planId}/actions?limit=500&minPosition=${imported.body.position}`)
      .set(coordinator())
      .expect(200);
    expect(list.body.total).toBe(240);
    const first = (list.body.items as { id: string; code: string; title: string }[]).find(
      (a) => a.code === '1.1.1',
    )!;
    expect(first.title).toBe('1 adres voor alle vragen van gezinnen');

    const newer = bruges
      .replace(
        '1.1.1. 1 adres voor alle vragen van gezinnen.',
        '1.1.1. Eén adres voor alle vragen van gezinnen.',
      )
      .replace(/\n1\.1\.2\. [^\n]*/, (line) => `${line}\n\n1.1.99. Een nieuwe actie van de werkgroep.`);
    const dry = await test.http
      .post('/api/plans/import')
      .set(coordinator())
      .send({ text: newer, planId, dryRun: true })
      .expect(200);
    expect(dry.body.changes).toEqual(
      expect.arrayContaining([
        {
          kind: 'action',
          code: '1.1.1',
          change: 'edited',
          fields: [
            {
              field: 'title',
              from: '1 adres voor alle vragen van gezinnen',
              to: 'Eén adres voor alle vragen van gezinnen',
            },
          ],
        },
        { kind: 'action', code: '1.1.99', change: 'added' },
      ]),
    );
    const again = await test.http
      .post('/api/plans/import')
      .set(coordinator())
      .send({ text: newer, planId })
      .expect(200);
    const history = await test.http
      .get(`/api/actions/${first.id}/history?minPosition=${again.body.position}`)
      .set(coordinator())
      .expect(200);
    const last = history.body.items.at(-1);
    expect(last).toMatchObject({
      type: 'ActionTitleChanged',
      actor: { id: fx.users.coordinator.id, name: 'coordinator of import' },
    });

    const shorter = newer.replace(/\n1\.1\.99\. [^\n]*/, '');
    const report = await test.http
      .post('/api/plans/import')
      .set(coordinator())
      .send({ text: shorter, planId, dryRun: true })
      .expect(200);
    expect(report.body.changes).toEqual([{ kind: 'action', code: '1.1.99', change: 'disappeared' }]);
  });

  it('reads a plan written with strategic and operational goals', async () => {
    const imported = await test.http
      .post('/api/plans/import')
      .set(coordinator())
      .send({ text: otherStyle })
      .expect(200);
    expect(imported.body.rules).not.toBe('bruges');
    expect(imported.body.stats.actions).toBeGreaterThanOrEqual(15);
    const tree = await test.http
      .get(`/api/plans/${imported.body.planId}?minPosition=${imported.body.position}`)
      .set(coordinator())
      .expect(200);
    expect(tree.body.themes.length).toBe(imported.body.stats.themes);
  });

  it('refuses an empty or unreadable document with a clear 4xx and only lets coordinators import', async () => {
    const empty = await test.http
      .post('/api/plans/import')
      .set(coordinator())
      .send({ text: '   ' })
      .expect(422);
    expect(empty.body.code).toBe('IMPORT.EMPTY');
    const nothing = await test.http
      .post('/api/plans/import')
      .set(coordinator())
      .send({ text: 'Een brief zonder acties.' })
      .expect(422);
    expect(nothing.body.code).toBe('IMPORT.NOTHING_FOUND');
    await test.http
      .post('/api/plans/import')
      .set(bearer(fx.users.member.token))
      .send({ text: bruges })
      .expect(403);
  });
});
