import {
  ACTION_STATUSES,
  BBC_CODE_PATTERN,
  SUB_REPORTING_CODE_PATTERN,
  naturalCompare,
  type ActionStatus,
} from '#domain';
import {
  BOM,
  joinList,
  neutraliseFormula,
  parseCsv,
  restoreFormula,
  splitList,
  writeCsv,
  type CsvRecord,
  type TransferRowError,
} from './csv.js';

export type { TransferRowError } from './csv.js';

/**
 * A plan's actions as a file, CSV or JSON, so they can travel between plans and tenants (lead and partners
 * go by organisation NAME, theme and goal by CODE) and round-trip: export, import into a plan with the same
 * theme and goal codes, export again gives the same bytes. No database here: rows to text and text to
 * checked rows.
 *
 * CSV: as `csv.ts` writes it, UTF-8 with a byte-order mark, a header row naming the columns; a file Excel
 * saved with `;` as separator is detected on the header row. Formula cells are neutralised on export and
 * restored on import (`csv.ts`); JSON is written as it is.
 *
 * JSON: an array of objects with the same keys, partners and tags as arrays, progress a number or null.
 *
 * The reporting columns (BBC code, priority, sub-reporting code: issue 16) come last and may be left out of
 * a file, as files written before them do: an absent column is no code and no priority.
 *
 * Line numbers in errors: CSV, the physical line where the row starts (the header is line 1, a quoted field
 * may span lines); JSON, the element's index in the array + 1; line 0 is the file as a whole.
 */

export const TRANSFER_FORMATS = ['csv', 'json'] as const;
export type TransferFormat = (typeof TRANSFER_FORMATS)[number];

