import { randomUUID } from 'node:crypto';
import mammoth from 'mammoth';
import pg from 'pg';
import { actionStreamId, belgianToday, periodStreamId, signalStreamId } from '#domain';
import type { PeriodReport, PeriodReportAction } from '#contracts';
import { parseCsv } from '#transfer';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { readModelRowsWith } from '../support/erasure-checks.js';
import { withSealedValuesBlanked } from '../support/sealed-values.js';

/**
 * Issue 18: erasure reaches a report frozen at a period's close (docs/privacy.md; docs/decisions.md, "The frozen
 * report refers to its texts"). The close freezes the period's changes and open signals as references (the
 * history entry's position, the signal's id), never as copies of their texts; the report reads the texts from
 * the action's history and the signal, which erasure already makes "gewist" / "erased". So after a signal's
 * text, a note, a signal's reporter and a user (with the note she wrote) are erased, the closed report (JSON,
 * HTML, CSV parsed, DOCX parsed back) is the report frozen at the close with those texts as the marker and
 * nothing else changed, a rebuild shows the same, and the frozen events never held the texts.
 */

let test: TestApi;
let fx: TenantFixture;
let db: pg.Pool;

const NOTE = 'Mevrouw Hanne Goossens belde over haar huurachterstand';
const MEMBER_NOTE = 'Het lid sprak met Pieter Claus over zijn dossier';
const KEPT_NOTE = 'Overleg met het OCMW gepland';
const REPORTER = 'Buurtbewoner Ward Maes';
const SIGNAL_TEXT = 'Het gezin Desmet slaapt al een week in de wagen';
const KEPT_SIGNAL = 'Te weinig opvangplaatsen in de winter';
const ANSWER = 'Doorverwezen naar het CAW';
const LATER_NOTE = 'Na de afsluiting toegevoegd';
/** what the erasures remove, and the words that must be gone from every format */
const ERASED_TEXTS = [NOTE, MEMBER_NOTE, REPORTER, SIGNAL_TEXT];
const NAMES = ['Goossens', 'Claus', 'Maes', 'Desmet'];

const year = Number(belgianToday(new Date()).slice(0, 4));
let actionId = '';
let periodId = '';
let signalId = '';
let noteVersion = 0;
let position = '';

beforeAll(async () => {
  test = await startTestApi();
  fx = await seedTenant(test, 'frozenrefs');
  db = new pg.Pool({ connectionString: test.api.databaseUrl, max: 2 });
}, 300_000);

afterAll(async () => {
  await db?.end();
  await test?.close();
});

async function post(path: string, body: object, status = 201, token = fx.users.coordinator.token) {
  const response = await test.http.post(path).set(bearer(token)).send(body);
  if (response.status !== status)
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  position = (response.body as { position?: string }).position ?? position;
  return response.body as { id: string; version: number; position: string; [key: string]: unknown };
}

const waitFor = () => test.api.runtime.runner.waitForPosition(position, { timeoutMs: 30_000 });

async function report(format: 'json' | 'html' | 'csv' | 'docx', lang = 'nl') {
  await waitFor();
  const response = await test.http
    .get(
      `/api/plans/${fx.planId}/reports/${periodId}?scope=all&format=${format}&lang=${lang}&minPosition=${position}`,
    )
    .set(bearer(fx.users.coordinator.token))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(response.status).toBe(200);
  return response.body as Buffer;
}

/** the JSON report without what differs between two reads (when it was generated, the position it reflects) */
async function reportJson(): Promise<Omit<PeriodReport, 'generatedAt' | 'position'>> {
  const {
    generatedAt: _at,
    position: _position,
    ...rest
  } = JSON.parse((await report('json')).toString('utf8')) as PeriodReport;
  return rest;
}

/** the HTML and the DOCX's words without the line that says when the report was generated */
const withoutGenerated = (text: string): string =>
  text.replace(/(Aangemaakt op|Generated on) [0-9/: -]+/g, '$1 …');
const html = async (lang = 'nl') => withoutGenerated((await report('html', lang)).toString('utf8'));
const docxWords = async () =>
  withoutGenerated((await mammoth.extractRawText({ buffer: await report('docx') })).value);

/** the report's CSV (BOM, `;`, CRLF, quoted cells) as rows of cells, read by the product's own RFC 4180 reader */
function csvCells(text: string): string[][] {
  const { records, errors } = parseCsv(text, ';');
  expect(errors).toEqual([]);
  return records.map((record) => record.fields);
}

