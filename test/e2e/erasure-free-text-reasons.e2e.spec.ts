import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { indicatorStreamId, meetingStreamId } from '#domain';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import {
  readModelRowsWith as rowsWith,
  storedEventsPlaintext as storedPlaintext,
  storedEventsText as storedText,
} from '../support/erasure-checks.js';
import { ensureBuilt } from '../support/child-api.js';

/**
 * Free text outside actions, signals, meetings' minutes and periods (issue 18, part 3; docs/privacy.md): an
 * indicator measurement's source and comment (as recorded and as corrected) with its correction's reason, an
 * indicator's, a theme's and a working group's archive reason, a meeting's cancellation reason. Each is a text
 * item of its own, stored encrypted; a coordinator erases one by the change that wrote it (`aggregate`
 * `indicator`, `plan`, `meeting`, `working-group`); the indicator, meeting and working group read models (their
 * dated copies too), the audit trail and a rebuild show the marker, the other texts stay, and `verify` passes.
 */

let test: TestApi;
let fx: TenantFixture;
let db: pg.Pool;

beforeAll(async () => {
  ensureBuilt(); // the CLI runs from the build
  test = await startTestApi();
  fx = await seedTenant(test, 'reasons');
  db = new pg.Pool({ connectionString: test.api.databaseUrl, max: 2 });
}, 300_000);

afterAll(async () => {
  await db?.end();
  await test?.close();
});

const coordinator = () => bearer(fx.users.coordinator.token);

async function post(path: string, body: object, status = 200) {
  const response = await test.http.post(path).set(coordinator()).send(body);
  if (response.status !== status)
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number; position: string; [key: string]: unknown };
}

