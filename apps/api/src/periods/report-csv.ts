import type { Language } from '#domain';
import type { PeriodReport } from '#read-models';
import { BOM, neutraliseFormula, writeCsv } from '#transfer';
import {
  REPORT_TEXT,
  correctionLine,
  indicatorLines,
  localiseReportErased,
  statusLabel,
  stepIndicatorLines,
} from './report-texts.js';

/**
 * The report as CSV for the finance package, one row per action keyed by its BBC code (first column; the
 * plan's own code beside it), with the theme and goal (their BBC codes beside them) and, in the last two
 * columns, the indicators on the theme and on the goal(s) above the action: UTF-8 with a BOM, `;`-separated, CRLF, every text cell that a spreadsheet would
 * run as a formula neutralised with a leading `'` (the same rule as libs/transfer).
 */
export function renderReportCsv(given: PeriodReport, lang: Language): string {
  const report = localiseReportErased(given, lang);
  const t = REPORT_TEXT[lang];
  const header = [
    t.bbcCode,
    t.code,
    t.action,
    `${t.theme} (${t.bbcCode})`,
    t.theme,
    `${t.goal} (${t.bbcCode})`,
    t.goal,
    t.priority,
    t.status,
    `${t.progress} (%)`,
    t.lead,
    t.partners,
    t.indicators,
    t.narrative,
    t.changes,
    t.openSignals,
    t.corrected,
    t.themeIndicators,
    t.goalIndicators,
  ];
  const rows: string[][] = [header];
  for (const group of report.groups) {
    const theme = group.path[0];
    const goal = group.path.at(-1);
    const themeIndicators = theme ? stepIndicatorLines(theme, lang).join(' | ') : '';
    // the goal's own, after those of any goal above it
    const goalIndicators = group.path
      .slice(1)
      .flatMap((step) => stepIndicatorLines(step, lang))
      .join(' | ');
    for (const action of group.actions) {
      rows.push([
        action.bbcCode ?? '',
        action.code,
        action.title,
        theme?.bbcCode ?? '',
        theme ? `${theme.code} ${theme.title}` : '',
        goal && goal !== theme ? (goal.bbcCode ?? '') : '',
        goal && goal !== theme ? `${goal.code} ${goal.title}` : '',
        action.priority ? t.yes : t.no,
        statusLabel(action.status, lang),
        action.progress === null ? '' : String(action.progress),
        action.leadName ?? '',
        action.partnerNames.join(', '),
        indicatorLines(action, lang).join(' | '),
        action.narrative ?? '',
        String(action.changeCount),
        action.openSignals.map((s) => s.text).join(' | '),
        action.corrections.map((c) => correctionLine(c, lang)).join(' | '),
        themeIndicators,
        goalIndicators,
      ]);
    }
  }
  return (
    BOM +
    writeCsv(
      rows.map((row) => row.map(neutraliseFormula)),
      ';',
    )
  );
}
