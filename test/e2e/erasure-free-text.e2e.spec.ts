import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import mammoth from 'mammoth';
import pg from 'pg';
import { actionStreamId, belgianToday, holdsErasableText, periodStreamId } from '#domain';
import { START } from '#event-store';
import { parseCsv } from '#transfer';
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
import { RoomRecorder, liveClient } from '../support/live.js';

/**
 * Crypto-shredding of free text a person asks to be removed (issue 18, part 3; docs/privacy.md): each text item
 * (a note, a signal's text, a meeting decision...) has its own key. A coordinator erases one item by the change
 * that wrote it; nothing else is erased; the action's history, detail and list, the audit trail and its export,
 * the action export, the minutes, a live replay and a rebuild show "gewist" / "erased" in its place, and
 * `verify` still passes. Also: legacy plaintext, a user's erasure taking her texts, bad input, the CLI.
 */

let test: TestApi;
let fx: TenantFixture;
let db: pg.Pool;

const NAMED = 'Jeroen Vandamme';
const NOTE = `${NAMED} belde: hij kan zijn huur niet meer betalen`;
const OTHER_NOTE = 'Opvolging met het OCMW gepland';

beforeAll(async () => {
  ensureBuilt(); // the CLI runs from the build
  test = await startTestApi();
  fx = await seedTenant(test, 'freetext');
  db = new pg.Pool({ connectionString: test.api.databaseUrl, max: 2 });
}, 300_000);

afterAll(async () => {
  await db?.end();
  await test?.close();
});

const coordinator = () => bearer(fx.users.coordinator.token);

