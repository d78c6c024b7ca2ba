import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandService, createdId, type CommandContext, type WriteResult } from '#commands';
import type { MeetingCommand } from '#domain';
import { ReadModelQueries, renderMinutes, renderMinutesPdf } from '#read-models';
import { VersionedDto } from '../actions/action.dto.js';
import { Roles } from '../auth/roles.js';
import { ApiError, notFound, nothingToChange } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { Ctx, CurrentCaller, ExpectedVersion, type Caller } from '../http/request-context.js';
import { MeetingAccess } from './meeting-access.js';
import {
  AgendaItemDto,
  AgendaNotesDto,
  AgendaOrderDto,
  AttendanceDto,
  BallotDto,
  CancelMeetingDto,
  CorrectionDto,
  DecisionDto,
  MinutesQueryDto,
  NextStepDto,
  OpenRoundDto,
  ProposalDto,
  RescheduleMeetingDto,
  ScheduleMeetingDto,
  TallyDto,
} from './meeting.dto.js';

const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
} as const;

/**
 * Working-group meetings (docs/meetings.md): schedule, start, end; attendance, agenda, corrections to
 * earlier minutes, decisions, next steps; proposals and prioritisation rounds; the generated minutes.
 * Reads: coordinators and members; writes: coordinators and the members of the meeting's group.
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingsController {
  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
    private readonly access: MeetingAccess,
  ) {}

  @Get('working-groups/:groupId/meetings')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: "A working group's meetings, latest first" })
  @ApiErrors(404)
  async list(
    @Param('groupId', IdParam) groupId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ) {
    await this.access.readGroup(caller, groupId);
    const list = await this.reads.listMeetings(caller.tenantId, groupId, { minPosition: query.minPosition });
    if (!list) throw notFound('working group', groupId);
    return list;
  }

  @Post('working-groups/:groupId/meetings')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Schedule a meeting of the working group (date and time, place or link)' })
  @ApiWriteResult()
  async schedule(
    @Param('groupId', IdParam) workingGroupId: string,
    @Body() body: ScheduleMeetingDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
  ) {
    await this.access.schedule(caller, workingGroupId);
    const meetingId = body.id ?? createdId(ctx, 'meeting');
    return this.commands.meetings.run(
      meetingId,
      {
        type: 'ScheduleMeeting',
        data: {
          meetingId,
          workingGroupId,
          title: body.title,
          startsAt: body.startsAt,
          location: body.location,
        },
      },
      { ...ctx, meetingId },
    );
  }

  @Get('meetings/:meetingId')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      'A meeting: attendance, agenda, proposals, rounds (live tally while open, final ranking), decisions, next steps',
  })
  @ApiErrors(404)
  async get(
    @Param('meetingId', IdParam) meetingId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ) {
    await this.access.read(caller, meetingId);
    const meeting = await this.reads.getMeeting(caller.tenantId, meetingId, {
      minPosition: query.minPosition,
    });
    if (!meeting) throw notFound('meeting', meetingId);
    return meeting;
  }

  @Patch('meetings/:meetingId')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Reschedule: change title, date and time, or place (while scheduled)' })
  @ApiWriteResult()
  async reschedule(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: RescheduleMeetingDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    if (body.title === undefined && body.startsAt === undefined && body.location === undefined)
      throw nothingToChange(['title', 'startsAt', 'location']);
    return this.run(caller, meetingId, ctx, expected, {
      type: 'RescheduleMeeting',
      data: { meetingId, title: body.title, startsAt: body.startsAt, location: body.location },
    });
  }

  @Post('meetings/:meetingId/start')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Open the meeting: live edits can now be tagged with it' })
  @ApiWriteResult()
  start(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: VersionedDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    void body;
    return this.run(caller, meetingId, ctx, expected, { type: 'StartMeeting', data: { meetingId } });
  }

  @Post('meetings/:meetingId/end')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'End the meeting (a prioritisation round must be closed first)' })
  @ApiWriteResult()
  end(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: VersionedDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    void body;
    return this.run(caller, meetingId, ctx, expected, { type: 'EndMeeting', data: { meetingId } });
  }

  @Post('meetings/:meetingId/cancel')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Cancel a scheduled meeting, with a reason' })
  @ApiWriteResult()
  cancel(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: CancelMeetingDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(caller, meetingId, ctx, expected, {
      type: 'CancelMeeting',
      data: { meetingId, reason: body.reason },
    });
  }

  @Post('meetings/:meetingId/attendance')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      'Record or change who is present, excused or absent: a member of the group, or a guest by name; several at once with `attendees`',
  })
  @ApiWriteResult()
  attendance(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: AttendanceDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    if (body.attendees !== undefined) {
      const single = (['userId', 'guestName', 'status', 'partnerId', 'organisation'] as const).filter(
        (field) => body[field] !== undefined,
      );
      if (single.length > 0)
        throw new ApiError(400, 'REQUEST.INVALID', 'send one person or a list (attendees), not both', {
          fields: single,
        });
      return this.run(caller, meetingId, ctx, expected, {
        type: 'RecordAttendanceList',
        data: {
          meetingId,
          attendees: body.attendees.map((entry) => ({
            userId: entry.userId ?? null,
            guestName: entry.guestName ?? null,
            partnerId: entry.partnerId ?? null,
            organisation: entry.organisation ?? null,
            status: entry.status,
          })),
        },
      });
    }
    return this.run(caller, meetingId, ctx, expected, {
      type: 'RecordAttendance',
      data: {
        meetingId,
        userId: body.userId ?? null,
        guestName: body.guestName ?? null,
        partnerId: body.partnerId ?? null,
        organisation: body.organisation ?? null,
        status: body.status!,
      },
    });
  }

  @Post('meetings/:meetingId/agenda')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      'Add an agenda item: an action, a signal (which is then marked as on this agenda), a proposal, or a topic',
  })
  @ApiWriteResult()
  async addAgendaItem(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: AgendaItemDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    const itemId = body.id ?? createdId(ctx, 'item');
    const result = await this.run(caller, meetingId, ctx, expected, {
      type: 'AddAgendaItem',
      data: {
        meetingId,
        itemId,
        kind: body.kind,
        refId: body.refId ?? null,
        title: body.title ?? '',
        notes: body.notes ?? null,
      },
    });
    return { ...result, itemId };
  }

  @Put('meetings/:meetingId/agenda/:itemId/notes')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      'Replace the discussion notes (Markdown) of an agenda item: they appear in the minutes under the item',
    description:
      'Send the version you saw (If-Match) so two people typing at once get a 409 instead of overwriting; ' +
      "announce `editing { room: 'meeting:<id>', actionId: null, agendaItemId, field: 'notes' }` on the live channel so others see who types.",
  })
  @ApiWriteResult()
  editNotes(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('itemId', IdParam) itemId: string,
    @Body() body: AgendaNotesDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(caller, meetingId, ctx, expected, {
      type: 'EditAgendaNotes',
      data: { meetingId, itemId, notes: body.notes },
    });
  }

  @Delete('meetings/:meetingId/agenda/:itemId')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Remove an agenda item' })
  @ApiWriteResult()
  removeAgendaItem(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('itemId', IdParam) itemId: string,
    @Body() body: VersionedDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    void body;
    return this.run(caller, meetingId, ctx, expected, {
      type: 'RemoveAgendaItem',
      data: { meetingId, itemId },
    });
  }

  @Put('meetings/:meetingId/agenda/order')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Reorder the agenda (every item once)' })
  @ApiWriteResult()
  reorderAgenda(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: AgendaOrderDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(caller, meetingId, ctx, expected, {
      type: 'ReorderAgenda',
      data: { meetingId, order: body.order },
    });
  }

  @Post('meetings/:meetingId/corrections')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary: "Record a correction to an earlier meeting's minutes (which get a new revision that shows it)",
  })
  @ApiWriteResult()
  async correct(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: CorrectionDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    const correctionId = body.id ?? createdId(ctx, 'correction');
    const result = await this.run(caller, meetingId, ctx, expected, {
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
    return { ...result, correctionId };
  }

  @Post('meetings/:meetingId/decisions')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Record a decision (text, linked actions, optionally its agenda item)' })
  @ApiWriteResult()
  async decide(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: DecisionDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    const decisionId = body.id ?? createdId(ctx, 'decision');
    const result = await this.run(caller, meetingId, ctx, expected, {
      type: 'RecordDecision',
      data: {
        meetingId,
        decisionId,
        text: body.text,
        actionIds: body.actionIds ?? [],
        agendaItemId: body.agendaItemId ?? null,
      },
    });
    return { ...result, decisionId };
  }

  @Post('meetings/:meetingId/next-steps')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary: 'Record a next step: owner (person and/or organisation), due date, optional action',
  })
  @ApiWriteResult()
  async nextStep(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: NextStepDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    const nextStepId = body.id ?? createdId(ctx, 'nextStep');
    const result = await this.run(caller, meetingId, ctx, expected, {
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
    return { ...result, nextStepId };
  }

  @Post('meetings/:meetingId/proposals')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Add a proposal (optionally linked to a theme or actions)' })
  @ApiWriteResult()
  async propose(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: ProposalDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    const proposalId = body.id ?? createdId(ctx, 'proposal');
    const result = await this.run(caller, meetingId, ctx, expected, {
      type: 'AddProposal',
      data: {
        meetingId,
        proposalId,
        text: body.text,
        themeId: body.themeId ?? null,
        actionIds: body.actionIds ?? [],
        source: body.source ?? null,
        category: body.category ?? null,
      },
    });
    return { ...result, proposalId };
  }

  @Post('meetings/:meetingId/rounds')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary: 'Open a prioritisation round over the current proposals: top N (default 5), ranked or unranked',
  })
  @ApiWriteResult()
  async openRound(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: OpenRoundDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    const roundId = body.id ?? createdId(ctx, 'round');
    const result = await this.run(caller, meetingId, ctx, expected, {
      type: 'OpenRound',
      data: { meetingId, roundId, size: body.size, ranked: body.ranked },
    });
    return { ...result, roundId };
  }

  @Post('meetings/:meetingId/rounds/:roundId/ballots')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      "Submit a top N: the caller's own (any present member of the group), or on behalf of a present member " +
      '(`voterId`) or guest (`guestName`) by the chair, secretary or a coordinator; a new one replaces the last',
  })
  @ApiWriteResult()
  async ballot(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('roundId', IdParam) roundId: string,
    @Body() body: BallotDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    if (body.voterId !== undefined && body.guestName !== undefined)
      throw new ApiError(400, 'REQUEST.INVALID', 'name a member (voterId) or a guest (guestName), not both', {
        fields: ['voterId', 'guestName'],
      });
    const onBehalf =
      body.guestName !== undefined ? `guest:${body.guestName.trim().toLowerCase()}` : (body.voterId ?? null);
    if (onBehalf !== null && onBehalf !== caller.id) await this.access.chair(caller, meetingId);
    else await this.access.vote(caller, meetingId);
    return this.commands.meetings.run(
      meetingId,
      {
        type: 'SubmitBallot',
        data: {
          meetingId,
          roundId,
          voterId: onBehalf ?? caller.id,
          proposalIds: body.proposalIds,
          recordedBy: onBehalf !== null && onBehalf !== caller.id ? caller.id : null,
        },
      },
      { ...ctx, meetingId },
      expected,
    );
  }

  @Post('meetings/:meetingId/rounds/:roundId/tally')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      'Enter the tally of a round held on paper (points per proposal, number of voters): chair, secretary or coordinator',
    description:
      'A round is held either with ballots or with a tally (409 MEETING.ROUND_METHOD_CONFLICT); a new tally replaces the last.',
  })
  @ApiWriteResult()
  async tally(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('roundId', IdParam) roundId: string,
    @Body() body: TallyDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    await this.access.chair(caller, meetingId);
    return this.commands.meetings.run(
      meetingId,
      {
        type: 'RecordTally',
        data: {
          meetingId,
          roundId,
          scores: body.scores.map(({ proposalId, points }) => ({ proposalId, points })),
          voters: body.voters,
        },
      },
      { ...ctx, meetingId },
      expected,
    );
  }

  @Post('meetings/:meetingId/rounds/:roundId/close')
  @HttpCode(200)
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Close the round: the final ranking is recorded (ties share a rank)' })
  @ApiWriteResult()
  closeRound(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('roundId', IdParam) roundId: string,
    @Body() body: VersionedDto,
    @Ctx() ctx: CommandContext,
    @CurrentCaller() caller: Caller,
    @ExpectedVersion() expected?: number,
  ) {
    void body;
    return this.run(caller, meetingId, ctx, expected, { type: 'CloseRound', data: { meetingId, roundId } });
  }

  @Get('meetings/:meetingId/minutes')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      'The minutes generated from the events: Markdown (default), printable HTML or PDF, Dutch (default) or English',
    description:
      'Date, present, excused, corrections to earlier minutes, per agenda item what changed (before and after), ' +
      'decisions, the ranking, next steps with owners; `format=json` answers the structured minutes and the names. ' +
      'Header `X-Minutes-Revision` names the revision shown; `revision=` shows an earlier one. `format=pdf`: an A4 PDF laid out like the HTML.',
  })
  @ApiProduces('text/markdown', 'text/html', 'application/pdf', 'application/json')
  @ApiResponse({ status: 200, description: 'the minutes' })
  @ApiErrors(400, 404)
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

  @Get('meetings/:meetingId/minutes/revisions')
  @Roles('coordinator', 'member', 'partner')
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

  private async run(
    caller: Caller,
    meetingId: string,
    ctx: CommandContext,
    expected: number | undefined,
    command: MeetingCommand,
  ): Promise<WriteResult> {
    await this.access.write(caller, meetingId);
    // a meeting's own events name it; a stray X-Meeting-Id header does not tag them with another one
    return this.commands.meetings.run(meetingId, command, { ...ctx, meetingId }, expected);
  }
}
