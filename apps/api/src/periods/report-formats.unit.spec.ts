import mammoth from 'mammoth';
import type { PeriodActionSnapshot, PeriodIndicatorSnapshot } from '#domain';
import { groupReport, type PeriodReport, type PeriodReportAction } from '#read-models';
import { renderReportCsv } from './report-csv.js';
import { renderReportDocx } from './report-docx.js';
import { renderReportHtml } from './report-html.js';

/**
 * The report's formats (docs/plan-cycle.md) with the indicators of themes and goals: a report frozen before
 * they were kept (its path steps carry none) renders without them; one that has them prints them under the
 * theme's and goal's heading (once, however many goals the theme heads) and in the CSV's last two columns.
 */
const indicator = (name: string, target: number, measured: number | null): PeriodIndicatorSnapshot => ({
  indicatorId: `ind-${name}`,
  name,
  unit: 'gezinnen',
  target,
  measured,
  measuredOn: measured === null ? null : '2025-06-30',
  status: measured === null ? null : 'on_track',
});

const theme = { id: 'theme-1', kind: 'theme' as const, code: '1', bbcCode: 'BD1', title: 'Wonen' };
const goal = (n: number) => ({
  id: `goal-${n}`,
  kind: 'goal' as const,
  code: `1.${n}`,
  bbcCode: `AP1.${n}`,
  title: `Doel ${n}`,
});

const action = (code: string, path: PeriodActionSnapshot['path']): PeriodReportAction => ({
  actionId: `action-${code}`,
  code,
  bbcCode: `AC${code}`,
  title: `Actie ${code}`,
  priority: true,
  path,
  status: 'in_progress',
  progress: 40,
  dueDate: null,
  leadPartnerId: null,
  leadName: null,
  partnerNames: [],
  narrative: null,
  indicators: [],
  changes: [],
  changeCount: 0,
  openSignals: [],
  corrections: [],
  narrativeVersion: null,
});

const reportOf = (actions: PeriodReportAction[]): PeriodReport => ({
  plan: { id: 'plan-1', title: 'Plan' },
  period: {
    id: 'period-1',
    planId: 'plan-1',
    kind: 'half_year',
    label: '2025-H1',
    start: '2025-01-01',
    end: '2025-06-30',
    status: 'closed',
    closedAt: '2025-09-01T08:00:00.000Z',
    closedBy: 'user-1',
    asOf: '2025-06-30T21:59:59.999Z',
    checkpoint: null,
    frozenActions: actions.length,
    round: null,
    version: 2,
  },
  scope: 'priority',
  frozen: true,
  asOf: '2025-06-30T21:59:59.999Z',
  generatedAt: '2025-09-02T08:00:00.000Z',
  groups: groupReport(actions),
  actionCount: actions.length,
  correctionCount: 0,
  position: '00000000000000000001-00000000000000000001',
});

describe("the report's formats with the indicators of themes and goals", () => {
  it('a report frozen before they were kept: steps without indicators read as none, every format renders', async () => {
    const report = reportOf([action('1.1.1', [theme, goal(1)])]);
    expect(report.groups[0]!.path.map((step) => [step.indicators, step.corrections])).toEqual([
      [[], []],
      [[], []],
    ]);
    const html = renderReportHtml(report, 'nl');
    expect(html).toContain('Actie 1.1.1');
    expect(html).not.toContain('class="indicators"');
    const csv = renderReportCsv(report, 'nl').slice(1).split('\r\n');
    expect(csv[1]!.split(';').slice(-2)).toEqual(['', '']);
    const { value: text } = await mammoth.extractRawText({ buffer: await renderReportDocx(report, 'en') });
    expect(text).toContain('AC1.1.1 (1.1.1) Actie 1.1.1');
  });

  it("prints a theme's and goal's indicators under their heading once, and in the CSV's last columns", async () => {
    const withTheme = { ...theme, indicators: [indicator('Daklozen', 100, null)] };
    const report = reportOf([
      action('1.1.1', [withTheme, { ...goal(1), indicators: [indicator('Gezinnen', 80, 75)] }]),
      action('1.2.1', [withTheme, { ...goal(2), indicators: [] }]),
    ]);
    // each action's own path does not repeat them
    expect(report.groups.flatMap((group) => group.actions.flatMap((a) => a.path))).not.toContainEqual(
      expect.objectContaining({ indicators: expect.anything() }),
    );
    const html = renderReportHtml(report, 'nl');
    expect(html.split('Daklozen: 100 / - gezinnen')).toHaveLength(2);
    expect(html).toContain('Gezinnen: 80 / 75 (30/06/2025) gezinnen [on_track]');
    const csv = renderReportCsv(report, 'en').slice(1).split('\r\n');
    expect(csv[0]!.split(';').slice(-2)).toEqual([
      'Indicators of the policy objective / theme (target / measured)',
      'Indicators of the action plan / goal (target / measured)',
    ]);
    expect(csv[1]!.split(';').slice(-2)).toEqual([
      'Daklozen: 100 / - gezinnen',
      'Gezinnen: 80 / 75 (2025-06-30) gezinnen [on_track]',
    ]);
    expect(csv[2]!.split(';').slice(-2)).toEqual(['Daklozen: 100 / - gezinnen', '']);
    const { value: text } = await mammoth.extractRawText({ buffer: await renderReportDocx(report, 'nl') });
    expect(text.split('Daklozen: 100 / - gezinnen')).toHaveLength(2);
    expect(text).toContain('Gezinnen: 80 / 75');
  });
});
