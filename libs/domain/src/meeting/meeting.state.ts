import { assertNever } from '../shared/event.js';
import type {
  AgendaItemKind,
  AttendanceStatus,
  MeetingEvent,
  MeetingStatus,
  RankedProposal,
  TallyLine,
} from './meeting.events.js';

export type MeetingAttendee = Readonly<{
  attendeeId: string;
  userId: string | null;
  guestName: string | null;
  partnerId: string | null;
  organisation: string | null;
  status: AttendanceStatus;
}>;
export type MeetingAgendaItem = Readonly<{
  itemId: string;
  kind: AgendaItemKind;
  refId: string | null;
  title: string;
  notes: string | null;
}>;
export type MeetingProposal = Readonly<{ proposalId: string; text: string }>;
export type MeetingRound = Readonly<{
  roundId: string;
  size: number;
  ranked: boolean;
  proposalIds: readonly string[];
  /** voter id -> her ballot (the last one she submitted) */
  ballots: Readonly<Record<string, readonly string[]>>;
  /** voter id -> who recorded her current ballot on her behalf (null: she cast it herself) */
  recordedBy: Readonly<Record<string, string | null>>;
  /** the tally of a round held on paper (then it has no ballots) */
  tally: Readonly<{ scores: readonly TallyLine[]; voters: number }> | null;
  closed: boolean;
  ranking: readonly RankedProposal[] | null;
}>;

export type MeetingData = Readonly<{
  meetingId: string;
  workingGroupId: string;
  title: string;
  startsAt: string;
  location: string | null;
  attendees: readonly MeetingAttendee[];
  agenda: readonly MeetingAgendaItem[];
  proposals: readonly MeetingProposal[];
  rounds: readonly MeetingRound[];
  /** ids of corrections, decisions and next steps, to refuse a second one with the same id */
  recordIds: readonly string[];
}>;

export type AbsentMeeting = Readonly<{ status: 'absent' }>;
export type KnownMeeting = Readonly<{ status: MeetingStatus }> & MeetingData;
export type MeetingState = AbsentMeeting | KnownMeeting;

export const initialState = (): MeetingState => ({ status: 'absent' });

const replace = <T>(items: readonly T[], match: (item: T) => boolean, next: T): T[] =>
  items.some(match) ? items.map((item) => (match(item) ? next : item)) : [...items, next];

export function evolve(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingScheduled') {
    const { meetingId, workingGroupId, title, startsAt, location } = event.data;
    return {
      status: 'scheduled',
      meetingId,
      workingGroupId,
      title,
      startsAt,
      location,
      attendees: [],
      agenda: [],
      proposals: [],
      rounds: [],
      recordIds: [],
    };
  }
  if (state.status === 'absent') return state; // cannot happen in a valid stream
  switch (event.type) {
    case 'MeetingRescheduled':
      return { ...state, ...event.data.to };
    case 'MeetingStarted':
      return { ...state, status: 'open' };
    case 'MeetingEnded':
      return { ...state, status: 'ended' };
    case 'MeetingCancelled':
      return { ...state, status: 'cancelled' };
    case 'MeetingAttendanceRecorded': {
      const { attendeeId, userId, guestName, partnerId, organisation, status } = event.data;
      const attendee = { attendeeId, userId, guestName, partnerId, organisation, status };
      return {
        ...state,
        attendees: replace(state.attendees, (a) => a.attendeeId === attendeeId, attendee),
      };
    }
    case 'MeetingAgendaItemAdded': {
      const { itemId, kind, refId, title, notes } = event.data;
      return { ...state, agenda: [...state.agenda, { itemId, kind, refId, title, notes: notes ?? null }] };
    }
    case 'MeetingAgendaNotesEdited': {
      const { itemId, notes } = event.data;
      return {
        ...state,
        agenda: state.agenda.map((item) =>
          item.itemId === itemId ? { ...item, notes: notes === '' ? null : notes } : item,
        ),
      };
    }
    case 'MeetingAgendaItemRemoved':
      return { ...state, agenda: state.agenda.filter((item) => item.itemId !== event.data.itemId) };
    case 'MeetingAgendaReordered': {
      const byId = new Map(state.agenda.map((item) => [item.itemId, item]));
      return { ...state, agenda: event.data.order.map((id) => byId.get(id)!).filter(Boolean) };
    }
    case 'MeetingMinutesCorrected':
      return { ...state, recordIds: [...state.recordIds, event.data.correctionId] };
    case 'MeetingDecisionRecorded':
      return { ...state, recordIds: [...state.recordIds, event.data.decisionId] };
    case 'MeetingNextStepRecorded':
      return { ...state, recordIds: [...state.recordIds, event.data.nextStepId] };
    case 'MeetingProposalAdded':
      return {
        ...state,
        proposals: [...state.proposals, { proposalId: event.data.proposalId, text: event.data.text }],
      };
    case 'MeetingRoundOpened': {
      const { roundId, size, ranked, proposalIds } = event.data;
      const round: MeetingRound = {
        roundId,
        size,
        ranked,
        proposalIds,
        ballots: {},
        recordedBy: {},
        tally: null,
        closed: false,
        ranking: null,
      };
      return { ...state, rounds: [...state.rounds, round] };
    }
    case 'MeetingBallotSubmitted': {
      const { roundId, voterId, proposalIds, recordedBy } = event.data;
      return {
        ...state,
        rounds: state.rounds.map((round) =>
          round.roundId === roundId
            ? {
                ...round,
                ballots: { ...round.ballots, [voterId]: proposalIds },
                recordedBy: { ...round.recordedBy, [voterId]: recordedBy ?? null },
              }
            : round,
        ),
      };
    }
    case 'MeetingTallyRecorded': {
      const { roundId, scores, voters } = event.data;
      return {
        ...state,
        rounds: state.rounds.map((round) =>
          round.roundId === roundId ? { ...round, tally: { scores, voters } } : round,
        ),
      };
    }
    case 'MeetingRoundClosed': {
      const { roundId, ranking } = event.data;
      return {
        ...state,
        rounds: state.rounds.map((round) =>
          round.roundId === roundId ? { ...round, closed: true, ranking } : round,
        ),
      };
    }
    default:
      return assertNever(event);
  }
}
