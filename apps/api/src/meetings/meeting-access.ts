import { Injectable } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { CommandService, type MeetingGroup } from '#commands';
import { ApiError, notFound } from '../http/api-error.js';
import type { Caller } from '../http/request-context.js';

/**
 * Who may change a meeting (docs/access.md, "Meetings"): a coordinator, or a member of the meeting's
 * working group; a ballot only by a member of the group, for herself. The facts come from the streams
 * (the group's members, the meeting's group), so a member added a moment ago may act at once.
 */
@Injectable()
export class MeetingAccess {
  constructor(private readonly commands: CommandService) {}

  /** a write on an existing meeting; answers its group */
  async write(caller: Caller, meetingId: string): Promise<MeetingGroup> {
    const meeting = await this.commands.meetings.groupOf(caller.tenantId, meetingId);
    if (!meeting) throw notFound('meeting', meetingId);
    if (caller.role === 'coordinator' || (caller.role === 'member' && meeting.members.has(caller.id)))
      return meeting;
    throw forbidden(caller, 'only a coordinator or a member of the working group changes its meetings');
  }

  /** scheduling a meeting of a working group */
  async schedule(caller: Caller, workingGroupId: string): Promise<void> {
    const members = await this.commands.meetings.membersOf(caller.tenantId, workingGroupId);
    if (!members) throw notFound('working group', workingGroupId);
    if (caller.role === 'coordinator' || (caller.role === 'member' && members.has(caller.id))) return;
    throw forbidden(caller, 'only a coordinator or a member of the working group schedules its meetings');
  }

  /** a ballot: members of the group only, each her own */
  async vote(caller: Caller, meetingId: string): Promise<void> {
    const meeting = await this.commands.meetings.groupOf(caller.tenantId, meetingId);
    if (!meeting) throw notFound('meeting', meetingId);
    if (meeting.members.has(caller.id)) return;
    throw forbidden(caller, 'only members of the working group submit a top');
  }

  /**
   * `X-Meeting-Id` on an action change: the meeting exists, is open, its group's scope includes the action,
   * and the caller is a coordinator or a member of that group. The events then carry `metadata.meetingId`.
   */
  async checkTag(caller: Caller, meetingId: string | null, actionId: string): Promise<void> {
    if (meetingId === null) return;
    const meeting = await this.commands.meetings.checkMeetingTag(caller.tenantId, meetingId, actionId);
    if (caller.role === 'coordinator' || meeting.members.has(caller.id)) return;
    throw forbidden(
      caller,
      "only a coordinator or a member of the meeting's working group edits in the meeting",
    );
  }
}

const forbidden = (caller: Caller, message: string): ApiError =>
  new ApiError(403, 'AUTH.FORBIDDEN', message, { role: caller.role });

/** Documents the optional `X-Meeting-Id` header of the action writes (apps/api/src/actions). */
export const MeetingTagHeader = (): ClassDecorator & MethodDecorator =>
  ApiHeader({
    name: 'X-Meeting-Id',
    required: false,
    description:
      'writes only: the change is made in this open meeting of a working group whose scope includes the ' +
      "action (the caller a coordinator or one of its members); its events carry the meeting's id and appear " +
      'in the minutes. 422 MEETING.UNKNOWN / MEETING.NOT_OPEN / MEETING.ACTION_NOT_IN_SCOPE, 403 otherwise.',
  });