/** the CSV's rows as maps from the header's column names to cells */
async function csvRows(): Promise<Map<string, string>[]> {
  const [header, ...rows] = csvCells((await report('csv')).toString('utf8'));
  return rows.map((row) => new Map(header!.map((name, index) => [name, row[index] ?? ''])));
}

/** every erased text replaced by what a reader sees in its place */
const erase = (text: string, marker: string): string =>
  ERASED_TEXTS.reduce((result, erased) => result.split(erased).join(marker), text);

/** the frozen report as it must read after the erasures: each erased text the marker, nothing else changed */
function erasedReport<T extends Omit<PeriodReport, 'generatedAt' | 'position'>>(frozen: T): T {
  const action = (a: PeriodReportAction): PeriodReportAction => ({
    ...a,
    // summaries come from the history, which shows the marker in the reader's words
    changes: a.changes.map((change) => ({
      ...change,
      summary: { nl: erase(change.summary.nl, 'gewist'), en: erase(change.summary.en, 'erased') },
    })),
    // a signal's text is API data: the language-neutral marker
    openSignals: a.openSignals.map((signal) => ({ ...signal, text: erase(signal.text, '[erased]') })),
  });
  return { ...frozen, groups: frozen.groups.map((g) => ({ ...g, actions: g.actions.map(action) })) };
}

