import {
  exportActions,
  joinList,
  parseActionFile,
  parseCsv,
  partnerNameResolver,
  splitList,
  statusPath,
  toActionTransferRows,
  writeCsv,
} from './index.js';
import { sampleRow } from './action-file.samples.js';

const BOM = '\uFEFF';
const HEADER = 'code,title,description,theme,goal,status,lead,partners,progress,dueDate,tags,citizenIdea';

const row = sampleRow;

describe('CSV writing and reading (RFC 4180)', () => {
  it('quotes only fields that need it and doubles quotes', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'two\nlines', ' padded', '']])).toBe(
      'a,"b,c","say ""hi""","two\nlines"," padded",\r\n',
    );
  });

  it('reads back exactly what it wrote, whatever the fields hold', () => {
    const records = [
      ['plain', 'with, comma', 'with "quotes"', 'cr\r\nlf', 'only\nlf', 'only\rcr', '', ' x ', '"'],
      ['é ü ç – “curly”', ';semi;', 'trailing,', ',', '""', 'a""b'],
    ];
    const { records: parsed, errors } = parseCsv(writeCsv(records));
    expect(errors).toEqual([]);
    expect(parsed.map((r) => r.fields)).toEqual(records);
  });

  it('accepts LF and CR line ends and a BOM, skips blank lines, and numbers records by their first line', () => {
    const { records } = parseCsv(`${BOM}a,b\n\n"x\ny",z\r"p",q\r\n\r\n`);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['x\ny', 'z'] },
      { line: 5, fields: ['p', 'q'] },
    ]);
  });

  it('keeps empty fields, including a trailing one and a missing final line end', () => {
    expect(parseCsv('a,,c,\r\n,').records.map((r) => r.fields)).toEqual([
      ['a', '', 'c', ''],
      ['', ''],
    ]);
  });

  it('reports an unclosed quote at the line where the field started', () => {
    const { errors } = parseCsv('a,b\r\nc,"never\r\nclosed\r\n');
    expect(errors).toEqual([{ line: 2, field: 'column 2', message: 'quote not closed' }]);
  });

  it('reports text after a closing quote and drops that record', () => {
    const { records, errors } = parseCsv('a,b\r\n"x"y,z\r\nc,d\r\n');
    expect(errors).toEqual([expect.objectContaining({ line: 2, field: 'column 1' })]);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads semicolon-separated files', () => {
    expect(parseCsv('a;"b;c"\r\n', ';').records[0]!.fields).toEqual(['a', 'b;c']);
  });
});

describe('list cells', () => {
  it('escapes ; and \\ inside items and splits them back', () => {
    const items = ['CAW', 'A;B', 'back\\slash', 'comma, ok'];
    expect(joinList(items)).toBe('CAW;A\\;B;back\\\\slash;comma, ok');
    expect(splitList(joinList(items))).toEqual(items);
  });

  it('trims items and ignores empty ones', () => {
    expect(splitList(' a ; ;b;')).toEqual(['a', 'b']);
    expect(splitList('')).toEqual([]);
  });
});

describe('statusPath', () => {
  it('follows the lifecycle from not_started', () => {
    expect(statusPath('not_started')).toEqual([]);
    expect(statusPath('in_progress')).toEqual(['in_progress']);
    expect(statusPath('realised')).toEqual(['in_progress', 'realised']);
    expect(statusPath('postponed')).toEqual(['postponed']);
    expect(statusPath('stopped')).toEqual(['stopped']);
  });
});

