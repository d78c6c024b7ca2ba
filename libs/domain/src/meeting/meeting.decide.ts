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
  type MeetingAttendanceRecorded,
  type TallyLine,
  type MeetingEvent,
  type MeetingSchedule,
  type MeetingStatus,
  meetingStreamId,
} from './meeting.events.js';
import {
  evolve,
  initialState,
  type KnownMeeting,
  type MeetingRound,
  type MeetingState,
} from './meeting.state.js';
import { rankScores, tally } from './meeting.tally.js';
import type { AttendanceEntry } from './meeting.commands.js';

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
  RecordAttendanceList: ['scheduled', 'open'],
  AddAgendaItem: ['scheduled', 'open'],
  EditAgendaNotes: ['scheduled', 'open'],
  RemoveAgendaItem: ['scheduled', 'open'],
  ReorderAgenda: ['scheduled', 'open'],
  CorrectMinutes: ['scheduled', 'open'],
  AddProposal: ['scheduled', 'open'],
  RecordDecision: ['open'],
  RecordNextStep: ['open'],
  OpenRound: ['open'],
  SubmitBallot: ['open'],
  RecordTally: ['open'],
  CloseRound: ['open'],
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** whether a meeting's start is a date alone (a meeting without a time of day) */
export const isDateOnly = (startsAt: string): boolean => DATE_ONLY.test(startsAt);

/** a meeting's start: a date and time with offset (stored as the UTC instant), or a date alone */
export function meetingStart(field: string, value: unknown): string {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return isoDate(INVALID, field, value);
  return isoInstant(field, value);
}

/** how many points one voter can give at most in a round: ranked N + ... + 1, unranked 1 per proposal */
const maxPointsPerVoter = (round: MeetingRound): number =>
  round.ranked ? (round.size * (round.size + 1)) / 2 : round.size;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** an ISO-8601 date and time with its offset, stored as the UTC instant */
export function isoInstant(field: string, value: unknown): string {
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value)))
    throw invalid(
      INVALID,
      field,
      'must be a date and time with offset, e.g. 2024-03-05T14:00:00+01:00, or a date alone, e.g. 2024-03-05',
    );
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

/** the fields given (not null), so events keep optional fields absent when unused */
const optionalFields = <T extends Record<string, unknown>>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as Partial<T>;

/** Markdown notes: kept as typed (line breaks matter), at most 20,000 characters; blank is none */
function notesText(field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid(INVALID, field, 'must be a text');
  if (value.length > 20_000) throw invalid(INVALID, field, 'must be at most 20000 characters');
  const trimmed = value.replace(/\s+$/, '').replace(/^\s*\n/, '');
  return trimmed.trim() === '' ? null : trimmed;
}

const attendeeIdOf = (entry: AttendanceEntry): string =>
  typeof entry.userId === 'string' && entry.userId.trim()
    ? entry.userId.trim()
    : `guest:${String(entry.guestName ?? '')
        .trim()
        .toLowerCase()}`;

