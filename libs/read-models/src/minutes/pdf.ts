import type PDFKitDocument from 'pdfkit';
import type { Language } from '#domain';
import type { Minutes } from './minutes.js';
import { minutesBlocks, NO_NAMES, notesMarkdown, type Block, type MinutesNames } from './render.js';

/** A4 with 2 cm margins, like the HTML's print CSS */
const MARGIN = 56.69;
const FONT = { regular: 'Times-Roman', bold: 'Times-Bold', italic: 'Times-Italic' } as const;
const SIZE = { h1: 18, h2: 14, h3: 12, body: 11 } as const;

/**
 * The standard PDF fonts write WinAnsi: characters outside it are written as their closest WinAnsi text
 * (the minutes' arrow "before → after" becomes "->"), so the PDF never shows a missing glyph.
 */
const winAnsi = (text: string): string =>
  text
    .replace(/→/g, '->')
    .replace(/[\u2010-\u2012]/g, '-')
    .replace(
      /[^\n\t\x20-\x7e\u00a0-\u00ff\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]/g,
      '?',
    );

/**
 * The minutes as a PDF (A4), laid out like the HTML: the same blocks (headings with a rule under the first
 * two levels, lists, the ranking tables, discussion notes rendered from their Markdown), Dutch or English.
 * Built with PDFKit's standard fonts (nothing to install); deterministic for the same minutes (fixed dates).
 */
/** PDFKit (and its font engine) loads on the first PDF asked for, not at every start of the api */
let pdfkit: Promise<typeof PDFKitDocument> | null = null;
const loadPdfKit = (): Promise<typeof PDFKitDocument> =>
  (pdfkit ??= import('pdfkit').then((module) => module.default));

export async function renderMinutesPdf(
  minutes: Minutes,
  options: { lang?: Language; names?: MinutesNames; generatedAt?: Date },
): Promise<Buffer> {
  const lang = options.lang ?? 'nl';
  const blocks = minutesBlocks(minutes, lang, options.names ?? NO_NAMES);
  const title = blocks[0]?.kind === 'heading' ? blocks[0].text : minutes.title;
  const at = options.generatedAt ?? new Date(0);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: lang === 'nl' ? 'nl-BE' : 'en',
    info: { Title: winAnsi(title), Creator: 'social-policy-backbone', CreationDate: at, ModDate: at },
    bufferPages: false,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const block of blocks) layout(doc, block);
  doc.end();
  return done;
}

const width = (doc: PDFKit.PDFDocument): number => doc.page.width - MARGIN * 2;

function rule(doc: PDFKit.PDFDocument, thickness: number, gray: string): void {
  const y = doc.y + 1;
  doc
    .save()
    .lineWidth(thickness)
    .strokeColor(gray)
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width(doc), y)
    .stroke();
  doc.restore();
  doc.moveDown(0.3);
}

function layout(doc: PDFKit.PDFDocument, block: Block): void {
  doc.x = MARGIN;
  switch (block.kind) {
    case 'heading': {
      const size = block.level === 1 ? SIZE.h1 : block.level === 2 ? SIZE.h2 : SIZE.h3;
      doc.moveDown(block.level === 1 ? 0 : block.level === 2 ? 0.8 : 0.4);
      // keep a heading with what follows it
      if (doc.y > doc.page.height - MARGIN - 4 * size) doc.addPage();
      doc
        .font(FONT.bold)
        .fontSize(size)
        .fillColor('#111')
        .text(winAnsi(block.text), { width: width(doc) });
      if (block.level === 1) rule(doc, 1.5, '#111');
      else if (block.level === 2) rule(doc, 0.5, '#999');
      else doc.moveDown(0.2);
      return;
    }
    case 'paragraph':
      doc
        .font(FONT.regular)
        .fontSize(SIZE.body)
        .text(winAnsi(block.text), { width: width(doc) });
      doc.moveDown(0.4);
      return;
    case 'list':
      bullets(doc, block.items, 0);
      doc.moveDown(0.4);
      return;
    case 'table':
      doc.font(FONT.regular).fontSize(SIZE.body);
      doc.table({
        columnStyles: [60, '*', 60],
        rowStyles: (row: number) =>
          row === 0 ? { backgroundColor: '#eeeeee', borderColor: '#999999' } : { borderColor: '#999999' },
        data: [block.head.map(winAnsi), ...block.rows.map((row) => row.map(winAnsi))],
      });
      doc.moveDown(0.4);
      return;
    case 'markdown':
      markdown(doc, block.text);
      doc.moveDown(0.4);
      return;
  }
}