/** The columns, in file order. */
export const TRANSFER_COLUMNS = [
  'code',
  'title',
  'description',
  'theme',
  'goal',
  'status',
  'lead',
  'partners',
  'progress',
  'dueDate',
  'tags',
  'citizenIdea',
  'bbcCode',
  'priority',
  'subReportingCode',
] as const;
export type TransferColumn = (typeof TRANSFER_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly TransferColumn[] = ['code', 'title', 'goal'];

/** One action as a file holds it. */
export interface ActionTransferRow {
  code: string;
  title: string;
  description: string;
  /** the theme's code ('' when unknown); on import it must be the goal's theme when given */
  theme: string;
  /** the goal's code */
  goal: string;
  status: ActionStatus;
  /** the lead organisation's name */
  lead: string | null;
  /** partner organisations' names */
  partners: string[];
  progress: number | null;
  dueDate: string | null;
  tags: string[];
  citizenIdea: boolean;
  /** the BBC code (AC1.2.3 or a city's own), unique in the plan */
  bbcCode: string | null;
  /** marked priority by the council */
  priority: boolean;
  /** the Flemish sub-reporting code */
  subReportingCode: string | null;
}

export interface ParsedActionRow extends ActionTransferRow {
  /** CSV: physical line where the row starts; JSON: array index + 1 */
  line: number;
}

// ---------------------------------------------------------------------------------------------------
// Write
// ---------------------------------------------------------------------------------------------------

/** The file's text. Rows are sorted by code (natural order) so the same actions always give the same bytes. */
export function exportActions(rows: readonly ActionTransferRow[], format: TransferFormat): string {
  const sorted = [...rows].sort((a, b) => naturalCompare(a.code, b.code));
  if (format === 'json') {
    const ordered = sorted.map((row) => Object.fromEntries(TRANSFER_COLUMNS.map((c) => [c, row[c]])));
    return `${JSON.stringify(ordered, null, 2)}\n`;
  }
  const cells = (row: ActionTransferRow): string[] =>
    TRANSFER_COLUMNS.map((column) => {
      const value = row[column];
      if (column === 'partners' || column === 'tags') return neutraliseFormula(joinList(value as string[]));
      if (value === null) return '';
      return neutraliseFormula(String(value));
    });
  return BOM + writeCsv([[...TRANSFER_COLUMNS], ...sorted.map(cells)]);
}

// ---------------------------------------------------------------------------------------------------
// Parse and validate a file (no database)
// ---------------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const TRUE = ['true', 'yes', 'ja', '1', 'waar'];
const FALSE = ['false', 'no', 'nee', '0', 'onwaar', ''];

/** Values of one row before checking: CSV cells are strings; JSON values are whatever the file holds. */
type RawRow = Partial<Record<TransferColumn, unknown>>;

function checkRow(raw: RawRow, line: number, errors: TransferRowError[]): ParsedActionRow | null {
  const before = errors.length;
  const fail = (field: TransferColumn, message: string) => errors.push({ line, field, message });
  const text = (field: TransferColumn, required: boolean): string => {
    const value = raw[field];
    if (value === undefined || value === null) {
      if (required) fail(field, 'is required');
      return '';
    }
    if (typeof value !== 'string') {
      fail(field, 'must be a text');
      return '';
    }
    const trimmed = value.trim();
    if (required && trimmed === '') fail(field, 'is required');
    return trimmed;
  };
  const optionalText = (field: TransferColumn): string | null => {
    const value = text(field, false);
    return value === '' ? null : value;
  };
  const list = (field: TransferColumn): string[] => {
    const value = raw[field];
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return splitList(value);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      return value.map((item) => item.trim()).filter((item) => item !== '');
    }
    fail(field, 'must be a list of texts');
    return [];
  };
  const distinct = (field: TransferColumn, items: string[]): string[] => {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item)) fail(field, `names "${item}" twice`);
      seen.add(item);
    }
    return items;
  };

  const code = text('code', true);
  const title = text('title', true);
  const description = text('description', false);
  // the same limits as the REST API's AddActionDto
  const tooLong = (field: TransferColumn, value: string, max: number) => {
    if (value.length > max) fail(field, `is longer than ${max} characters`);
  };
  tooLong('code', code, 40);
  tooLong('title', title, 500);
  tooLong('description', description, 20_000);
  const theme = text('theme', false);
  const goal = text('goal', true);

  const statusText = text('status', false).toLowerCase();
  let status: ActionStatus = 'not_started';
  if (statusText !== '') {
    if ((ACTION_STATUSES as readonly string[]).includes(statusText)) status = statusText as ActionStatus;
    else fail('status', `"${statusText}" is not one of ${ACTION_STATUSES.join(', ')}`);
  }

  const lead = optionalText('lead');
  const partners = distinct('partners', list('partners'));

  let progress: number | null = null;
  const rawProgress = raw.progress;
  if (typeof rawProgress === 'number') {
    if (Number.isInteger(rawProgress) && rawProgress >= 0 && rawProgress <= 100) progress = rawProgress;
    else fail('progress', 'must be a whole number from 0 to 100, or empty');
  } else if (typeof rawProgress === 'string' && rawProgress.trim() !== '') {
    const value = rawProgress.trim();
    if (/^\d{1,3}$/.test(value) && Number(value) <= 100) progress = Number(value);
    else fail('progress', `"${value}" is not a whole number from 0 to 100`);
  } else if (rawProgress !== undefined && rawProgress !== null && rawProgress !== '') {
    fail('progress', 'must be a whole number from 0 to 100, or empty');
  }

  const dueDate = optionalText('dueDate');
  if (dueDate !== null && !realDate(dueDate))
    fail('dueDate', `"${dueDate}" is not an existing date written as YYYY-MM-DD`);

  const tags = distinct('tags', list('tags'));
  if (tags.length > 50) fail('tags', 'has more than 50 tags');
  for (const tag of tags) tooLong('tags', tag, 100);

  const flag = (field: 'citizenIdea' | 'priority'): boolean => {
    const value = raw[field];
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const word = value.trim().toLowerCase();
      if (TRUE.includes(word)) return true;
      if (!FALSE.includes(word)) fail(field, `"${value}" is not true or false`);
    } else if (value !== undefined && value !== null) fail(field, 'must be true or false');
    return false;
  };
  const citizenIdea = flag('citizenIdea');
  const priority = flag('priority');
  const reportingCode = (field: 'bbcCode' | 'subReportingCode', pattern: RegExp, max: number) => {
    const value = optionalText(field);
    if (value !== null && !pattern.test(value))
      fail(field, `"${value}" must be at most ${max} letters, digits or . - _ / without spaces`);
    return value;
  };
  const bbcCode = reportingCode('bbcCode', BBC_CODE_PATTERN, 40);
  const subReportingCode = reportingCode('subReportingCode', SUB_REPORTING_CODE_PATTERN, 20);

  if (errors.length > before) return null;
  return {
    line,
    code,
    title,
    description,
    theme,
    goal,
    status,
    lead,
    partners,
    progress,
    dueDate,
    tags,
    citizenIdea,
    bbcCode,
    priority,
    subReportingCode,
  };
}