async function post(path: string, body: object, status = 201, token = fx.users.coordinator.token) {
  const response = await test.http.post(path).set(bearer(token)).send(body);
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

const eraseText = (aggregate: string, aggregateId: string, version: number, legalGround = 'objection') =>
  test.http
    .post('/api/erasures')
    .set(coordinator())
    .send({ kind: 'text', aggregate, aggregateId, version, legalGround });

/**
 * the notifications' tables that keep copies of free text (libs/notifications); `nf_mails`, the mails already
 * rendered, is not rewritten (docs/privacy.md, "What erasure does not do")
 */
const NOTIFICATION_TABLES = ['nf_signals', 'nf_next_steps', 'nf_outbox'];

/** rows of every read-model and notification table whose text holds `needle` (case-insensitive) */
const readModelRowsWith = (needle: string) => rowsWith(db, NOTIFICATION_TABLES, needle);

/** the raw stored data of the tenant's events (what the events table holds), as text */
const storedEventsText = () => storedText(db, fx.tenantId);
/** the same with the random parts of the sealed fields blanked: a name found in it was stored in plaintext */
const storedEventsPlaintext = () => storedPlaintext(db, fx.tenantId);

describe('a note naming a person, erased at her request', () => {
  let actionId = '';
  let noteVersion = 0;
  let erasurePosition = '';

  it('stores the note encrypted and shows it while its key exists', async () => {
    actionId = await fx.newAction();
    const noted = await post(`/api/actions/${actionId}/notes`, { text: NOTE }, 200);
    noteVersion = noted.version;
    const other = await post(`/api/actions/${actionId}/notes`, { text: OTHER_NOTE }, 200);
    await waitFor(other.position);
    expect((await get(`/api/actions/${actionId}/history`)).text).toContain(NAMED);
    const stored = await storedEventsPlaintext();
    expect(stored).not.toContain('Vandamme');
    expect(stored).not.toContain(OTHER_NOTE);
  });

  it('erases that note alone: ErasureRecorded names the item by ids, never its text', async () => {
    const client = liveClient(test.api.url, fx.users.coordinator.token);
    try {
      const response = await eraseText('action', actionId, noteVersion);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ keysErased: 1, duplicate: false });
      erasurePosition = response.body.position as string;
      await waitFor(erasurePosition);
      const recorded = (await test.api.runtime.store.readStream(`tenant-${fx.tenantId}`)).filter(
        (e) => e.type === 'ErasureRecorded',
      );
      expect(recorded).toHaveLength(1);
      expect(recorded[0]!.data).toMatchObject({ kind: 'text', legalGround: 'objection', keysErased: 1 });
      expect((recorded[0]!.data as { subject: string }).subject).toMatch(/^text:note\/[0-9a-f-]{36}$/);
      expect(JSON.stringify(recorded[0])).not.toMatch(/vandamme|huur/i);

      // a push replayed after the erasure carries the marker in the note's place
      const recorder = new RoomRecorder(client, `action:${actionId}`, START);
      await recorder.until(
        () => recorder.events.filter((e) => e.type === 'ActionNoteAdded').length === 2,
        'the two notes',
      );
      const notes = recorder.events.filter((e) => e.type === 'ActionNoteAdded');
      expect(JSON.stringify(notes)).not.toContain('Vandamme');
      expect(notes.map((e) => (e.data as { text: string }).text)).toEqual(['[erased]', OTHER_NOTE]);
      recorder.leave();
    } finally {
      client.close();
    }
  });

  it('shows "gewist" / "erased" in the history, detail, list, audit trail and the exports; the other note stays', async () => {
    const history = (await get(`/api/actions/${actionId}/history`, erasurePosition)).text;
    expect(history).not.toContain('Vandamme');
    expect(history).toContain(OTHER_NOTE);
    const entries = (
      (await get(`/api/actions/${actionId}/history`, erasurePosition)).body as {
        items: { version: number }[];
      }
    ).items;
    const erasedEntry = JSON.stringify(entries.find((e) => e.version === noteVersion));
    expect(erasedEntry).toContain('gewist');
    expect(erasedEntry).toContain('erased');

    const detail = (await get(`/api/actions/${actionId}`, erasurePosition)).text;
    expect(detail).not.toContain('Vandamme');
    const list = (await get(`/api/plans/${fx.planId}/actions?limit=500`, erasurePosition)).text;
    expect(list).not.toContain('Vandamme');

    const audit = (await get('/api/audit?limit=200', erasurePosition)).text;
    expect(audit).not.toContain('Vandamme');
    expect(audit).toContain('Persoonsgegevens gewist (vrije tekst');
    for (const format of ['csv', 'json']) {
      const exported = await get(`/api/audit/export?format=${format}`, erasurePosition);
      expect(exported.text).not.toContain('Vandamme');
      expect(exported.text).toContain(OTHER_NOTE);
      const actions = await get(`/api/plans/${fx.planId}/actions/export?format=${format}`, erasurePosition);
      expect(actions.text).not.toContain('Vandamme');
    }
    const download = await get(`/api/plans/${fx.planId}/actions/download?format=csv`, erasurePosition);
    expect(download.text).not.toContain('Vandamme');
    expect(await readModelRowsWith('vandamme')).toEqual([]);
    expect((await readModelRowsWith(OTHER_NOTE)).length).toBeGreaterThan(0);
  });

  it('a rebuild does not bring it back, and the hash chain still verifies', async () => {
    const result = await test.api.runtime.runner.rebuild('all');
    expect(result.completed).toBe(true);
    expect(await readModelRowsWith('vandamme')).toEqual([]);
    const history = (await get(`/api/actions/${actionId}/history`)).text;
    expect(history).not.toContain('Vandamme');
    expect(history).toContain(OTHER_NOTE);
    const verify = (await get('/api/audit/verify')).body as { ok: boolean; problems: unknown[] };
    expect(verify).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses unknown targets (404) and changes without free text (422) in the one error shape', async () => {
    const unknownAction = await eraseText('action', randomUUID(), 2);
    expect([unknownAction.status, unknownAction.body.code]).toEqual([404, 'ACTION.NOT_FOUND']);
    const pastTheEnd = await eraseText('action', actionId, 999);
    expect([pastTheEnd.status, pastTheEnd.body.code]).toEqual([422, 'ERASURE.TEXT_NOT_FOUND']);
    expect(pastTheEnd.body).toMatchObject({ statusCode: 422, message: expect.any(String) });
    // version 1 is the action's creation: a title, no free text
    const created = await eraseText('action', actionId, 1);
    expect([created.status, created.body.code]).toEqual([422, 'ERASURE.NOT_FREE_TEXT']);
    // a status change without a reason holds no text either
    const status = await post(`/api/actions/${actionId}/status`, { status: 'in_progress' }, 200);
    const noReason = await eraseText('action', actionId, status.version);
    expect([noReason.status, noReason.body.code]).toEqual([422, 'ERASURE.NOT_FREE_TEXT']);
    for (const body of [
      { kind: 'text', aggregate: 'action', aggregateId: actionId, legalGround: 'objection' },
      { kind: 'text', aggregate: 'action', aggregateId: actionId, version: 0, legalGround: 'objection' },
      { kind: 'text', aggregate: 'action', aggregateId: actionId, version: 2.5, legalGround: 'objection' },
      // a partner's history holds no free text (a plan's does since its archive reasons became text items)
      { kind: 'text', aggregate: 'partner', aggregateId: actionId, version: 2, legalGround: 'objection' },
      { kind: 'text', aggregate: 'action', aggregateId: 'x', version: 2, legalGround: 'objection' },
      {
        kind: 'text',
        aggregate: 'action',
        aggregateId: actionId,
        version: 2,
        guestName: 'X',
        legalGround: 'objection',
      },
      { kind: 'guest', guestName: 'X', version: 2, legalGround: 'objection' },
    ]) {
      const response = await test.http.post('/api/erasures').set(coordinator()).send(body);
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
      expect(response.body.code).toMatch(/^REQUEST\./);
    }
    // only a coordinator erases
    const member = await test.http.post('/api/erasures').set(bearer(fx.users.member.token)).send({
      kind: 'text',
      aggregate: 'action',
      aggregateId: actionId,
      version: noteVersion,
      legalGround: 'objection',
    });
    expect([member.status, member.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });
});

describe("a signal's text and a meeting decision, each erased alone", () => {
  it("erases the signal's text in the signal, the action's copy and the notifications; the rest stays", async () => {
    const actionId = await fx.newAction();
    // submitted by the partner's staff, answered by the coordinator: the partner is notified of the answer
    const signal = await post(
      '/api/signals',
      {
        partnerId: fx.partnerId,
        text: 'Mevrouw Godelieve Claeys slaapt in haar auto',
        actionIds: [actionId],
      },
      201,
      fx.users.partner.token,
    );
    const answered = await post(
      `/api/signals/${signal.id}/answer`,
      { response: 'Doorverwezen naar het CAW' },
      200,
    );
    await waitFor(answered.position);
    expect((await get(`/api/actions/${actionId}/history`)).text).toContain('Godelieve');
    // the inbox names the change that wrote each text (what the signals page's "erase this text" sends)
    const versions = { text: 1, response: answered.version, escalation: null, closeReason: null };
    expect((await get(`/api/signals/${signal.id}`)).body.textVersions).toEqual(versions);
    // the submitter's notification of the answer holds the signal's text and the answer
    expect(await readModelRowsWith('godelieve')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^nf_outbox/)]),
    );

    const response = await eraseText('signal', signal.id, 1, 'consent-withdrawn');
    expect([response.status, response.body.keysErased]).toEqual([201, 1]);
    const position = response.body.position as string;
    await waitFor(position);
    const detail = (await get(`/api/signals/${signal.id}`, position)).body as {
      text: string;
      partnerId: string | null;
      response?: string | null;
    };
    expect(detail.text).toBe('[erased]');
    expect(JSON.stringify(detail)).toContain(fx.partnerId);
    expect(JSON.stringify(detail)).toContain('Doorverwezen naar het CAW');
    expect((await get(`/api/signals/${signal.id}/history`, position)).text).not.toContain('Godelieve');
    expect((await get(`/api/actions/${actionId}/history`, position)).text).not.toContain('Godelieve');
    expect(await readModelRowsWith('godelieve')).toEqual([]);
    // the answer is another item: erasing it (the answer's change, version 2) reaches the notification too
    expect(await readModelRowsWith('Doorverwezen naar het CAW')).not.toEqual([]);
    const answer = await eraseText('signal', signal.id, answered.version);
    expect([answer.status, answer.body.keysErased]).toEqual([201, 1]);
    await waitFor(answer.body.position as string);
    expect(await readModelRowsWith('Doorverwezen naar het CAW')).toEqual([]);
  });

  it('erases one decision from the minutes (markdown, HTML, JSON); the other decision stays', async () => {
    const meetingId = (
      await post(`/api/working-groups/${fx.workingGroupId}/meetings`, {
        title: 'Werkgroep wonen',
        startsAt: '2026-03-05T14:00:00+01:00',
      })
    ).id;
    const path = `/api/meetings/${meetingId}`;
    await post(`${path}/start`, {}, 200);
    const named = await post(`${path}/decisions`, { text: 'Dossier van Karel Bostoen krijgt voorrang' }, 200);
    const other = await post(`${path}/decisions`, { text: 'Volgende keer de wachtlijst bespreken' }, 200);
    const ended = await post(`${path}/end`, {}, 200);
    await waitFor(ended.position);
    expect((await get(`${path}/minutes`)).text).toContain('Bostoen');
    expect(other.version).toBeGreaterThan(named.version);
    // the meeting names the change that recorded each decision (what the meeting page's "erase" sends)
    const decisions = (await get(path)).body.decisions as { text: string; version: number }[];
    expect(decisions.map((decision) => decision.version)).toEqual([named.version, other.version]);

    const response = await eraseText('meeting', meetingId, named.version);
    expect(response.status).toBe(201);
    const position = response.body.position as string;
    await waitFor(position);
    for (const [query, marker] of [
      ['', 'gewist'],
      ['?format=html', 'gewist'],
      ['?lang=en', 'erased'],
    ] as const) {
      const minutes = (await get(`${path}/minutes${query}`, position)).text;
      expect(minutes).not.toContain('Bostoen');
      expect(minutes).toContain(marker);
      expect(minutes).toContain('wachtlijst');
    }
    const json = (await get(`${path}/minutes?format=json`, position)).text;
    expect(json).not.toContain('Bostoen');
    expect((await get(`${path}/feed`, position)).text).not.toContain('Bostoen');
    expect(await readModelRowsWith('bostoen')).toEqual([]);
  });
});

