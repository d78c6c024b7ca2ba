import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { userStreamId, type AuditTrailReadFormat } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import {
  AUDIT_PAGE_DEFAULT,
  AUDIT_TRAIL_SOURCES,
  listAuditTrail,
  streamAuditTrail,
  effectiveMinPosition,
  waitForCheckpoints,
  type AuditEntry,
  type AuditTrailFilters,
  type ReadDb,
} from '#read-models';
import { BOM, neutraliseFormula, writeCsv } from '#transfer';
import { Roles } from '../auth/roles.js';
import { ApiErrors } from '../http/openapi.js';
import { CurrentCaller, type AuthedRequest, type Caller } from '../http/request-context.js';
import { READ_POOL } from '../injection-tokens.js';
import { AuditExportQueryDto, AuditPageQueryDto, type AuditFilterDto } from './audit.dto.js';

const FILTER_KEYS = ['actorId', 'kind', 'actionId', 'themeId', 'meetingId', 'from', 'to'] as const;

function filtersOf(query: AuditFilterDto): AuditTrailFilters {
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) if (query[key] !== undefined) filters[key] = query[key];
  return filters;
}

export const AUDIT_CSV_HEADER = [
  'position',
  'occurredAt',
  'actorId',
  'actorName',
  'type',
  'kind',
  'targetKind',
  'targetId',
  'meetingId',
  'summaryNl',
  'summaryEn',
  'changes',
] as const;

function csvRecord(entry: AuditEntry): string[] {
  return [
    entry.position,
    entry.occurredAt,
    entry.actor.id,
    entry.actor.name,
    entry.type,
    entry.kind,
    entry.target.kind,
    entry.target.id,
    entry.meetingId ?? '',
    entry.summary.nl,
    entry.summary.en,
    JSON.stringify(entry.changes),
  ].map(neutraliseFormula);
}

/** Writes and waits when the socket's buffer is full, so a large export never piles up in memory. */
function write(response: Response, chunk: string): Promise<void> {
  if (response.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      if (response.destroyed) reject(new Error('the client went away'));
      else resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

/**
 * The tenant's audit trail for coordinators (issue 18): every event, newest first, filtered and paged by
 * position, and its export. Each read is itself recorded (`AuditTrailRead` in the reader's stream), so the
 * security log shows who looked at the trail and with which filter.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('coordinator')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(READ_POOL) private readonly pool: ReadDb,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The tenant's audit trail, newest first, paged by position (cursor)",
    description:
      'Every event of the tenant with its summary in Dutch and English, the fields it changed (before and ' +
      'after), the actor, the time, the position and what it changed (`target`). Filters combine (and).',
  })
  @ApiErrors(400)
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: AuditPageQueryDto,
    @Req() request: AuthedRequest,
  ) {
    const filters = filtersOf(query);
    await this.waitFor(query.minPosition, caller.tenantId);
    const page = await listAuditTrail(this.pool, caller.tenantId, filters, {
      ...(query.before ? { before: query.before } : {}),
      limit: query.limit ?? AUDIT_PAGE_DEFAULT,
    });
    const shown: Record<string, string> = { ...filters };
    if (query.before) shown.before = query.before;
    await this.recordRead(caller, 'page', shown, request);
    return page;
  }

  @Get('export')
  @ApiOperation({
    summary: 'The filtered audit trail as a file (CSV or JSON), newest first, streamed',
    description:
      `CSV columns: ${AUDIT_CSV_HEADER.join(', ')}. UTF-8 with a BOM, comma-separated, RFC 4180 quoting, ` +
      "CRLF; a cell a spreadsheet would run as a formula starts with `'`. JSON: an array of the entries of " +
      '`GET /api/audit`.',
  })
  @ApiProduces('text/csv', 'application/json')
  @ApiResponse({ status: 200, description: 'the file, as an attachment' })
  @ApiErrors(400)
  async export(
    @CurrentCaller() caller: Caller,
    @Query() query: AuditExportQueryDto,
    @Req() request: AuthedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const format = query.format ?? 'csv';
    const filters = filtersOf(query);
    await this.waitFor(query.minPosition, caller.tenantId);
    const batches = streamAuditTrail(this.pool, caller.tenantId, filters);
    // the first batch is read before anything is sent: a filter the query refuses is still a clean 400
    const first = await batches.next();
    await this.recordRead(caller, format, { ...filters }, request);
    response.status(200);
    response.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    );
    response.setHeader('Content-Disposition', `attachment; filename="audittrail.${format}"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      let count = 0;
      await write(response, format === 'csv' ? BOM + writeCsv([AUDIT_CSV_HEADER]) : '[');
      const emit = async (entries: readonly AuditEntry[]): Promise<void> => {
        if (format === 'csv') await write(response, writeCsv(entries.map(csvRecord)));
        else {
          const parts = entries.map((entry) => (count++ === 0 ? '' : ',') + JSON.stringify(entry));
          await write(response, parts.join(''));
        }
      };
      for (let next = first; !next.done; next = await batches.next()) await emit(next.value);
      if (format === 'json') await write(response, ']');
      response.end();
    } catch (error) {
      await batches.return(undefined);
      // the status line is gone: all that is left is to cut the download short, so it cannot pass as whole
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async waitFor(requested: string | undefined, tenantId: string): Promise<void> {
    const minPosition = effectiveMinPosition(requested);
    if (minPosition) await waitForCheckpoints(this.pool, minPosition, AUDIT_TRAIL_SOURCES, { tenantId });
  }

  /** The read itself goes on record, in the reader's own stream: who, when, with which filter and format. */
  private async recordRead(
    caller: Caller,
    format: AuditTrailReadFormat,
    filters: Record<string, string>,
    request: AuthedRequest,
  ): Promise<void> {
    await this.store.appendToStream(
      userStreamId(caller.id),
      [
        {
          id: randomUUID(),
          type: 'AuditTrailRead',
          data: { userId: caller.id, format, filters },
          metadata: {
            actorId: caller.id,
            tenantId: caller.tenantId,
            correlationId: request.correlationId ?? randomUUID(),
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      'any',
    );
  }
}