/** one person's attendance as an event, or null when it changes nothing */
function attendanceEvent(
  meeting: KnownMeeting,
  data: AttendanceEntry,
  prefix: string,
): MeetingAttendanceRecorded | null {
  const f = (name: string): string => (prefix === 'attendance' ? name : `${prefix}.${name}`);
  const userId = optionalId(INVALID, f('userId'), data.userId);
  const guestName = optionalText(INVALID, f('guestName'), data.guestName);
  if ((userId === null) === (guestName === null))
    throw invalid(INVALID, f('userId'), 'name either a user (userId) or a guest (guestName), not both');
  const status = oneOf(INVALID, f('status'), data.status, ATTENDANCE_STATUSES);
  const partnerId = optionalId(INVALID, f('partnerId'), data.partnerId);
  const organisation = optionalText(INVALID, f('organisation'), data.organisation);
  const attendeeId = userId ?? `guest:${guestName!.toLowerCase()}`;
  const before = meeting.attendees.find((attendee) => attendee.attendeeId === attendeeId);
  if (
    before &&
    before.status === status &&
    before.partnerId === partnerId &&
    before.organisation === organisation &&
    before.guestName === guestName
  )
    return null;
  return {
    type: 'MeetingAttendanceRecorded',
    data: {
      meetingId: meeting.meetingId,
      attendeeId,
      userId,
      guestName,
      partnerId,
      organisation,
      status,
      from: before?.status ?? null,
    },
  };
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
          startsAt: meetingStart('startsAt', data.startsAt),
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
        startsAt: data.startsAt === undefined ? from.startsAt : meetingStart('startsAt', data.startsAt),
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
      const event = attendanceEvent(meeting, command.data, 'attendance');
      if (!event) throw new DomainError('MEETING.NO_CHANGE', { field: 'attendance' });
      return [event];
    }
    case 'RecordAttendanceList': {
      const entries: readonly AttendanceEntry[] = command.data.attendees;
      if (!isList(entries) || entries.length === 0)
        throw invalid(INVALID, 'attendees', 'must be a list of at least one attendance');
      // later entries see the earlier ones, so naming the same person twice is refused, not silently merged
      let current: KnownMeeting = meeting;
      const events: MeetingEvent[] = [];
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        const field = `attendees[${index}]`;
        if (!entry || typeof entry !== 'object') throw invalid(INVALID, field, 'must be an attendance');
        const event = attendanceEvent(current, entry, field);
        const attendeeId = event?.data.attendeeId ?? attendeeIdOf(entry);
        if (seen.has(attendeeId)) throw invalid(INVALID, field, 'names a person a second time');
        seen.add(attendeeId);
        if (!event) return;
        events.push(event);
        current = evolve(current, event) as KnownMeeting;
      });
      if (events.length === 0) throw new DomainError('MEETING.NO_CHANGE', { field: 'attendance' });
      return events;
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
      const notes = notesText('notes', data.notes);
      if (meeting.agenda.some((item) => item.itemId === itemId))
        throw new DomainError('MEETING.AGENDA_ITEM_ALREADY_EXISTS', { itemId });
      if (refId !== null && meeting.agenda.some((item) => item.kind === kind && item.refId === refId))
        throw new DomainError('MEETING.ALREADY_ON_AGENDA', { kind, refId });
      return [
        {
          type: 'MeetingAgendaItemAdded',
          data: { meetingId, itemId, kind, refId, title, ...(notes ? { notes } : {}) },
        },
      ];
    }
    case 'EditAgendaNotes': {
      const itemId = requiredText(INVALID, 'itemId', command.data.itemId);
      const item = meeting.agenda.find((candidate) => candidate.itemId === itemId);
      if (!item) throw new DomainError('MEETING.AGENDA_ITEM_NOT_FOUND', { itemId });
      if (typeof command.data.notes !== 'string') throw invalid(INVALID, 'notes', 'must be a text');
      const notes = notesText('notes', command.data.notes) ?? '';
      if (notes === (item.notes ?? '')) throw new DomainError('MEETING.NO_CHANGE', { field: 'notes' });
      return [{ type: 'MeetingAgendaNotesEdited', data: { meetingId, itemId, notes } }];
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
      const correctsMeetingId = optionalId(INVALID, 'correctsMeetingId', data.correctsMeetingId);
      const outside = data.outsideMeeting ?? null;
      if ((correctsMeetingId === null) === (outside === null))
        throw invalid(
          INVALID,
          'correctsMeetingId',
          'name either an earlier meeting (correctsMeetingId) or one held outside the product (outsideMeeting), not both',
        );
      if (correctsMeetingId === meetingId)
        throw invalid(INVALID, 'correctsMeetingId', 'must be an earlier meeting, not this one');
      const text = requiredText(INVALID, 'text', data.text);
      if (correctsMeetingId !== null)
        return [
          { type: 'MeetingMinutesCorrected', data: { meetingId, correctionId, correctsMeetingId, text } },
        ];
      if (typeof outside !== 'object' || outside === null)
        throw invalid(INVALID, 'outsideMeeting', 'must name a date and a title');
      const outsideMeeting = {
        date: isoDate(INVALID, 'outsideMeeting.date', outside.date),
        title: requiredText(INVALID, 'outsideMeeting.title', outside.title),
      };
      // an outside meeting is an earlier one: its date is before this meeting's
      if (outsideMeeting.date >= meeting.startsAt.slice(0, 10))
        throw invalid(INVALID, 'outsideMeeting.date', "must be before this meeting's date");
      return [
        {
          type: 'MeetingMinutesCorrected',
          data: { meetingId, correctionId, correctsMeetingId: null, outsideMeeting, text },
        },
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
            ...optionalFields({
              source: optionalText(INVALID, 'source', data.source),
              category: optionalText(INVALID, 'category', data.category),
            }),
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
      const recordedBy = optionalId(INVALID, 'recordedBy', data.recordedBy);
      // voting rights come from being a present attendee: a member (whatever her role) or a guest
      const attendee = meeting.attendees.find(
        (candidate) => candidate.attendeeId === voterId && candidate.status === 'present',
      );
      if (!attendee)
        throw new DomainError('MEETING.NOT_PRESENT', {
          voterId,
          ...(voterId.startsWith('guest:') ? {} : { userId: voterId }),
        });
      if (round.tally)
        throw new DomainError('MEETING.ROUND_METHOD_CONFLICT', { roundId: round.roundId, method: 'tally' });
      const proposalIds = distinctTexts(INVALID, 'proposalIds', data.proposalIds);
      if (proposalIds.length === 0 || proposalIds.length > round.size)
        throw invalid(INVALID, 'proposalIds', `must name 1 to ${round.size} proposals`);
      const outside = proposalIds.filter((id) => !round.proposalIds.includes(id));
      if (outside.length > 0)
        throw new DomainError('MEETING.PROPOSAL_NOT_IN_ROUND', { proposalIds: outside });
      const previous = round.ballots[voterId];
      const recordedBefore = round.recordedBy[voterId] ?? null;
      if (
        previous &&
        recordedBefore === recordedBy &&
        previous.length === proposalIds.length &&
        previous.every((id, i) => id === proposalIds[i])
      )
        throw new DomainError('MEETING.NO_CHANGE', { field: 'ballot' });
      return [
        {
          type: 'MeetingBallotSubmitted',
          data: {
            meetingId,
            roundId: round.roundId,
            voterId,
            proposalIds,
            replaces: previous !== undefined,
            ...(recordedBy ? { recordedBy } : {}),
            ...(attendee.guestName ? { guestName: attendee.guestName } : {}),
          },
        },
      ];
    }
    case 'RecordTally': {
      const { data } = command;
      const round = requireRound(meeting, requiredText(INVALID, 'roundId', data.roundId));
      if (Object.keys(round.ballots).length > 0)
        throw new DomainError('MEETING.ROUND_METHOD_CONFLICT', { roundId: round.roundId, method: 'ballots' });
      const voters = data.voters;
      if (!Number.isInteger(voters) || voters < 1)
        throw invalid(INVALID, 'voters', 'must be a whole number of at least 1');
      const lines: readonly TallyLine[] = data.scores;
      if (!isList(lines)) throw invalid(INVALID, 'scores', 'must be a list of points per proposal');
      const scores = lines.map((line, index) => {
        const proposalId = requiredText(INVALID, `scores[${index}].proposalId`, line?.proposalId);
        const points = line?.points;
        if (!Number.isInteger(points) || points < 0)
          throw invalid(INVALID, `scores[${index}].points`, 'must be a whole number of at least 0');
        // one voter gives a proposal at most the points of a first place
        if (points > voters * (round.ranked ? round.size : 1))
          throw invalid(
            INVALID,
            `scores[${index}].points`,
            `must be at most ${voters * (round.ranked ? round.size : 1)} (${voters} voters)`,
          );
        return { proposalId, points };
      });
      const ids = scores.map((line) => line.proposalId);
      if (new Set(ids).size !== ids.length)
        throw invalid(INVALID, 'scores', 'must name each proposal at most once');
      const outside = ids.filter((id) => !round.proposalIds.includes(id));
      if (outside.length > 0)
        throw new DomainError('MEETING.PROPOSAL_NOT_IN_ROUND', { proposalIds: outside });
      const total = scores.reduce((sum, line) => sum + line.points, 0);
      if (total > voters * maxPointsPerVoter(round))
        throw invalid(
          INVALID,
          'scores',
          `give at most ${voters * maxPointsPerVoter(round)} points in all (${voters} voters)`,
        );
      const same =
        round.tally !== null &&
        round.tally.voters === voters &&
        JSON.stringify(round.tally.scores) === JSON.stringify(scores);
      if (same) throw new DomainError('MEETING.NO_CHANGE', { field: 'tally' });
      return [
        {
          type: 'MeetingTallyRecorded',
          data: { meetingId, roundId: round.roundId, scores, voters, replaces: round.tally !== null },
        },
      ];
    }
    case 'CloseRound': {
      const round = requireRound(meeting, requiredText(INVALID, 'roundId', command.data.roundId));
      if (round.tally) {
        const scores = new Map(round.tally.scores.map((line) => [line.proposalId, line.points]));
        return [
          {
            type: 'MeetingRoundClosed',
            data: {
              meetingId,
              roundId: round.roundId,
              ballots: round.tally.voters,
              ranking: rankScores(round.proposalIds, scores),
              method: 'tally',
            },
          },
        ];
      }
      const ballots = Object.values(round.ballots);
      return [
        {
          type: 'MeetingRoundClosed',
          data: {
            meetingId,
            roundId: round.roundId,
            ballots: ballots.length,
            ranking: tally(round, round.proposalIds, ballots),
            method: 'ballots',
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

export const meetingDecider: Decider<MeetingState, MeetingCommand, MeetingEvent> = {
  name: 'meeting',
  streamId: meetingStreamId,
  decide,
  evolve,
  initialState,
};

/** whether a value from outside is a list (without narrowing a typed one to any[]) */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}