/** the report's CSV (BOM, `;`, CRLF, quoted cells) as rows of cells, read by the product's own RFC 4180 reader */
function csvCells(text: string): string[][] {
  const { records, errors } = parseCsv(text, ';');
  expect(errors).toEqual([]);
  return records.map((record) => record.fields);
}

describe("a lead's narrative for a period and an archive reason, each erased alone", () => {
  const year = Number(belgianToday(new Date()).slice(0, 4));
  const NARRATIVE = 'Mevrouw Rita Wuyts van de buurtwerking kreeg een woning';
  const CORRECTION = 'Correctie: Rita Wuyts verhuisde in juni';
  const OTHER_NARRATIVE = 'Twaalf woningen in gebruik genomen';
  const REASON = 'Stopgezet: vrijwilliger Bart Dewulf is verhuisd';
  let periodId = '';
  let actionId = '';
  let otherActionId = '';
  let archivedId = '';
  let narrativeVersion = 0;
  let archiveVersion = 0;
  let position = '';

  const report = (format: 'csv' | 'html' | 'json', lang = 'nl') =>
    get(`/api/plans/${fx.planId}/reports/${periodId}?scope=all&format=${format}&lang=${lang}`, position);
  /** the narrative cell of each action's CSV row, by the action's code */
  const csvNarratives = async (lang = 'nl') => {
    const [header, ...rows] = csvCells((await report('csv', lang)).text);
    const column = header!.indexOf(lang === 'nl' ? 'Toelichting' : 'Narrative');
    expect(column).toBeGreaterThan(0);
    return new Map(rows.map((row) => [row[1]!, row[column]!]));
  };
  const codeOf = async (id: string) =>
    ((await get(`/api/actions/${id}`, position)).body as { code: string }).code;

  it('stores both encrypted; the closed report froze the narrative, a correction followed', async () => {
    actionId = await fx.newAction();
    otherActionId = await fx.newAction();
    archivedId = await fx.newAction();
    periodId = (await post(`/api/plans/${fx.planId}/periods`, { kind: 'year', year })).id;
    const periodPath = `/api/plans/${fx.planId}/periods/${periodId}`;
    const narrative = await post(`${periodPath}/updates`, { actionId, narrative: NARRATIVE }, 200);
    narrativeVersion = narrative.version;
    await post(`${periodPath}/updates`, { actionId: otherActionId, narrative: OTHER_NARRATIVE }, 200);
    await waitFor((await post(`${periodPath}/close`, {}, 200)).position);
    const corrected = await post(`${periodPath}/updates`, { actionId, narrative: CORRECTION }, 200);
    const archived = await post(`/api/actions/${archivedId}/archive`, { reason: REASON }, 200);
    archiveVersion = archived.version;
    position = archived.position;
    await waitFor(position);
    expect(corrected.version).toBeGreaterThan(narrativeVersion);

    const stored = await storedEventsPlaintext();
    for (const text of ['Wuyts', 'Dewulf', OTHER_NARRATIVE]) expect(stored).not.toContain(text);
    const narratives = await csvNarratives();
    expect(narratives.get(await codeOf(actionId))).toBe(NARRATIVE);
    expect((await report('html')).text).toContain(CORRECTION);
    expect((await get(`/api/actions/${archivedId}/history`, position)).text).toContain('Dewulf');
    // the action page offers "erase this text" on the archive entry (same table as the api)
    const entries = (
      (await get(`/api/actions/${archivedId}/history`, position)).body as {
        items: { type: string; data: unknown; version: number }[];
      }
    ).items;
    const entry = entries.find((e) => e.version === archiveVersion)!;
    expect(holdsErasableText(entry.type, entry.data)).toBe(true);
  });

  it("erases the narrative (every version, and the report's frozen copy) by the update's change", async () => {
    const response = await eraseText('period', periodId, narrativeVersion);
    expect([response.status, response.body.keysErased]).toEqual([201, 1]);
    position = response.body.position as string;
    await waitFor(position);
    const recorded = (await test.api.runtime.store.readStream(`tenant-${fx.tenantId}`)).at(-1)!;
    expect((recorded.data as { subject: string }).subject).toBe(
      `text:period-narrative/${periodId}/${actionId}`,
    );
    for (const lang of ['nl', 'en']) {
      const narratives = await csvNarratives(lang);
      expect(narratives.get(await codeOf(actionId))).toBe(lang === 'nl' ? 'gewist' : 'erased');
      expect(narratives.get(await codeOf(otherActionId))).toBe(OTHER_NARRATIVE);
      const html = (await report('html', lang)).text;
      expect(html).not.toContain('Wuyts');
      expect(html).not.toContain('[erased]');
      expect(html).toContain(lang === 'nl' ? 'gewist' : 'erased');
      expect(html).toContain(OTHER_NARRATIVE);
    }
    const json = (await report('json')).text;
    expect(json).not.toContain('Wuyts');
    expect(json).toContain(OTHER_NARRATIVE);
    const docx = await test.http
      .get(`/api/plans/${fx.planId}/reports/${periodId}?scope=all&format=docx&minPosition=${position}`)
      .set(coordinator())
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(docx.status).toBe(200);
    const { value: words } = await mammoth.extractRawText({ buffer: docx.body as Buffer });
    expect(words).not.toContain('Wuyts');
    expect(words).toContain('gewist');
    expect(words).toContain(OTHER_NARRATIVE);
    const audit = (await get('/api/audit?limit=200', position)).text;
    expect(audit).not.toContain('Wuyts');
    for (const format of ['csv', 'json']) {
      const exported = (await get(`/api/audit/export?format=${format}`, position)).text;
      expect(exported).not.toContain('Wuyts');
      // the other action's narrative is in the trail: the check looks where narratives are
      expect(exported).toContain(OTHER_NARRATIVE);
    }
    expect(await readModelRowsWith('wuyts')).toEqual([]);
  });

  it('erases the archive reason from the history, the audit trail and a live replay', async () => {
    const client = liveClient(test.api.url, fx.users.coordinator.token);
    try {
      const response = await eraseText('action', archivedId, archiveVersion);
      expect([response.status, response.body.keysErased]).toEqual([201, 1]);
      position = response.body.position as string;
      await waitFor(position);
      const history = (await get(`/api/actions/${archivedId}/history`, position)).text;
      expect(history).not.toContain('Dewulf');
      expect(history).toContain('Actie gearchiveerd: gewist');
      const audit = (await get('/api/audit?limit=200', position)).text;
      expect(audit).not.toContain('Dewulf');
      expect((await get('/api/audit/export?format=csv', position)).text).not.toContain('Dewulf');
      expect(await readModelRowsWith('dewulf')).toEqual([]);
      const recorder = new RoomRecorder(client, `action:${archivedId}`, START);
      await recorder.until(
        () => recorder.events.some((e) => e.type === 'ActionArchived'),
        'the archive event',
      );
      const pushed = recorder.events.find((e) => e.type === 'ActionArchived')!;
      expect((pushed.data as { reason: string }).reason).toBe('[erased]');
      recorder.leave();
    } finally {
      client.close();
    }
  });

  it('a rebuild brings neither back, and the hash chain still verifies', async () => {
    const result = await test.api.runtime.runner.rebuild('all');
    expect(result.completed).toBe(true);
    expect(await readModelRowsWith('wuyts')).toEqual([]);
    expect(await readModelRowsWith('dewulf')).toEqual([]);
    expect((await csvNarratives()).get(await codeOf(otherActionId))).toBe(OTHER_NARRATIVE);
    expect((await get(`/api/actions/${archivedId}/history`)).text).not.toContain('Dewulf');
    const verify = (await get('/api/audit/verify')).body as { ok: boolean; problems: unknown[] };
    expect(verify).toMatchObject({ ok: true, problems: [] });
  });

  it('a legacy plaintext narrative and archive reason are masked once erased', async () => {
    const legacyAction = await fx.newAction();
    const legacyArchived = await fx.newAction();
    const legacyPeriod = (
      await post(`/api/plans/${fx.planId}/periods`, {
        kind: 'custom',
        start: `${year}-01-01`,
        end: `${year}-12-31`,
        label: 'legacy',
      })
    ).id;
    const inner = (test.api.runtime.store as unknown as { inner: typeof test.api.runtime.store }).inner;
    const metadata = { ...fx.context, occurredAt: new Date().toISOString() };
    const narrative = await inner.appendToStream(periodStreamId(legacyPeriod), [
      {
        id: randomUUID(),
        type: 'PeriodUpdateSubmitted',
        data: {
          periodId: legacyPeriod,
          actionId: legacyAction,
          roundId: null,
          narrative: 'Oude toelichting over Hilde Lambrecht',
          status: null,
          progress: null,
          afterClose: false,
        },
        metadata,
      },
    ]);
    const archived = await inner.appendToStream(actionStreamId(legacyArchived), [
      {
        id: randomUUID(),
        type: 'ActionArchived',
        data: { actionId: legacyArchived, reason: 'Oude reden over Koen Geerts' },
        metadata,
      },
    ]);
    position = archived.position;
    await waitFor(position);
    const legacyReport = () =>
      get(`/api/plans/${fx.planId}/reports/${legacyPeriod}?scope=all&format=csv`, position);
    expect((await legacyReport()).text).toContain('Lambrecht');
    expect((await get(`/api/actions/${legacyArchived}/history`, position)).text).toContain('Geerts');

    for (const [aggregate, id, version] of [
      ['period', legacyPeriod, narrative.version],
      ['action', legacyArchived, archived.version],
    ] as const) {
      const response = await eraseText(aggregate, id, version);
      // no key: a tombstone in the key table masks the plaintext
      expect([response.status, response.body.keysErased]).toEqual([201, 0]);
      position = response.body.position as string;
    }
    await waitFor(position);
    const csv = (await legacyReport()).text;
    expect(csv).not.toContain('Lambrecht');
    expect(csv).toContain('gewist');
    expect((await get(`/api/actions/${legacyArchived}/history`, position)).text).not.toContain('Geerts');
    expect((await get('/api/audit?limit=200', position)).text).not.toMatch(/Lambrecht|Geerts/);
    expect(await readModelRowsWith('lambrecht')).toEqual([]);
    expect(await readModelRowsWith('geerts')).toEqual([]);
    // the old rows still hold the plaintext (docs/privacy.md, "What erasure does not do")
    expect(await storedEventsText()).toContain('Lambrecht');
    expect(((await get('/api/audit/verify')).body as { ok: boolean }).ok).toBe(true);
  });
});

