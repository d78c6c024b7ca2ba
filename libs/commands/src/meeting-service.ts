import {
  actionDecider,
  isActionInScope,
  meetingDecider,
  planDecider,
  signalDecider,
  workingGroupDecider,
  type KnownMeeting,
  type MeetingCommand,
  type AttendanceEntry,
  type WorkingGroupRole,
  type WorkingGroupState,
} from '#domain';
import type { EventStore } from '#event-store';
import type { CommandContext, WriteResult } from './command-context.js';
import { CommandError } from './command-error.js';
import { CommandExecutor } from './command-executor.js';
import { findAggregate, loadAggregate } from './load-aggregate.js';
import { ReferenceChecker } from './reference-checker.js';

/**
 * How a signal is looked up and put on a meeting's agenda: the signals' own use cases. `title` answers the
 * signal's text (null when the tenant has no such signal); `putOnAgenda` records on the signal that it is on
 * this meeting's agenda.
 */
export interface MeetingSignalPort {
  title(tenantId: string, signalId: string): Promise<string | null>;
  putOnAgenda(signalId: string, meetingId: string, context: CommandContext): Promise<unknown>;
}

/** The working group a meeting belongs to, and whether a user is one of its members. */
export interface MeetingGroup {
  meetingId: string;
  workingGroupId: string;
  status: KnownMeeting['status'];
  /** user id -> the organisation she sits in the group for */
  members: ReadonlyMap<string, string | null>;
  /** user id -> her role in the group (chair, secretary, member) */
  roles: ReadonlyMap<string, WorkingGroupRole>;
}

type ActiveGroup = Extract<WorkingGroupState, { status: 'active' }>;

/**
 * The meeting use cases: the meeting's own rules are in its decider; here the references to other
 * aggregates (the working group, its members, actions, partners, signals, the corrected meeting) are
 * checked against their streams in the caller's tenant, and the live tagging of action edits with a
 * meeting (`X-Meeting-Id`) is checked. Who may call what (coordinator, member of the group) is the api's
 * access rule on top (apps/api/src/meetings/meeting-access.ts).
 */
export class MeetingService {
  private readonly executor: CommandExecutor;
  private readonly references: ReferenceChecker;

  constructor(
    private readonly store: EventStore,
    /** set once the signals' use cases exist (CommandService wires them); without it signals are read from their stream */
    public signals: MeetingSignalPort | null = null,
  ) {
    this.executor = new CommandExecutor(store);
    this.references = new ReferenceChecker(store);
  }

