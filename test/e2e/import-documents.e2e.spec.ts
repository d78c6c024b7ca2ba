// POST /api/plans/import with the document itself: PDF, Word, TXT or MD as multipart/form-data. Every fixture
// plan gives the same tree as text, as a generated PDF and as a generated Word file.
import { readFileSync } from 'node:fs';
import { EXPECTED_PLANS } from '../fixtures/plans/expected.js';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { scannedPdf, toDocx, toPdf } from '../support/plan-documents.js';

type TreeGoal = {
  code: string;
  title: string;
  actionTitles: { code: string; title: string }[];
  goals: TreeGoal[];
};
type Report = {
  planId: string;
  rules: string;
  rulesChosenBy: string;
  confidence: number;
  stats: { themes: number; goals: number; actions: number };
  tree: { code: string; title: string; goals: TreeGoal[] }[];
  changes: { kind: string; code: string; change: string }[];
  position: string | null;
};

const fixture = (name: string) => readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8');

const flatten = (report: Report): string[] => {
  const goal = (g: TreeGoal): string[] => [
    `${g.code} ${g.title}`,
    ...g.actionTitles.map((a) => `${a.code} ${a.title}`),
    ...g.goals.flatMap(goal),
  ];
  return report.tree.flatMap((t) => [`${t.code} ${t.title}`, ...t.goals.flatMap(goal)]);
};

let test: TestApi;
let fx: TenantFixture;

beforeAll(async () => {
  test = await startTestApi();
  fx = await seedTenant(test, 'import-documents');
});

afterAll(async () => {
  await test?.close();
});

const coordinator = () => bearer(fx.users.coordinator.token);

const upload = (
  buffer: Buffer,
  filename: string,
  fields: Record<string, string> = {},
  query = '?dryRun=true',
) => {
  let request = test.http.post(`/api/plans/import${query}`).set(coordinator());
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  return request.attach('file', buffer, filename);
};

describe.each(EXPECTED_PLANS)('the fixture $file', (expected) => {
  const text = fixture(expected.file);

  it('previews the same tree as text, as PDF, as Word file and as an uploaded text file', async () => {
    const answers = [
      await test.http.post('/api/plans/import?dryRun=true').set(coordinator()).send({ text }).expect(200),
      await upload(await toPdf(text), 'plan.pdf').expect(200),
      await upload(await toDocx(text), 'plan.docx').expect(200),
      await upload(Buffer.from(text), expected.file).expect(200),
    ];
    for (const answer of answers) {
      const report = answer.body as Report;
      expect({ rules: report.rules, stats: report.stats, chosenBy: report.rulesChosenBy }).toEqual({
        rules: expected.rules,
        stats: expected.stats,
        chosenBy: 'auto',
      });
      expect(report.confidence).toBeGreaterThan(0.9);
      expect(flatten(report)).toEqual(expected.tree);
      expect(report.position).toBeNull();
    }
  });
});

describe('uploading plan documents', () => {
  it('imports a PDF, then previews a newer Word version as a diff before anything is written', async () => {
    const text = fixture('bbc-meerjarenplan.txt');
    const imported = await upload(await toPdf(text), 'meerjarenplan.pdf', {}, '').expect(200);
    const first = imported.body as Report;
    expect(first.stats).toEqual({ themes: 3, goals: 5, actions: 12 });
    expect(first.position).not.toBeNull();
    const actions = await test.http
      .get(`/api/plans/${first.planId}/actions?limit=100&minPosition=${first.position}`)
      .set(coordinator())
      .expect(200);
    expect(actions.body.total).toBe(12);

    const newer = text
      .replace(
        'AC1.1.2 Een huurwaarborgfonds voor jongeren tot 25 jaar.',
        'AC1.1.2 Een huurwaarborgfonds voor jongeren tot 30 jaar.',
      )
      .replace(/\nAC2\.2\.3 [^\n]*/, '')
      .replace(
        'AC 3.1.2: Een mobiel loket rijdt langs de wijken.',
        'AC 3.1.2: Een mobiel loket rijdt langs de wijken.\nAC 3.1.3: Een loket in het ziekenhuis.',
      );
    expect(newer).toContain('AC 3.1.3');
    const diff = await upload(await toDocx(newer), 'meerjarenplan-v2.docx', {
      planId: first.planId,
      dryRun: 'true',
    }).expect(200);
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'action', code: '1.1.2', change: 'edited' }),
        { kind: 'action', code: '2.2.3', change: 'disappeared' },
        { kind: 'action', code: '3.1.3', change: 'added' },
      ]),
    );
    expect(diff.body.changes).toHaveLength(3);
    expect(diff.body.position).toBeNull();
    const still = await test.http
      .get(`/api/plans/${first.planId}/actions?limit=100`)
      .set(coordinator())
      .expect(200);
    expect(still.body.total).toBe(12);
    expect(still.body.items.find((a: { code: string }) => a.code === '1.1.2').title).toBe(
      'Een huurwaarborgfonds voor jongeren tot 25 jaar',
    );
  });

  it('refuses what it cannot read with a clear 415, a scan with a 422, and too large a file with a 413', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const image = await upload(png, 'plan.png').expect(415);
    expect(image.body).toMatchObject({ statusCode: 415, code: 'IMPORT.UNSUPPORTED_FILE' });
    expect(image.body.message).toMatch(/PDF, Word \(DOCX\), TXT and MD/);
    await upload(Buffer.from([0x50, 0x4b, 3, 4, 0, 0]), 'begroting.xlsx').expect(415);

    const scan = await upload(await scannedPdf(), 'scan.pdf').expect(422);
    expect(scan.body).toMatchObject({ code: 'IMPORT.NO_TEXT_LAYER', details: { pages: 2 } });
    expect(scan.body.message).toMatch(/no text layer/);

    const huge = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)]);
    const tooLarge = await upload(huge, 'huge.pdf').expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, code: 'REQUEST.TOO_LARGE' });
  });

  it('wants the document once: as text or as file', async () => {
    const both = await upload(Buffer.from('SD 1 Wonen'), 'plan.txt', { text: 'SD 1 Wonen' }).expect(400);
    expect(both.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', details: [{ field: 'text' }] });
    const neither = await test.http.post('/api/plans/import').set(coordinator()).send({}).expect(400);
    expect(neither.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', details: [{ field: 'file' }] });
  });

  it('lets only coordinators upload, and a chosen rule set wins over the automatic one', async () => {
    await test.http
      .post('/api/plans/import?dryRun=true')
      .set(bearer(fx.users.member.token))
      .attach('file', Buffer.from(fixture('jaarplan-sd-od.txt')), 'plan.txt')
      .expect(403);
    const chosen = await upload(Buffer.from(fixture('jaarplan-sd-od.txt')), 'plan.txt', {
      rules: 'bbc',
    }).expect(422);
    expect(chosen.body.code).toBe('IMPORT.NOTHING_FOUND');
    const right = await upload(Buffer.from(fixture('jaarplan-sd-od.txt')), 'plan.txt', {
      rules: 'strategic-operational',
    }).expect(200);
    expect(right.body).toMatchObject({
      rulesChosenBy: 'user',
      rules: 'strategic-operational',
      candidates: [],
    });
  });
});