describe('a note written before encryption (legacy plaintext)', () => {
  it('is masked on every read after its erasure; the old row still holds the plaintext (documented limit)', async () => {
    const actionId = await fx.newAction();
    const inner = (test.api.runtime.store as unknown as { inner: typeof test.api.runtime.store }).inner;
    const legacy = await inner.appendToStream(actionStreamId(actionId), [
      {
        id: randomUUID(),
        type: 'ActionNoteAdded',
        data: {
          actionId,
          noteId: randomUUID(),
          text: 'Oude notitie over Wim Oudejans',
          correctsNoteId: null,
        },
        metadata: { ...fx.context, occurredAt: new Date().toISOString() },
      },
    ]);
    await waitFor(legacy.position);
    expect((await get(`/api/actions/${actionId}/history`)).text).toContain('Oudejans');

    const response = await eraseText('action', actionId, legacy.version);
    // no key: a tombstone in the key table masks the plaintext
    expect([response.status, response.body.keysErased]).toEqual([201, 0]);
    await waitFor(response.body.position as string);
    expect((await get(`/api/actions/${actionId}/history`)).text).not.toContain('Oudejans');
    expect(await readModelRowsWith('oudejans')).toEqual([]);
    expect(JSON.stringify(await test.api.runtime.store.readStream(actionStreamId(actionId)))).not.toContain(
      'Oudejans',
    );
    expect(await storedEventsText()).toContain('Oudejans');
    expect(((await get('/api/audit/verify')).body as { ok: boolean }).ok).toBe(true);
  });
});

