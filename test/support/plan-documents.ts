// Test-time documents made from the text fixtures: a PDF (pdf-lib) and a Word file (docx) that carry the
// same plan the way an office suite would write it: markdown `#` headings as larger bold headings, `**bold**`
// as bold runs, `- ` / `• ` lines as list items (indented ones nested), paragraphs from the text's blocks.
// Nothing binary is committed; every test makes its own.
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';

type Run = { text: string; bold: boolean };

/** `a **b** c` -> runs */
function runs(line: string): Run[] {
  const out: Run[] = [];
  line.split(/(\*\*)/).reduce((bold, piece) => {
    if (piece === '**') return !bold;
    if (piece !== '') out.push({ text: piece, bold });
    return bold;
  }, false);
  return out;
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'item'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'blank' };

/** a list item; `- 3 -` is a page number left in the text, not an item */
const BULLET = /^(\s*)[-•]\s+(?!\d+\s*-$)/;

/**
 * The text as a word processor holds it: headings, list items, and paragraphs whose hard-wrapped lines
 * (a line going on in lowercase, or after a hyphen) are one paragraph.
 */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      blocks.push({ kind: 'blank' });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]! });
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      blocks.push({ kind: 'item', level: bullet[1]!.length >= 2 ? 1 : 0, text: line.replace(BULLET, '') });
      continue;
    }
    const last = blocks[blocks.length - 1];
    const plain = line.trim().replace(/^\*\*/, '');
    const goesOn =
      /^\p{Ll}/u.test(plain) || (last !== undefined && 'text' in last && /\p{L}-(\*\*)?$/u.test(last.text));
    if (last && (last.kind === 'paragraph' || last.kind === 'item') && goesOn) {
      // a word hyphenated at the end of a line is one word in the document (`dak- en` stays)
      const hyphenated =
        /\p{L}-(\*\*)?$/u.test(last.text) && /^\p{Ll}/u.test(plain) && !/^(?:en|of)\b/.test(plain);
      last.text = hyphenated
        ? `${last.text.replace(/-(\*\*)?$/, '$1')}${line.trim()}`
        : `${last.text} ${line.trim()}`;
      continue;
    }
    blocks.push({ kind: 'paragraph', text: line.trim() });
  }
  return blocks;
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

/** a .docx of the text: Word headings, a real bulleted list, bold runs */
export async function toDocx(text: string): Promise<Buffer> {
  const paragraphs = blocksOf(text)
    .filter((block) => block.kind !== 'blank')
    .map((block) => {
      if (block.kind === 'heading') {
        return new Paragraph({
          heading: HEADINGS[block.level - 1],
          children: [new TextRun(block.text.replace(/\*\*/g, ''))],
        });
      }
      const children = runs(block.text).map((r) => new TextRun({ text: r.text, bold: r.bold }));
      if (block.kind === 'item')
        return new Paragraph({ numbering: { reference: 'bullets', level: block.level }, children });
      return new Paragraph({ children });
    });
  const document = new Document({
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [0, 1].map((level) => ({
            level,
            format: LevelFormat.BULLET,
            text: level === 0 ? '•' : '–',
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(document);
}

const PAGE = { width: 842, height: 595, margin: 40 };
const SIZE = 8;
const LEADING = 11;

/**
 * A PDF of the text, laid out like a printed plan: headings larger and bold, bold runs in Helvetica-Bold,
 * bullets as `•` with the item indented, long lines wrapped, a blank line as white space, a page number at the
 * foot of every page and a new page every `linesPerPage` lines.
 */
export async function toPdf(text: string, linesPerPage = 45): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let pageNumber = 1;
  let y = PAGE.height - PAGE.margin;
  let lines = 0;
  const footer = () =>
    page.drawText(String(pageNumber), {
      x: PAGE.width / 2,
      y: 20,
      size: SIZE,
      font: regular,
      color: rgb(0.4, 0.4, 0.4),
    });
  const newLine = (height: number) => {
    y -= height;
    lines++;
    if (lines >= linesPerPage || y < PAGE.margin) {
      footer();
      page = pdf.addPage([PAGE.width, PAGE.height]);
      pageNumber++;
      y = PAGE.height - PAGE.margin;
      lines = 0;
    }
  };
  const drawRuns = (pieces: Run[], x0: number, size: number, allBold = false) => {
    // wrap on words at the right margin
    const words = pieces.flatMap((r) =>
      r.text.split(/(?<=\s)/).map((w) => ({ text: w, bold: allBold || r.bold })),
    );
    let x = x0;
    for (const word of words) {
      const font: PDFFont = word.bold ? bold : regular;
      const width = font.widthOfTextAtSize(word.text, size);
      if (x + width > PAGE.width - PAGE.margin && x > x0) {
        newLine(size * 1.35);
        x = x0;
      }
      const shown = x === x0 ? word.text.trimStart() : word.text;
      page.drawText(shown, { x, y, size, font });
      x += font.widthOfTextAtSize(shown, size);
    }
    newLine(size * 1.35);
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      y -= LEADING;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const size = [18, 15, 12, 10, 10, 10][heading[1]!.length - 1]!;
      drawRuns([{ text: heading[2]!.replace(/\*\*/g, ''), bold: true }], PAGE.margin, size, true);
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      const indent = PAGE.margin + (bullet[1]!.length >= 2 ? 30 : 0);
      page.drawText('•', { x: indent, y, size: SIZE, font: regular });
      drawRuns(runs(line.replace(BULLET, '')), indent + 10, SIZE);
      continue;
    }
    drawRuns(runs(line.trim()), PAGE.margin, SIZE);
  }
  footer();
  return Buffer.from(await pdf.save());
}

/** a PDF with pages but no text layer, as a scanner makes it (only drawn shapes) */
export async function scannedPdf(pages = 2): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (let n = 0; n < pages; n++) {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    for (let row = 0; row < 30; row++) {
      page.drawRectangle({
        x: 40,
        y: 540 - row * 16,
        width: 300 + ((row * 37) % 400),
        height: 6,
        color: rgb(0.2, 0.2, 0.2),
      });
    }
  }
  return Buffer.from(await pdf.save());
}