describe("a closed period's report after its texts are erased", () => {
  let frozen: Omit<PeriodReport, 'generatedAt' | 'position'>;
  let frozenHtml = '';
  let frozenHtmlEn = '';
  let frozenDocx = '';
  let frozenCsv: Map<string, string>[] = [];

  it('freezes the period with its changes and open signals, and the frozen events hold none of their texts', async () => {
    actionId = await fx.newAction();
    periodId = (await post(`/api/plans/${fx.planId}/periods`, { kind: 'year', year })).id;
    noteVersion = (await post(`/api/actions/${actionId}/notes`, { text: NOTE }, 200)).version;
    await post(`/api/actions/${actionId}/notes`, { text: MEMBER_NOTE }, 200, fx.users.member.token);
    await post(`/api/actions/${actionId}/notes`, { text: KEPT_NOTE }, 200);
    await post(`/api/actions/${actionId}/status`, { status: 'in_progress' }, 200);
    // from a citizen (named as the source, so the action's history says who sent it), and from a partner
    signalId = (await post('/api/signals', { source: REPORTER, text: SIGNAL_TEXT, actionIds: [actionId] }))
      .id;
    const kept = await post(
      '/api/signals',
      { partnerId: fx.partnerId, text: KEPT_SIGNAL, urgency: 'high', actionIds: [actionId] },
      201,
    );
    // the signals' own events show in the action's history too (and so in the period's changes)
    await post(`/api/signals/${kept.id}/acknowledge`, {}, 200);
    await post(`/api/signals/${signalId}/answer`, { response: ANSWER }, 200);
    await post(
      `/api/plans/${fx.planId}/periods/${periodId}/updates`,
      { actionId, narrative: 'Twaalf woningen in gebruik' },
      200,
    );
    await post(`/api/plans/${fx.planId}/periods/${periodId}/close`, {}, 200);

    frozen = await reportJson();
    expect(frozen.frozen).toBe(true);
    const action = frozen.groups.flatMap((g) => g.actions).find((a) => a.actionId === actionId)!;
    const summaries = action.changes.map((change) => change.summary.nl).join('\n');
    for (const text of [NOTE, MEMBER_NOTE, KEPT_NOTE, REPORTER, SIGNAL_TEXT, ANSWER])
      expect(summaries).toContain(text);
    expect(summaries).toContain('Signaal ontvangen');
    expect(action.openSignals.map((signal) => signal.text).sort()).toEqual([SIGNAL_TEXT, KEPT_SIGNAL].sort());
    expect(action.openSignals.map((signal) => signal.status).sort()).toEqual(['acknowledged', 'answered']);
    expect(action.narrative).toBe('Twaalf woningen in gebruik');
    frozenHtml = await html();
    frozenHtmlEn = await html('en');
    frozenDocx = await docxWords();
    frozenCsv = await csvRows();
    for (const text of [NOTE, SIGNAL_TEXT, REPORTER]) {
      expect(frozenHtml).toContain(text);
      expect(frozenDocx).toContain(text);
    }

    // the raw rows of the frozen events: references (positions, ids), no copy of any text (looked for with the
    // random parts of their sealed values blanked, which could spell a short name such as "Maes" by chance)
    const { rows } = await db.query<{ data: unknown }>(
      `select data from events where stream_id = $1 and type = 'ReportingPeriodActionFrozen'`,
      [periodStreamId(periodId)],
    );
    expect(rows.length).toBeGreaterThan(0);
    const stored = rows.map((row) => withSealedValuesBlanked(row.data)).join('\n');
    // each change names its event by stream and version (the action's own, and the signal's)
    expect(stored).toContain(actionStreamId(actionId));
    expect(stored).toContain(signalStreamId(signalId));
    for (const text of [NOTE, MEMBER_NOTE, KEPT_NOTE, REPORTER, SIGNAL_TEXT, KEPT_SIGNAL, ANSWER, ...NAMES])
      expect(stored).not.toContain(text);
  });

  it('a later change leaves the closed report as it was', async () => {
    await post(`/api/actions/${actionId}/notes`, { text: LATER_NOTE }, 200);
    await post(`/api/actions/${actionId}/status`, { status: 'postponed', reason: 'subsidie' }, 200);
    expect(await reportJson()).toEqual(frozen);
    expect(await html()).not.toContain(LATER_NOTE);
  });

  it('shows "gewist" / "erased" where the erased texts were, in every format, and keeps everything else', async () => {
    const eraseText = (aggregate: string, id: string, version: number) =>
      post('/api/erasures', { kind: 'text', aggregate, aggregateId: id, version, legalGround: 'objection' });
    expect((await eraseText('signal', signalId, 1)).keysErased).toBe(1);
    expect((await eraseText('action', actionId, noteVersion)).keysErased).toBe(1);
    const reporter = await post('/api/erasures', {
      kind: 'signal-reporter',
      signalId,
      legalGround: 'objection',
    });
    expect(reporter.keysErased).toBe(1);
    const member = fx.users.member;
    await post(`/api/users/${member.id}/disable`, { reason: 'vertrokken' }, 200);
    const user = await post('/api/erasures', {
      kind: 'user',
      userId: member.id,
      legalGround: 'no-longer-necessary',
    });
    // her own key and the key of the note she wrote
    expect(user.keysErased).toBeGreaterThanOrEqual(2);

    // JSON: the frozen report with each erased text as the marker; the rest (the other note, the other signal,
    // statuses, dates, counts, the narrative, the later changes left out) exactly as frozen
    const after = await reportJson();
    expect(after).toEqual(erasedReport(frozen));
    const action = after.groups.flatMap((g) => g.actions).find((a) => a.actionId === actionId)!;
    expect(action.changes.map((change) => change.summary.nl)).toEqual(
      expect.arrayContaining([
        'Notitie toegevoegd: gewist',
        `Notitie toegevoegd: ${KEPT_NOTE}`,
        'Signaal van gewist (urgentie normaal): gewist',
        `Signaal beantwoord: ${ANSWER}`,
        'Signaal ontvangen',
      ]),
    );
    expect(action.openSignals.map((signal) => signal.text).sort()).toEqual(['[erased]', KEPT_SIGNAL].sort());

    // HTML and DOCX: the same text as frozen with the marker in place of each erased text
    const nl = await html();
    expect(nl).toEqual(erase(frozenHtml, 'gewist'));
    expect(await html('en')).toEqual(erase(frozenHtmlEn, 'erased'));
    const words = await docxWords();
    expect(words).toEqual(erase(frozenDocx, 'gewist'));
    for (const text of [nl, words]) {
      for (const name of NAMES) expect(text).not.toContain(name);
      expect(text).toContain(KEPT_NOTE);
      expect(text).toContain(KEPT_SIGNAL);
      expect(text).toContain(ANSWER);
      expect(text).toContain('gewist');
    }

    // CSV: the open signals' cell holds the marker and the other signal; every other cell as frozen
    const csv = await csvRows();
    expect(csv).toHaveLength(frozenCsv.length);
    const column = 'Open signalen';
    csv.forEach((row, index) => {
      const before = frozenCsv[index]!;
      expect([...row.keys()]).toEqual([...before.keys()]);
      for (const [name, cell] of row) {
        if (name !== column) expect([name, cell]).toEqual([name, before.get(name)]);
      }
    });
    const signals = csv.map((row) => row.get(column)!).find((cell) => cell.includes(KEPT_SIGNAL))!;
    expect(signals.split(' | ').sort()).toEqual(['gewist', KEPT_SIGNAL].sort());
    expect(frozenCsv.some((row) => row.get(column)!.includes(SIGNAL_TEXT))).toBe(true);

    for (const name of NAMES) expect(await readModelRowsWith(db, [], name)).toEqual([]);
  });

  it('a rebuild shows the same report', async () => {
    const erased = await reportJson();
    const erasedHtml = await html();
    const erasedDocx = await docxWords();
    const result = await test.api.runtime.runner.rebuild('all');
    expect(result.completed).toBe(true);
    expect(await reportJson()).toEqual(erased);
    expect(await html()).toEqual(erasedHtml);
    expect(await docxWords()).toEqual(erasedDocx);
    for (const name of NAMES) expect(await readModelRowsWith(db, [], name)).toEqual([]);
    const verify = await test.http.get('/api/audit/verify').set(bearer(fx.users.coordinator.token));
    expect(verify.body).toMatchObject({ ok: true, problems: [] });
  });
});

