import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandService, createdId, type WriteResult } from '#commands';
import type { IndicatorCommand } from '#domain';
import { ReadModelQueries } from '#read-models';
import { Roles } from '../auth/roles.js';
import { ApiError, notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { AsOfQueryDto, asOfOf } from '../http/read-query.dto.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import {
  ArchiveIndicatorDto,
  CorrectMeasurementDto,
  DefineIndicatorDto,
  IndicatorTargetDto,
  ListIndicatorsQueryDto,
  NodeReportingDto,
  RecordMeasurementDto,
  RedefineIndicatorDto,
} from './indicators.dto.js';

/** a year in a path: four digits from 1900 to 2200, else a 400 naming the parameter */
function yearParam(value: string): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(year >= 1900 && year <= 2200)) {
    throw new ApiError(400, 'REQUEST.INVALID', 'year must be a year from 1900 to 2200', { field: 'year' });
  }
  return year;
}

/**
 * BBC codes, priorities and indicators (issue 16, docs/plan-cycle.md "Codes, priorities and indicators"):
 * the reporting fields of a plan's themes, goals and actions, and the indicators on them with their
 * targets and measurements. Reads for everyone who reads the plan; writes for coordinators.
 */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller()
export class IndicatorsController {
  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
  ) {}

  @Patch('plans/:planId/nodes/:nodeId/reporting')
  @ApiOperation({
    summary:
      'Set the BBC code, priority, sub-reporting code or weight of a theme, goal or action (fields left out keep their value)',
  })
  @ApiWriteResult()
  @ApiErrors(404, 409)
  @Roles('coordinator')
  setReporting(
    @Param('planId', IdParam) planId: string,
    @Param('nodeId', IdParam) nodeId: string,
    @Body() body: NodeReportingDto,
    @Write() { context, expectedVersion }: WriteRequest,
  ): Promise<WriteResult> {
    const { bbcCode, priority, subReportingCode, weight } = body;
    return this.commands.plan(
      planId,
      { type: 'SetNodeReporting', data: { planId, nodeId, bbcCode, priority, subReportingCode, weight } },
      context,
      expectedVersion,
    );
  }

  @Get('plans/:planId/indicators')
  @ApiOperation({
    summary: "The plan's indicators with their latest measurement and status; `?asOf=` as they stood then",
  })
  @ApiErrors(404)
  async list(
    @Param('planId', IdParam) planId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ListIndicatorsQueryDto,
  ) {
    const result = await this.reads.listPlanIndicators(
      caller.tenantId,
      planId,
      { nodeId: query.nodeId, includeArchived: query.includeArchived === 'true' },
      { minPosition: query.minPosition, asOf: asOfOf(query.asOf) },
    );
    if (!result) throw notFound('plan', planId);
    return result;
  }

  @Post('plans/:planId/indicators')
  @ApiOperation({ summary: 'Define an indicator on a theme, goal or action of the plan' })
  @ApiWriteResult()
  @ApiErrors(404, 422)
  @Roles('coordinator')
  define(
    @Param('planId', IdParam) planId: string,
    @Body() body: DefineIndicatorDto,
    @Write({ versioned: false }) { context }: WriteRequest,
  ): Promise<WriteResult> {
    const indicatorId = body.id ?? createdId(context, 'indicator');
    return this.commands.indicator(
      indicatorId,
      {
        type: 'DefineIndicator',
        data: {
          indicatorId,
          planId,
          nodeId: body.nodeId,
          // the write side takes the kind from the plan
          nodeKind: 'goal',
          name: body.name,
          unit: body.unit ?? '',
          direction: body.direction,
          baselineValue: body.baselineValue ?? null,
          baselineYear: body.baselineYear ?? null,
          attentionMarginPct: body.attentionMarginPct,
        },
      },
      context,
    );
  }

  @Get('indicators/:indicatorId')
  @ApiOperation({
    summary:
      'One indicator: definition, targets, status with its rule, every measurement; `?asOf=` as it stood then',
  })
  @ApiErrors(404)
  async get(
    @Param('indicatorId', IdParam) indicatorId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: AsOfQueryDto,
  ) {
    const indicator = await this.reads.getIndicator(caller.tenantId, indicatorId, {
      minPosition: query.minPosition,
      asOf: asOfOf(query.asOf),
    });
    if (!indicator) throw notFound('indicator', indicatorId);
    return indicator;
  }

  @Patch('indicators/:indicatorId')
  @ApiOperation({ summary: "Change an indicator's name, unit, direction, baseline or attention margin" })
  @ApiWriteResult()
  @ApiErrors(404)
  @Roles('coordinator')
  redefine(
    @Param('indicatorId', IdParam) indicatorId: string,
    @Body() body: RedefineIndicatorDto,
    @Write() write: WriteRequest,
  ): Promise<WriteResult> {
    const { name, unit, direction, baselineValue, baselineYear, attentionMarginPct } = body;
    return this.run(indicatorId, write, {
      type: 'RedefineIndicator',
      data: { indicatorId, name, unit, direction, baselineValue, baselineYear, attentionMarginPct },
    });
  }

  @Put('indicators/:indicatorId/targets/:year')
  @ApiOperation({ summary: 'Set (or with null remove) the target of one year' })
  @ApiWriteResult()
  @ApiErrors(404)
  @Roles('coordinator')
  target(
    @Param('indicatorId', IdParam) indicatorId: string,
    @Param('year') year: string,
    @Body() body: IndicatorTargetDto,
    @Write() write: WriteRequest,
  ): Promise<WriteResult> {
    return this.run(indicatorId, write, {
      type: 'SetIndicatorTarget',
      data: { indicatorId, year: yearParam(year), value: body.value },
    });
  }

  @Post('indicators/:indicatorId/measurements')
  @ApiOperation({
    summary: 'Record a measurement (value, date, source, comment); answers its measurementId too',
  })
  @ApiWriteResult()
  @ApiErrors(404, 409)
  @Roles('coordinator')
  async record(
    @Param('indicatorId', IdParam) indicatorId: string,
    @Body() body: RecordMeasurementDto,
    @Write({ versioned: false }) { context }: WriteRequest,
  ): Promise<WriteResult & { measurementId: string }> {
    const measurementId = body.id ?? createdId(context, 'measurement');
    const result = await this.commands.indicator(
      indicatorId,
      {
        type: 'RecordMeasurement',
        data: {
          indicatorId,
          measurementId,
          value: body.value,
          date: body.date,
          source: body.source ?? '',
          comment: body.comment ?? '',
        },
      },
      context,
    );
    return { ...result, measurementId };
  }

  @Post('indicators/:indicatorId/measurements/:measurementId/correct')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correct a recorded measurement, with a reason (the first values stay in the history)',
  })
  @ApiWriteResult()
  @ApiErrors(404)
  @Roles('coordinator')
  correct(
    @Param('indicatorId', IdParam) indicatorId: string,
    @Param('measurementId', IdParam) measurementId: string,
    @Body() body: CorrectMeasurementDto,
    @Write() write: WriteRequest,
  ): Promise<WriteResult> {
    const { value, date, source, comment, reason } = body;
    return this.run(indicatorId, write, {
      type: 'CorrectMeasurement',
      data: { indicatorId, measurementId, value, date, source, comment, reason },
    });
  }

  @Post('indicators/:indicatorId/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive an indicator (it leaves the roll-ups; its history stays)' })
  @ApiWriteResult()
  @ApiErrors(404)
  @Roles('coordinator')
  archive(
    @Param('indicatorId', IdParam) indicatorId: string,
    @Body() body: ArchiveIndicatorDto,
    @Write() write: WriteRequest,
  ): Promise<WriteResult> {
    return this.run(indicatorId, write, {
      type: 'ArchiveIndicator',
      data: { indicatorId, reason: body.reason },
    });
  }

  private run(indicatorId: string, { context, expectedVersion }: WriteRequest, command: IndicatorCommand) {
    return this.commands.indicator(indicatorId, command, context, expectedVersion);
  }
}
