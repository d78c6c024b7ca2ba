import { jest } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { exportCommand, importActionsCommand } from '../../apps/cli/src/transfer-commands.js';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * CSV and JSON export and import of a plan's actions over REST: export, import into an empty plan with the same
 * theme and goal codes, export again gives the same bytes; invalid rows are answered with line numbers and
 * nothing is written; only coordinators import, and another tenant's plan is a 404.
 */
let test: TestApi;
let tenant: TenantFixture;
let other: TenantFixture;
let http: ReturnType<typeof request.agent>;
/** the highest position written so far (positions are zero-padded: string order is log order) */
let last = '';

beforeAll(async () => {
  test = await startTestApi();
  tenant = await seedTenant(test, 'transfer');
  other = await seedTenant(test, 'elders');
  http = request.agent(test.api.url).set(bearer(tenant.users.coordinator.token));
});

afterAll(async () => {
  await test?.close();
});

interface Write {
  id: string;
  version: number;
  position: string;
}

async function send(
  method: 'post' | 'put' | 'patch',
  path: string,
  body: object,
): Promise<Write & Record<string, unknown>> {
  const response = await http[method](path).send(body);
  if (![200, 201].includes(response.status))
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  const write = response.body as Write & Record<string, unknown>;
  if (write.position > last) last = write.position;
  return write;
}
const post = (path: string, body: object) => send('post', path, body);
const put = (path: string, body: object) => send('put', path, body);
const patch = (path: string, body: object) => send('patch', path, body);

/** The response body as bytes, whatever its content type. */
async function download(path: string, token = tenant.users.coordinator.token) {
  const response = await test.http
    .get(path)
    .set(bearer(token))
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  return response as typeof response & { body: Buffer };
}

async function exported(planId: string, format: 'csv' | 'json'): Promise<Buffer> {
  const response = await download(`/api/plans/${planId}/actions/export?format=${format}&minPosition=${last}`);
  expect(response.status).toBe(200);
  const bytes: Buffer = response.body;
  return bytes;
}

/** A plan with themes 1 and 2, goals 1.1, 1.2, 1.2.a (nested) and 2.1; answers the goal ids by code. */
async function emptyPlan(title: string) {
  const plan = await post('/api/plans', { title, periodStart: '2026-01-01', periodEnd: '2031-12-31' });
  const t1 = (await post(`/api/plans/${plan.id}/themes`, { code: '1', title: 'Wonen' })).themeId as string;
  const t2 = (await post(`/api/plans/${plan.id}/themes`, { code: '2', title: 'Zorg' })).themeId as string;
  const goal = async (parentId: string, code: string) =>
    (await post(`/api/plans/${plan.id}/goals`, { parentId, code, title: `Doel ${code}` })).goalId as string;
  const g11 = await goal(t1, '1.1');
  const g12 = await goal(t1, '1.2');
  const g12a = await goal(g12, '1.2.a');
  const g21 = await goal(t2, '2.1');
  return { planId: plan.id, goals: { '1.1': g11, '1.2': g12, '1.2.a': g12a, '2.1': g21 } };
}

async function actionCount(planId: string): Promise<number> {
  const list = await http.get(`/api/plans/${planId}/actions?minPosition=${last}`).expect(200);
  return (list.body as { total: number }).total;
}

let source: Awaited<ReturnType<typeof emptyPlan>>;

