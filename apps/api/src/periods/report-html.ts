import type { Language } from '#domain';
import type { PeriodReport, PeriodReportAction } from '#read-models';
import {
  REPORT_TEXT,
  changeLines,
  codeOf,
  correctionLine,
  indicatorLines,
  progressText,
  reportHeader,
  reportTitle,
  statusLabel,
  stepIndicatorLines,
  localiseReportErased,
} from './report-texts.js';

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const list = (lines: readonly string[], none: string): string =>
  lines.length === 0 ? escape(none) : `<ul>${lines.map((line) => `<li>${escape(line)}</li>`).join('')}</ul>`;

function actionTable(action: PeriodReportAction, lang: Language): string {
  const t = REPORT_TEXT[lang];
  const row = (label: string, value: string) =>
    `<tr><th scope="row">${escape(label)}</th><td>${value}</td></tr>`;
  const corrections = action.corrections.map(
    (c) => `<p class="corrected" data-field="${c.field}">${escape(correctionLine(c, lang))}</p>`,
  );
  return `<section class="action" data-action-id="${escape(action.actionId)}">
<h4>${escape(codeOf(action))} ${escape(action.title)}${action.priority ? ` <span class="priority">${escape(t.priority)}</span>` : ''}</h4>
<table>
${row(t.status, escape(statusLabel(action.status, lang)))}
${row(t.progress, escape(progressText(action.progress, lang)))}
${row(t.lead, escape(action.leadName ?? t.none))}
${row(t.partners, escape(action.partnerNames.join(', ') || t.none))}
${row(t.indicators, list(indicatorLines(action, lang), t.none))}
${row(t.narrative, action.narrative ? escape(action.narrative) : escape(t.none))}
${row(t.changes, list(changeLines(action, lang), t.none))}
${row(
  t.openSignals,
  list(
    action.openSignals.map((s) => s.text),
    t.none,
  ),
)}
</table>
${corrections.join('\n')}
</section>`;
}

/** The report as one printable A4 HTML page (print CSS, no script, no outside resource). */
export function renderReportHtml(given: PeriodReport, lang: Language): string {
  const report = localiseReportErased(given, lang);
  const t = REPORT_TEXT[lang];
  const title = reportTitle(report, lang);
  // a theme's or goal's indicators under its heading the first time it comes (a theme heads several goals)
  const shown = new Set<string>();
  const body = report.groups
    .map((group) => {
      const headings = group.path
        .map((step, depth) => {
          const level = Math.min(depth + 2, 3);
          const heading = `<h${level}>${escape(codeOf(step))} ${escape(step.title)}</h${level}>`;
          if (shown.has(step.id) || step.indicators.length === 0) return heading;
          shown.add(step.id);
          return `${heading}
<table class="indicators" data-node-id="${escape(step.id)}"><tr><th scope="row">${escape(t.indicators)}</th><td>${list(stepIndicatorLines(step, lang), t.none)}</td></tr></table>`;
        })
        .join('\n');
      return `<section class="goal">${headings}\n${group.actions.map((a) => actionTable(a, lang)).join('\n')}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
@page { size: A4; margin: 18mm 15mm 20mm; @bottom-right { content: "${t.page} " counter(page) " ${t.of} " counter(pages); font-size: 9pt; } }
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 8mm 0 2mm; border-bottom: 1px solid #999; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; }
h4 { font-size: 11pt; margin: 4mm 0 1mm; }
.meta p { margin: 0 0 1mm; color: #333; }
table { width: 100%; border-collapse: collapse; margin-bottom: 2mm; }
th, td { border: 1px solid #bbb; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
th { width: 32%; background: #f2f2f2; font-weight: 600; }
ul { margin: 0; padding-left: 4mm; }
.priority { font-size: 8.5pt; border: 1px solid #555; border-radius: 2mm; padding: 0 1.5mm; }
.corrected { border-left: 3px solid #b45309; background: #fff7ed; padding: 1mm 2mm; margin: 0 0 2mm; }
section.action { break-inside: avoid; page-break-inside: avoid; }
@media print { body { max-width: none; } a { color: inherit; } }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<div class="meta">${reportHeader(report, lang)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('')}</div>
${body || `<p>${escape(t.noActions)}</p>`}
</body>
</html>
`;
}
