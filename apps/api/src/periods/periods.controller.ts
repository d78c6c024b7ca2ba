import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type pg from 'pg';
import { CommandService, createdId, type WriteResult } from '#commands';
import { belgianToday, planStreamId } from '#domain';
import {
  EVENT_STORE,
  PostgresChainCheckpoints,
  recordChainCheckpoint,
  type ChainSource,
  type EventStore,
} from '#event-store';
import {
  PERIOD_SOURCES,
  ReadModelQueries,
  getPeriod,
  getPeriodReport,
  listMyUpdates,
  listPeriods,
  reportSnapshotForClose,
  roundRequestsOf,
  type MyUpdateList,
  type PeriodItem,
  type PeriodList,
  type PeriodReport,
  type UpdateInbox,
} from '#read-models';
import { ActionAccess } from '../auth/action-access.js';
import { Roles } from '../auth/roles.js';
import { ApiError, notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiFile, ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { READ_POOL } from '../injection-tokens.js';
import {
  ClosePeriodDto,
  OpenPeriodDto,
  ReportQueryDto,
  StartRoundDto,
  SubmitUpdateDto,
} from './periods.dto.js';
import { renderReportCsv } from './report-csv.js';
import { renderReportDocx } from './report-docx.js';
import { renderReportHtml } from './report-html.js';

const today = (): string => belgianToday(new Date());

/**
 * The plan cycle's reporting periods (docs/plan-cycle.md): open a half-year, year or custom period, ask the
 * leads for their update, close it (the report is frozen as events), and the report in four formats.
 */
@ApiTags('periods')
@ApiBearerAuth()
@Controller()
export class PeriodsController {
  private readonly logger = new Logger('PeriodsController');
  private readonly checkpoints: PostgresChainCheckpoints;

  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
    private readonly actions: ActionAccess,
    @Inject(READ_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.checkpoints = new PostgresChainCheckpoints(pool);
  }

  @Get('plans/:planId/periods')
  @ApiOperation({
    summary: "The plan's reporting periods, oldest first, each with its update round's completion",
  })
  @ApiErrors(404)
  async list(
    @Param('planId', IdParam) planId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ): Promise<PeriodList> {
    await this.reads.waitFor(PERIOD_SOURCES, query);
    const list = await listPeriods(this.pool, caller.tenantId, planId, today());
    if (!list) throw notFound('plan', planId);
    return list;
  }

  @Post('plans/:planId/periods')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Open a reporting period: a half-year, a year or custom dates' })
  @ApiWriteResult()
  async open(
    @Param('planId', IdParam) planId: string,
    @Body() body: OpenPeriodDto,
    @Write({ versioned: false }) { caller, context }: WriteRequest,
  ): Promise<WriteResult> {
    // another tenant's plan (or none) is not found for this caller (read from the plan's stream: no lag)
    const [first] = await this.store.readStream(planStreamId(planId), { toVersion: 1 });
    if (!first || first.metadata.tenantId !== caller.tenantId) throw notFound('plan', planId);
    return this.commands.periods.open(
      {
        periodId: body.id ?? createdId(context, 'period'),
        planId,
        kind: body.kind,
        year: body.year,
        half: body.half,
        start: body.start,
        end: body.end,
        label: body.label ?? null,
      },
      context,
    );
  }

  @Get('plans/:planId/periods/:periodId')
  @ApiOperation({
    summary: 'One reporting period with its update round: completion in per cent, who is late',
  })
  @ApiErrors(404)
  async get(
    @Param('planId', IdParam) planId: string,
    @Param('periodId', IdParam) periodId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ): Promise<PeriodItem & { position: string }> {
    await this.reads.waitFor(PERIOD_SOURCES, query);
    const period = await getPeriod(this.pool, caller.tenantId, periodId, today());
    if (!period || period.planId !== planId) throw notFound('period', periodId);
    return period;
  }

  @Post('plans/:planId/periods/:periodId/close')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary:
      "Close the period: its report's data for every action is frozen as events, with a checkpoint of the audit chain",
  })
  @ApiWriteResult()
  @ApiErrors(404, 503)
  async close(
    @Param('planId', IdParam) planId: string,
    @Param('periodId', IdParam) periodId: string,
    @Body() _body: ClosePeriodDto,
    @Write() { caller, context, expectedVersion }: WriteRequest,
  ): Promise<WriteResult> {
    const period = await this.commands.periods.load(periodId, caller.tenantId);
    if (period.status === 'absent' || period.planId !== planId) throw notFound('period', periodId);
    if (period.status === 'closed') {
      // a retry answers its first result; another close is refused by the decider (409 PERIOD.ALREADY_CLOSED)
      return this.commands.periods.close(
        periodId,
        { asOf: context.now, position: null, checkpoint: null, actions: [] },
        context,
        expectedVersion,
      );
    }
    // the snapshot reflects every event written before the close: never freeze read models that lag behind
    const caughtUp = await this.reads.waitFor(PERIOD_SOURCES, {
      // the latest committed event, not the readable head: a transaction left open elsewhere on the server holds
      // the head back, and a close must not freeze read models that miss changes committed after it began
      // (docs/operations.md, "Long transactions hold the log back"); such a close answers 503 until they have it
      minPosition: await (this.store.lastCommittedPosition?.() ?? this.store.headPosition()),
      timeoutMs: 10_000,
    });
    if (!caughtUp)
      throw new ApiError(
        503,
        'PERIOD.CATCHING_UP',
        'the read models are still applying earlier changes (more than 10 s behind): the report would miss some of them, so the period was not closed; try again in a moment',
      );
    const snapshot = await reportSnapshotForClose(this.pool, caller.tenantId, periodId, context.now);
    if (!snapshot) throw notFound('period', periodId);
    const checkpoint = await this.checkpoint(caller.tenantId);
    return this.commands.periods.close(periodId, { ...snapshot, checkpoint }, context, expectedVersion);
  }

  @Post('plans/:planId/periods/:periodId/rounds')
  @Roles('coordinator')
  @ApiOperation({
    summary:
      "Start the period's update round: the leads of its priority (or all) actions are asked for an update",
  })
  @ApiWriteResult()
  async startRound(
    @Param('planId', IdParam) planId: string,
    @Param('periodId', IdParam) periodId: string,
    @Body() body: StartRoundDto,
    @Write({ versioned: false }) { caller, context }: WriteRequest,
  ): Promise<WriteResult> {
    const period = await this.commands.periods.load(periodId, caller.tenantId);
    if (period.status === 'absent' || period.planId !== planId) throw notFound('period', periodId);
    const scope = body.scope ?? 'priority';
    return this.commands.periods.startRound(
      periodId,
      {
        roundId: body.id ?? createdId(context, 'update-round'),
        deadline: body.deadline,
        scope,
        requests: await roundRequestsOf(this.pool, caller.tenantId, planId, scope),
      },
      context,
    );
  }

  @Post('plans/:planId/periods/:periodId/updates')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      "A lead's update for one action in the period: narrative, status and progress (an open period changes the action; after the close it is a correction)",
  })
  @ApiWriteResult()
  async submitUpdate(
    @Param('planId', IdParam) planId: string,
    @Param('periodId', IdParam) periodId: string,
    @Body() body: SubmitUpdateDto,
    @Write({ versioned: false }) { caller, context }: WriteRequest,
  ): Promise<WriteResult> {
    const period = await this.commands.periods.load(periodId, caller.tenantId);
    if (period.status === 'absent' || period.planId !== planId) throw notFound('period', periodId);
    await this.mayUpdate(caller, body.actionId);
    return this.commands.periods.submitUpdate(
      periodId,
      { actionId: body.actionId, narrative: body.narrative, status: body.status, progress: body.progress },
      context,
    );
  }

  @Get('me/updates')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      "My updates: the actions of open periods' update rounds the caller is asked to update (a partner: its organisation's)",
  })
  async myUpdates(@CurrentCaller() caller: Caller, @Query() query: ReadQueryDto): Promise<MyUpdateList> {
    await this.reads.waitFor(PERIOD_SOURCES, query);
    const inbox: UpdateInbox =
      caller.role === 'coordinator'
        ? { kind: 'all' }
        : caller.role === 'member'
          ? { kind: 'member', userId: caller.id }
          : { kind: 'partner', partnerId: caller.partnerId ?? '' };
    return listMyUpdates(this.pool, caller.tenantId, inbox, today());
  }

  @Get('plans/:planId/reports/:periodId')
  @ApiOperation({
    summary: "The period's report: JSON, DOCX, printable A4 HTML or CSV keyed by BBC code; Dutch, or English",
    description:
      'An open period: live, as of its end (or now while it runs). A closed period: the snapshot frozen at the ' +
      'close, with every correction recorded since marked "gecorrigeerd na afsluiting". CSV: UTF-8 with a BOM, ' +
      "`;`-separated, formula cells neutralised with a leading '.",
  })
  @ApiFile(
    'the report (DOCX, HTML and CSV as an attachment)',
    'application/json',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'text/html',
    'text/csv',
  )
  async report(
    @Param('planId', IdParam) planId: string,
    @Param('periodId', IdParam) periodId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PeriodReport | StreamableFile> {
    await this.reads.waitFor(PERIOD_SOURCES, query);
    const report = await getPeriodReport(this.pool, caller.tenantId, periodId, {
      scope: query.scope ?? 'priority',
      now: new Date().toISOString(),
      today: today(),
    });
    if (!report || report.period.planId !== planId) throw notFound('period', periodId);
    const format = query.format ?? 'json';
    if (format === 'json') return report;
    const lang = query.lang ?? 'nl';
    const base = `${lang === 'nl' ? 'rapport' : 'report'}-${report.period.label.replace(/[^\w.-]+/g, '_')}`;
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Disposition', `attachment; filename="${base}.${format}"`);
    if (format === 'docx') {
      response.setHeader(
        'Content-Type',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      return new StreamableFile(await renderReportDocx(report, lang));
    }
    if (format === 'html') {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.setHeader('Content-Disposition', `inline; filename="${base}.html"`);
      return new StreamableFile(Buffer.from(renderReportHtml(report, lang), 'utf8'));
    }
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    return new StreamableFile(Buffer.from(renderReportCsv(report, lang), 'utf8'));
  }

  /**
   * Who may give an action's update (docs/access.md): a coordinator any; a member the actions in her working
   * groups' scope; a partner user the actions her organisation leads (trekker).
   */
  private async mayUpdate(caller: Caller, actionId: string): Promise<void> {
    if (caller.role !== 'partner') return this.actions.check(caller, actionId, 'edit');
    const { rows } = await this.pool.query<{ owner_id: string | null }>(
      `select owner_id from rm_actions where tenant_id = $1 and id = $2`,
      [caller.tenantId, actionId],
    );
    if (rows.length === 0) throw notFound('action', actionId);
    if (caller.partnerId === null || rows[0]!.owner_id !== caller.partnerId) {
      throw new ApiError(
        403,
        'AUTH.FORBIDDEN',
        'a partner gives the update only for the actions its organisation leads',
        {
          role: caller.role,
          use: 'update',
        },
      );
    }
  }

  /** the audit chain's checkpoint at the close; a close does not fail for want of one (docs/audit.md) */
  private async checkpoint(tenantId: string) {
    try {
      const recorded = await recordChainCheckpoint(
        this.store as EventStore & ChainSource,
        this.checkpoints,
        tenantId,
        'period-close',
      );
      return recorded
        ? { position: recorded.position, headHash: recorded.headHash, eventCount: recorded.eventCount }
        : null;
    } catch (error) {
      this.logger.warn(`no checkpoint recorded for the period close: ${String(error)}`);
      return null;
    }
  }
}