function headerColumns(header: CsvRecord, errors: TransferRowError[]): (TransferColumn | null)[] {
  const byName = new Map(TRANSFER_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const seen = new Set<TransferColumn>();
  const columns = header.fields.map((name): TransferColumn | null => {
    const column = byName.get(name.trim().toLowerCase());
    if (!column) {
      errors.push({
        line: header.line,
        field: name,
        message: `unknown column; the columns are ${TRANSFER_COLUMNS.join(', ')}`,
      });
      return null;
    }
    if (seen.has(column)) errors.push({ line: header.line, field: column, message: 'column given twice' });
    seen.add(column);
    return column;
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column))
      errors.push({ line: header.line, field: column, message: 'required column missing' });
  }
  return columns;
}

/** `;` when the header row (outside quotes) holds semicolons and no commas: a file Excel saved in nl-BE. */
function detectSeparator(text: string): string {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > 0 && commas === 0 ? ';' : ',';
}

function parseCsvRows(text: string): RawRows {
  const { records, errors } = parseCsv(text, detectSeparator(text.startsWith(BOM) ? text.slice(1) : text));
  const [header, ...body] = records;
  if (!header) {
    if (errors.length === 0) errors.push({ line: 1, field: 'file', message: 'the file is empty' });
    return { rows: [], errors, rowCount: 0 };
  }
  const headerErrors: TransferRowError[] = [];
  const columns = headerColumns(header, headerErrors);
  if (headerErrors.length > 0)
    return { rows: [], errors: [...headerErrors, ...errors], rowCount: body.length };
  const rows: RawRowAt[] = [];
  for (const record of body) {
    if (record.fields.length !== columns.length) {
      errors.push({
        line: record.line,
        field: 'row',
        message: `has ${record.fields.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    const raw: RawRow = {};
    columns.forEach((column, index) => {
      if (column) raw[column] = restoreFormula(record.fields[index]!);
    });
    rows.push({ line: record.line, raw });
  }
  return { rows, errors, rowCount: body.length };
}

interface RawRowAt {
  line: number;
  raw: RawRow;
}

interface RawRows {
  rows: RawRowAt[];
  errors: TransferRowError[];
  /** data rows in the file, valid or not */
  rowCount: number;
}

function jsonLocation(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split(/\r\n|\r|\n/).length;
  return `${message} (line ${line})`;
}

function parseJsonRows(text: string): RawRows {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(input);
  } catch (error) {
    return {
      rows: [],
      errors: [{ line: 0, field: 'file', message: `not valid JSON: ${jsonLocation(input, error)}` }],
      rowCount: 0,
    };
  }
  if (!Array.isArray(data)) {
    return {
      rows: [],
      errors: [{ line: 0, field: 'file', message: 'must be an array of actions' }],
      rowCount: 0,
    };
  }
  const rows: RawRowAt[] = [];
  const errors: TransferRowError[] = [];
  const known = new Set<string>(TRANSFER_COLUMNS);
  data.forEach((item: unknown, index) => {
    const line = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ line, field: 'row', message: 'must be an object' });
      return;
    }
    const unknown = Object.keys(item).filter((key) => !known.has(key));
    for (const key of unknown) {
      errors.push({
        line,
        field: key,
        message: `unknown field; the fields are ${TRANSFER_COLUMNS.join(', ')}`,
      });
    }
    if (unknown.length === 0) rows.push({ line, raw: item });
  });
  return { rows, errors, rowCount: data.length };
}

/**
 * Parses and checks a file without touching the database: shape, required code/title/goal, status, progress,
 * due date, duplicate codes, unknown columns. Rows with errors are left out of `rows`.
 */
export function parseActionFile(
  text: string,
  format: TransferFormat,
): { rows: ParsedActionRow[]; errors: TransferRowError[]; rowCount: number } {
  const raw = format === 'json' ? parseJsonRows(text) : parseCsvRows(text);
  const errors = [...raw.errors];
  const rows: ParsedActionRow[] = [];
  const codes = new Map<string, number>();
  for (const { line, raw: values } of raw.rows) {
    const row = checkRow(values, line, errors);
    if (!row) continue;
    const first = codes.get(row.code);
    if (first !== undefined) {
      errors.push({ line, field: 'code', message: `code "${row.code}" is already used on line ${first}` });
      continue;
    }
    codes.set(row.code, line);
    rows.push(row);
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, rowCount: raw.rowCount };
}
