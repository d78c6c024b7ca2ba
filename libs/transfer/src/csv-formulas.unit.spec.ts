import fc from 'fast-check';
import { exportActions, parseActionFile } from './action-file.js';
import { neutraliseFormula, parseCsv, restoreFormula } from './csv.js';
import { sampleRow } from './action-file.samples.js';

/** Issue 12, item 4: CSV export neutralises spreadsheet formulas; the import restores them; JSON is exact. */
const row = sampleRow;

const FORMULAS = ['=1+1', '+31 50 123', '-2+3', '@SUM(A1:A9)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x")'];

describe('formula cells in CSV', () => {
  it.each(FORMULAS)('writes %j with a leading quote, so no cell starts with a formula character', (title) => {
    const csv = exportActions(
      [row({ title, description: title, lead: title, partners: [title], tags: [title] })],
      'csv',
    );
    const { records } = parseCsv(csv.slice(1), ',');
    const cells = records[1]!.fields;
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells[1]).toBe(`'${title}`);
  });

  it('leaves ordinary text alone, Dutch apostrophes too', () => {
    for (const text of ["'t Zand", "'s-Hertogenbosch", 'Housing First', '3.1.1', '', 'a=b'])
      expect(neutraliseFormula(text)).toBe(text);
  });

  it('round-trips every text through export and import', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...FORMULAS, "'=x", "''+y", "'", "'t Zand", '-'),
          fc.string({ minLength: 1 }),
        ),
        fc.string().filter((s) => s.trim() === s),
        (title, description) => {
          expect(restoreFormula(neutraliseFormula(title))).toBe(title);
          // the import trims text (as every write does): what goes through the file is the trimmed text
          fc.pre(title.trim() === title && title.length > 0);
          const csv = exportActions([row({ title, description })], 'csv');
          const parsed = parseActionFile(csv, 'csv');
          expect(parsed.errors).toEqual([]);
          expect(parsed.rows[0]).toMatchObject({ title, description });
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it('keeps the JSON transfer byte-exact', () => {
    const rows = FORMULAS.map((title, index) => row({ code: `3.1.${index + 1}`, title, tags: [title] }));
    const json = exportActions(rows, 'json');
    for (const title of FORMULAS) expect(json).toContain(JSON.stringify(title));
    expect(json).not.toContain("'=");
    expect((JSON.parse(json) as { title: string }[]).map((r) => r.title)).toEqual(FORMULAS);
    expect(exportActions(rows, 'json')).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
  });
});
