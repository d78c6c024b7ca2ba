import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createdId } from '#commands';
import { ReadModelQueries, renderMinutes, renderMinutesPdf } from '#read-models';
import { Roles } from '../auth/roles.js';
import { ApiError, notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiFile, ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { MeetingAccess } from './meeting-access.js';
import { MeetingWrites } from './meeting-writes.js';
import { CorrectionDto, DecisionDto, MinutesQueryDto, NextStepDto } from './minutes.dto.js';

const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
} as const;

/**
 * A meeting's minutes (docs/meetings.md): what goes into them besides the events (decisions, next steps,
 * corrections to earlier minutes) and the minutes themselves, generated from the events, with their revisions.
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Roles('coordinator', 'member', 'partner')
@Controller('meetings/:meetingId')
export class MeetingMinutesController {
  constructor(
    private readonly reads: ReadModelQueries,
    private readonly access: MeetingAccess,
    private readonly writes: MeetingWrites,
  ) {}

  @Post('corrections')
  @HttpCode(200)
  @ApiOperation({
    summary: "Record a correction to an earlier meeting's minutes (which get a new revision that shows it)",
  })
  @ApiWriteResult()
  correct(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: CorrectionDto,
    @Write() write: WriteRequest,
  ) {
    const correctionId = body.id ?? createdId(write.context, 'correction');
    return this.writes.add(write, meetingId, 'correctionId', correctionId, {
      type: 'CorrectMinutes',
      data: {
        meetingId,
        correctionId,
        correctsMeetingId: body.correctsMeetingId ?? null,
        outsideMeeting: body.outsideMeeting
          ? { date: body.outsideMeeting.date, title: body.outsideMeeting.title }
          : null,
        text: body.text,
      },
    });
  }

  @Post('decisions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a decision (text, linked actions, optionally its agenda item)' })
  @ApiWriteResult()
  decide(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: DecisionDto,
    @Write() write: WriteRequest,
  ) {
    const decisionId = body.id ?? createdId(write.context, 'decision');
    return this.writes.add(write, meetingId, 'decisionId', decisionId, {
      type: 'RecordDecision',
      data: {
        meetingId,
        decisionId,
        text: body.text,
        actionIds: body.actionIds ?? [],
        agendaItemId: body.agendaItemId ?? null,
      },
    });
  }

  @Post('next-steps')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a next step: owner (person and/or organisation), due date, optional action',
  })
  @ApiWriteResult()
  nextStep(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: NextStepDto,
    @Write() write: WriteRequest,
  ) {
    const nextStepId = body.id ?? createdId(write.context, 'nextStep');
    return this.writes.add(write, meetingId, 'nextStepId', nextStepId, {
      type: 'RecordNextStep',
      data: {
        meetingId,
        nextStepId,
        text: body.text,
        ownerUserId: body.ownerUserId ?? null,
        ownerPartnerId: body.ownerPartnerId ?? null,
        dueDate: body.dueDate ?? null,
        linkedActionId: body.actionId ?? null,
      },
    });
  }

  @Get('minutes')
  @ApiOperation({
    summary:
      'The minutes generated from the events: Markdown (default), printable HTML or PDF, Dutch (default) or English',
    description:
      'Date, present, excused, corrections to earlier minutes, per agenda item what changed (before and after), ' +
      'decisions, the ranking, next steps with owners; `format=json` answers the structured minutes and the names. ' +
      'Header `X-Minutes-Revision` names the revision shown; `revision=` shows an earlier one. `format=pdf`: an A4 PDF laid out like the HTML.',
  })
  @ApiFile('the minutes', 'text/markdown', 'text/html', 'application/pdf', 'application/json')
  async minutes(
    @Param('meetingId', IdParam) meetingId: string,
    @Query() query: MinutesQueryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.access.read(caller, meetingId);
    const found = await this.reads.getMeetingMinutes(caller.tenantId, meetingId, query.revision, {
      minPosition: query.minPosition,
    });
    if (!found) {
      if (query.revision !== undefined && (await this.reads.getMeetingMinutes(caller.tenantId, meetingId)))
        throw new ApiError(
          404,
          'MINUTES.REVISION_NOT_FOUND',
          `no revision ${query.revision} of these minutes`,
        );
      throw notFound('meeting', meetingId);
    }
    response.setHeader('X-Minutes-Revision', String(found.revision));
    const format = query.format ?? 'md';
    if (format === 'json') return found;
    response.setHeader('Content-Type', CONTENT_TYPES[format]);
    response.setHeader('Cache-Control', 'no-store');
    const lang = query.lang ?? 'nl';
    if (format === 'pdf') {
      const pdf = await renderMinutesPdf(found.minutes, {
        lang,
        names: found.names,
        generatedAt: new Date(found.revisionAt),
      });
      response.setHeader(
        'Content-Disposition',
        `inline; filename="${lang === 'nl' ? 'verslag' : 'minutes'}-${meetingId}-r${found.revision}.pdf"`,
      );
      return new StreamableFile(pdf, { type: CONTENT_TYPES.pdf, length: pdf.length });
    }
    return renderMinutes(found.minutes, { format, lang, names: found.names });
  }

  @Get('minutes/revisions')
  @ApiOperation({
    summary:
      "The minutes' history: every revision with the event that made it (a correction from a later meeting too)",
  })
  @ApiErrors(404)
  async revisions(
    @Param('meetingId', IdParam) meetingId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ) {
    await this.access.read(caller, meetingId);
    const list = await this.reads.listMinutesRevisions(caller.tenantId, meetingId, {
      minPosition: query.minPosition,
    });
    if (!list) throw notFound('meeting', meetingId);
    return list;
  }
}
