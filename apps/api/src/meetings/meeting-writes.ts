import { Injectable } from '@nestjs/common';
import { CommandService, type WriteResult } from '#commands';
import type { MeetingCommand } from '#domain';
import type { WriteRequest } from '../http/request-context.js';
import { MeetingAccess } from './meeting-access.js';

/**
 * A write on one meeting, shared by the meeting controllers (meetings, attendance, agenda, rounds, minutes):
 * the caller must be one who changes the meeting (MeetingAccess.write), and the events name the meeting.
 */
@Injectable()
export class MeetingWrites {
  constructor(
    private readonly commands: CommandService,
    private readonly access: MeetingAccess,
  ) {}

  /** a change by a coordinator, the group's chair or secretary, or a member of the meeting's group */
  async run(write: WriteRequest, meetingId: string, command: MeetingCommand): Promise<WriteResult> {
    await this.access.write(write.caller, meetingId);
    return this.runChecked(write, meetingId, command);
  }

  /**
   * Like run, once the route checked its own access rule (scheduling, ballots, tallies). A meeting's own
   * events name it: a stray X-Meeting-Id header does not tag them with another one.
   */
  runChecked(
    { context, expectedVersion }: WriteRequest,
    meetingId: string,
    command: MeetingCommand,
  ): Promise<WriteResult> {
    return this.commands.meetings.run(meetingId, command, { ...context, meetingId }, expectedVersion);
  }

  /** run, answering the id of what it added (`{ ...result, itemId }`) */
  async add<K extends string>(
    write: WriteRequest,
    meetingId: string,
    key: K,
    id: string,
    command: MeetingCommand,
  ): Promise<WriteResult & Record<K, string>> {
    const result = await this.run(write, meetingId, command);
    return { ...result, [key]: id } as WriteResult & Record<K, string>;
  }
}