beforeAll(async () => {
  // organisations with names that need quoting or escaping in a CSV list
  const vives = await post('/api/partners', { name: 'Vives; hogeschool', kind: 'other' });
  const brug = await post('/api/partners', { name: 'Huis "De Brug", Brugge', kind: 'non_profit' });
  source = await emptyPlan('Bronplan');
  const p = `/api/plans/${source.planId}`;
  const add = async (body: object) => (await post(`${p}/actions`, body)).id;

  // added out of code order: the export sorts 1.1.2 before 1.1.10
  const a10 = await add({ goalId: source.goals['1.1'], code: '1.1.10', title: 'Tiende actie' });
  const a2 = await add({
    goalId: source.goals['1.1'],
    code: '1.1.2',
    title: 'Housing First, "uitbreiden"',
    description: 'Eerste lijn\nTweede lijn, met komma\r\nDerde "lijn"',
    tags: ['wonen, betaalbaar', 'zeg "ja"', 'a;b', 'lijn\nbreuk'],
    citizenIdea: true,
  });
  const a3 = await add({ goalId: source.goals['1.2.a'], code: '1.2.a.1', title: 'Diep doel', tags: ['x'] });
  const a4 = await add({ goalId: source.goals['2.1'], code: '2.1.1', title: 'Gestopt' });
  const a5 = await add({ goalId: source.goals['2.1'], code: '2.1.2', title: 'Uitgesteld' });
  const archived = await add({ goalId: source.goals['2.1'], code: '2.1.3', title: 'Weg' });

  await post(`/api/actions/${a2}/status`, { status: 'in_progress' });
  await post(`/api/actions/${a2}/status`, { status: 'realised' });
  await put(`/api/actions/${a2}/owner`, { ownerId: tenant.partnerId });
  await post(`/api/actions/${a2}/partners`, { partnerId: vives.id });
  await post(`/api/actions/${a2}/partners`, { partnerId: brug.id });
  await post(`/api/actions/${a2}/partners`, { partnerId: tenant.otherPartnerId });
  await post(`/api/actions/${a2}/progress`, { percent: 100 });
  await put(`/api/actions/${a2}/due-date`, { dueDate: '2024-02-29' });
  // the reporting fields of issue 16 travel too
  await patch(`${p}/nodes/${a2}/reporting`, { bbcCode: 'AC1.1.2', priority: true, subReportingCode: 'SR-1' });
  await patch(`${p}/nodes/${a3}/reporting`, { bbcCode: 'ST01BD01AP02AC01' });

  await post(`/api/actions/${a10}/status`, { status: 'in_progress' });
  await post(`/api/actions/${a10}/progress`, { percent: 0 });
  await put(`/api/actions/${a10}/owner`, { ownerId: brug.id });

  await post(`/api/actions/${a3}/progress`, { percent: 35 });
  await put(`/api/actions/${a3}/due-date`, { dueDate: '2027-12-31' });

  await post(`/api/actions/${a4}/status`, { status: 'stopped', reason: 'geen budget' });
  await post(`/api/actions/${a5}/status`, { status: 'postponed' });
  await put(`/api/actions/${a5}/owner`, { ownerId: vives.id });
  await post(`/api/actions/${archived}/archive`, { reason: 'dubbel' });
});

