import {
  ACTION_STATUSES,
  ACTION_STATUS_TRANSITIONS,
  DomainError,
  actionDecider as actionRules,
  belgianToday,
  naturalCompare,
  planDecider as planRules,
  type ActionCommand,
  type ActionEvent,
  type ActionState,
  type ActionStatus,
  type ActivePlan,
  type PlanEvent,
  type PlanState,
} from '#domain';
import type { EventStore } from '#event-store';
import type { ActionListItem, PartnerItem, PlanTree, PlanTreeGoal, ReadModelQueries } from '#read-models';
import type { CommandContext } from './command-context.js';
import { aggregateNotFound } from './command-error.js';
import type { AddActionInput, CommandService } from './command-service.js';
import { planDecider } from './deciders.js';
import { eventIds } from './event-ids.js';

/**
 * Export and import of a plan's actions as CSV or JSON, so a plan's actions can travel between plans and
 * tenants (lead and partners go by organisation NAME, theme and goal by CODE) and round-trip: export,
 * import into a plan with the same theme and goal codes, export again gives the same bytes.
 *
 * CSV: RFC 4180 (comma separator, fields quoted with `"` when they hold a comma, quote, CR or LF or
 * start/end with a space, `""` for a quote), CRLF line ends, UTF-8 with a byte-order mark so Excel reads
 * the accents right; a header row names the columns. Reading also accepts LF or CR line ends, no BOM, and a
 * file Excel saved with `;` as separator (detected on the header row). The list columns (partners, tags)
 * separate items with `;`; a `;` or `\` inside an item is written `\;` / `\\`.
 *
 * Spreadsheet formulas (OWASP "CSV injection"): a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * CR is written with a `'` before it, so a spreadsheet shows it as text instead of running it; so is a cell
 * of `'`s followed by one of those, so that reading takes exactly one `'` off such a cell and the round
 * trip holds (`'t Zand` stays as it is). JSON is written as it is.
 *
 * JSON: an array of objects with the same keys, partners and tags as arrays, progress a number or null.
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
}

export interface ParsedActionRow extends ActionTransferRow {
  /** CSV: physical line where the row starts; JSON: array index + 1 */
  line: number;
}

