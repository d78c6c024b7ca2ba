import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Language } from '#domain';
import type { PeriodReport, PeriodReportAction, PeriodReportStep } from '#read-models';
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

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];
const A4 = { width: 11906, height: 16838 };
const LABEL_WIDTH = 30;

function cell(lines: readonly string[], options: { label?: boolean } = {}): TableCell {
  const paragraphs = (lines.length === 0 ? [''] : lines).map(
    (line) => new Paragraph({ children: [new TextRun({ text: line, bold: options.label })] }),
  );
  return new TableCell({
    children: paragraphs,
    width: { size: options.label ? LABEL_WIDTH : 100 - LABEL_WIDTH, type: WidthType.PERCENTAGE },
    shading: options.label ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
  });
}

function actionTable(action: PeriodReportAction, lang: Language): Table {
  const t = REPORT_TEXT[lang];
  const none = [t.none];
  const or = (lines: string[]) => (lines.length ? lines : none);
  const rows: [string, string[]][] = [
    [t.status, [statusLabel(action.status, lang)]],
    [t.progress, [progressText(action.progress, lang)]],
    [t.lead, [action.leadName ?? t.none]],
    [t.partners, [action.partnerNames.join(', ') || t.none]],
    [t.indicators, or(indicatorLines(action, lang))],
    [t.narrative, [action.narrative ?? t.none]],
    [t.changes, or(changeLines(action, lang))],
    [t.openSignals, or(action.openSignals.map((s) => s.text))],
  ];
  if (action.corrections.length > 0) {
    rows.push([t.corrected, action.corrections.map((c) => correctionLine(c, lang))]);
  }
  return twoColumns(rows);
}

function twoColumns(rows: readonly [string, string[]][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      ([label, value]) => new TableRow({ children: [cell([label], { label: true }), cell(value)] }),
    ),
  });
}

/** the indicators on a theme or goal itself, under its heading (with their corrections after the close) */
const stepIndicatorTable = (step: PeriodReportStep, lang: Language): Table =>
  twoColumns([[REPORT_TEXT[lang].indicators, stepIndicatorLines(step, lang)]]);

/**
 * The report as a Word document (`docx`): the title and period, the checkpoint of the close, then per theme
 * and goal a heading (with a table of the indicators on it, if any) and per action a heading with its BBC code and a two-column table; page numbers in the
 * footer. Ready to paste into the council's documents.
 */
export async function renderReportDocx(given: PeriodReport, lang: Language): Promise<Buffer> {
  const report = localiseReportErased(given, lang);
  const t = REPORT_TEXT[lang];
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(reportTitle(report, lang))] }),
    ...reportHeader(report, lang).map(
      (line) => new Paragraph({ children: [new TextRun({ text: line, size: 18 })] }),
    ),
  ];
  if (report.groups.length === 0) children.push(new Paragraph(t.noActions));
  const printed = new Set<string>();
  for (const group of report.groups) {
    group.path.forEach((step, depth) => {
      if (printed.has(step.id)) return;
      printed.add(step.id);
      children.push(
        new Paragraph({
          heading: HEADINGS[Math.min(depth, 2)],
          children: [new TextRun(`${codeOf(step)} ${step.title}`)],
        }),
      );
      if (step.indicators.length > 0) children.push(stepIndicatorTable(step, lang));
    });
    for (const action of group.actions) {
      const title = `${codeOf(action)} ${action.title}${action.priority ? ` (${t.priority.toLowerCase()})` : ''}`;
      children.push(new Paragraph({ heading: HEADINGS[3], keepNext: true, children: [new TextRun(title)] }));
      children.push(actionTable(action, lang));
      children.push(
        new Paragraph({ border: { bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } } }),
      );
    }
  }
  const document = new Document({
    creator: 'Social policy backbone',
    title: reportTitle(report, lang),
    sections: [
      {
        properties: { page: { size: A4, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    children: [`${t.page} `, PageNumber.CURRENT, ` ${t.of} `, PageNumber.TOTAL_PAGES],
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
