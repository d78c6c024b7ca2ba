import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ActionListItem, PlanTree, PlanTreeGoal } from '#read-models';
import { ReadModelQueries } from '#read-models';
import { notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiFile } from '../http/openapi.js';
import { CurrentCaller, type Caller } from '../http/request-context.js';
import { actionListFilters } from './action-list-filters.js';
import { asOfOf } from '../http/read-query.dto.js';
import { DownloadActionsQueryDto, type Language } from './action-list-download.dto.js';

/** At most this many rows: the whole Bruges plan has 240 actions. */
const MAX_ROWS = 10_000;
const PAGE = 500;

const COLUMNS: Record<Language, string[]> = {
  nl: [
    'Code',
    'Titel',
    'Thema',
    'Doel',
    'Status',
    'Trekker',
    'Partners',
    'Voortgang (%)',
    'Deadline',
    'Over deadline',
    'Signalen',
    'Tags',
  ],
  en: [
    'Code',
    'Title',
    'Theme',
    'Goal',
    'Status',
    'Lead',
    'Partners',
    'Progress (%)',
    'Due date',
    'Overdue',
    'Signals',
    'Tags',
  ],
};
const STATUS: Record<Language, Record<string, string>> = {
  nl: {
    not_started: 'Niet gestart',
    in_progress: 'Lopend',
    realised: 'Gerealiseerd',
    postponed: 'Uitgesteld',
    stopped: 'Stopgezet',
  },
  en: {
    not_started: 'Not started',
    in_progress: 'In progress',
    realised: 'Realised',
    postponed: 'Postponed',
    stopped: 'Stopped',
  },
};
const YES_NO: Record<Language, [string, string]> = { nl: ['ja', 'nee'], en: ['yes', 'no'] };

/**
 * A spreadsheet program runs a cell that starts with = + - @ (or a tab or carriage return before one) as a
 * formula: such a text cell gets a `'` in front in the CSV (OWASP "CSV injection"). XLSX cells are typed
 * strings and are never read as formulas.
 */
export function guardCsvCell(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** 2025-12-31 → 31/12/2025 (the Belgian way). */
const belgianDate = (iso: string | null): string => (iso ? iso.split('-').reverse().join('/') : '');

/**
 * The action list as the caller filtered and sorted it, as a file (issue 15): the same query parameters as
 * `GET /api/plans/:planId/actions`, the same access (a partner gets only its own actions). Not the transfer
 * format of `/actions/export`: this one is for reading, in Dutch (or English), with names instead of ids.
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class ActionListDownloadController {
  constructor(private readonly reads: ReadModelQueries) {}

  @Get(':planId/actions/download')
  @ApiOperation({
    summary: 'The filtered action list as XLSX or CSV (same filters, sort and access as the list)',
    description:
      'CSV: UTF-8 with a BOM, `;`-separated (what a Belgian spreadsheet program expects), RFC 4180 quoting; a ' +
      "text cell starting with = + - @, a tab or a carriage return gets a leading '. Dates as 31/12/2025.",
  })
  @ApiFile(
    'the file, as an attachment',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  async download(
    @Param('planId', IdParam) planId: string,
    @Query() query: DownloadActionsQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    const lang = query.lang ?? 'nl';
    const asOf = asOfOf(query.asOf);
    const tree = await this.reads.getPlanTree(caller.tenantId, planId, {
      minPosition: query.minPosition,
      asOf,
    });
    if (!tree) throw notFound('plan', planId);
    const { filters, sort } = actionListFilters(query, caller);
    const items: ActionListItem[] = [];
    for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
      const page = await this.reads.listActions(
        caller.tenantId,
        planId,
        filters,
        { limit: PAGE, offset, sort },
        { minPosition: query.minPosition, asOf },
      );
      if (!page) throw notFound('plan', planId);
      items.push(...page.items);
      if (page.items.length < PAGE) break;
    }

    const names = namesOf(tree);
    // loaded with the first download: a start-up that serves none does without it
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(lang === 'nl' ? 'Acties' : 'Actions');
    sheet.addRow(COLUMNS[lang]);
    for (const action of items)
      sheet.addRow([
        action.code,
        action.title,
        action.themeId ? (names.get(action.themeId) ?? '') : '',
        names.get(action.goalId) ?? '',
        STATUS[lang][action.status] ?? action.status,
        action.owner?.name ?? '',
        action.partners.map((partner) => partner.name).join(', '),
        action.progress,
        belgianDate(action.dueDate),
        YES_NO[lang][action.overdue ? 0 : 1],
        action.signalCount,
        action.tags.join(', '),
      ]);

    const name = `${lang === 'nl' ? 'acties' : 'actions'}-${new Date().toISOString().slice(0, 10)}.${format}`;
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    response.setHeader('Cache-Control', 'no-store');
    if (format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      const csv = await workbook.csv.writeBuffer({
        map: (value: unknown) => guardCsvCell(value ?? ''),
        formatterOptions: { delimiter: ';', writeBOM: true, rowDelimiter: '\r\n' },
      });
      return new StreamableFile(Buffer.from(csv));
    }
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column, index) => {
      column.width = [10, 50, 30, 30, 14, 28, 40, 12, 12, 12, 10, 24][index];
    });
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return new StreamableFile(Buffer.from(await workbook.xlsx.writeBuffer()));
  }
}

/** "3. Een dak boven je hoofd" and "3.4 Woongerichte opvang" by id, for every theme and goal of the plan. */
function namesOf(tree: PlanTree): Map<string, string> {
  const names = new Map<string, string>();
  const goals = (list: PlanTreeGoal[]) => {
    for (const goal of list) {
      names.set(goal.id, `${goal.code} ${goal.title}`);
      goals(goal.goals);
    }
  };
  for (const theme of tree.themes) {
    names.set(theme.id, `${theme.code}. ${theme.title}`);
    goals(theme.goals);
  }
  return names;
}