  /** Runs one meeting command with its reference checks. */
  async run(
    meetingId: string,
    command: MeetingCommand,
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<WriteResult> {
    const signalId =
      command.type === 'AddAgendaItem' && command.data.kind === 'signal'
        ? (command.data.refId ?? null)
        : null;
    if (signalId && this.signals) {
      // two streams: the meeting's decision is tried first (nothing written), then the signal goes on this
      // agenda (its own lifecycle may refuse), then the agenda item is written; a retry of the request with
      // its Idempotency-Key completes whatever a crash left out (both steps are idempotent)
      await this.tryDecision(meetingId, command, context);
      await this.signals.putOnAgenda(signalId, meetingId, {
        ...context,
        idempotencyKey: context.idempotencyKey && `${context.idempotencyKey}#signal`,
      });
    }
    return this.executor.execute(meetingDecider, meetingId, command, context, expectedVersion, () =>
      this.checkReferences(meetingId, command, context),
    );
  }

  /** decides the command on the meeting as it is now, with its reference checks, without writing */
  private async tryDecision(
    meetingId: string,
    command: MeetingCommand,
    context: CommandContext,
  ): Promise<void> {
    // another tenant's meeting: MEETING.NOT_FOUND
    const { state, events } = await loadAggregate(this.store, meetingDecider, meetingId, context.tenantId);
    const checked = (await this.checkReferences(meetingId, command, context)) ?? command;
    if (
      context.idempotencyKey &&
      events.some((event) => event.metadata.idempotencyKey === context.idempotencyKey)
    )
      return; // a retry: the meeting step answers the first result
    meetingDecider.decide(checked, state, { now: context.now, actorId: context.actorId });
  }

  /** The meeting's group and members, from the streams (never stale); null for an unknown or foreign meeting. */
  async groupOf(tenantId: string, meetingId: string): Promise<MeetingGroup | null> {
    const meeting = (await findAggregate(this.store, meetingDecider, meetingId, tenantId))?.state;
    if (!meeting || meeting.status === 'absent') return null;
    const group = await this.workingGroup(tenantId, meeting.workingGroupId);
    const members = new Map<string, string | null>();
    const roles = new Map<string, WorkingGroupRole>();
    for (const member of group?.members ?? []) {
      members.set(member.userId, member.partnerId);
      roles.set(member.userId, member.role);
    }
    return { meetingId, workingGroupId: meeting.workingGroupId, status: meeting.status, members, roles };
  }

  /** The members of an active working group of the tenant (user id -> organisation); null when unknown or archived. */
  async membersOf(
    tenantId: string,
    workingGroupId: string,
  ): Promise<ReadonlyMap<string, string | null> | null> {
    const group = await this.workingGroup(tenantId, workingGroupId);
    if (!group) return null;
    return new Map(group.members.map((member) => [member.userId, member.partnerId]));
  }

  /** The members of an active working group with their organisation and role; null when unknown or archived. */
  async rolesOf(
    tenantId: string,
    workingGroupId: string,
  ): Promise<Pick<MeetingGroup, 'members' | 'roles'> | null> {
    const group = await this.workingGroup(tenantId, workingGroupId);
    if (!group) return null;
    return {
      members: new Map(group.members.map((member) => [member.userId, member.partnerId])),
      roles: new Map(group.members.map((member) => [member.userId, member.role])),
    };
  }

  /**
   * Checks an action change sent with `X-Meeting-Id`: the meeting exists in the tenant, is open, and its
   * group's scope includes the action (named, or its theme). Answers the meeting's group (the api then
   * checks that the caller is a coordinator or one of its members).
   */
  async checkMeetingTag(tenantId: string, meetingId: string, actionId: string): Promise<MeetingGroup> {
    const meeting = await this.groupOf(tenantId, meetingId);
    if (!meeting)
      throw new CommandError('MEETING.UNKNOWN', `no meeting with id ${meetingId}`, {
        header: 'x-meeting-id',
        meetingId,
      });
    if (meeting.status !== 'open')
      throw new CommandError('MEETING.NOT_OPEN', `meeting ${meetingId} is ${meeting.status}, not open`, {
        meetingId,
        status: meeting.status,
      });
    const group = await this.workingGroup(tenantId, meeting.workingGroupId);
    if (!group || !(await this.inScope(tenantId, group, actionId)))
      throw new CommandError(
        'MEETING.ACTION_NOT_IN_SCOPE',
        `action ${actionId} is not in the scope of the meeting's working group`,
        { meetingId, actionId, workingGroupId: meeting.workingGroupId },
      );
    return meeting;
  }

  private async checkReferences(
    meetingId: string,
    command: MeetingCommand,
    context: CommandContext,
  ): Promise<MeetingCommand | void> {
    const { tenantId } = context;
    if (command.type === 'ScheduleMeeting') {
      const group = await this.workingGroup(tenantId, command.data.workingGroupId);
      if (!group)
        throw new CommandError(
          'WORKING_GROUP.UNKNOWN',
          `no active working group ${command.data.workingGroupId}`,
          {
            field: 'workingGroupId',
          },
        );
      return;
    }
    const meeting = await this.groupOf(tenantId, meetingId);
    if (!meeting) return; // the decider answers MEETING.NOT_FOUND
    switch (command.type) {
      case 'RecordAttendance':
        return {
          ...command,
          data: { ...command.data, ...(await this.attendanceEntry(tenantId, meeting, command.data, '')) },
        };
      case 'RecordAttendanceList': {
        const entries: readonly AttendanceEntry[] = command.data.attendees;
        if (!isList(entries)) return; // the decider answers MEETING.INVALID
        const attendees: AttendanceEntry[] = [];
        for (const [index, entry] of entries.entries())
          attendees.push(
            entry && typeof entry === 'object'
              ? await this.attendanceEntry(tenantId, meeting, entry, `attendees[${index}].`)
              : entry,
          );
        return { ...command, data: { ...command.data, attendees } };
      }
      case 'AddAgendaItem': {
        const { kind, refId } = command.data;
        let title = command.data.title?.trim() ? command.data.title : '';
        if (kind === 'action' && refId) {
          const added = await this.action(tenantId, refId, 'refId');
          title ||= `${added.code} ${added.title}`;
        } else if (kind === 'signal' && refId) {
          const text = await this.signalTitle(tenantId, refId);
          if (text === null)
            throw new CommandError('SIGNAL.UNKNOWN', `no signal with id ${refId}`, { field: 'refId' });
          title ||= text;
        } else if (kind === 'proposal' && refId) {
          const current = (await findAggregate(this.store, meetingDecider, meetingId, tenantId))?.state;
          const proposals = current && current.status !== 'absent' ? current.proposals : [];
          title ||= proposals.find((proposal) => proposal.proposalId === refId)?.text ?? '';
        }
        return { ...command, data: { ...command.data, title } };
      }
      case 'CorrectMinutes': {
        // a meeting held outside the product is named by its date and title: nothing to look up
        if (!command.data.correctsMeetingId) return;
        const earlier = await this.groupOf(tenantId, command.data.correctsMeetingId);
        if (!earlier)
          throw new CommandError('MEETING.UNKNOWN', `no meeting with id ${command.data.correctsMeetingId}`, {
            field: 'correctsMeetingId',
          });
        if (earlier.workingGroupId !== meeting.workingGroupId || earlier.status !== 'ended')
          throw new CommandError(
            'MEETING.CORRECTION_TARGET_INVALID',
            'a correction is to the minutes of an ended meeting of the same working group',
            {
              field: 'correctsMeetingId',
              status: earlier.status,
              sameGroup: earlier.workingGroupId === meeting.workingGroupId,
            },
          );
        return;
      }
      case 'RecordDecision':
        for (const actionId of command.data.actionIds ?? [])
          await this.action(tenantId, actionId, 'actionIds');
        return;
      case 'RecordNextStep': {
        const { ownerUserId, ownerPartnerId, linkedActionId } = command.data;
        if (ownerUserId) await this.references.userExists(tenantId, ownerUserId, 'ownerUserId');
        if (ownerPartnerId) await this.references.partnerExists(tenantId, ownerPartnerId, 'ownerPartnerId');
        if (linkedActionId) await this.action(tenantId, linkedActionId, 'linkedActionId');
        return;
      }
      case 'AddProposal': {
        const { themeId, actionIds } = command.data;
        for (const actionId of actionIds ?? []) await this.action(tenantId, actionId, 'actionIds');
        if (themeId) {
          const group = await this.workingGroup(tenantId, meeting.workingGroupId);
          const plan = group ? await this.plan(tenantId, group.planId) : null;
          if (!plan || !plan.themes.has(themeId))
            throw new CommandError('PLAN.THEME_UNKNOWN', `no theme ${themeId} in the group's plan`, {
              field: 'themeId',
            });
        }
        return;
      }
      // a ballot: voting rights come from being a present attendee (the decider checks), not from membership
      default:
        return;
    }
  }

  /**
   * One attendance entry checked: its organisation exists; a user is a member of the group and attends for
   * the organisation she sits in the group for, unless told otherwise.
   */
  private async attendanceEntry(
    tenantId: string,
    meeting: MeetingGroup,
    entry: AttendanceEntry,
    prefix: string,
  ): Promise<AttendanceEntry> {
    const { userId, partnerId } = entry;
    if (partnerId) await this.references.partnerExists(tenantId, partnerId, `${prefix}partnerId`);
    if (!userId) return entry;
    await this.references.userExists(tenantId, userId, `${prefix}userId`);
    if (!meeting.members.has(userId)) throw notAMember(userId, `${prefix}userId`);
    return { ...entry, partnerId: partnerId ?? meeting.members.get(userId) ?? null };
  }

  private async workingGroup(tenantId: string, workingGroupId: string): Promise<ActiveGroup | null> {
    const group = await findAggregate(this.store, workingGroupDecider, workingGroupId, tenantId);
    return group?.state.status === 'active' ? group.state : null;
  }

  /** the tenant's plan, or null */
  private async plan(tenantId: string, planId: string) {
    const plan = await findAggregate(this.store, planDecider, planId, tenantId);
    return plan?.state.status === 'active' ? plan.state : null;
  }

  /** the action as it was added (its code and title then), after checking it exists in the tenant */
  private async action(tenantId: string, actionId: string, field: string) {
    const added = await findAggregate(this.store, actionDecider, actionId, tenantId, { toVersion: 1 });
    if (!added || added.state.status === 'absent')
      throw new CommandError('ACTION.UNKNOWN', `no action with id ${actionId}`, { field });
    return added.state;
  }

  /** `isActionInScope`, with the action's place (its theme and the goals above it) read from its plan */
  private async inScope(tenantId: string, group: ActiveGroup, actionId: string): Promise<boolean> {
    if (isActionInScope(group.scope, { id: actionId, themeId: null })) return true;
    if (group.scope.themeIds.length === 0) return false;
    const added = (await findAggregate(this.store, actionDecider, actionId, tenantId, { toVersion: 1 }))
      ?.state;
    if (!added || added.status === 'absent') return false;
    const plan = await this.plan(tenantId, added.planId);
    if (!plan) return false;
    // the sections from the theme down to the action's goal, as the action list stores them (`goal_path`)
    const sectionPath: string[] = [];
    let parentId = plan.actions.get(actionId)?.goalId ?? added.goalId;
    let themeId: string | null = null;
    for (let depth = 0; depth < 100; depth++) {
      if (plan.themes.has(parentId)) {
        themeId = parentId;
        sectionPath.unshift(parentId);
        break;
      }
      const goal = plan.goals.get(parentId);
      if (!goal) break;
      sectionPath.unshift(parentId);
      parentId = goal.parentId;
    }
    return isActionInScope(group.scope, { id: actionId, themeId, sectionPath });
  }

  private async signalTitle(tenantId: string, signalId: string): Promise<string | null> {
    if (this.signals) return this.signals.title(tenantId, signalId);
    // without the signals' use cases: the signal as submitted, from its own stream
    const signal = await findAggregate(this.store, signalDecider, signalId, tenantId, { toVersion: 1 });
    return !signal || signal.state.status === 'absent' ? null : signal.state.text;
  }
}

const notAMember = (userId: string, field: string): CommandError =>
  new CommandError('MEETING.NOT_A_MEMBER', `user ${userId} is not a member of the meeting's working group`, {
    field,
    userId,
  });

/** whether a value from outside is a list (without narrowing a typed one to any[]) */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}