export interface TransferRowError {
  /** see the module comment; 0 is the file as a whole */
  line: number;
  field: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------------
// CSV (RFC 4180)
// ---------------------------------------------------------------------------------------------------

const BOM = '\uFEFF';

function csvField(value: string, separator: string): string {
  const needsQuotes =
    value.includes(separator) ||
    value.includes('"') ||
    value.includes('\r') ||
    value.includes('\n') ||
    value !== value.trim();
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A cell a spreadsheet would run as a formula, or such a cell already neutralised (`'` before it). */
const FORMULA_CELL = /^'*[=+\-@\t\r]/;

/** The cell as it is written to CSV: formulas neutralised with a leading `'` (see above). */
export function neutraliseFormula(cell: string): string {
  return FORMULA_CELL.test(cell) ? `'${cell}` : cell;
}

/** The cell as it was before `neutraliseFormula`. */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_CELL.test(cell) ? cell.slice(1) : cell;
}

/** Records to CSV text: CRLF after every record (the last one too), no BOM (see `exportActions`). */
export function writeCsv(records: readonly (readonly string[])[], separator = ','): string {
  return records.map((fields) => fields.map((f) => csvField(f, separator)).join(separator) + '\r\n').join('');
}

export interface CsvRecord {
  /** physical line (1-based) where the record starts */
  line: number;
  fields: string[];
}

/**
 * Parses CSV text (RFC 4180, tolerant of LF/CR line ends and a leading BOM). Blank lines are skipped. A quote
 * inside an unquoted field is kept as it is; text after a closing quote and an unclosed quote are errors.
 */
export function parseCsv(
  text: string,
  separator = ',',
): { records: CsvRecord[]; errors: TransferRowError[] } {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: TransferRowError[] = [];
  let line = 1;
  let i = 0;
  const n = input.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let broken = false;
    for (;;) {
      // one field
      let value = '';
      if (input[i] === '"') {
        const fieldLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = input[i]!;
          if (c === '"') {
            if (input[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\r' || c === '\n') {
            if (c === '\r' && input[i + 1] === '\n') {
              value += '\r\n';
              i += 2;
            } else {
              value += c;
              i++;
            }
            line++;
            continue;
          }
          value += c;
          i++;
        }
        if (!closed) {
          errors.push({ line: fieldLine, field: `column ${fields.length + 1}`, message: 'quote not closed' });
          return { records, errors };
        }
        if (i < n && input[i] !== separator && input[i] !== '\r' && input[i] !== '\n') {
          if (!broken) {
            errors.push({
              line,
              field: `column ${fields.length + 1}`,
              message: `unexpected text after a closing quote (a quote inside a quoted field is written "")`,
            });
          }
          broken = true;
          while (i < n && input[i] !== separator && input[i] !== '\r' && input[i] !== '\n') i++;
        }
      } else {
        while (i < n && input[i] !== separator && input[i] !== '\r' && input[i] !== '\n') value += input[i++];
      }
      fields.push(value);
      if (i < n && input[i] === separator) {
        i++;
        continue;
      }
      // end of record: line break or end of input
      if (input[i] === '\r') i += input[i + 1] === '\n' ? 2 : 1;
      else if (input[i] === '\n') i++;
      line++;
      break;
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank && !broken) records.push({ line: start, fields });
  }
  return { records, errors };
}

/** Splits a list cell (`a;b\;c`) into trimmed, non-empty items. */
export function splitList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === '\\' && (cell[i + 1] === ';' || cell[i + 1] === '\\')) {
      current += cell[i + 1];
      i++;
    } else if (c === ';') {
      items.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

export const joinList = (items: readonly string[]): string =>
  items.map((item) => item.replaceAll('\\', '\\\\').replaceAll(';', '\\;')).join(';');

// ---------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------

/** The action list rows as file rows: codes of theme and goal from the plan tree, organisations by name. */
export function toActionTransferRows(
  items: readonly ActionListItem[],
  tree: Pick<PlanTree, 'themes'>,
): ActionTransferRow[] {
  const themeCodes = new Map<string, string>();
  const goalCodes = new Map<string, string>();
  const visit = (goals: readonly PlanTreeGoal[]): void => {
    for (const goal of goals) {
      goalCodes.set(goal.id, goal.code);
      visit(goal.goals);
    }
  };
  for (const theme of tree.themes) {
    themeCodes.set(theme.id, theme.code);
    visit(theme.goals);
  }
  return items
    .filter((item) => !item.archived)
    .map((item) => ({
      code: item.code,
      title: item.title,
      description: item.description,
      theme: (item.themeId && themeCodes.get(item.themeId)) ?? '',
      goal: goalCodes.get(item.goalId) ?? '',
      status: item.status,
      lead: item.owner?.name ?? null,
      partners: item.partners.map((p) => p.name),
      progress: item.progress,
      dueDate: item.dueDate,
      tags: [...item.tags],
      citizenIdea: item.citizenIdea,
    }))
    .sort((a, b) => naturalCompare(a.code, b.code));
}

/**
 * Every action of the plan that is not archived (all pages of the action list), as file rows; null when the
 * tenant has no such plan.
 */
export async function loadActionTransferRows(
  reads: Pick<ReadModelQueries, 'getPlanTree' | 'listActions'>,
  tenantId: string,
  planId: string,
  read: { minPosition?: string } = {},
): Promise<ActionTransferRow[] | null> {
  const tree = await reads.getPlanTree(tenantId, planId, read);
  if (!tree) return null;
  const limit = 500;
  const items = new Map<string, ActionListItem>();
  for (let offset = 0; ; offset += limit) {
    const page = await reads.listActions(
      tenantId,
      planId,
      // the file has no overdue column, but the list computes it: against today in Belgium
      { includeArchived: false, today: belgianToday(new Date()) },
      { limit, offset },
      offset === 0 ? read : undefined,
    );
    if (!page) return null;
    for (const item of page.items) items.set(item.id, item);
    if (page.items.length < limit || offset + limit >= page.total) break;
  }
  return toActionTransferRows([...items.values()], tree);
}

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

  let citizenIdea = false;
  const rawIdea = raw.citizenIdea;
  if (typeof rawIdea === 'boolean') citizenIdea = rawIdea;
  else if (typeof rawIdea === 'string') {
    const value = rawIdea.trim().toLowerCase();
    if (TRUE.includes(value)) citizenIdea = true;
    else if (!FALSE.includes(value)) fail('citizenIdea', `"${rawIdea}" is not true or false`);
  } else if (rawIdea !== undefined && rawIdea !== null) fail('citizenIdea', 'must be true or false');

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

// ---------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------

/** The statuses to pass through, in order, from not_started to `target` (shortest path; [] for not_started). */
export function statusPath(target: ActionStatus, from: ActionStatus = 'not_started'): ActionStatus[] {
  const previous = new Map<ActionStatus, ActionStatus | null>([[from, null]]);
  const queue: ActionStatus[] = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === target) break;
    for (const next of ACTION_STATUS_TRANSITIONS[current]) {
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  if (!previous.has(target)) throw new Error(`no status path from ${from} to ${target}`);
  const path: ActionStatus[] = [];
  for (let at: ActionStatus | null = target; at !== null && at !== from; at = previous.get(at) ?? null) {
    path.unshift(at);
  }
  return path;
}

/** What a partner name resolves to: its id, null for unknown, or a reason it cannot be used. */
export type PartnerResolution = string | null | { error: string };

/**
 * Resolves organisation names against the tenant's partners (exact name first, then ignoring case);
 * merged organisations and ambiguous names are refused with a reason.
 */
export function partnerNameResolver(partners: readonly PartnerItem[]): (name: string) => PartnerResolution {
  const byName = new Map<string, PartnerItem[]>();
  const byLower = new Map<string, PartnerItem[]>();
  for (const partner of partners) {
    byName.set(partner.name, [...(byName.get(partner.name) ?? []), partner]);
    const lower = partner.name.toLowerCase();
    byLower.set(lower, [...(byLower.get(lower) ?? []), partner]);
  }
  return (name) => {
    const found = byName.get(name) ?? byLower.get(name.toLowerCase()) ?? [];
    const live = found.filter((p) => p.mergedInto === null);
    if (live.length === 1) return live[0]!.id;
    if (live.length > 1) return { error: `"${name}" names ${live.length} organisations; rename one first` };
    const merged = found[0];
    if (merged?.mergedInto) {
      const into = partners.find((p) => p.id === merged.mergedInto);
      return { error: `"${name}" was merged into "${into?.name ?? merged.mergedInto}"; use that name` };
    }
    return null;
  };
}

export interface ActionImportOptions {
  /** the partner organisation with this name in the caller's tenant */
  resolvePartner: (name: string) => PartnerResolution | Promise<PartnerResolution>;
  /** the goal with this code in the plan (default: the plan's own goals, read from its stream) */
  resolveGoal?: (code: string) => string | null | Promise<string | null>;
  /** check everything, write nothing */
  dryRun?: boolean;
  /** after every written action */
  onProgress?: (done: number, total: number) => void;
}

export interface ActionImportResult {
  /** actions written (0 for a dry run or when any row is invalid) */
  imported: number;
  /** rows checked (importActions: the rows given; importActionFile: the file's data rows, valid or not) */
  total: number;
  dryRun: boolean;
  /** every invalid row; when there is one, nothing was written */
  errors: TransferRowError[];
  /** position of the last event written (pass as minPosition to reads); null when nothing was written */
  position: string | null;
}

interface PlannedAction {
  row: ParsedActionRow;
  add: AddActionInput;
  commands: ActionCommand[];
}

const FIELD_OF: Record<string, TransferColumn> = {
  code: 'code',
  title: 'title',
  description: 'description',
  tags: 'tags',
  citizenIdea: 'citizenIdea',
  goalId: 'goal',
  to: 'status',
  ownerId: 'lead',
  partnerId: 'partners',
  percent: 'progress',
  dueDate: 'dueDate',
};

function domainProblem(error: unknown, fallback: TransferColumn): { field: string; message: string } {
  if (!(error instanceof DomainError)) throw error;
  const field = typeof error.details.field === 'string' ? error.details.field : undefined;
  return { field: (field && FIELD_OF[field]) ?? fallback, message: error.message };
}

async function readPlan(store: EventStore, planId: string, tenantId: string): Promise<ActivePlan> {
  const events = await store.readStream(planDecider.streamId(planId));
  if (events.length === 0 || events[0]!.metadata.tenantId !== tenantId)
    throw aggregateNotFound('plan', planId);
  const state = events.reduce<PlanState>(
    (current, event) => planRules.evolve(current, event as unknown as PlanEvent),
    planRules.initialState(),
  );
  if (state.status !== 'active') throw aggregateNotFound('plan', planId);
  return state;
}

function themeOfGoal(plan: ActivePlan, goalId: string): string | null {
  let id = goalId;
  for (let depth = 0; depth < 1000; depth++) {
    const goal = plan.goals.get(id);
    if (!goal) return plan.themes.get(id)?.code ?? null;
    id = goal.parentId;
  }
  return null;
}

/**
 * Imports parsed rows into a plan whose themes and goals exist. Checks EVERYTHING first (goal codes, themes,
 * organisation names, codes free in the plan, and every command against the domain's own rules on a
 * simulated action) and writes nothing when any row is invalid. Then, per row: add the action, move its
 * status along the lifecycle from not_started, set lead, partners, progress and due date.
 *
 * With an Idempotency-Key in the context, action ids and event ids derive from it, so retrying an import
 * that was interrupted half-way completes it instead of duplicating or failing on its own codes.
 */
export async function importActions(
  deps: { commands: CommandService; store?: EventStore },
  planId: string,
  rows: readonly ParsedActionRow[],
  context: CommandContext,
  options: ActionImportOptions,
): Promise<ActionImportResult> {
  const store = deps.store ?? deps.commands.store;
  let plan = await readPlan(store, planId, context.tenantId);
  const goalsByCode = new Map([...plan.goals.values()].map((goal) => [goal.code, goal.goalId]));
  const resolveGoal = options.resolveGoal ?? ((code: string) => goalsByCode.get(code) ?? null);
  const key = context.idempotencyKey;

  const errors: TransferRowError[] = [];
  const planned: PlannedAction[] = [];
  for (const row of rows) {
    const before = errors.length;
    const fail = (field: string, message: string) => errors.push({ line: row.line, field, message });

    const goalId = await resolveGoal(row.goal);
    if (goalId === null) {
      const owner = plan.codes.get(row.goal);
      fail(
        'goal',
        owner && owner.kind !== 'goal'
          ? `"${row.goal}" is the code of a ${owner.kind}, not of a goal`
          : `no goal with code "${row.goal}" in this plan`,
      );
    } else if (row.theme !== '') {
      const theme = themeOfGoal(plan, goalId);
      if (theme !== null && theme !== row.theme)
        fail('theme', `goal "${row.goal}" belongs to theme "${theme}", not "${row.theme}"`);
    }

    const partnerId = async (field: TransferColumn, name: string): Promise<string | null> => {
      const resolved = await options.resolvePartner(name);
      if (resolved === null) fail(field, `no organisation named "${name}" in this tenant`);
      else if (typeof resolved === 'object') fail(field, resolved.error);
      return typeof resolved === 'string' ? resolved : null;
    };
    const ownerId = row.lead === null ? null : await partnerId('lead', row.lead);
    const partnerIds: string[] = [];
    for (const name of row.partners) {
      const id = await partnerId('partners', name);
      if (id !== null) {
        if (partnerIds.includes(id)) fail('partners', `"${name}" names an organisation listed already`);
        else partnerIds.push(id);
      }
    }
    if (errors.length > before || goalId === null) continue;

    const actionId = eventIds(1, {
      tenantId: context.tenantId,
      actorId: context.actorId,
      streamId: `action-import\u0000${planId}\u0000${row.code}`,
      idempotencyKey: key,
    })[0]!;

    // the plan reserves the code: simulate it on the plan as it will be after the rows before this one
    try {
      const placed = planRules.decide(
        { type: 'PlaceAction', data: { planId, actionId, goalId, code: row.code } },
        plan,
      );
      plan = placed.reduce((state, event) => planRules.evolve(state, event), plan as PlanState) as ActivePlan;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PLAN.CODE_TAKEN') {
        const usedBy = error.details.usedBy as { kind?: string } | undefined;
        fail('code', `code "${row.code}" is already used in this plan (by a ${usedBy?.kind ?? 'section'})`);
      } else {
        const problem = domainProblem(error, 'goal');
        fail(problem.field, problem.message);
      }
      continue;
    }

    const add: AddActionInput = {
      actionId,
      planId,
      goalId,
      code: row.code,
      title: row.title,
      description: row.description,
      tags: row.tags,
      citizenIdea: row.citizenIdea,
    };
    const commands: ActionCommand[] = [
      ...statusPath(row.status).map((to): ActionCommand => ({
        type: 'ChangeActionStatus',
        data: { actionId, to },
      })),
      ...(ownerId === null ? [] : [{ type: 'ChangeActionOwner', data: { actionId, ownerId } } as const]),
      ...partnerIds.map((id): ActionCommand => ({
        type: 'AddActionPartner',
        data: { actionId, partnerId: id },
      })),
      ...(row.progress === null
        ? []
        : [{ type: 'ReportActionProgress', data: { actionId, percent: row.progress } } as const]),
      ...(row.dueDate === null
        ? []
        : [{ type: 'SetActionDueDate', data: { actionId, dueDate: row.dueDate } } as const]),
    ];

    // every command against the domain's rules, on the action as it will be: no write can fail on a rule
    let state: ActionState = actionRules.initialState();
    let field: TransferColumn = 'title';
    try {
      const decisionContext = { now: context.now, actorId: context.actorId };
      const apply = (events: ActionEvent[]) => {
        state = events.reduce((current, event) => actionRules.evolve(current, event), state);
      };
      apply(actionRules.decide({ type: 'AddAction', data: add }, state, decisionContext));
      for (const command of commands) {
        field = command.type === 'ChangeActionStatus' ? 'status' : 'title';
        apply(actionRules.decide(command, state, decisionContext));
      }
    } catch (error) {
      const problem = domainProblem(error, field);
      fail(problem.field, problem.message);
      continue;
    }
    planned.push({ row, add, commands });
  }

  const dryRun = options.dryRun ?? false;
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { imported: 0, total: rows.length, dryRun, errors, position: null };
  }
  if (dryRun) return { imported: 0, total: rows.length, dryRun, errors: [], position: null };

  let position: string | null = null;
  let done = 0;
  const step = (code: string, index: number): CommandContext => ({
    ...context,
    idempotencyKey: key && `${key}#import#${code}#${index}`,
  });
  for (const { row, add, commands } of planned) {
    position = (await deps.commands.addAction(planId, add, step(row.code, 0))).position;
    for (const [index, command] of commands.entries()) {
      position = (await deps.commands.action(add.actionId, command, step(row.code, index + 1))).position;
    }
    done++;
    options.onProgress?.(done, planned.length);
  }
  return { imported: done, total: rows.length, dryRun: false, errors: [], position };
}

/**
 * Parses, checks and imports a file in one go: parse errors and plan errors together, with line numbers;
 * nothing is written when there is any.
 */
export async function importActionFile(
  deps: { commands: CommandService; store?: EventStore },
  planId: string,
  text: string,
  format: TransferFormat,
  context: CommandContext,
  options: ActionImportOptions,
): Promise<ActionImportResult> {
  const parsed = parseActionFile(text, format);
  const result = await importActions(deps, planId, parsed.rows, context, {
    ...options,
    // a file with invalid rows is checked completely but never written
    dryRun: (options.dryRun ?? false) || parsed.errors.length > 0,
  });
  const errors = [...parsed.errors, ...result.errors].sort((a, b) => a.line - b.line);
  return {
    ...result,
    total: parsed.rowCount,
    dryRun: options.dryRun ?? false,
    errors,
    imported: errors.length > 0 ? 0 : result.imported,
  };
}
