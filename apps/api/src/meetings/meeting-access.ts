import { Injectable } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { CommandService, type MeetingGroup } from '#commands';
import type { WorkingGroupRole } from '#domain';
import { ApiError, notFound } from '../http/api-error.js';
import type { Caller } from '../http/request-context.js';

/** the group roles that run a group's meetings, whatever their role in the tenant */
const RUNS_MEETINGS: readonly WorkingGroupRole[] = ['chair', 'secretary'];

/**
 * Who may see and change a meeting (docs/access.md, "Meetings"): a coordinator; the chair or secretary of
 * the meeting's working group (whatever their tenant role, e.g. partner staff); a member (tenant role
 * `member`) of the group. Ballots: every present attendee casts her own (the decider checks presence);
 * the chair, secretary or a coordinator records one on behalf of any present attendee and enters a paper
 * tally. Partner staff see the meetings of the groups they are in. The facts come from the streams (the
 * group's members and roles, the meeting's group), so a member added a moment ago may act at once.
 */
@Injectable()
export class MeetingAccess {
  constructor(private readonly commands: CommandService) {}

  /** a write on an existing meeting; answers its group */
  async write(caller: Caller, meetingId: string): Promise<MeetingGroup> {
    const meeting = await this.meeting(caller, meetingId);
    if (mayRun(caller, meeting.members, meeting.roles)) return meeting;
    throw forbidden(
      caller,
      "only a coordinator, the group's chair or secretary, or a member of the working group changes its meetings",
    );
  }

  /** the chair's and secretary's own acts: ballots on behalf and paper tallies (and coordinators) */
  async chair(caller: Caller, meetingId: string): Promise<MeetingGroup> {
    const meeting = await this.meeting(caller, meetingId);
    if (caller.role === 'coordinator' || runsMeetings(meeting.roles, caller.id)) return meeting;
    throw forbidden(
      caller,
      "only the group's chair or secretary (or a coordinator) records ballots on behalf and paper tallies",
    );
  }

  /** scheduling a meeting of a working group */
  async schedule(caller: Caller, workingGroupId: string): Promise<void> {
    const group = await this.commands.meetings.rolesOf(caller.tenantId, workingGroupId);
    if (!group) throw notFound('working group', workingGroupId);
    if (mayRun(caller, group.members, group.roles)) return;
    throw forbidden(
      caller,
      "only a coordinator, the group's chair or secretary, or a member of the working group schedules its meetings",
    );
  }

  /** reading a meeting: partner staff only for the groups they are in */
  async read(caller: Caller, meetingId: string): Promise<void> {
    if (caller.role !== 'partner') return;
    const meeting = await this.meeting(caller, meetingId);
    if (!meeting.members.has(caller.id))
      throw forbidden(caller, 'partner staff see the meetings of the working groups they are in');
  }

  /** reading a group's meetings: partner staff only for the groups they are in */
  async readGroup(caller: Caller, workingGroupId: string): Promise<void> {
    if (caller.role !== 'partner') return;
    const group = await this.commands.meetings.rolesOf(caller.tenantId, workingGroupId);
    if (!group) throw notFound('working group', workingGroupId);
    if (!group.members.has(caller.id))
      throw forbidden(caller, 'partner staff see the meetings of the working groups they are in');
  }

  /** a ballot of her own: any member of the group (whatever her role); the decider checks she is present */
  async vote(caller: Caller, meetingId: string): Promise<void> {
    const meeting = await this.commands.meetings.groupOf(caller.tenantId, meetingId);
    if (!meeting) throw notFound('meeting', meetingId);
    if (meeting.members.has(caller.id)) return;
    throw forbidden(caller, 'only members of the working group submit a top of their own');
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

  /** the meeting in the caller's tenant (404 otherwise) */
  private async meeting(caller: Caller, meetingId: string): Promise<MeetingGroup> {
    const meeting = await this.commands.meetings.groupOf(caller.tenantId, meetingId);
    if (!meeting) throw notFound('meeting', meetingId);
    return meeting;
  }
}

const runsMeetings = (roles: ReadonlyMap<string, WorkingGroupRole>, userId: string): boolean =>
  RUNS_MEETINGS.includes(roles.get(userId) ?? 'member');

/** coordinator; chair or secretary of the group; or a tenant `member` who is in the group */
const mayRun = (
  caller: Caller,
  members: ReadonlyMap<string, string | null>,
  roles: ReadonlyMap<string, WorkingGroupRole>,
): boolean =>
  caller.role === 'coordinator' ||
  (members.has(caller.id) && (caller.role === 'member' || runsMeetings(roles, caller.id)));

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
