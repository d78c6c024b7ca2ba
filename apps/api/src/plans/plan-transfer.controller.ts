import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandService } from '#commands';
import { ReadModelQueries } from '#read-models';
import {
  exportActions,
  importActionFile,
  loadActionTransferRows,
  partnerNameResolver,
  type TransferFormat,
} from '#transfer';
import { Roles } from '../auth/roles.js';
import { ApiError, notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiFile } from '../http/openapi.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { ImportActionsDto, ImportResultDoc, TransferFormatQueryDto } from './plan-transfer.dto.js';

const CONTENT_TYPES: Record<TransferFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * A plan's actions as a file and back (issue: CSV and JSON export and import that round-trip). Lead and
 * partners travel by organisation name, theme and goal by code, so a file can go to another plan or tenant.
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanTransferController {
  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
  ) {}

  @Get(':planId/actions/export')
  @Roles('coordinator', 'member', 'viewer')
  @ApiOperation({
    summary: "Export the plan's actions (not archived) as CSV or JSON, sorted by code",
    description:
      'Columns: code, title, description, theme (code), goal (code), status, lead (organisation name), partners ' +
      '(names, `;`-separated in CSV), progress, dueDate, tags (`;`-separated in CSV), citizenIdea. CSV is UTF-8 ' +
      'with a BOM, comma-separated, RFC 4180 quoting, CRLF. The same actions always give the same bytes.',
  })
  @ApiFile('the file, as an attachment', 'text/csv', 'application/json')
  async export(
    @Param('planId', IdParam) planId: string,
    @Query() query: TransferFormatQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const format = query.format ?? 'csv';
    const rows = await loadActionTransferRows(this.reads, caller.tenantId, planId, {
      minPosition: query.minPosition,
    });
    if (!rows) throw notFound('plan', planId);
    response.setHeader('Content-Type', CONTENT_TYPES[format]);
    response.setHeader('Content-Disposition', `attachment; filename="actions-${planId}.${format}"`);
    response.setHeader('Cache-Control', 'no-store');
    return exportActions(rows, format);
  }

  @Post(':planId/actions/import')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Import actions from a CSV or JSON file (as the export writes it) into a plan',
    description:
      "The plan's goals must exist with the file's goal codes; lead and partners must name organisations of the " +
      'tenant; codes must be free in the plan. Every row is checked first: when any is invalid the answer is ' +
      '422 `IMPORT.INVALID_ROWS` with `details: [{ line, field, message }]` and nothing is written. Each action ' +
      'is then added and brought to its status through the lifecycle, with lead, partners, progress and due ' +
      'date, as a person would. With an Idempotency-Key, retrying an interrupted import completes it.',
  })
  @ApiResponse({ status: 200, type: ImportResultDoc })
  @ApiErrors(400, 404, 422)
  async import(
    @Param('planId', IdParam) planId: string,
    @Query() query: TransferFormatQueryDto,
    @Body() body: ImportActionsDto,
    @Write({ versioned: false }) { caller, context }: WriteRequest,
  ) {
    const partners = await this.reads.listPartners(caller.tenantId, { minPosition: query.minPosition });
    const result = await importActionFile(
      { commands: this.commands },
      planId,
      body.content,
      query.format ?? 'csv',
      context,
      { resolvePartner: partnerNameResolver(partners.items), dryRun: body.dryRun ?? false },
    );
    if (result.errors.length > 0) {
      const lines = new Set(result.errors.map((error) => error.line)).size;
      throw new ApiError(
        422,
        'IMPORT.INVALID_ROWS',
        `${lines} row(s) of the file are invalid; nothing was imported`,
        result.errors,
      );
    }
    return result;
  }
}