describe('export', () => {
  it('answers CSV with a BOM, a header, CRLF, RFC 4180 quoting, in code order, without archived actions', async () => {
    const response = await download(`/api/plans/${source.planId}/actions/export?minPosition=${last}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="actions-${source.planId}.csv"`,
    );
    const bytes = response.body;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'code,title,description,theme,goal,status,lead,partners,progress,dueDate,tags,citizenIdea,bbcCode,priority,subReportingCode',
    );
    expect(lines[1]).toBe('1.1.2,"Housing First, ""uitbreiden""","Eerste lijn\nTweede lijn, met komma');
    expect(lines[2]).toBe(
      'Derde ""lijn""",1,1.1,realised,CAW,"Vives\\; hogeschool;Huis ""De Brug"", Brugge;OCMW",100,2024-02-29,' +
        '"wonen, betaalbaar;zeg ""ja"";a\\;b;lijn\nbreuk",true,AC1.1.2,true,SR-1',
    );
    expect(text).toContain(
      '\r\n1.1.10,Tiende actie,,1,1.1,in_progress,"Huis ""De Brug"", Brugge",,0,,,false,,false,\r\n',
    );
    expect(text).toContain('\r\n2.1.1,Gestopt,,2,2.1,stopped,,,,,,false,,false,\r\n');
    expect(text).toContain(',x,false,ST01BD01AP02AC01,false,\r\n');
    expect(text).not.toContain('2.1.3');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('answers JSON with the same columns', async () => {
    const response = await download(
      `/api/plans/${source.planId}/actions/export?format=json&minPosition=${last}`,
    );
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const rows = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>[];
    expect(rows.map((row) => row.code)).toEqual(['1.1.2', '1.1.10', '1.2.a.1', '2.1.1', '2.1.2']);
    expect(rows[0]).toEqual({
      code: '1.1.2',
      title: 'Housing First, "uitbreiden"',
      description: 'Eerste lijn\nTweede lijn, met komma\r\nDerde "lijn"',
      theme: '1',
      goal: '1.1',
      status: 'realised',
      lead: 'CAW',
      partners: ['Vives; hogeschool', 'Huis "De Brug", Brugge', 'OCMW'],
      progress: 100,
      dueDate: '2024-02-29',
      tags: ['wonen, betaalbaar', 'zeg "ja"', 'a;b', 'lijn\nbreuk'],
      citizenIdea: true,
      bbcCode: 'AC1.1.2',
      priority: true,
      subReportingCode: 'SR-1',
    });
  });
});

describe('round trip', () => {
  it.each(['csv', 'json'] as const)(
    'exports, imports into an empty plan and exports the same bytes (%s)',
    async (format) => {
      const first = await exported(source.planId, format);
      const target = await emptyPlan(`Doelplan ${format}`);
      const result = await http
        .post(`/api/plans/${target.planId}/actions/import?format=${format}&minPosition=${last}`)
        .send({ content: first.toString('utf8') })
        .expect(200);
      expect(result.body).toMatchObject({ imported: 5, total: 5, dryRun: false, errors: [] });
      last = result.body.position as string;
      const second = await exported(target.planId, format);
      expect(second.toString('utf8')).toBe(first.toString('utf8'));
      expect(second.equals(first)).toBe(true);

      // the imported action went through the lifecycle like a person would have moved it
      const list = await http
        .get(`/api/plans/${target.planId}/actions?q=Housing&minPosition=${last}`)
        .expect(200);
      const id = (list.body.items as { id: string }[])[0]!.id;
      const history = await http.get(`/api/actions/${id}/history?minPosition=${last}`).expect(200);
      expect((history.body.items as { type: string }[]).map((item) => item.type)).toEqual([
        'ActionAdded',
        'ActionStatusChanged',
        'ActionStatusChanged',
        'ActionOwnerChanged',
        'ActionPartnerAdded',
        'ActionPartnerAdded',
        'ActionPartnerAdded',
        'ActionProgressReported',
        'ActionDueDateChanged',
      ]);
    },
  );

  it('answers a retried import with the same Idempotency-Key without importing twice', async () => {
    const file = (await exported(source.planId, 'json')).toString('utf8');
    const target = await emptyPlan('Herhaald');
    const path = `/api/plans/${target.planId}/actions/import?format=json&minPosition=${last}`;
    const first = await http
      .post(path)
      .set('Idempotency-Key', 'import-1')
      .send({ content: file })
      .expect(200);
    const again = await http
      .post(path)
      .set('Idempotency-Key', 'import-1')
      .send({ content: file })
      .expect(200);
    expect(again.body).toMatchObject({ imported: 5, errors: [] });
    last = [first.body.position as string, again.body.position as string, last].sort().at(-1)!;
    expect(await actionCount(target.planId)).toBe(5);
    // without the key the same file is refused: its codes are taken now
    const refused = await http.post(path).send({ content: file }).expect(422);
    expect(refused.body.details).toHaveLength(5);
  });

  it('checks a file without writing on a dry run', async () => {
    const file = await exported(source.planId, 'csv');
    const target = await emptyPlan('Droog');
    const result = await http
      .post(`/api/plans/${target.planId}/actions/import`)
      .send({ content: file.toString('utf8'), dryRun: true })
      .expect(200);
    expect(result.body).toMatchObject({ imported: 0, total: 5, dryRun: true, errors: [], position: null });
    expect(await actionCount(target.planId)).toBe(0);
  });
});

describe('invalid files', () => {
  const HEADER = 'code,title,description,theme,goal,status,lead,partners,progress,dueDate,tags,citizenIdea';

  it('answers every invalid row with its line and writes nothing', async () => {
    const target = await emptyPlan('Fouten');
    await post(`/api/plans/${target.planId}/actions`, {
      goalId: target.goals['1.1'],
      code: '1.1.1',
      title: 'Bestaat',
    });
    const before = await actionCount(target.planId);
    const csv =
      `${HEADER}\r\n` +
      '1.1.5,Goed,"twee\r\nlijnen",1,1.1,in_progress,CAW,OCMW,10,2026-05-01,,false\r\n' + // lines 2-3: valid
      '1.1.1,Code bestaat al,,1,1.1,,,,,,,\r\n' + // 4
      '1.1.6,Onbekend doel,,1,9.9,,,,,,,\r\n' + // 5
      '1.1.7,Fout thema,,2,1.1,,,,,,,\r\n' + // 6
      '1.1.8,Onbekende trekker,,1,1.1,,Niemand,"CAW;Ook niemand",,,,\r\n' + // 7
      '1.1.9,Kapotte waarden,,1,1.1,klaar,,,150,2026-02-30,,\r\n' + // 8
      '1.1.5,Dubbele code,,1,1.1,,,,,,,\r\n' + // 9
      '1.1.10,Thema als doel,,1,1,,,,,,,\r\n'; // 10
    const response = await http
      .post(`/api/plans/${target.planId}/actions/import?format=csv&minPosition=${last}`)
      .send({ content: csv })
      .expect(422);
    expect(response.body.code).toBe('IMPORT.INVALID_ROWS');
    expect(
      (response.body.details as { line: number; field: string }[]).map((e) => [e.line, e.field]),
    ).toEqual([
      [4, 'code'],
      [5, 'goal'],
      [6, 'theme'],
      [7, 'lead'],
      [7, 'partners'],
      [8, 'status'],
      [8, 'progress'],
      [8, 'dueDate'],
      [9, 'code'],
      [10, 'goal'],
    ]);
    expect(response.body.details[0].message).toMatch(/already used in this plan/);
    expect(response.body.details[3].message).toMatch(/no organisation named "Niemand"/);
    expect(await actionCount(target.planId)).toBe(before);
  });

  it('answers JSON rows by their index + 1', async () => {
    const target = await emptyPlan('Fouten JSON');
    const json = JSON.stringify([
      { code: '1.1.1', title: 'Goed', goal: '1.1' },
      { code: '1.1.2', title: 'Zonder doel' },
      { code: '1.1.3', title: 'Onbekend veld', goal: '1.1', kleur: 'rood' },
    ]);
    const response = await http
      .post(`/api/plans/${target.planId}/actions/import?format=json`)
      .send({ content: json })
      .expect(422);
    expect(response.body.details).toEqual([
      { line: 2, field: 'goal', message: 'is required' },
      expect.objectContaining({ line: 3, field: 'kleur' }),
    ]);
    expect(await actionCount(target.planId)).toBe(0);
  });

  it('refuses a body without content and an unknown format', async () => {
    await http.post(`/api/plans/${source.planId}/actions/import`).send({}).expect(400);
    await http
      .post(`/api/plans/${source.planId}/actions/import?format=xlsx`)
      .send({ content: HEADER })
      .expect(400);
    await http.get(`/api/plans/${source.planId}/actions/export?format=xml`).expect(400);
  });
});

describe('who may export and import', () => {
  it('lets coordinators, members and viewers export; not partners', async () => {
    const path = `/api/plans/${source.planId}/actions/export`;
    expect((await download(path, tenant.users.member.token)).status).toBe(200);
    expect((await download(path, tenant.users.viewer.token)).status).toBe(200);
    expect((await download(path, tenant.users.partner.token)).status).toBe(403);
  });

  it('lets only coordinators import', async () => {
    const file = await exported(source.planId, 'csv');
    const target = await emptyPlan('Rechten');
    for (const role of ['member', 'viewer', 'partner'] as const) {
      const response = await test.http
        .post(`/api/plans/${target.planId}/actions/import`)
        .set(bearer(tenant.users[role].token))
        .send({ content: file.toString('utf8') })
        .expect(403);
      expect(response.body.code).toBe('AUTH.FORBIDDEN');
    }
    expect(await actionCount(target.planId)).toBe(0);
  });

  it("answers 404 for another tenant's plan, even to its coordinator", async () => {
    const file = await exported(source.planId, 'csv');
    const foreign = bearer(other.users.coordinator.token);
    await test.http.get(`/api/plans/${source.planId}/actions/export`).set(foreign).expect(404);
    const response = await test.http
      .post(`/api/plans/${source.planId}/actions/import`)
      .set(foreign)
      .send({ content: file.toString('utf8') })
      .expect(404);
    expect(response.body.code).toBe('PLAN.NOT_FOUND');
    // and an unknown plan of the own tenant likewise
    await http.get(`/api/plans/00000000-0000-4000-8000-000000000001/actions/export`).expect(404);
  });
});

describe('the CLI', () => {
  let dir: string;
  const saved = process.env.DATABASE_URL;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'transfer-'));
    process.env.DATABASE_URL = test.api.databaseUrl;
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    await rm(dir, { recursive: true, force: true });
  });

  /** runs a CLI command with its console output captured */
  async function quietly(work: () => Promise<void>): Promise<string[]> {
    const lines: string[] = [];
    const capture = (line: unknown) => void lines.push(String(line));
    const error = jest.spyOn(console, 'error').mockImplementation(capture);
    const log = jest.spyOn(console, 'log').mockImplementation(capture);
    try {
      await work();
    } finally {
      error.mockRestore();
      log.mockRestore();
    }
    return lines;
  }

  it('exports the same bytes as the API and imports a file into an empty plan', async () => {
    const file = join(dir, 'acties.csv');
    await quietly(() => exportCommand(source.planId, { tenant: tenant.tenantId, out: file }));
    const viaApi = await exported(source.planId, 'csv');
    expect((await readFile(file)).equals(viaApi)).toBe(true);

    const target = await emptyPlan('Doelplan CLI');
    const output = await quietly(() =>
      importActionsCommand(file, { planId: target.planId, tenant: tenant.tenantId }),
    );
    expect(output.join('\n')).toMatch(/5 actions imported/);
    // the CLI wrote through its own connection: the api's projections catch up with it on their own time, and a
    // read waits only briefly for `minPosition` (2 s) before answering what it has, so ask until they have
    let same = false;
    for (const deadline = Date.now() + 20_000; !same && Date.now() < deadline;) {
      last = await test.api.runtime.store.headPosition();
      same = (await exported(target.planId, 'csv')).equals(viaApi);
      if (!same) await new Promise((wait) => setTimeout(wait, 200));
    }
    expect(same).toBe(true);
  });

  it('fails on invalid rows, printing each with its line, and writes nothing', async () => {
    const file = join(dir, 'fout.json');
    await writeFile(
      file,
      JSON.stringify([
        { code: '1.1.1', title: 'Goed', goal: '1.1' },
        { code: '1.1.2', title: 'Slecht', goal: '1.1', progress: 101 },
      ]),
    );
    const target = await emptyPlan('Fout CLI');
    let failure: unknown;
    const output = await quietly(async () => {
      await importActionsCommand(file, { planId: target.planId, tenant: tenant.tenantId }).catch(
        (error: unknown) => void (failure = error),
      );
    });
    expect(String(failure)).toMatch(/1 invalid row\(s\) in .*fout\.json; nothing was imported/);
    expect(output).toContain('line 2, progress: must be a whole number from 0 to 100, or empty');
    expect(await actionCount(target.planId)).toBe(0);
  });
});