describe('the CLI and a user erased with her free text', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
      env: { ...process.env, DATABASE_URL: test.api.databaseUrl, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('npm run cli -- erase --text erases one item like the api, and refuses a malformed target', async () => {
    const actionId = await fx.newAction();
    const noted = await post(`/api/actions/${actionId}/notes`, { text: 'Notitie over Lotte Verhaeghe' }, 200);
    await waitFor(noted.position);
    const bad = cli(
      'erase',
      '--tenant',
      fx.tenantId,
      '--text',
      `action/${actionId}`,
      '--ground',
      'objection',
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--text must be');
    const erased = cli(
      'erase',
      '--tenant',
      fx.tenantId,
      '--text',
      `action/${actionId}@${noted.version}`,
      '--ground',
      'objection',
    );
    expect([erased.status, erased.stderr]).toEqual([0, expect.any(String)]);
    expect(erased.stdout).toMatch(/erasure \S+ recorded at \S+: 1 key\(s\) deleted \(text\)/);
    const position = /recorded at (\S+):/.exec(erased.stdout)![1]!;
    expect((await get(`/api/actions/${actionId}/history`, position)).text).not.toContain('Verhaeghe');
  });

  it("erasing a user erases every text item she wrote, and no one else's", async () => {
    const actionId = await fx.newAction();
    const member = fx.users.member;
    const hers = await post(
      `/api/actions/${actionId}/notes`,
      { text: 'Het lid schreef over Gerda Moens' },
      200,
      member.token,
    );
    const mine = await post(`/api/actions/${actionId}/notes`, { text: 'De coördinator schreef dit' }, 200);
    await waitFor(mine.position);
    expect(hers.version).toBeLessThan(mine.version);
    await post(`/api/users/${member.id}/disable`, { reason: 'vertrokken' }, 200);
    const erased = await post('/api/erasures', {
      kind: 'user',
      userId: member.id,
      legalGround: 'no-longer-necessary',
    });
    // her own key and the key of the note she wrote (at least)
    expect(erased.keysErased).toBeGreaterThanOrEqual(2);
    await waitFor(erased.position);
    const history = (await get(`/api/actions/${actionId}/history`, erased.position)).text;
    expect(history).not.toContain('Gerda Moens');
    expect(history).toContain('De coördinator schreef dit');
    expect(await readModelRowsWith('gerda moens')).toEqual([]);
    expect(((await get('/api/audit/verify')).body as { ok: boolean }).ok).toBe(true);
  });
});
