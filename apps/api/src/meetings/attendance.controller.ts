import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiWriteResult } from '../http/openapi.js';
import { Write, type WriteRequest } from '../http/request-context.js';
import { AttendanceDto, type AttendanceEntryDto } from './attendance.dto.js';
import { MeetingWrites } from './meeting-writes.js';

/** Who attends a meeting (docs/meetings.md): members of the group and guests, present, excused or absent. */
@ApiTags('meetings')
@ApiBearerAuth()
@Roles('coordinator', 'member', 'partner')
@Controller('meetings/:meetingId/attendance')
export class MeetingAttendanceController {
  constructor(private readonly writes: MeetingWrites) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record or change who is present, excused or absent: a member of the group, or a guest by name; several at once with `attendees`',
  })
  @ApiWriteResult()
  record(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: AttendanceDto,
    @Write() write: WriteRequest,
  ) {
    if (body.attendees === undefined) {
      return this.writes.run(write, meetingId, {
        type: 'RecordAttendance',
        data: { meetingId, ...attendee({ ...body, status: body.status! }) },
      });
    }
    const single = (['userId', 'guestName', 'status', 'partnerId', 'organisation'] as const).filter(
      (field) => body[field] !== undefined,
    );
    if (single.length > 0)
      throw new ApiError(400, 'REQUEST.INVALID', 'send one person or a list (attendees), not both', {
        fields: single,
      });
    return this.writes.run(write, meetingId, {
      type: 'RecordAttendanceList',
      data: { meetingId, attendees: body.attendees.map(attendee) },
    });
  }
}

/** one person's attendance as the meeting's commands take it (absent fields as null) */
const attendee = (entry: AttendanceEntryDto) => ({
  userId: entry.userId ?? null,
  guestName: entry.guestName ?? null,
  partnerId: entry.partnerId ?? null,
  organisation: entry.organisation ?? null,
  status: entry.status,
});
