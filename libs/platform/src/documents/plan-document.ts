// An uploaded plan document (PDF, DOCX, TXT, MD) as the plain, markdown-ish text the importer reads:
// headings as `#` lines, bold runs as `**...**`, list items as `- ...`, paragraphs separated by a blank line.
// the two readers load when a document of their kind is read (pdfjs-dist alone costs about a second of a
// start-up that reads no document)

/**
 * A document that cannot be read, with the HTTP status and stable error code the api answers for it
 * (docs/errors.md: IMPORT.UNSUPPORTED_FILE 415, IMPORT.UNREADABLE_FILE and IMPORT.NO_TEXT_LAYER 422); the CLI
 * prints its message.
 */
export class DocumentError extends Error {
  constructor(
    readonly status: 415 | 422,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}

/** the largest document `POST /api/plans/import` and the CLI take */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** what the upload needs of multer's file */
export interface UploadedDocument {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

export type DocumentKind = 'pdf' | 'docx' | 'text';

/** a PDF with fewer readable characters than this per page has no text layer worth reading (a scan) */
const MIN_CHARACTERS_PER_PAGE = 20;

const unsupported = (file: UploadedDocument): DocumentError =>
  new DocumentError(
    415,
    'IMPORT.UNSUPPORTED_FILE',
    'only PDF, Word (DOCX), TXT and MD files can be imported',
    {
      filename: file.originalname,
      mimetype: file.mimetype,
    },
  );

const unreadable = (kind: DocumentKind, reason: string): DocumentError =>
  new DocumentError(
    422,
    'IMPORT.UNREADABLE_FILE',
    `the ${kind.toUpperCase()} file cannot be read: ${reason}`,
  );

/** the kind of a document by its content (magic bytes), then its name; null when it is none we read */
export function documentKind(file: UploadedDocument): DocumentKind | null {
  const head = file.buffer.subarray(0, 5).toString('latin1');
  const name = file.originalname.toLowerCase();
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004'))
    return name.endsWith('.docx') || file.mimetype.includes('wordprocessingml') ? 'docx' : null;
  const textual =
    /\.(?:txt|md|markdown|text)$/.test(name) || /^text\/(?:plain|markdown|x-markdown)\b/.test(file.mimetype);
  if (!textual) return null;
  // text must be UTF-8 (or its ASCII subset) without NUL bytes: anything else is a binary under a text name
  if (file.buffer.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
  } catch {
    return null;
  }
  return 'text';
}

/** the text of an uploaded document; 415 for a kind we do not read, 422 for a scan or a broken file */
export async function documentText(file: UploadedDocument): Promise<{ kind: DocumentKind; text: string }> {
  const kind = documentKind(file);
  if (!kind) throw unsupported(file);
  if (kind === 'text') return { kind, text: new TextDecoder('utf-8').decode(file.buffer) };
  if (kind === 'docx') return { kind, text: await docxText(file.buffer) };
  return { kind, text: await pdfText(file.buffer) };
}

// --- Word -------------------------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decodeEntities = (html: string): string =>
  html.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');

/** inline html (mammoth's: strong, em, a, br, sup) as text with `**bold**` */
const inline = (html: string): string =>
  decodeEntities(
    html
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<\/?strong>/g, '**')
      .replace(/<sup>.*?<\/sup>/g, '')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/\*\*(\s*)\*\*/g, '$1')
    .trim();

/**
 * Word through mammoth's HTML (headings, paragraphs, lists, bold are exactly what it keeps), written out as
 * markdown-ish text: `#` headings, `- ` items (indented per level), a blank line between paragraphs.
 */
async function docxText(buffer: Buffer): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer })).value;
  } catch (error) {
    throw unreadable('docx', (error as Error).message);
  }
  const out: string[] = [];
  let depth = 0;
  let inItem = false;
  const tokens = html.match(/<\/?(?:h[1-6]|p|ul|ol|li|table|tr|td|th)\b[^>]*>|[^<]+|<[^>]+>/g) ?? [];
  let buffered = '';
  const flushParagraph = (prefix: string) => {
    const text = inline(buffered);
    buffered = '';
    if (text === '') return;
    for (const [i, line] of text.split('\n').entries()) out.push(i === 0 ? prefix + line : line);
    if (!inItem) out.push('');
  };
  let heading = 0;
  for (const token of tokens) {
    const tag = /^<(\/?)(h[1-6]|p|ul|ol|li|table|tr|td|th)\b/.exec(token);
    if (!tag) {
      buffered += token;
      continue;
    }
    const [, closing, name] = tag;
    if (name === 'ul' || name === 'ol') {
      if (closing === '') {
        if (inItem && buffered.trim() !== '') flushParagraph(`${'    '.repeat(depth - 1)}- `);
        depth++;
      } else {
        depth--;
        if (depth === 0) out.push('');
      }
      inItem = depth > 0;
    } else if (name === 'li') {
      if (closing === '/' && buffered.trim() !== '') flushParagraph(`${'    '.repeat(depth - 1)}- `);
      else buffered = '';
    } else if (name?.startsWith('h')) {
      if (closing === '') {
        heading = Number(name.slice(1));
        buffered = '';
      } else {
        flushParagraph(`${'#'.repeat(heading)} `);
        heading = 0;
      }
    } else if (name === 'p' || name === 'td' || name === 'th') {
      if (closing === '') {
        if (buffered.trim() !== '' && inItem) flushParagraph(`${'    '.repeat(depth - 1)}- `);
        buffered = '';
      } else if (inItem) {
        // a paragraph inside a list item: the item's text
        buffered = `${buffered} `;
      } else {
        flushParagraph('');
      }
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

// --- PDF --------------------------------------------------------------------------------------------------

type TextItem = { str: string; transform: number[]; fontName: string; height: number; hasEOL?: boolean };
type PdfLine = {
  y: number;
  size: number;
  parts: { x: number; text: string; bold: boolean; width: number }[];
};

const isBoldFont = (name: string | undefined): boolean => /bold|black|heavy|semibold|demi/i.test(name ?? '');

/**
 * PDF through pdfjs-dist: the text items of each page grouped into lines by their baseline, in reading order;
 * a gap of more than half a line between two lines is a paragraph break; bold fonts become `**...**`; lines
 * set clearly larger than the body text become `#` headings. A PDF without a text layer (a scan) is a 422.
 */
async function pdfText(buffer: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf;
  try {
    pdf = await getDocument({
      data: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice(),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw unreadable('pdf', (error as Error).message);
  }
  try {
    const pages: PdfLine[][] = [];
    let characters = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      // loads the fonts, so their real names (`Helvetica-Bold`) are known
      await page.getOperatorList();
      const content = await page.getTextContent();
      const fontNames = new Map<string, string | undefined>();
      const fontOf = (id: string) => {
        if (!fontNames.has(id)) {
          const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : undefined;
          fontNames.set(id, font?.name);
        }
        return fontNames.get(id);
      };
      const lines: PdfLine[] = [];
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const item = raw as TextItem;
        if (item.str === '') continue;
        const [a = 0, b = 0, , , x = 0, y = 0] = item.transform;
        const size = Math.hypot(a, b) || item.height;
        characters += item.str.replace(/\s/g, '').length;
        let line = lines.find((l) => Math.abs(l.y - y) <= Math.max(1, size * 0.3));
        if (!line) {
          line = { y, size, parts: [] };
          lines.push(line);
        }
        if (item.str.trim() !== '') line.size = Math.max(line.size, size);
        const width = (item as { width?: number }).width ?? 0;
        line.parts.push({
          x,
          text: item.str,
          bold: item.str.trim() !== '' && isBoldFont(fontOf(item.fontName)),
          width,
        });
      }
      lines.sort((p, q) => q.y - p.y);
      for (const line of lines) line.parts.sort((p, q) => p.x - q.x);
      pages.push(lines);
      page.cleanup();
    }
    if (characters < MIN_CHARACTERS_PER_PAGE * pdf.numPages) {
      throw new DocumentError(
        422,
        'IMPORT.NO_TEXT_LAYER',
        'the PDF has no text layer (a scanned document?): export it from the original file, or run OCR on it first',
        { pages: pdf.numPages, characters },
      );
    }
    return pdfLinesToText(pages);
  } finally {
    await pdf.destroy();
  }
}

/** the body text size: the size most characters are set in */
function bodySize(pages: readonly PdfLine[][]): number {
  const weight = new Map<number, number>();
  for (const line of pages.flat()) {
    const size = Math.round(line.size * 2) / 2;
    const chars = line.parts.reduce((sum, p) => sum + p.text.length, 0);
    weight.set(size, (weight.get(size) ?? 0) + chars);
  }
  return [...weight].sort((p, q) => q[1] - p[1])[0]?.[0] ?? 10;
}

function lineText(line: PdfLine): string {
  let out = '';
  let end = -Infinity;
  let bold = false;
  for (const part of line.parts) {
    // a gap between two items that carry no space of their own is a space
    if (out !== '' && part.x - end > line.size * 0.2 && !/\s$/.test(out) && !/^\s/.test(part.text))
      out += ' ';
    if (part.text.trim() !== '' && part.bold !== bold) {
      if (part.bold) {
        const lead = /\s*$/.exec(out)?.[0] ?? '';
        out = `${out.slice(0, out.length - lead.length)}${lead}**`;
      } else {
        const trail = /\s*$/.exec(out)?.[0] ?? '';
        out = `${out.slice(0, out.length - trail.length)}**${trail}`;
      }
      bold = part.bold;
    }
    out += part.text;
    end = part.x + part.width;
  }
  if (bold) out = `${out.trimEnd()}**`;
  return out.replace(/[ \t]+/g, ' ').trim();
}

function pdfLinesToText(pages: readonly PdfLine[][]): string {
  const body = bodySize(pages);
  const out: string[] = [];
  for (const lines of pages) {
    let previous: PdfLine | null = null;
    // the page's left margin: an item set clearly to its right is nested (kept as indentation)
    const left = Math.min(...lines.map((line) => line.parts[0]?.x ?? Infinity));
    for (const line of lines) {
      const shift = (line.parts[0]?.x ?? left) - left;
      const indent =
        shift > line.size * 2 ? '    '.repeat(Math.max(1, Math.round(shift / (line.size * 4)))) : '';
      const text = indent + lineText(line);
      if (text.trim() === '') continue;
      // more than half a line of white space above: a new paragraph
      if (previous && previous.y - line.y > Math.max(previous.size, line.size) * 1.7) out.push('');
      const level =
        line.size >= body * 1.6 ? 1 : line.size >= body * 1.3 ? 2 : line.size >= body * 1.15 ? 3 : 0;
      const plain = level > 0 ? text.replace(/^\*\*(.*)\*\*$/, '$1') : text;
      if (level > 0) {
        if (out.length > 0 && out[out.length - 1] !== '') out.push('');
        out.push(`${'#'.repeat(level)} ${plain}`);
      } else {
        out.push(plain);
      }
      previous = line;
    }
    // a page break ends a paragraph; the importer joins a sentence that goes on over it
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