describe('exportActions', () => {
  const rows = [
    row({ code: '3.1.10', title: 'Tien' }),
    row({
      code: '3.1.2',
      title: 'Twee, met "quotes"',
      description: 'Lijn 1\nLijn 2',
      status: 'realised',
      lead: 'CAW',
      partners: ['OCMW', 'Vives; hogeschool'],
      progress: 100,
      dueDate: '2025-06-30',
      tags: ['wonen', 'a,b'],
      citizenIdea: true,
    }),
  ];

  it('writes CSV with a BOM, a header, CRLF and rows in natural code order', () => {
    const csv = exportActions(rows, 'csv');
    expect(csv).toBe(
      `${BOM}${HEADER}\r\n` +
        '3.1.2,"Twee, met ""quotes""","Lijn 1\nLijn 2",3,3.1,realised,CAW,OCMW;Vives\\; hogeschool,100,2025-06-30,"wonen;a,b",true\r\n' +
        '3.1.10,Tien,,3,3.1,not_started,,,,,,false\r\n',
    );
  });

  it('writes JSON as an array with the columns in file order', () => {
    const json = exportActions(rows, 'json');
    const parsed = JSON.parse(json) as Record<string, unknown>[];
    expect(parsed.map((r) => r.code)).toEqual(['3.1.2', '3.1.10']);
    expect(Object.keys(parsed[0]!)).toEqual([
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
    ]);
    expect(json.endsWith('}\n]\n')).toBe(true);
  });

  it.each(['csv', 'json'] as const)('round-trips through parseActionFile (%s)', (format) => {
    const text = exportActions(rows, format);
    const parsed = parseActionFile(text, format);
    expect(parsed.errors).toEqual([]);
    expect(exportActions(parsed.rows, format)).toBe(text);
  });

  it('maps the action list to codes and names, leaving out archived actions', () => {
    const base = {
      planId: 'p',
      description: '',
      status: 'in_progress' as const,
      themeId: 't',
      goalId: 'g2',
      ownerId: 'o',
      owner: { id: 'o', name: 'CAW' },
      partnerIds: ['x'],
      partners: [{ id: 'x', name: 'OCMW' }],
      tags: ['t'],
      progress: 10,
      dueDate: null,
      overdue: false,
      archived: false,
      citizenIdea: false,
      signalCount: 0,
      noteCount: 0,
      version: 1,
      createdAt: '',
      updatedAt: '',
      lastPosition: '',
      bbcCode: null,
      priority: false,
      subReportingCode: null,
      weight: 1,
    };
    const node = {
      progress: null,
      bbcCode: null,
      priority: false,
      effectivePriority: false,
      priorityInherited: false,
      subReportingCode: null,
      weight: 1,
      indicators: {
        status: 'no_data' as const,
        counts: { on_track: 0, attention: 0, off_track: 0, no_data: 0 },
      },
    };
    const tree = {
      themes: [
        {
          ...node,
          id: 't',
          code: '3',
          title: '',
          leadPartnerId: null,
          actions: [],
          goals: [
            {
              ...node,
              id: 'g1',
              code: '3.1',
              title: '',
              actions: [],
              goals: [{ ...node, id: 'g2', code: '3.1.a', title: '', actions: [], goals: [] }],
            },
          ],
        },
      ],
    };
    const rows = toActionTransferRows(
      [
        { ...base, id: '1', code: '3.1.a.2', title: 'B' },
        { ...base, id: '2', code: '3.1.a.1', title: 'A' },
        { ...base, id: '3', code: '3.1.a.0', title: 'Weg', archived: true },
      ],
      tree,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        code: '3.1.a.1',
        theme: '3',
        goal: '3.1.a',
        lead: 'CAW',
        partners: ['OCMW'],
      }),
      expect.objectContaining({ code: '3.1.a.2' }),
    ]);
  });
});

