/**
 * The CSV codec of the action transfer (RFC 4180): comma separator, fields quoted with `"` when they hold a
 * comma, quote, CR or LF or start/end with a space, `""` for a quote, CRLF line ends. Reading also accepts
 * LF or CR line ends, a leading byte-order mark and another separator (`;`, as Excel saves in nl-BE). List
 * cells (partners, tags) separate items with `;`; a `;` or `\` inside an item is written `\;` / `\\`.
 *
 * Spreadsheet formulas (OWASP "CSV injection"): a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * CR is written with a `'` before it, so a spreadsheet shows it as text instead of running it; so is a cell
 * of `'`s followed by one of those, so that reading takes exactly one `'` off such a cell and the round
 * trip holds (`'t Zand` stays as it is).
 */

/** A byte-order mark: the export starts with one so Excel reads the accents right. */
export const BOM = '\uFEFF';

/** A problem at a line of a file (`field` names the column, or `file` / `row`); line 0 is the file as a whole. */
export interface TransferRowError {
  line: number;
  field: string;
  message: string;
}

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
