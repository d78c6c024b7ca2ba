import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import {
  boolean,
  distinctTexts,
  invalid,
  isoDate,
  oneOf,
  optionalId,
  optionalText,
  requiredText,
} from '../shared/validation.js';
import { DEFAULT_ROUND_SIZE, MAX_ROUND_SIZE, type MeetingCommand } from './meeting.commands.js';
import {
  AGENDA_ITEM_KINDS,
  ATTENDANCE_STATUSES,
  type MeetingEvent,
  type MeetingSchedule,
  type MeetingStatus,
} from './meeting.events.js';
import {
  evolve,
  initialState,
  type KnownMeeting,
  type MeetingRound,
  type MeetingState,
} from './meeting.state.js';
import { tally } from './meeting.tally.js';

const INVALID = 'MEETING.INVALID';

/** the moves of the meeting's lifecycle: start (scheduled -> open), end (open -> ended), cancel (scheduled) */
export const MEETING_TRANSITIONS: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  scheduled: ['open', 'cancelled'],
  open: ['ended'],
  ended: [],
  cancelled: [],
};

/** in which statuses each kind of change is allowed (docs/meetings.md) */
const ALLOWED_IN: Readonly<Record<string, readonly MeetingStatus[]>> = {
  RescheduleMeeting: ['scheduled'],
  RecordAttendance: ['scheduled', 'open'],
  AddAgendaItem: ['scheduled', 'open'],
  RemoveAgendaItem: ['scheduled', 'open'],
  ReorderAgenda: ['scheduled', 'open'],
  CorrectMinutes: ['scheduled', 'open'],
  AddProposal: ['scheduled', 'open'],
  RecordDecision: ['open'],
  RecordNextStep: ['open'],
  OpenRound: ['open'],
  SubmitBallot: ['open'],
  CloseRound: ['open'],
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** an ISO-8601 date and time with its offset, stored as the UTC instant */
export function isoInstant(field: string, value: unknown): string {
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value)))
    throw invalid(INVALID, field, 'must be a date and time with offset, e.g. 2024-03-05T14:00:00+01:00');
  isoDate(INVALID, field, value.slice(0, 10)); // 2024-02-30T... is refused
  return new Date(value).toISOString();
}

function transition(meeting: KnownMeeting, to: MeetingStatus): void {
  const allowed = MEETING_TRANSITIONS[meeting.status];
  if (allowed.includes(to)) return;
  if (allowed.length === 0) throw new DomainError('MEETING.CLOSED', { status: meeting.status });
  throw new DomainError('MEETING.INVALID_STATUS_TRANSITION', { from: meeting.status, to, allowed });
}

function requireStatusFor(meeting: KnownMeeting, commandType: string): void {
  const allowed = ALLOWED_IN[commandType] ?? [];
  if (allowed.includes(meeting.status)) return;
  if (MEETING_TRANSITIONS[meeting.status].length === 0)
    throw new DomainError('MEETING.CLOSED', { status: meeting.status });
  throw new DomainError('MEETING.NOT_ALLOWED_IN_STATUS', { status: meeting.status, allowed });
}

const scheduleOf = (meeting: KnownMeeting): MeetingSchedule => ({
  title: meeting.title,
  startsAt: meeting.startsAt,
  location: meeting.location,
});

function requireNewRecordId(meeting: KnownMeeting, field: string, value: unknown): string {
  const id = requiredText(INVALID, field, value);
  if (meeting.recordIds.includes(id)) throw new DomainError('MEETING.RECORD_ALREADY_EXISTS', { id });
  return id;
}

function requireRound(meeting: KnownMeeting, roundId: string): MeetingRound {
  const round = meeting.rounds.find((candidate) => candidate.roundId === roundId);
  if (!round) throw new DomainError('MEETING.ROUND_NOT_FOUND', { roundId });
  if (round.closed) throw new DomainError('MEETING.ROUND_CLOSED', { roundId });
  return round;
}