async function get(path: string, minPosition?: string) {
  const sep = path.includes('?') ? '&' : '?';
  const response = await test.http
    .get(minPosition ? `${path}${sep}minPosition=${minPosition}` : path)
    .set(coordinator());
  if (response.status !== 200)
    throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

const waitFor = (position: string) =>
  test.api.runtime.runner.waitForPosition(position, { timeoutMs: 20_000 });

const eraseText = (aggregate: string, aggregateId: string, version: number) =>
  test.http
    .post('/api/erasures')
    .set(coordinator())
    .send({ kind: 'text', aggregate, aggregateId, version, legalGround: 'objection' });

/** erases one text item through the api and waits for the read models: answers the erasure's position */
async function erased(aggregate: string, aggregateId: string, version: number): Promise<string> {
  const response = await eraseText(aggregate, aggregateId, version);
  expect([response.status, response.body.keysErased]).toEqual([201, 1]);
  const position = response.body.position as string;
  await waitFor(position);
  return position;
}

/** rows of every read-model table (`rm_row_versions`, the dated copies, included) whose text holds `needle` */
const readModelRowsWith = (needle: string) => rowsWith(db, [], needle);

/** the raw stored data of the tenant's events (what the events table holds), as text */
const storedEventsText = () => storedText(db, fx.tenantId);
/** the same with the random parts of the sealed fields blanked: a name found in it was stored in plaintext */
const storedEventsPlaintext = () => storedPlaintext(db, fx.tenantId);

/** the audit trail (its newest page) and both of its exports, as one text */
const auditText = async (position: string) =>
  [
    (await get('/api/audit?limit=200', position)).text,
    (await get('/api/audit/export?format=csv', position)).text,
    (await get('/api/audit/export?format=json', position)).text,
  ].join('\n');

interface MeasurementItem {
  measurementId: string;
  value: number;
  source: string;
  comment: string;
  correction: { reason: string } | null;
}
interface IndicatorBody {
  archived: boolean;
  measurements: MeasurementItem[];
}

const SOURCE = 'Telling door Hanne Claeys';
const COMMENT = 'Het gezin van Hanne Claeys is twee keer geteld';
const CORRECTION = 'Correctie na telefoon van Bram Claeys';
const OTHER_COMMENT = 'Cijfer van het OCMW, zonder namen';
const INDICATOR_REASON = 'Stopgezet na een klacht van Ruben Goossens';
const THEME_REASON = 'Op vraag van schepen Ilse Verstraete';
const CANCEL_REASON = 'Voorzitter Dirk Wauters is ziek';
const GROUP_REASON = 'Trekker Sofie Maesschalck is vertrokken';

describe("a measurement's texts and the reasons of a plan, an indicator, a meeting and a working group", () => {
  let indicatorId = '';
  let measurementId = '';
  let otherMeasurementId = '';
  let correctedVersion = 0;
  let indicatorArchivedVersion = 0;
  let themeId = '';
  let themeArchivedVersion = 0;
  let meetingId = '';
  let cancelledVersion = 0;
  let groupId = '';
  let groupArchivedVersion = 0;
  let position = '';

  const indicator = async (at = position) =>
    (await get(`/api/indicators/${indicatorId}`, at)).body as IndicatorBody;
  const measurement = async (id: string, at = position) =>
    (await indicator(at)).measurements.find((m) => m.measurementId === id)!;

  it('stores each text encrypted and shows it while its key exists', async () => {
    indicatorId = randomUUID();
    await post(
      `/api/plans/${fx.planId}/indicators`,
      { id: indicatorId, nodeId: fx.goalId, name: 'Gezinnen met een woning', direction: 'higher_is_better' },
      201,
    );
    const path = `/api/indicators/${indicatorId}/measurements`;
    measurementId = (
      await post(path, { value: 12, date: '2026-01-31', source: SOURCE, comment: COMMENT }, 201)
    ).measurementId as string;
    otherMeasurementId = (
      await post(path, { value: 15, date: '2026-02-28', source: 'OCMW', comment: OTHER_COMMENT }, 201)
    ).measurementId as string;
    correctedVersion = (
      await post(`${path}/${measurementId}/correct`, { value: 11, reason: CORRECTION }, 200)
    ).version;
    indicatorArchivedVersion = (
      await post(`/api/indicators/${indicatorId}/archive`, { reason: INDICATOR_REASON }, 200)
    ).version;

    themeId = randomUUID();
    await post(`/api/plans/${fx.planId}/themes`, { id: themeId, code: '9', title: 'Tijdelijk thema' }, 201);
    themeArchivedVersion = (
      await post(`/api/plans/${fx.planId}/themes/${themeId}/archive`, { reason: THEME_REASON }, 200)
    ).version;

    meetingId = (
      await post(
        `/api/working-groups/${fx.workingGroupId}/meetings`,
        { title: 'Werkgroep wonen, april', startsAt: '2026-04-02T14:00:00+02:00' },
        201,
      )
    ).id;
    cancelledVersion = (await post(`/api/meetings/${meetingId}/cancel`, { reason: CANCEL_REASON }, 200))
      .version;

    groupId = randomUUID();
    await post(
      '/api/working-groups',
      {
        id: groupId,
        planId: fx.planId,
        name: 'Tijdelijke werkgroep',
        themeIds: [fx.otherThemeId],
        actionIds: [],
      },
      201,
    );
    const archived = await post(`/api/working-groups/${groupId}/archive`, { reason: GROUP_REASON }, 200);
    groupArchivedVersion = archived.version;
    position = archived.position;
    await waitFor(position);

    const stored = await storedEventsPlaintext();
    for (const name of ['Claeys', 'Goossens', 'Verstraete', 'Wauters', 'Maesschalck', OTHER_COMMENT])
      expect(stored).not.toContain(name);
    const corrected = await measurement(measurementId);
    expect(corrected).toMatchObject({ value: 11, source: SOURCE, comment: COMMENT });
    expect(corrected.correction?.reason).toBe(CORRECTION);
    expect((await measurement(otherMeasurementId)).comment).toBe(OTHER_COMMENT);
    expect((await get(`/api/meetings/${meetingId}`, position)).body.cancelledReason).toBe(CANCEL_REASON);
    expect((await get(`/api/working-groups/${groupId}`, position)).body.archivedReason).toBe(GROUP_REASON);
    // the trail's summaries name a measurement's source, a correction's and every archive's reason
    const audit = await auditText(position);
    for (const text of [SOURCE, CORRECTION, INDICATOR_REASON, THEME_REASON, CANCEL_REASON, GROUP_REASON])
      expect(audit.includes(text)).toBe(true);
    // the dated copies (`?asOf=`) hold the measurement's texts too
    expect(await readModelRowsWith('claeys')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rm_indicator_measurements: /),
        expect.stringMatching(/^rm_row_versions: /),
      ]),
    );
  });

  it("erases the measurement's source, comment and correction reason by the correction; the other stays", async () => {
    position = await erased('indicator', indicatorId, correctedVersion);
    const recorded = (await test.api.runtime.store.readStream(`tenant-${fx.tenantId}`)).at(-1)!;
    expect((recorded.data as { subject: string }).subject).toBe(
      `text:measurement/${indicatorId}/${measurementId}`,
    );
    expect(await measurement(measurementId)).toMatchObject({
      value: 11,
      source: '[erased]',
      comment: '[erased]',
      correction: { reason: '[erased]' },
    });
    expect((await measurement(otherMeasurementId)).comment).toBe(OTHER_COMMENT);
    const audit = await auditText(position);
    expect(audit.includes('Claeys')).toBe(false);
    expect(audit.includes('source OCMW')).toBe(true);
    expect(audit.includes(INDICATOR_REASON)).toBe(true);
    // nowhere in the read models, the dated copies (`rm_row_versions`, what `?asOf=` reads) included
    expect(await readModelRowsWith('claeys')).toEqual([]);
    expect(await readModelRowsWith(OTHER_COMMENT)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^rm_row_versions: /)]),
    );
  });

  it("erases the indicator's, the theme's, the meeting's and the working group's reason, each alone", async () => {
    position = await erased('indicator', indicatorId, indicatorArchivedVersion);
    expect((await indicator()).archived).toBe(true);
    expect(await readModelRowsWith('goossens')).toEqual([]);

    position = await erased('plan', fx.planId, themeArchivedVersion);
    expect(await readModelRowsWith('verstraete')).toEqual([]);

    position = await erased('meeting', meetingId, cancelledVersion);
    const meeting = (await get(`/api/meetings/${meetingId}`, position)).body as {
      status: string;
      cancelledReason: string;
    };
    expect(meeting).toMatchObject({ status: 'cancelled', cancelledReason: '[erased]' });
    expect(await readModelRowsWith('wauters')).toEqual([]);

    // the working group's through the CLI: its aggregate is named with a hyphen
    const cli = spawnSync(
      process.execPath,
      [
        'dist/apps/cli/src/main.js',
        'erase',
        '--tenant',
        fx.tenantId,
        '--text',
        `working-group/${groupId}@${groupArchivedVersion}`,
        '--ground',
        'objection',
      ],
      {
        env: { ...process.env, DATABASE_URL: test.api.databaseUrl, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect([cli.status, cli.stderr]).toEqual([0, expect.any(String)]);
    expect(cli.stdout).toMatch(/erasure \S+ recorded at \S+: 1 key\(s\) deleted \(text\)/);
    position = /recorded at (\S+):/.exec(cli.stdout)![1]!;
    await waitFor(position);
    expect((await get(`/api/working-groups/${groupId}`, position)).body.archivedReason).toBe('[erased]');
    expect(await readModelRowsWith('maesschalck')).toEqual([]);

    const audit = await auditText(position);
    for (const name of ['Goossens', 'Verstraete', 'Wauters', 'Maesschalck'])
      expect([name, audit.includes(name)]).toEqual([name, false]);
    const summaries = (await get('/api/audit?limit=200', position)).text;
    for (const line of [
      'Indicator gearchiveerd: gewist',
      'gearchiveerd met 0 onderliggende doelen en 0 acties: gewist',
      'Vergadering geannuleerd: gewist',
      'Werkgroep gearchiveerd: gewist',
    ])
      expect([line, summaries.includes(line)]).toEqual([line, true]);
  });

  it('refuses a change without free text in these histories (422) and an unknown working group (404)', async () => {
    // version 1 of the indicator: its definition, no free text
    const definition = await eraseText('indicator', indicatorId, 1);
    expect([definition.status, definition.body.code]).toEqual([422, 'ERASURE.NOT_FREE_TEXT']);
    const unknown = await eraseText('working-group', randomUUID(), 1);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'WORKING_GROUP.NOT_FOUND']);
    const malformed = await eraseText('partner', fx.partnerId, 1);
    expect(malformed.status).toBe(400);
  });

  it('a rebuild brings none of them back, and the hash chain still verifies', async () => {
    const result = await test.api.runtime.runner.rebuild('all');
    expect(result.completed).toBe(true);
    for (const name of ['claeys', 'goossens', 'verstraete', 'wauters', 'maesschalck'])
      expect(await readModelRowsWith(name)).toEqual([]);
    expect(await measurement(otherMeasurementId)).toMatchObject({ comment: OTHER_COMMENT });
    expect((await measurement(measurementId)).comment).toBe('[erased]');
    expect((await get(`/api/meetings/${meetingId}`)).body.cancelledReason).toBe('[erased]');
    expect((await get(`/api/working-groups/${groupId}`)).body.archivedReason).toBe('[erased]');
    const verify = (await get('/api/audit/verify')).body as { ok: boolean; problems: unknown[] };
    expect(verify).toMatchObject({ ok: true, problems: [] });
  });

  it('legacy plaintext (a measurement and a cancellation written before encryption) is masked once erased', async () => {
    const legacyIndicator = randomUUID();
    await post(
      `/api/plans/${fx.planId}/indicators`,
      { id: legacyIndicator, nodeId: fx.goalId, name: 'Oude indicator', direction: 'higher_is_better' },
      201,
    );
    const legacyMeeting = (
      await post(
        `/api/working-groups/${fx.workingGroupId}/meetings`,
        { title: 'Oude vergadering', startsAt: '2026-05-07T14:00:00+02:00' },
        201,
      )
    ).id;
    const inner = (test.api.runtime.store as unknown as { inner: typeof test.api.runtime.store }).inner;
    const metadata = { ...fx.context, occurredAt: new Date().toISOString() };
    const recorded = await inner.appendToStream(indicatorStreamId(legacyIndicator), [
      {
        id: randomUUID(),
        type: 'IndicatorMeasurementRecorded',
        data: {
          indicatorId: legacyIndicator,
          planId: fx.planId,
          measurementId: randomUUID(),
          value: 3,
          date: '2026-01-15',
          source: 'Oude telling',
          comment: 'Oude opmerking over Koen Vercruysse',
        },
        metadata,
      },
    ]);
    const cancelled = await inner.appendToStream(meetingStreamId(legacyMeeting), [
      {
        id: randomUUID(),
        type: 'MeetingCancelled',
        data: { meetingId: legacyMeeting, reason: 'Oude reden: Lies Vanhoutte kon niet' },
        metadata,
      },
    ]);
    await waitFor(cancelled.position);
    expect((await get(`/api/indicators/${legacyIndicator}`, cancelled.position)).text).toContain(
      'Vercruysse',
    );
    expect((await get(`/api/meetings/${legacyMeeting}`, cancelled.position)).text).toContain('Vanhoutte');

    for (const [aggregate, id, version] of [
      ['indicator', legacyIndicator, recorded.version],
      ['meeting', legacyMeeting, cancelled.version],
    ] as const) {
      const response = await eraseText(aggregate, id, version);
      // no key: a tombstone in the key table masks the plaintext
      expect([response.status, response.body.keysErased]).toEqual([201, 0]);
      position = response.body.position as string;
    }
    await waitFor(position);
    expect((await get(`/api/indicators/${legacyIndicator}`, position)).text).not.toContain('Vercruysse');
    expect((await get(`/api/meetings/${legacyMeeting}`, position)).body.cancelledReason).toBe('[erased]');
    expect(/Oude telling|Vanhoutte/.test(await auditText(position))).toBe(false);
    expect(await readModelRowsWith('vercruysse')).toEqual([]);
    expect(await readModelRowsWith('vanhoutte')).toEqual([]);
    // the old rows still hold the plaintext (docs/privacy.md, "What erasure does not do")
    expect(await storedEventsText()).toContain('Vercruysse');
    expect(((await get('/api/audit/verify')).body as { ok: boolean }).ok).toBe(true);
  });
});
