import ExcelJS from 'exceljs';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

interface Item {
  id: string;
  code: string;
  title: string;
  status: string;
  progress: number | null;
  ownerId: string | null;
}

/**
 * The action list's features for people (issue 15): sorting, "mijn acties", and the filtered list as XLSX and
 * CSV through the same filters and access as the list.
 */
describe('action list: sort, mine, download', () => {
  let test: TestApi;
  let fx: TenantFixture;
  let ids: string[];

  const settle = async (position: string) =>
    test.api.runtime.runner.waitForPosition(position, { timeoutMs: 5000 });
  const as = (role: keyof TenantFixture['users']) => bearer(fx.users[role].token);
  const list = async (query: string, role: keyof TenantFixture['users'] = 'coordinator') =>
    (await test.http.get(`/api/plans/${fx.planId}/actions?${query}`).set(as(role)).expect(200)).body as {
      items: Item[];
      total: number;
    };

  beforeAll(async () => {
    test = await startTestApi();
    fx = await seedTenant(test, 'list');
    // three actions in the member's group scope, led by the partner's organisation; one outside both
    ids = [await fx.newAction(), await fx.newAction(), await fx.newAction(), await fx.newForeignAction()];
    const writes: [string, string, object][] = [
      [ids[0]!, 'progress', { percent: 70 }],
      [ids[1]!, 'progress', { percent: 20 }],
      [ids[2]!, 'status', { status: 'in_progress' }],
    ];
    for (const [id, what, body] of writes)
      await test.http.post(`/api/actions/${id}/${what}`).set(as('coordinator')).send(body).expect(200);
    const edit = await test.http
      .patch(`/api/actions/${ids[1]}`)
      .set(as('coordinator'))
      .send({ title: '=HYPERLINK("http://evil.example","klik")', description: 'Opvang voor gezinnen' })
      .expect(200);
    // the last write: once it is projected, so are the others
    await settle((edit.body as { position: string }).position);
  });

  afterAll(async () => {
    await test?.close();
  });

  it('sorts by a column, either way, with empty values last and code order for ties', async () => {
    const byProgress = (await list('sort=-progress')).items.map((item) => item.progress);
    expect(byProgress.slice(0, 2)).toEqual([70, 20]);
    expect(byProgress.slice(2).every((value) => value === null)).toBe(true);
    const ascending = (await list('sort=progress')).items.map((item) => item.progress);
    expect(ascending.slice(0, 2)).toEqual([20, 70]);
    // status in the lifecycle's order: not started before in progress
    const byStatus = (await list('sort=-status')).items.map((item) => item.status);
    expect(byStatus[0]).toBe('in_progress');
    const codes = (await list('sort=code')).items.map((item) => item.code);
    expect((await list('')).items.map((item) => item.code)).toEqual(codes);
    const refused = await test.http
      .get(`/api/plans/${fx.planId}/actions?sort=password`)
      .set(as('coordinator'))
      .expect(400);
    expect((refused.body as { code: string }).code).toMatch(/^REQUEST\./);
  });

  it('answers "mijn acties": what my organisation leads or partners on, what my groups hold', async () => {
    const partnerOwn = await list('mine=lead', 'partner');
    expect(partnerOwn.items.map((item) => item.id).sort()).toEqual(ids.slice(0, 3).sort());
    // the member belongs to no organisation: her actions are her working group's
    expect((await list('mine=lead', 'member')).total).toBe(0);
    const memberGroups = await list('mine=group', 'member');
    expect(memberGroups.items.map((item) => item.id).sort()).toEqual(ids.slice(0, 3).sort());
    expect((await list('mine=all', 'member')).total).toBe(3);
    // a coordinator outside every group and organisation has none of her own
    expect((await list('mine=all', 'coordinator')).total).toBe(0);
    await test.http.get(`/api/plans/${fx.planId}/actions?mine=everything`).set(as('member')).expect(400);
  });

  it('downloads the filtered, sorted list as XLSX with names, Dutch statuses and Belgian dates', async () => {
    const response = await test.http
      .get(`/api/plans/${fx.planId}/actions/download?format=xlsx&sort=-progress&themeId=${fx.themeId}`)
      .set(as('viewer'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="acties-.*\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    // exceljs types its Buffer as an ArrayBuffer: hand it a copy of exactly the bytes received
    const bytes = response.body as Buffer;
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    );
    const sheet = workbook.getWorksheet('Acties')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1, 6)).toEqual(['Code', 'Titel', 'Thema', 'Doel', 'Status']);
    const listed = await list(`sort=-progress&themeId=${fx.themeId}`);
    expect(rows.slice(1).map((row) => row[1])).toEqual(listed.items.map((item) => item.code));
    expect(rows[1]![8]).toBe(70);
    expect(rows.slice(1).map((row) => row[5])).toContain('Lopend');
    // a text cell in XLSX is a string, never a formula
    const title = sheet.getRow(3).getCell(2);
    expect(title.type).toBe(ExcelJS.ValueType.String);
  });

  it('downloads CSV for spreadsheets: BOM, semicolons, formula-like cells neutralised, partner sees only its own', async () => {
    const response = await test.http
      .get(`/api/plans/${fx.planId}/actions/download?format=csv&sort=code`)
      .set(as('partner'))
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = response.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'Code;Titel;Thema;Doel;Status;Trekker;Partners;Voortgang (%);Deadline;Over deadline;Signalen;Tags',
    );
    // the partner's three actions, not the foreign one
    expect(lines).toHaveLength(4);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(text).not.toMatch(/(^|;)=HYPERLINK/m);

    const bad = await test.http
      .get(`/api/plans/${fx.planId}/actions/download?format=pdf`)
      .set(as('coordinator'))
      .expect(400);
    expect((bad.body as { code: string }).code).toMatch(/^REQUEST\./);
    await test.http
      .get(`/api/plans/00000000-0000-4000-8000-000000000000/actions/download`)
      .set(as('coordinator'))
      .expect(404);
  });
});