/** A meeting's own rules: its lifecycle, attendance, agenda, records, proposals and prioritisation rounds. */
export function decide(command: MeetingCommand, state: MeetingState, ctx?: DecisionContext): MeetingEvent[] {
  if (command.type === 'ScheduleMeeting') {
    if (state.status !== 'absent')
      throw new DomainError('MEETING.ALREADY_EXISTS', { meetingId: state.meetingId });
    const { data } = command;
    return [
      {
        type: 'MeetingScheduled',
        data: {
          meetingId: requiredText(INVALID, 'meetingId', data.meetingId),
          workingGroupId: requiredText(INVALID, 'workingGroupId', data.workingGroupId),
          title: requiredText(INVALID, 'title', data.title),
          startsAt: isoInstant('startsAt', data.startsAt),
          location: optionalText(INVALID, 'location', data.location),
        },
      },
    ];
  }
  if (state.status === 'absent') throw new DomainError('MEETING.NOT_FOUND');
  const meeting = state;
  const { meetingId } = meeting;
  if (command.type in ALLOWED_IN) requireStatusFor(meeting, command.type);

  switch (command.type) {
    case 'RescheduleMeeting': {
      const { data } = command;
      const from = scheduleOf(meeting);
      const to: MeetingSchedule = {
        title: data.title === undefined ? from.title : requiredText(INVALID, 'title', data.title),
        startsAt: data.startsAt === undefined ? from.startsAt : isoInstant('startsAt', data.startsAt),
        location:
          data.location === undefined ? from.location : optionalText(INVALID, 'location', data.location),
      };
      if (to.title === from.title && to.startsAt === from.startsAt && to.location === from.location)
        throw new DomainError('MEETING.NO_CHANGE', { field: 'schedule' });
      return [{ type: 'MeetingRescheduled', data: { meetingId, from, to } }];
    }
    case 'StartMeeting':
      transition(meeting, 'open');
      return [{ type: 'MeetingStarted', data: { meetingId } }];
    case 'EndMeeting':
      transition(meeting, 'ended');
      // a round left open would leave the ranking unrecorded: close it first
      if (meeting.rounds.some((round) => !round.closed))
        throw new DomainError('MEETING.ROUND_STILL_OPEN', {
          roundId: meeting.rounds.find((round) => !round.closed)!.roundId,
        });
      return [{ type: 'MeetingEnded', data: { meetingId } }];
    case 'CancelMeeting': {
      transition(meeting, 'cancelled');
      const reason = requiredText(INVALID, 'reason', command.data.reason);
      return [{ type: 'MeetingCancelled', data: { meetingId, reason } }];
    }
    case 'RecordAttendance': {
      const { data } = command;
      const userId = optionalId(INVALID, 'userId', data.userId);
      const guestName = optionalText(INVALID, 'guestName', data.guestName);
      if ((userId === null) === (guestName === null))
        throw invalid(INVALID, 'userId', 'name either a user (userId) or a guest (guestName), not both');
      const status = oneOf(INVALID, 'status', data.status, ATTENDANCE_STATUSES);
      const partnerId = optionalId(INVALID, 'partnerId', data.partnerId);
      const organisation = optionalText(INVALID, 'organisation', data.organisation);
      const attendeeId = userId ?? `guest:${guestName!.toLowerCase()}`;
      const before = meeting.attendees.find((attendee) => attendee.attendeeId === attendeeId);
      if (
        before &&
        before.status === status &&
        before.partnerId === partnerId &&
        before.organisation === organisation &&
        before.guestName === guestName
      )
        throw new DomainError('MEETING.NO_CHANGE', { field: 'attendance' });
      return [
        {
          type: 'MeetingAttendanceRecorded',
          data: {
            meetingId,
            attendeeId,
            userId,
            guestName,
            partnerId,
            organisation,
            status,
            from: before?.status ?? null,
          },
        },
      ];
    }
    case 'AddAgendaItem': {
      const { data } = command;
      const itemId = requiredText(INVALID, 'itemId', data.itemId);
      const kind = oneOf(INVALID, 'kind', data.kind, AGENDA_ITEM_KINDS);
      const refId = optionalId(INVALID, 'refId', data.refId);
      if (kind === 'topic' && refId !== null) throw invalid(INVALID, 'refId', 'a free topic links nothing');
      if (kind !== 'topic' && refId === null)
        throw invalid(INVALID, 'refId', `an ${kind} item names the ${kind}`);
      if (kind === 'proposal' && !meeting.proposals.some((p) => p.proposalId === refId))
        throw new DomainError('MEETING.PROPOSAL_NOT_FOUND', { proposalId: refId });
      const title = requiredText(INVALID, 'title', data.title);
      if (meeting.agenda.some((item) => item.itemId === itemId))
        throw new DomainError('MEETING.AGENDA_ITEM_ALREADY_EXISTS', { itemId });
      if (refId !== null && meeting.agenda.some((item) => item.kind === kind && item.refId === refId))
        throw new DomainError('MEETING.ALREADY_ON_AGENDA', { kind, refId });
      return [{ type: 'MeetingAgendaItemAdded', data: { meetingId, itemId, kind, refId, title } }];
    }
    case 'RemoveAgendaItem': {
      const itemId = requiredText(INVALID, 'itemId', command.data.itemId);
      if (!meeting.agenda.some((item) => item.itemId === itemId))
        throw new DomainError('MEETING.AGENDA_ITEM_NOT_FOUND', { itemId });
      return [{ type: 'MeetingAgendaItemRemoved', data: { meetingId, itemId } }];
    }
    case 'ReorderAgenda': {
      const order = distinctTexts(INVALID, 'order', command.data.order);
      const current = meeting.agenda.map((item) => item.itemId);
      if (order.length !== current.length || !order.every((id) => current.includes(id)))
        throw new DomainError('MEETING.NOT_A_PERMUTATION', { expected: current });
      if (order.every((id, index) => id === current[index]))
        throw new DomainError('MEETING.NO_CHANGE', { field: 'order' });
      return [{ type: 'MeetingAgendaReordered', data: { meetingId, order } }];
    }
    case 'CorrectMinutes': {
      const { data } = command;
      const correctionId = requireNewRecordId(meeting, 'correctionId', data.correctionId);
      const correctsMeetingId = requiredText(INVALID, 'correctsMeetingId', data.correctsMeetingId);
      if (correctsMeetingId === meetingId)
        throw invalid(INVALID, 'correctsMeetingId', 'must be an earlier meeting, not this one');
      const text = requiredText(INVALID, 'text', data.text);
      return [
        { type: 'MeetingMinutesCorrected', data: { meetingId, correctionId, correctsMeetingId, text } },
      ];
    }
    case 'RecordDecision': {
      const { data } = command;
      const decisionId = requireNewRecordId(meeting, 'decisionId', data.decisionId);
      const text = requiredText(INVALID, 'text', data.text);
      const actionIds = distinctTexts(INVALID, 'actionIds', data.actionIds);
      const agendaItemId = optionalId(INVALID, 'agendaItemId', data.agendaItemId);
      if (agendaItemId !== null && !meeting.agenda.some((item) => item.itemId === agendaItemId))
        throw new DomainError('MEETING.AGENDA_ITEM_NOT_FOUND', { itemId: agendaItemId });
      return [
        { type: 'MeetingDecisionRecorded', data: { meetingId, decisionId, text, actionIds, agendaItemId } },
      ];
    }
    case 'RecordNextStep': {
      const { data } = command;
      const nextStepId = requireNewRecordId(meeting, 'nextStepId', data.nextStepId);
      const text = requiredText(INVALID, 'text', data.text);
      const ownerUserId = optionalId(INVALID, 'ownerUserId', data.ownerUserId);
      const ownerPartnerId = optionalId(INVALID, 'ownerPartnerId', data.ownerPartnerId);
      if (ownerUserId === null && ownerPartnerId === null)
        throw invalid(INVALID, 'ownerUserId', 'a next step has an owner: a user and/or an organisation');
      const dueDate =
        data.dueDate === undefined || data.dueDate === null
          ? null
          : isoDate(INVALID, 'dueDate', data.dueDate);
      const linkedActionId = optionalId(INVALID, 'linkedActionId', data.linkedActionId);
      return [
        {
          type: 'MeetingNextStepRecorded',
          data: { meetingId, nextStepId, text, ownerUserId, ownerPartnerId, dueDate, linkedActionId },
        },
      ];
    }
    case 'AddProposal': {
      const { data } = command;
      const proposalId = requiredText(INVALID, 'proposalId', data.proposalId);
      if (meeting.proposals.some((proposal) => proposal.proposalId === proposalId))
        throw new DomainError('MEETING.PROPOSAL_ALREADY_EXISTS', { proposalId });
      return [
        {
          type: 'MeetingProposalAdded',
          data: {
            meetingId,
            proposalId,
            text: requiredText(INVALID, 'text', data.text),
            themeId: optionalId(INVALID, 'themeId', data.themeId),
            actionIds: distinctTexts(INVALID, 'actionIds', data.actionIds),
            proposedBy: requiredText(INVALID, 'actorId', ctx?.actorId),
          },
        },
      ];
    }
    case 'OpenRound': {
      const { data } = command;
      const roundId = requiredText(INVALID, 'roundId', data.roundId);
      if (meeting.rounds.some((round) => round.roundId === roundId))
        throw new DomainError('MEETING.ROUND_ALREADY_EXISTS', { roundId });
      const open = meeting.rounds.find((round) => !round.closed);
      if (open) throw new DomainError('MEETING.ROUND_ALREADY_OPEN', { roundId: open.roundId });
      const size = data.size ?? DEFAULT_ROUND_SIZE;
      if (!Number.isInteger(size) || size < 1 || size > MAX_ROUND_SIZE)
        throw invalid(INVALID, 'size', `must be a whole number from 1 to ${MAX_ROUND_SIZE}`);
      const ranked = boolean(INVALID, 'ranked', data.ranked, true);
      if (meeting.proposals.length === 0) throw new DomainError('MEETING.NO_PROPOSALS');
      const proposalIds = meeting.proposals.map((proposal) => proposal.proposalId);
      return [{ type: 'MeetingRoundOpened', data: { meetingId, roundId, size, ranked, proposalIds } }];
    }
    case 'SubmitBallot': {
      const { data } = command;
      const round = requireRound(meeting, requiredText(INVALID, 'roundId', data.roundId));
      const voterId = requiredText(INVALID, 'voterId', data.voterId);
      const present = meeting.attendees.some(
        (attendee) => attendee.userId === voterId && attendee.status === 'present',
      );
      if (!present) throw new DomainError('MEETING.NOT_PRESENT', { userId: voterId });
      const proposalIds = distinctTexts(INVALID, 'proposalIds', data.proposalIds);
      if (proposalIds.length === 0 || proposalIds.length > round.size)
        throw invalid(INVALID, 'proposalIds', `must name 1 to ${round.size} proposals`);
      const outside = proposalIds.filter((id) => !round.proposalIds.includes(id));
      if (outside.length > 0)
        throw new DomainError('MEETING.PROPOSAL_NOT_IN_ROUND', { proposalIds: outside });
      const previous = round.ballots[voterId];
      if (
        previous &&
        previous.length === proposalIds.length &&
        previous.every((id, i) => id === proposalIds[i])
      )
        throw new DomainError('MEETING.NO_CHANGE', { field: 'ballot' });
      return [
        {
          type: 'MeetingBallotSubmitted',
          data: { meetingId, roundId: round.roundId, voterId, proposalIds, replaces: previous !== undefined },
        },
      ];
    }
    case 'CloseRound': {
      const round = requireRound(meeting, requiredText(INVALID, 'roundId', command.data.roundId));
      const ballots = Object.values(round.ballots);
      return [
        {
          type: 'MeetingRoundClosed',
          data: {
            meetingId,
            roundId: round.roundId,
            ballots: ballots.length,
            ranking: tally(round, round.proposalIds, ballots),
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

export const meetingDecider: Decider<MeetingState, MeetingCommand, MeetingEvent> = {
  decide,
  evolve,
  initialState,
};