describe('a report frozen before the close kept references (legacy copies)', () => {
  const LEGACY_SIGNAL = 'Oud signaal over de familie Vermeulen';
  const LEGACY_SUMMARY = 'Notitie toegevoegd: oude kopie over Sofie Verstraete';

  it("reads a legacy frozen signal's text from the signal (erased with it); a legacy summary copy stays", async () => {
    const legacyAction = await fx.newAction();
    const legacySignal = (
      await post('/api/signals', { partnerId: fx.partnerId, text: LEGACY_SIGNAL, actionIds: [legacyAction] })
    ).id;
    periodId = (
      await post(`/api/plans/${fx.planId}/periods`, {
        kind: 'custom',
        start: `${year}-01-01`,
        end: `${year}-12-31`,
        label: 'legacy',
      })
    ).id;
    // what a close wrote before references (schema version 2: no `schemaVersion` 3 in the metadata)
    const inner = (test.api.runtime.store as unknown as { inner: typeof test.api.runtime.store }).inner;
    const metadata = { ...fx.context, occurredAt: new Date().toISOString(), schemaVersion: 2 };
    const at = new Date().toISOString();
    const written = await inner.appendToStream(periodStreamId(periodId), [
      {
        id: randomUUID(),
        type: 'ReportingPeriodActionFrozen',
        data: {
          periodId,
          action: {
            actionId: legacyAction,
            code: '9.9.9',
            bbcCode: null,
            title: 'Oude actie',
            priority: false,
            path: [],
            status: 'in_progress',
            progress: 20,
            dueDate: null,
            leadPartnerId: null,
            leadName: null,
            partnerNames: [],
            narrative: null,
            indicators: [],
            changes: [{ at, summary: { nl: LEGACY_SUMMARY, en: 'Note added: old copy' } }],
            changeCount: 1,
            openSignals: [
              { signalId: legacySignal, text: LEGACY_SIGNAL, status: 'submitted', urgency: 'normal' },
            ],
          },
        },
        metadata,
      },
      {
        id: randomUUID(),
        type: 'ReportingPeriodClosed',
        data: { periodId, planId: fx.planId, asOf: at, position: null, actionCount: 1, checkpoint: null },
        metadata: { ...fx.context, occurredAt: at },
      },
    ]);
    position = written.position;
    const legacy = async () =>
      (await reportJson()).groups.flatMap((g) => g.actions).find((a) => a.actionId === legacyAction)!;
    expect(await legacy()).toMatchObject({
      changes: [{ at, summary: { nl: LEGACY_SUMMARY } }],
      openSignals: [{ signalId: legacySignal, text: LEGACY_SIGNAL, status: 'submitted' }],
    });

    await post('/api/erasures', {
      kind: 'text',
      aggregate: 'signal',
      aggregateId: legacySignal,
      version: 1,
      legalGround: 'objection',
    });
    const after = await legacy();
    expect(after.openSignals).toEqual([
      { signalId: legacySignal, text: '[erased]', status: 'submitted', urgency: 'normal' },
    ]);
    expect(await html()).not.toContain('Vermeulen');
    // the read models never held the legacy event's copy (the upcaster drops it): nothing left to mask
    expect(await readModelRowsWith(db, [], 'Vermeulen')).toEqual([]);
    // the legacy copy of a change's summary is not reached (docs/privacy.md, "What erasure does not do")
    expect(after.changes).toEqual([{ at, summary: { nl: LEGACY_SUMMARY, en: 'Note added: old copy' } }]);
    expect(await html()).toContain('Verstraete');
  });
});
