import { randomUUID } from 'node:crypto';
import mammoth from 'mammoth';
import { CommandExecutor } from '#commands';
import { belgianToday, indicatorDecider, type IndicatorCommand, type PlanCommand } from '#domain';
import type { MyUpdateList, PeriodItem, PeriodList, PeriodReport, PeriodReportAction } from '#contracts';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * Issue 16, section 3 (docs/plan-cycle.md): a reporting period is opened, its update round asks the leads,
 * they answer (status and progress through the action's own commands), the coordinator sees completion and
 * who is late, closes the period, and the closed report stays as it was after later changes, with the
 * corrections recorded after the close marked, in JSON, DOCX (parsed back), HTML and CSV.
 */
let test: TestApi;
let fx: TenantFixture;
let position = '';
let actionA: string;
let actionB: string;
let foreign: string;
let periodId: string;
const today = belgianToday(new Date());
const year = Number(today.slice(0, 4));
const indicatorId = randomUUID();
/** an indicator on the goal 3.1 (the demo's all hang on goals) and one on the theme 3 */
const goalIndicatorId = randomUUID();
const themeIndicatorId = randomUUID();

interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
  raw: Buffer | undefined;
  type: string;
}

async function call(token: string, method: 'get' | 'post', path: string, body?: object): Promise<Answer> {
  const request = test.http[method](path).set(bearer(token));
  const response = await (body ? request.send(body) : request.buffer(true).parse(binary as never));
  const raw = Buffer.isBuffer(response.body) ? response.body : undefined;
  return {
    status: response.status,
    body: raw ? {} : (response.body as Record<string, unknown>),
    text: raw ? raw.toString('utf8') : response.text,
    raw,
    type: String(response.headers['content-type'] ?? ''),
  };
}

/** keeps every body as bytes; JSON is parsed here */
function binary(
  res: NodeJS.ReadableStream & { headers: Record<string, string> },
  done: (e: Error | null, body?: unknown) => void,
) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => {
    const buffer = Buffer.concat(chunks);
    if (String(res.headers['content-type']).startsWith('application/json'))
      done(null, JSON.parse(buffer.toString('utf8')));
    else done(null, buffer);
  });
}

async function write(token: string, path: string, body: object = {}) {
  const answer = await call(token, 'post', path, body);
  expect({ path, status: answer.status < 300 ? 'ok' : answer.status, body: answer.body }).toMatchObject({
    status: 'ok',
  });
  position = answer.body.position as string;
  return answer.body as { id: string; version: number; position: string };
}

