import { jest } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUserCommand, importCommand } from '../../apps/cli/src/commands.js';
import { EXPECTED_PLANS } from '../fixtures/plans/expected.js';
import { scannedPdf, toDocx, toPdf } from '../support/plan-documents.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** `npm run cli -- import <file>` reads PDF and Word with the api's reader: the same counts as the text. */
let db: TestDatabase;
let dir: string;
const saved = process.env.DATABASE_URL;
const coordinator = 'regie@cli-docs.test';

beforeAll(async () => {
  db = await createTestDatabase('cli_documents');
  process.env.DATABASE_URL = db.url;
  dir = await mkdtemp(join(tmpdir(), 'cli-documents-'));
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await createUserCommand({
      tenant: 'cli-docs',
      tenantName: 'Stad CLI',
      email: coordinator,
      name: 'Regie',
      role: 'coordinator',
      password: 'een lang wachtwoord',
    });
  } finally {
    log.mockRestore();
  }
});

afterAll(async () => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

async function run(file: string, dryRun: boolean): Promise<string> {
  const logs: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: unknown) => void logs.push(String(line)));
  try {
    await importCommand(file, { as: coordinator, dryRun });
  } finally {
    log.mockRestore();
  }
  return logs.join('\n');
}

describe('CLI import of PDF and Word documents', () => {
  const expected = EXPECTED_PLANS.find((plan) => plan.file === 'bbc-meerjarenplan.txt')!;
  const counts = `${expected.stats.themes} themes, ${expected.stats.goals} goals, ${expected.stats.actions} actions`;

  it('previews a generated PDF and imports a generated DOCX with the same tree as the text', async () => {
    const text = await readFile(join('test', 'fixtures', 'plans', expected.file), 'utf8');
    const pdf = join(dir, 'plan.pdf');
    const docx = join(dir, 'plan.docx');
    await writeFile(pdf, await toPdf(text));
    await writeFile(docx, await toDocx(text));

    const preview = await run(pdf, true);
    expect(preview).toContain(`found "${expected.title}" (rules: ${expected.rules}`);
    expect(preview).toContain(counts);
    // the dry run prints every theme and goal: in the expected tree's order
    const printed = preview
      .split('\n')
      .filter((line) => /^ {2,4}\S/.test(line) && !/×|not placed/.test(line))
      .map((line) => line.trim().replace(/ \(\d+ actions\)$/, ''));
    const sections = expected.tree.filter((entry) => entry.split(' ')[0]!.split('.').length <= 2);
    expect(printed).toEqual(sections);

    const imported = await run(docx, false);
    expect(imported).toContain(`imported "${expected.title}"`);
    expect(imported).toContain(counts);
    expect(imported).toMatch(/plan [0-9a-f-]{36}/);
  });

  it('stops with the reader’s reason for a scanned PDF and a file of another kind', async () => {
    const scan = join(dir, 'scan.pdf');
    await writeFile(scan, await scannedPdf());
    await expect(run(scan, true)).rejects.toThrow(/IMPORT\.NO_TEXT_LAYER/);
    const zip = join(dir, 'archive.zip');
    await writeFile(zip, Buffer.from('PK\u0003\u0004 not a document', 'latin1'));
    await expect(run(zip, true)).rejects.toThrow(/IMPORT\.UNSUPPORTED_FILE/);
  });
});
