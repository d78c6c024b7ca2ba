import { readFileSync } from 'node:fs';
import { chooseRules, parsePlanDocument, type ParsedPlan } from '#importer';
import { EXPECTED_PLANS } from '../../../../test/fixtures/plans/expected.js';
import { scannedPdf, toDocx, toPdf } from '../../../../test/support/plan-documents.js';
import { documentKind, documentText, type UploadedDocument } from './plan-document.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/plans/${name}`, import.meta.url), 'utf8');

const upload = (
  buffer: Buffer,
  originalname: string,
  mimetype = 'application/octet-stream',
): UploadedDocument => ({
  buffer,
  originalname,
  mimetype,
  size: buffer.length,
});

const treeOf = (plan: ParsedPlan): string[] =>
  plan.themes.flatMap((theme) => [
    `${theme.code} ${theme.title}`,
    ...theme.goals.flatMap((goal) => [
      `${goal.code} ${goal.title}`,
      ...goal.actions.map((action) => `${action.code} ${action.title}`),
    ]),
  ]);

const read = (text: string) => {
  const choice = chooseRules(text);
  return parsePlanDocument(text, choice.rules);
};

describe.each(EXPECTED_PLANS)('the fixture $file as a document', (expected) => {
  const text = fixture(expected.file);

  it('as a generated PDF: the same rules, counts and tree as the text', async () => {
    const extracted = await documentText(upload(await toPdf(text), 'plan.pdf', 'application/pdf'));
    expect(extracted.kind).toBe('pdf');
    const plan = read(extracted.text);
    expect({ rules: plan.rules, stats: plan.stats }).toEqual({
      rules: expected.rules,
      stats: expected.stats,
    });
    expect(treeOf(plan)).toEqual(expected.tree);
  });

  it('as a generated Word file: the same rules, counts and tree as the text', async () => {
    const extracted = await documentText(upload(await toDocx(text), 'plan.docx'));
    expect(extracted.kind).toBe('docx');
    const plan = read(extracted.text);
    expect({ rules: plan.rules, stats: plan.stats }).toEqual({
      rules: expected.rules,
      stats: expected.stats,
    });
    expect(treeOf(plan)).toEqual(expected.tree);
  });
});

describe('documentText', () => {
  it('keeps headings, bold runs and nested lists of a Word file', async () => {
    const text = (
      await documentText(
        upload(await toDocx('# Titel\n\n**Vet.** Gewoon.\n\n- een\n    - genest\n- twee\n'), 'x.docx'),
      )
    ).text;
    expect(text).toBe('# Titel\n\n**Vet.** Gewoon.\n\n- een\n    - genest\n- twee\n');
  });

  it('keeps bold runs, headings and paragraphs of a PDF and drops nothing but layout', async () => {
    const text = (
      await documentText(upload(await toPdf('# Titel\n\n**Vet.** Gewoon.\nVerder.\n\nNieuw.'), 'x.pdf'))
    ).text;
    expect(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    ).toEqual(['# Titel', '**Vet.** Gewoon.', 'Verder.', 'Nieuw.', '1']);
  });

  it('refuses a scanned PDF (no text layer) with a 422 that says so', async () => {
    await expect(documentText(upload(await scannedPdf(), 'scan.pdf'))).rejects.toMatchObject({
      statusCode: 422,
      code: 'IMPORT.NO_TEXT_LAYER',
    });
  });

  it('knows PDF, DOCX, TXT and MD by content and name, and nothing else', async () => {
    expect(documentKind(upload(Buffer.from('%PDF-1.7 ...'), 'whatever.bin'))).toBe('pdf');
    expect(documentKind(upload(Buffer.from('SD 1 Wonen'), 'plan.txt'))).toBe('text');
    expect(documentKind(upload(Buffer.from('# Plan'), 'plan.md'))).toBe('text');
    expect(documentKind(upload(Buffer.from('# Plan'), 'plan', 'text/markdown'))).toBe('text');
    expect(
      documentKind(upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'plan.png', 'image/png')),
    ).toBeNull();
    expect(documentKind(upload(Buffer.from([0x50, 0x4b, 3, 4, 0]), 'plan.xlsx'))).toBeNull();
    // a binary (or a Latin-1 file) named .txt is not text
    expect(documentKind(upload(Buffer.from([0x41, 0, 0x42]), 'plan.txt'))).toBeNull();
    expect(documentKind(upload(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'plan.txt'))).toBeNull();
    await expect(documentText(upload(Buffer.from('x'), 'plan.odt'))).rejects.toMatchObject({
      statusCode: 415,
      code: 'IMPORT.UNSUPPORTED_FILE',
    });
  });

  it('answers a broken PDF or Word file with a 422', async () => {
    await expect(documentText(upload(Buffer.from('%PDF-1.7 nothing else'), 'x.pdf'))).rejects.toMatchObject({
      statusCode: 422,
      code: 'IMPORT.UNREADABLE_FILE',
    });
    await expect(
      documentText(upload(Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]), 'x.docx')),
    ).rejects.toMatchObject({ statusCode: 422, code: 'IMPORT.UNREADABLE_FILE' });
  });
});
