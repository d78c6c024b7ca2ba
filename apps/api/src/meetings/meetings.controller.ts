import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createdId } from '#commands';
import { ReadModelQueries } from '#read-models';
import { Roles } from '../auth/roles.js';
import { notFound, nothingToChange } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { VersionedDto } from '../http/common.dto.js';
import { MeetingAccess } from './meeting-access.js';
import { MeetingWrites } from './meeting-writes.js';
import { CancelMeetingDto, RescheduleMeetingDto, ScheduleMeetingDto } from './meeting.dto.js';

/**
 * Working-group meetings (docs/meetings.md): schedule, reschedule, start, end, cancel, and read them. The
 * meeting's attendance, agenda, rounds and minutes have controllers of their own in this folder.
 * Reads: coordinators, members, and partner staff in the group; writes: coordinators and the members of
 * the meeting's group (MeetingAccess).
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Roles('coordinator', 'member', 'partner')
@Controller()
export class MeetingsController {
  constructor(
    private readonly reads: ReadModelQueries,
    private readonly access: MeetingAccess,
    private readonly writes: MeetingWrites,
  ) {}

  @Get('working-groups/:groupId/meetings')
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
  @ApiOperation({ summary: 'Schedule a meeting of the working group (date and time, place or link)' })
  @ApiWriteResult()
  async schedule(
    @Param('groupId', IdParam) workingGroupId: string,
    @Body() body: ScheduleMeetingDto,
    @Write({ versioned: false }) write: WriteRequest,
  ) {
    await this.access.schedule(write.caller, workingGroupId);
    const meetingId = body.id ?? createdId(write.context, 'meeting');
    return this.writes.runChecked(write, meetingId, {
      type: 'ScheduleMeeting',
      data: {
        meetingId,
        workingGroupId,
        title: body.title,
        startsAt: body.startsAt,
        location: body.location,
      },
    });
  }

  @Get('meetings/:meetingId')
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
  @ApiOperation({ summary: 'Reschedule: change title, date and time, or place (while scheduled)' })
  @ApiWriteResult()
  reschedule(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: RescheduleMeetingDto,
    @Write() write: WriteRequest,
  ) {
    if (body.title === undefined && body.startsAt === undefined && body.location === undefined)
      throw nothingToChange(['title', 'startsAt', 'location']);
    return this.writes.run(write, meetingId, {
      type: 'RescheduleMeeting',
      data: { meetingId, title: body.title, startsAt: body.startsAt, location: body.location },
    });
  }

  @Post('meetings/:meetingId/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the meeting: live edits can now be tagged with it' })
  @ApiWriteResult()
  start(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() _body: VersionedDto,
    @Write() write: WriteRequest,
  ) {
    return this.writes.run(write, meetingId, { type: 'StartMeeting', data: { meetingId } });
  }

  @Post('meetings/:meetingId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the meeting (a prioritisation round must be closed first)' })
  @ApiWriteResult()
  end(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() _body: VersionedDto,
    @Write() write: WriteRequest,
  ) {
    return this.writes.run(write, meetingId, { type: 'EndMeeting', data: { meetingId } });
  }

  @Post('meetings/:meetingId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a scheduled meeting, with a reason' })
  @ApiWriteResult()
  cancel(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: CancelMeetingDto,
    @Write() write: WriteRequest,
  ) {
    return this.writes.run(write, meetingId, {
      type: 'CancelMeeting',
      data: { meetingId, reason: body.reason },
    });
  }
}
