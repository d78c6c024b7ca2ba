import type { Event } from '../shared/event.js';

/**
 * A meeting's life: scheduled, then open (started), then ended; or cancelled before it starts.
 * nl: gepland, bezig, afgelopen, geannuleerd.
 */
export const MEETING_STATUSES = ['scheduled', 'open', 'ended', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const isMeetingStatus = (value: unknown): value is MeetingStatus =>
  typeof value === 'string' && (MEETING_STATUSES as readonly string[]).includes(value);

/** nl: aanwezig, verontschuldigd, afwezig */
export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** what an agenda item is about: an action, a partner signal, a proposal, or a free topic */
export const AGENDA_ITEM_KINDS = ['action', 'signal', 'proposal', 'topic'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

/**
 * when and where: `startsAt` is an ISO-8601 instant (UTC), or a date alone (`2024-01-19`) for a meeting
 * without a time of day; `location` a place or a link (null: not yet known)
 */
export type MeetingSchedule = Readonly<{ title: string; startsAt: string; location: string | null }>;

/** One line of a prioritisation round's result: ties share a rank ("1, 1, 3"). */
export type RankedProposal = Readonly<{ proposalId: string; score: number; rank: number }>;

export type MeetingScheduled = Event<
  'MeetingScheduled',
  { meetingId: string; workingGroupId: string; title: string; startsAt: string; location: string | null }
>;
export type MeetingRescheduled = Event<
  'MeetingRescheduled',
  { meetingId: string; from: MeetingSchedule; to: MeetingSchedule }
>;
export type MeetingStarted = Event<'MeetingStarted', { meetingId: string }>;
export type MeetingEnded = Event<'MeetingEnded', { meetingId: string }>;
export type MeetingCancelled = Event<'MeetingCancelled', { meetingId: string; reason: string }>;
/**
 * One person's attendance (set or changed): a user of the tenant (`userId`) or a guest who is not a user
 * (`guestName`). `attendeeId` is the user id, or `guest:<name in lower case>` for a guest.
 */
export type MeetingAttendanceRecorded = Event<
  'MeetingAttendanceRecorded',
  {
    meetingId: string;
    attendeeId: string;
    userId: string | null;
    guestName: string | null;
    /** the organisation the person attends for: a partner organisation of the tenant, or a free name */
    partnerId: string | null;
    organisation: string | null;
    status: AttendanceStatus;
    from: AttendanceStatus | null;
  }
>;
export type MeetingAgendaItemAdded = Event<
  'MeetingAgendaItemAdded',
  {
    meetingId: string;
    itemId: string;
    kind: AgendaItemKind;
    /** the action, signal or proposal the item is about (null for a free topic) */
    refId: string | null;
    title: string;
    /** discussion notes (Markdown) given with the item; absent in events before notes existed */
    notes?: string | null;
  }
>;
/** the discussion notes of an agenda item (Markdown), as the secretary keeps them during the meeting */
export type MeetingAgendaNotesEdited = Event<
  'MeetingAgendaNotesEdited',
  { meetingId: string; itemId: string; notes: string }
>;
export type MeetingAgendaItemRemoved = Event<
  'MeetingAgendaItemRemoved',
  { meetingId: string; itemId: string }
>;
export type MeetingAgendaReordered = Event<'MeetingAgendaReordered', { meetingId: string; order: string[] }>;
/** an earlier meeting whose minutes were kept outside the product: known by its date and title */
export type OutsideMeeting = Readonly<{ date: string; title: string }>;
/**
 * A correction to the minutes of an earlier meeting of the same group, recorded at this one: a meeting
 * held in the product (`correctsMeetingId`), or one held before it was used (`outsideMeeting`, then
 * `correctsMeetingId` is null; events before outside meetings existed always name a meeting).
 */
export type MeetingMinutesCorrected = Event<
  'MeetingMinutesCorrected',
  {
    meetingId: string;
    correctionId: string;
    correctsMeetingId: string | null;
    outsideMeeting?: OutsideMeeting | null;
    text: string;
  }
>;
export type MeetingDecisionRecorded = Event<
  'MeetingDecisionRecorded',
  { meetingId: string; decisionId: string; text: string; actionIds: string[]; agendaItemId: string | null }
>;
export type MeetingNextStepRecorded = Event<
  'MeetingNextStepRecorded',
  {
    meetingId: string;
    nextStepId: string;
    text: string;
    /** who does it: a user, an organisation, or both (at least one) */
    ownerUserId: string | null;
    ownerPartnerId: string | null;
    dueDate: string | null;
    linkedActionId: string | null;
  }
>;
export type MeetingProposalAdded = Event<
  'MeetingProposalAdded',
  {
    meetingId: string;
    proposalId: string;
    text: string;
    themeId: string | null;
    actionIds: string[];
    proposedBy: string;
    /** where the proposal came from, e.g. "netwerkdag 13/10" (optional, absent in older events) */
    source?: string | null;
    /** a free category the minutes group proposals by (optional, absent in older events) */
    category?: string | null;
  }
>;
/**
 * A prioritisation round over the proposals known when it opens (`proposalIds`, in creation order). Each
 * present member names a top `size`; ranked: the 1st gets `size` points ... the last 1; unranked: 1 each.
 */
export type MeetingRoundOpened = Event<
  'MeetingRoundOpened',
  { meetingId: string; roundId: string; size: number; ranked: boolean; proposalIds: string[] }
>;
/**
 * A present attendee's top N; a second ballot of the same voter in the same round replaces the first.
 * `voterId` is the attendee id (a user id, or `guest:<name>`); `recordedBy` is the chair, secretary or
 * coordinator who recorded it on the voter's behalf (absent or null: cast by the voter herself).
 */
export type MeetingBallotSubmitted = Event<
  'MeetingBallotSubmitted',
  {
    meetingId: string;
    roundId: string;
    voterId: string;
    proposalIds: string[];
    replaces: boolean;
    recordedBy?: string | null;
    /** a guest voter's name as recorded in the attendance (her attendee id is in lower case) */
    guestName?: string | null;
  }
>;
/** how a round was held: ballots in the product (own or recorded on behalf), or on paper with a tally */
export const ROUND_METHODS = ['ballots', 'tally'] as const;
export type RoundMethod = (typeof ROUND_METHODS)[number];
/** One proposal's points in a tally entered for a round held on paper. */
export type TallyLine = Readonly<{ proposalId: string; points: number }>;
/**
 * The tally of a round held on paper: points per proposal (the others have 0) and how many people voted.
 * A later tally of the same round replaces it.
 */
export type MeetingTallyRecorded = Event<
  'MeetingTallyRecorded',
  { meetingId: string; roundId: string; scores: TallyLine[]; voters: number; replaces: boolean }
>;
/** `ballots` is the number of voters (of a tally too); `method` is absent in events before tallies existed */
export type MeetingRoundClosed = Event<
  'MeetingRoundClosed',
  {
    meetingId: string;
    roundId: string;
    ballots: number;
    ranking: RankedProposal[];
    method?: RoundMethod;
  }
>;

export type MeetingEvent =
  | MeetingScheduled
  | MeetingRescheduled
  | MeetingStarted
  | MeetingEnded
  | MeetingCancelled
  | MeetingAttendanceRecorded
  | MeetingAgendaItemAdded
  | MeetingAgendaItemRemoved
  | MeetingAgendaReordered
  | MeetingAgendaNotesEdited
  | MeetingMinutesCorrected
  | MeetingDecisionRecorded
  | MeetingNextStepRecorded
  | MeetingProposalAdded
  | MeetingRoundOpened
  | MeetingBallotSubmitted
  | MeetingTallyRecorded
  | MeetingRoundClosed;

export const MEETING_EVENT_TYPES = [
  'MeetingScheduled',
  'MeetingRescheduled',
  'MeetingStarted',
  'MeetingEnded',
  'MeetingCancelled',
  'MeetingAttendanceRecorded',
  'MeetingAgendaItemAdded',
  'MeetingAgendaItemRemoved',
  'MeetingAgendaReordered',
  'MeetingMinutesCorrected',
  'MeetingDecisionRecorded',
  'MeetingNextStepRecorded',
  'MeetingProposalAdded',
  'MeetingRoundOpened',
  'MeetingBallotSubmitted',
  'MeetingRoundClosed',
  'MeetingAgendaNotesEdited',
  'MeetingTallyRecorded',
] as const satisfies readonly MeetingEvent['type'][];

export const meetingStreamId = (meetingId: string): string => `meeting-${meetingId}`;