describe('parseActionFile', () => {
  it('reports every invalid row with its physical line (a quoted newline moves the next row down)', () => {
    const csv =
      `${BOM}${HEADER}\r\n` +
      '1.1,Goed,"twee\r\nlijnen",1,1.1,in_progress,,,50,2025-01-31,,false\r\n' + // lines 2-3
      ',Geen code,,1,1.1,,,,,,,\r\n' + // line 4
      '1.2,,,1,,bezig,,,101,2025-02-30,,misschien\r\n' + // line 5
      '1.1,Dubbel,,1,1.1,,,,,,,\r\n' + // line 6
      '1.3,Te kort\r\n' + // line 7
      '1.4,Tags,,1,1.1,,,"A;A",4.5,31/12/2025,"x;x",\r\n'; // line 8
    const { rows, errors, rowCount } = parseActionFile(csv, 'csv');
    expect(rowCount).toBe(6);
    expect(rows.map((r) => [r.line, r.code])).toEqual([[2, '1.1']]);
    expect(rows[0]).toMatchObject({ description: 'twee\r\nlijnen', status: 'in_progress', progress: 50 });
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'code'],
      [5, 'title'],
      [5, 'goal'],
      [5, 'status'],
      [5, 'progress'],
      [5, 'dueDate'],
      [5, 'citizenIdea'],
      [6, 'code'],
      [7, 'row'],
      [8, 'partners'],
      [8, 'progress'],
      [8, 'dueDate'],
      [8, 'tags'],
    ]);
    expect(errors.find((e) => e.line === 6)!.message).toMatch(/already used on line 2/);
    expect(errors.find((e) => e.line === 5 && e.field === 'status')!.message).toMatch(/not_started/);
  });

  it('refuses unknown, duplicate and missing columns on line 1', () => {
    const { rows, errors } = parseActionFile('code,Title,colour,title\r\n1,a,b,c\r\n', 'csv');
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ line: 1, field: 'colour', message: expect.stringMatching(/unknown column/) }),
      expect.objectContaining({ line: 1, field: 'title', message: 'column given twice' }),
      expect.objectContaining({ line: 1, field: 'goal', message: 'required column missing' }),
    ]);
  });

  it('accepts columns in any order and case, optional columns left out, and ; as separator', () => {
    const { rows, errors } = parseActionFile(
      'GOAL;Title;code;tags\r\n1.1;"Eén; twee";1.1.1;"a\\;b;c"\r\n',
      'csv',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        line: 2,
        code: '1.1.1',
        title: 'Eén; twee',
        goal: '1.1',
        tags: ['a;b', 'c'],
      }),
    ]);
  });

  it('answers an empty file with an error', () => {
    expect(parseActionFile('', 'csv').errors).toEqual([
      { line: 1, field: 'file', message: 'the file is empty' },
    ]);
    expect(parseActionFile(`${BOM}\r\n`, 'csv').errors).toHaveLength(1);
  });

  it('accepts a file with only the header (nothing to import)', () => {
    expect(parseActionFile(`${HEADER}\r\n`, 'csv')).toEqual({ rows: [], errors: [], rowCount: 0 });
  });

  it('numbers JSON rows by array index + 1 and checks types', () => {
    const json = JSON.stringify([
      { code: '1', title: 'Een', goal: '1.1' },
      { code: '2', title: 'Twee', goal: '1.1', progress: '50', colour: 'red' },
      { code: '3', title: 'Drie', goal: '1.1', progress: 12.5, partners: 'CAW', citizenIdea: 'ja' },
      'not an object',
      { code: 4, title: 'Vier', goal: '1.1', dueDate: '2024-02-29', tags: ['a', 'a'] },
    ]);
    const { rows, errors } = parseActionFile(json, 'json');
    expect(rows.map((r) => [r.line, r.code, r.partners, r.citizenIdea])).toEqual([[1, '1', [], false]]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'colour'],
      [3, 'progress'],
      [4, 'row'],
      [5, 'code'],
      [5, 'tags'],
    ]);
  });

  it('reports JSON that does not parse or is not an array as line 0', () => {
    expect(parseActionFile('[{"code": }]', 'json').errors).toEqual([
      expect.objectContaining({ line: 0, field: 'file', message: expect.stringMatching(/not valid JSON/) }),
    ]);
    expect(parseActionFile('{"actions": []}', 'json').errors).toEqual([
      { line: 0, field: 'file', message: 'must be an array of actions' },
    ]);
  });
});

describe('partnerNameResolver', () => {
  const partner = (id: string, name: string, mergedInto: string | null = null) => ({
    id,
    name,
    kind: 'other',
    mergedInto,
    updatedAt: '',
  });
  const resolve = partnerNameResolver([
    partner('1', 'CAW'),
    partner('2', 'OCMW Brugge'),
    partner('3', 'Oud', '2'),
    partner('4', 'Twee'),
    partner('5', 'twee'),
    partner('6', 'Dubbel'),
    partner('7', 'Dubbel'),
  ]);

  it('finds a name exactly, then ignoring case', () => {
    expect(resolve('CAW')).toBe('1');
    expect(resolve('ocmw brugge')).toBe('2');
    expect(resolve('twee')).toBe('5');
  });

  it('refuses unknown, merged and ambiguous names', () => {
    expect(resolve('Onbekend')).toBeNull();
    expect(resolve('Oud')).toEqual({ error: expect.stringMatching(/merged into "OCMW Brugge"/) });
    expect(resolve('Dubbel')).toEqual({ error: expect.stringMatching(/2 organisations/) });
  });
});