function bullets(doc: PDFKit.PDFDocument, items: readonly string[], depth: number): void {
  doc.font(FONT.regular).fontSize(SIZE.body);
  const indent = MARGIN + 14 + depth * 14;
  for (const item of items) {
    label(doc, '\u2022', indent - 10);
    doc.text(winAnsi(item), indent, doc.y, { width: MARGIN + width(doc) - indent });
  }
  doc.x = MARGIN;
}

/** a list item's bullet or number at `x`, on the line the item's text starts on next */
function label(doc: PDFKit.PDFDocument, text: string, x: number): void {
  // a page break before the item moves both to the next page
  if (doc.y + doc.currentLineHeight(true) > doc.page.height - MARGIN) doc.addPage();
  const y = doc.y;
  doc.text(text, x, y, { lineBreak: false });
  doc.y = y;
}

/**
 * Discussion notes: their Markdown (CommonMark, the parser the HTML uses) as paragraphs, headings and
 * lists, with bold and italic kept; links show their text. Indented a little, as the HTML's notes block.
 */
function markdown(doc: PDFKit.PDFDocument, text: string): void {
  const tokens = notesMarkdown.parse(text, {});
  const left = MARGIN + 10;
  let listDepth = 0;
  const ordered: number[] = [];
  let pendingLabel: string | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
        listDepth++;
        ordered.push(0);
        break;
      case 'ordered_list_open':
        listDepth++;
        ordered.push(Number(token.attrGet('start') ?? 1));
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        ordered.pop();
        if (listDepth === 0) doc.moveDown(0.3);
        break;
      case 'list_item_open': {
        const counter = ordered[ordered.length - 1] ?? 0;
        pendingLabel = counter > 0 ? `${counter}.` : '\u2022';
        if (counter > 0) ordered[ordered.length - 1] = counter + 1;
        break;
      }
      case 'heading_open':
        doc.font(FONT.bold).fontSize(SIZE.body + 1);
        break;
      case 'inline': {
        const x = left + listDepth * 14;
        if (pendingLabel) {
          doc.font(FONT.regular).fontSize(SIZE.body);
          label(doc, pendingLabel, x - 12);
          pendingLabel = null;
        }
        inline(doc, token.children ?? [], x, MARGIN + width(doc) - x);
        break;
      }
      case 'paragraph_close':
        if (listDepth === 0) doc.moveDown(0.3);
        break;
      case 'heading_close':
        doc.font(FONT.regular).fontSize(SIZE.body);
        doc.moveDown(0.2);
        break;
      case 'fence':
      case 'code_block':
        doc
          .font('Courier')
          .fontSize(SIZE.body - 1)
          .text(winAnsi(token.content.replace(/\n$/, '')), left, doc.y, {
            width: MARGIN + width(doc) - left,
          });
        doc.font(FONT.regular).fontSize(SIZE.body).moveDown(0.3);
        break;
      default:
        break;
    }
  }
  doc.x = MARGIN;
}

/** one paragraph's inline Markdown as runs of text: bold, italic, code, line breaks */
function inline(
  doc: PDFKit.PDFDocument,
  children: readonly { type: string; content: string }[],
  x: number,
  boxWidth: number,
): void {
  const runs: { text: string; font: string }[] = [];
  let bold = 0;
  let italic = 0;
  const font = (): string => (bold > 0 ? FONT.bold : italic > 0 ? FONT.italic : FONT.regular);
  for (const child of children) {
    if (child.type === 'strong_open') bold++;
    else if (child.type === 'strong_close') bold--;
    else if (child.type === 'em_open') italic++;
    else if (child.type === 'em_close') italic--;
    else if (child.type === 'text' || child.type === 'code_inline')
      runs.push({ text: child.content, font: child.type === 'code_inline' ? 'Courier' : font() });
    else if (child.type === 'softbreak') runs.push({ text: ' ', font: font() });
    else if (child.type === 'hardbreak') runs.push({ text: '\n', font: font() });
  }
  if (runs.length === 0) return;
  doc.fontSize(SIZE.body);
  runs.forEach((run, index) => {
    const last = index === runs.length - 1;
    doc.font(run.font);
    if (index === 0) doc.text(winAnsi(run.text), x, doc.y, { width: boxWidth, continued: !last });
    else doc.text(winAnsi(run.text), { continued: !last });
  });
}