/** a read after the last write: waits (long: the test machine may be busy) until every projection has it */
async function read(token: string, path: string) {
  if (position) await test.api.runtime.runner.waitForPosition(position, { timeoutMs: 30_000 });
  return call(token, 'get', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`);
}

const coordinator = () => fx.users.coordinator.token;
const periodPath = () => `/api/plans/${fx.planId}/periods/${periodId}`;
const reportPath = (query: string) => `/api/plans/${fx.planId}/reports/${periodId}?${query}`;

const actionsOf = (report: PeriodReport): PeriodReportAction[] =>
  report.groups.flatMap((group) => group.actions);
const actionIn = (report: PeriodReport, id: string) =>
  actionsOf(report).find((action) => action.actionId === id)!;

beforeAll(async () => {
  test = await startTestApi();
  fx = await seedTenant(test, 'periods');
  actionA = await fx.newAction(); // 3.1.1, led by the partner's organisation, in the member's scope
  actionB = await fx.newAction(); // 3.1.2, idem
  foreign = await fx.newForeignAction(); // 4.1.3, led by the other organisation, outside the member's scope
  await write(coordinator(), `/api/actions/${actionA}/status`, { status: 'in_progress' });
  await write(coordinator(), `/api/actions/${actionA}/progress`, { percent: 30 });
  // BBC codes, the council's priority and an indicator (issue 16 section 2, branch codes)
  const { commands, store, runner } = test.api.runtime;
  const reporting = (nodeId: string, bbcCode: string, priority?: boolean): PlanCommand => ({
    type: 'SetNodeReporting',
    data: { planId: fx.planId, nodeId, bbcCode, ...(priority === undefined ? {} : { priority }) },
  });
  await commands.plan(fx.planId, reporting(fx.themeId, 'BD3'), fx.context);
  await commands.plan(fx.planId, reporting(fx.goalId, 'AP3.1'), fx.context);
  await commands.plan(fx.planId, reporting(actionA, 'AC3.1.1', true), fx.context);
  await indicator({
    type: 'DefineIndicator',
    data: {
      indicatorId,
      planId: fx.planId,
      nodeId: actionA,
      nodeKind: 'action',
      name: 'Woningen in gebruik',
      unit: 'woningen',
      direction: 'higher_is_better',
    },
  });
  await indicator({ type: 'SetIndicatorTarget', data: { indicatorId, year, value: 50 } });
  await indicator({
    type: 'RecordMeasurement',
    data: { indicatorId, measurementId: randomUUID(), value: 46, date: `${year}-01-01`, source: 'OCMW' },
  });
  // the goal's indicator has two measurements of one day: the one recorded or corrected last counts (75: the
  // first, corrected after the second was recorded; in one write, so the read model stores them in one batch)
  const first = randomUUID();
  await new CommandExecutor(store).executeAll(
    indicatorDecider,
    goalIndicatorId,
    [
      {
        type: 'DefineIndicator',
        data: {
          indicatorId: goalIndicatorId,
          planId: fx.planId,
          nodeId: fx.goalId,
          nodeKind: 'goal',
          name: 'Gezinnen met een woning',
          unit: 'gezinnen',
          direction: 'higher_is_better',
        },
      },
      { type: 'SetIndicatorTarget', data: { indicatorId: goalIndicatorId, year, value: 80 } },
      {
        type: 'RecordMeasurement',
        data: {
          indicatorId: goalIndicatorId,
          measurementId: first,
          value: 60,
          date: `${year}-01-01`,
          source: 'OCMW',
        },
      },
      {
        type: 'RecordMeasurement',
        data: {
          indicatorId: goalIndicatorId,
          measurementId: randomUUID(),
          value: 70,
          date: `${year}-01-01`,
          source: 'OCMW',
        },
      },
      {
        type: 'CorrectMeasurement',
        data: { indicatorId: goalIndicatorId, measurementId: first, value: 75, reason: 'telfout' },
      },
    ],
    fx.context,
  );
  const themed = await new CommandExecutor(store).executeAll(
    indicatorDecider,
    themeIndicatorId,
    [
      {
        type: 'DefineIndicator',
        data: {
          indicatorId: themeIndicatorId,
          planId: fx.planId,
          nodeId: fx.themeId,
          nodeKind: 'theme',
          name: 'Dakloze personen',
          unit: 'personen',
          direction: 'lower_is_better',
        },
      },
      { type: 'SetIndicatorTarget', data: { indicatorId: themeIndicatorId, year, value: 100 } },
    ],
    fx.context,
  );
  await runner.waitForPosition(themed.position, { timeoutMs: 10_000 });
  position = themed.position;
  async function indicator(command: IndicatorCommand) {
    return new CommandExecutor(store).execute(indicatorDecider, indicatorId, command, fx.context);
  }
});

afterAll(async () => {
  await test?.close();
});

describe('a reporting period from opening to its closed report', () => {
  it('a coordinator opens the current year; bad input is a 400 naming the field, a viewer is refused', async () => {
    const bad = await call(coordinator(), 'post', `/api/plans/${fx.planId}/periods`, {
      kind: 'half_year',
      year,
      half: 3,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('half');
    const custom = await call(coordinator(), 'post', `/api/plans/${fx.planId}/periods`, {
      kind: 'custom',
      start: `${year}-06-01`,
      end: `${year}-01-01`,
    });
    expect([custom.status, custom.body.code]).toEqual([400, 'PERIOD.INVALID']);
    const viewer = await call(fx.users.viewer.token, 'post', `/api/plans/${fx.planId}/periods`, {
      kind: 'year',
      year,
    });
    expect(viewer.status).toBe(403);

    periodId = (await write(coordinator(), `/api/plans/${fx.planId}/periods`, { kind: 'year', year })).id;
    const list = (await read(fx.users.viewer.token, `/api/plans/${fx.planId}/periods`))
      .body as unknown as PeriodList;
    expect(list.items).toEqual([
      expect.objectContaining({
        id: periodId,
        kind: 'year',
        label: `${year}`,
        start: `${year}-01-01`,
        end: `${year}-12-31`,
        status: 'open',
        round: null,
      }),
    ]);
  });

  it('an update round asks every lead; completion and who is late follow the updates', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await write(coordinator(), `${periodPath()}/rounds`, { deadline: yesterday, scope: 'all' });
    const again = await call(coordinator(), 'post', `${periodPath()}/rounds`, {
      deadline: yesterday,
      scope: 'all',
    });
    expect([again.status, again.body.code]).toEqual([409, 'PERIOD.ROUND_ALREADY_STARTED']);

    // the partner's "my updates" hold its organisation's two actions, not the other organisation's
    const mine = (await read(fx.users.partner.token, '/api/me/updates')).body as unknown as MyUpdateList;
    expect(mine.items.map((item) => item.actionId).sort()).toEqual([actionA, actionB].sort());
    expect(mine.items.every((item) => item.late && item.submitted === null)).toBe(true);

    // the partner answers for its action; not for the other organisation's
    await write(fx.users.partner.token, `${periodPath()}/updates`, {
      actionId: actionA,
      narrative: 'Twaalf woningen in gebruik.',
      progress: 30,
    });
    const refused = await call(fx.users.partner.token, 'post', `${periodPath()}/updates`, {
      actionId: foreign,
      narrative: 'Niet van ons',
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    // the member answers for an action in her group's scope: the status goes through the action's commands
    await write(fx.users.member.token, `${periodPath()}/updates`, {
      actionId: actionB,
      narrative: '=HYPERLINK("http://evil.example","klik")',
      status: 'in_progress',
      progress: 10,
    });
    const detail = (await read(coordinator(), `/api/actions/${actionB}`)).body;
    expect(detail).toMatchObject({ status: 'in_progress', progress: 10 });
    const history = (await read(coordinator(), `/api/actions/${actionB}/history`)).body as {
      items: { type: string }[];
    };
    expect(history.items.map((item) => item.type)).toEqual(
      expect.arrayContaining(['ActionStatusChanged', 'ActionProgressReported']),
    );

    const period = (await read(coordinator(), periodPath())).body as unknown as PeriodItem;
    expect(period.round).toMatchObject({ requested: 3, submitted: 2, percent: 66, pastDeadline: true });
    expect(period.round!.missing).toEqual([
      expect.objectContaining({ actionId: foreign, code: '4.1.3', leadName: 'OCMW' }),
    ]);
    const after = (await read(fx.users.partner.token, '/api/me/updates')).body as unknown as MyUpdateList;
    expect(after.items.find((item) => item.actionId === actionA)).toMatchObject({
      late: false,
      submitted: { narrative: 'Twaalf woningen in gebruik.', progress: 30 },
    });
  });

  let frozen: PeriodReport;

  it('the open period has a live report: actions under their theme and goal in code order', async () => {
    const report = (await read(coordinator(), reportPath('scope=all'))).body as unknown as PeriodReport;
    expect(report.frozen).toBe(false);
    expect(report.groups.map((group) => group.path.map((step) => step.code))).toEqual([
      ['3', '3.1'],
      ['4', '4.1'],
    ]);
    expect(actionsOf(report).map((action) => action.code)).toEqual(['3.1.1', '3.1.2', '4.1.3']);
    expect(actionIn(report, actionA)).toMatchObject({
      status: 'in_progress',
      progress: 30,
      leadName: 'CAW',
      narrative: 'Twaalf woningen in gebruik.',
      corrections: [],
    });
    expect(actionIn(report, actionA).changeCount).toBeGreaterThanOrEqual(3);
    // the BBC codes, the priority and the indicator: target for the year against the latest measurement
    expect(report.groups[0]!.path.map((step) => step.bbcCode)).toEqual(['BD3', 'AP3.1']);
    expect(actionIn(report, actionA)).toMatchObject({ bbcCode: 'AC3.1.1', priority: true });
    expect(actionIn(report, actionA).indicators).toEqual([
      {
        indicatorId,
        name: 'Woningen in gebruik',
        unit: 'woningen',
        target: 50,
        measured: 46,
        measuredOn: `${year}-01-01`,
        status: 'attention',
      },
    ]);
    // the indicators on the theme and the goal, under their heading (not repeated in each action's path); of
    // the goal's two measurements of one day the one recorded or corrected last (75, not 70)
    const [theme3, goal31] = report.groups[0]!.path;
    expect(goal31!.indicators).toEqual([
      {
        indicatorId: goalIndicatorId,
        name: 'Gezinnen met een woning',
        unit: 'gezinnen',
        target: 80,
        measured: 75,
        measuredOn: `${year}-01-01`,
        status: 'attention',
      },
    ]);
    expect(theme3!.indicators).toEqual([
      expect.objectContaining({ name: 'Dakloze personen', target: 100, measured: null, status: 'no_data' }),
    ]);
    expect(report.groups[1]!.path.map((step) => step.indicators)).toEqual([[], []]);
    expect(actionIn(report, actionA).path.some((step) => 'indicators' in step)).toBe(false);
    // the default scope: the priority actions only
    const priority = (await read(coordinator(), reportPath(''))).body as unknown as PeriodReport;
    expect(priority.scope).toBe('priority');
    expect(actionsOf(priority).map((action) => action.code)).toEqual(['3.1.1']);
    expect(priority.groups[0]!.path[1]!.indicators.map((i) => i.measured)).toEqual([75]);
  });

  it('a coordinator closes the period: the report is frozen, with the checkpoint of the close', async () => {
    expect((await call(fx.users.member.token, 'post', `${periodPath()}/close`, {})).status).toBe(403);
    await write(coordinator(), `${periodPath()}/close`, {});
    const twice = await call(coordinator(), 'post', `${periodPath()}/close`, {});
    expect([twice.status, twice.body.code]).toEqual([409, 'PERIOD.ALREADY_CLOSED']);
    const late = await call(coordinator(), 'post', `${periodPath()}/rounds`, {
      deadline: '2030-01-01',
      scope: 'all',
    });
    expect([late.status, late.body.code]).toEqual([422, 'PERIOD.CLOSED']);

    const period = (await read(coordinator(), periodPath())).body as unknown as PeriodItem;
    expect(period).toMatchObject({ status: 'closed', frozenActions: 3 });
    expect(period.checkpoint).toMatchObject({ headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    frozen = (await read(coordinator(), reportPath('scope=all'))).body as unknown as PeriodReport;
    expect(frozen).toMatchObject({ frozen: true, actionCount: 3, correctionCount: 0 });
    expect(actionIn(frozen, actionA)).toMatchObject({ status: 'in_progress', progress: 30 });
    // the theme's and goal's indicators are frozen with the report
    expect(frozen.groups[0]!.path.map((step) => step.indicators.map((i) => [i.name, i.measured]))).toEqual([
      [['Dakloze personen', null]],
      [['Gezinnen met een woning', 75]],
    ]);
  });

  it('a change after the close leaves the closed report as it was', async () => {
    await write(coordinator(), `/api/actions/${actionA}/status`, { status: 'postponed', reason: 'subsidie' });
    await write(coordinator(), `/api/actions/${actionA}/progress`, { percent: 35 });
    await write(coordinator(), `/api/actions/${actionA}/title`, { title: 'Nieuwe titel' }).catch(
      () => undefined,
    );
    const report = (await read(coordinator(), reportPath('scope=all'))).body as unknown as PeriodReport;
    const { generatedAt: _a, period: _p, position: _x, ...now } = report;
    const { generatedAt: _b, period: _q, position: _y, ...then } = frozen;
    expect(now).toEqual(then);
  });

  it('an update for the closed period is a correction, marked beside the frozen value', async () => {
    await write(fx.users.partner.token, `${periodPath()}/updates`, {
      actionId: actionA,
      narrative: 'Veertien woningen in gebruik (bijgewerkt).',
      progress: 40,
    });
    // the action itself is not changed by a correction of a past period
    expect((await read(coordinator(), `/api/actions/${actionA}`)).body).toMatchObject({ progress: 35 });
    const report = (await read(coordinator(), reportPath('scope=all'))).body as unknown as PeriodReport;
    const a = actionIn(report, actionA);
    expect(a).toMatchObject({ progress: 30, narrative: 'Twaalf woningen in gebruik.' });
    expect(a.corrections).toEqual([
      expect.objectContaining({
        field: 'narrative',
        frozen: 'Twaalf woningen in gebruik.',
        value: 'Veertien woningen in gebruik (bijgewerkt).',
      }),
      expect.objectContaining({ field: 'progress', frozen: 30, value: 40 }),
    ]);
    expect(report.correctionCount).toBe(2);
  });

  it('a measurement dated in the closed period and recorded after the close is a correction too', async () => {
    await new CommandExecutor(test.api.runtime.store).execute(
      indicatorDecider,
      indicatorId,
      {
        type: 'RecordMeasurement',
        data: { indicatorId, measurementId: randomUUID(), value: 52, date: today, source: 'OCMW' },
      },
      // recorded now (the fixture's context keeps the time it was made)
      { ...fx.context, now: new Date().toISOString() },
    );
    // and one of the goal's indicator: corrected under the goal's heading, counted once
    const goalRecorded = await new CommandExecutor(test.api.runtime.store).execute(
      indicatorDecider,
      goalIndicatorId,
      {
        type: 'RecordMeasurement',
        data: {
          indicatorId: goalIndicatorId,
          measurementId: randomUUID(),
          value: 90,
          date: today,
          source: 'OCMW',
        },
      },
      { ...fx.context, now: new Date().toISOString() },
    );
    position = goalRecorded.position;
    const report = (await read(coordinator(), reportPath('scope=all'))).body as unknown as PeriodReport;
    const a = actionIn(report, actionA);
    expect(a.indicators[0]).toMatchObject({ measured: 46, status: 'attention' });
    expect(a.corrections).toContainEqual(
      expect.objectContaining({ field: 'indicator', indicatorId, frozen: 46, value: 52 }),
    );
    const goal31 = report.groups[0]!.path[1]!;
    expect(goal31.indicators[0]).toMatchObject({ measured: 75 });
    expect(goal31.corrections).toEqual([
      expect.objectContaining({ field: 'indicator', indicatorId: goalIndicatorId, frozen: 75, value: 90 }),
    ]);
    expect(report.correctionCount).toBe(4);
  });

  it('the DOCX opens and holds the actions with their codes, the period and the correction mark', async () => {
    const docx = await read(coordinator(), reportPath('format=docx&scope=all'));
    expect(docx.status).toBe(200);
    expect(docx.type).toContain('wordprocessingml');
    const { value: text } = await mammoth.extractRawText({ buffer: docx.raw! });
    expect(text).toContain(`Opvolgingsrapportering ${year}`);
    for (const code of ['3.1.1', '3.1.2', '4.1.3']) expect(text).toContain(code);
    expect(text).toContain('Gecorrigeerd na afsluiting');
    expect(text).toContain('Twaalf woningen in gebruik.');
    expect(text).toMatch(/Controlepunt van de gebeurtenissenlog/);
    expect(text).toContain('AC3.1.1');
    expect(text).toContain('BD3 (3) Een dak boven je hoofd');
    expect(text).toContain('Woningen in gebruik: 50 / 46');
    // the goal's and the theme's indicators under their headings, with the goal's correction
    expect(text).toContain('Gezinnen met een woning: 80 / 75');
    expect(text).toContain('Dakloze personen: 100 / -');
    expect(text).toContain('Gecorrigeerd na afsluiting: Gezinnen met een woning: 75 → 90');
    // the council's version: the priority actions only, with their BBC codes
    const council = await read(coordinator(), reportPath('format=docx'));
    const { value: councilText } = await mammoth.extractRawText({ buffer: council.raw! });
    expect(councilText).toContain('AC3.1.1 (3.1.1) Actie 1');
    expect(councilText).toContain('Gezinnen met een woning: 80 / 75');
    expect(councilText).not.toContain('3.1.2');
    expect(councilText).not.toContain('4.1.3');
    const english = await read(coordinator(), reportPath('format=docx&scope=all&lang=en'));
    expect((await mammoth.extractRawText({ buffer: english.raw! })).value).toContain(
      'Corrected after closing',
    );
  });

  it('the HTML is a printable A4 page, Dutch first and English on request', async () => {
    const html = await read(coordinator(), reportPath('format=html&scope=all'));
    expect(html.type).toContain('text/html');
    expect(html.text).toContain('<html lang="nl">');
    expect(html.text).toContain('size: A4');
    expect(html.text).toContain('Gecorrigeerd na afsluiting: toelichting');
    expect(html.text).toContain('30% → 40%');
    expect(html.text).toContain('Een dak boven je hoofd');
    expect(html.text).toContain('Gezinnen met een woning: 80 / 75');
    expect(html.text).toContain('Dakloze personen: 100 / -');
    expect(html.text).toContain(`<table class="indicators" data-node-id="${fx.goalId}">`);
    // text is escaped, never markup
    expect(html.text).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
    const english = await read(coordinator(), reportPath('format=html&scope=all&lang=en'));
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Corrected after closing: progress: 30% → 40%');
  });

  it('the CSV is UTF-8 with a BOM, ;-separated, keyed by BBC code, formulas neutralised', async () => {
    const csv = await read(coordinator(), reportPath('format=csv&scope=all'));
    expect(csv.type).toContain('text/csv');
    expect(csv.raw!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.text.slice(1).split('\r\n');
    expect(lines[0]!.split(';').slice(0, 3)).toEqual(['BBC-code', 'Code', 'Actie']);
    expect(lines[1]!.startsWith('AC3.1.1;3.1.1;Actie 1;BD3;')).toBe(true);
    expect(lines.filter(Boolean)).toHaveLength(4);
    const b = lines.find((line) => line.includes(';3.1.2;'))!;
    expect(b).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(lines.find((line) => line.includes(';3.1.1;'))).toContain('Gecorrigeerd na afsluiting');
    // the theme's and goal's indicators in the last two columns of each row under them
    expect(lines[0]!.split(';').slice(-2)).toEqual([
      'Indicatoren beleidsdoelstelling / thema (doel / gemeten)',
      'Indicatoren actieplan / doel (doel / gemeten)',
    ]);
    for (const code of ['3.1.1', '3.1.2']) {
      const line = lines.find((l) => l.includes(`;${code};`))!;
      expect(line).toContain('Dakloze personen: 100 / -');
      expect(line).toContain('Gezinnen met een woning: 80 / 75');
    }
    expect(lines.find((l) => l.includes(';4.1.3;'))).not.toContain('Gezinnen met een woning');
  });

  it('refuses an unknown period, another plan, and a bad format', async () => {
    expect((await call(coordinator(), 'get', `/api/plans/${fx.planId}/reports/${randomUUID()}`)).status).toBe(
      404,
    );
    const otherPlan = await call(coordinator(), 'get', `/api/plans/${randomUUID()}/reports/${periodId}`);
    expect(otherPlan.status).toBe(404);
    const format = await call(coordinator(), 'get', reportPath('format=pdf'));
    expect([format.status, format.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
  });
});
