import type { Command } from '../shared/event.js';
import type { AgendaItemKind, AttendanceStatus, OutsideMeeting, TallyLine } from './meeting.events.js';

/**
 * Whether the working group, the users, actions, signals and the corrected meeting exist (and whether the
 * caller may act) is checked by the application; this decider sees only the meeting.
 */
export type ScheduleMeeting = Command<
  'ScheduleMeeting',
  { meetingId: string; workingGroupId: string; title: string; startsAt: string; location?: string | null }
>;
/** changes what is given of title, start and place; the rest stays */
export type RescheduleMeeting = Command<
  'RescheduleMeeting',
  { meetingId: string; title?: string; startsAt?: string; location?: string | null }
>;
export type StartMeeting = Command<'StartMeeting', { meetingId: string }>;
export type EndMeeting = Command<'EndMeeting', { meetingId: string }>;
export type CancelMeeting = Command<'CancelMeeting', { meetingId: string; reason: string }>;
/** one person's attendance: a user (`userId`) or a guest (`guestName`), exactly one of the two */
export type AttendanceEntry = {
  userId?: string | null;
  guestName?: string | null;
  partnerId?: string | null;
  organisation?: string | null;
  status: AttendanceStatus;
};
export type RecordAttendance = Command<'RecordAttendance', { meetingId: string } & AttendanceEntry>;
/** several people at once (one write); entries that change nothing are left out */
export type RecordAttendanceList = Command<
  'RecordAttendanceList',
  { meetingId: string; attendees: readonly AttendanceEntry[] }
>;
export type AddAgendaItem = Command<
  'AddAgendaItem',
  {
    meetingId: string;
    itemId: string;
    kind: AgendaItemKind;
    refId?: string | null;
    title: string;
    notes?: string | null;
  }
>;
/** replaces the discussion notes (Markdown) of an agenda item; an empty text clears them */
export type EditAgendaNotes = Command<
  'EditAgendaNotes',
  { meetingId: string; itemId: string; notes: string }
>;
export type RemoveAgendaItem = Command<'RemoveAgendaItem', { meetingId: string; itemId: string }>;
export type ReorderAgenda = Command<'ReorderAgenda', { meetingId: string; order: readonly string[] }>;
/** names either an earlier meeting of the product or one held outside it (`outsideMeeting`) */
export type CorrectMinutes = Command<
  'CorrectMinutes',
  {
    meetingId: string;
    correctionId: string;
    correctsMeetingId?: string | null;
    outsideMeeting?: OutsideMeeting | null;
    text: string;
  }
>;
export type RecordDecision = Command<
  'RecordDecision',
  {
    meetingId: string;
    decisionId: string;
    text: string;
    actionIds?: readonly string[];
    agendaItemId?: string | null;
  }
>;
export type RecordNextStep = Command<
  'RecordNextStep',
  {
    meetingId: string;
    nextStepId: string;
    text: string;
    ownerUserId?: string | null;
    ownerPartnerId?: string | null;
    dueDate?: string | null;
    linkedActionId?: string | null;
  }
>;
/** the proposer is the acting user (the decision context's actor) */
export type AddProposal = Command<
  'AddProposal',
  {
    meetingId: string;
    proposalId: string;
    text: string;
    themeId?: string | null;
    actionIds?: readonly string[];
    source?: string | null;
    category?: string | null;
  }
>;
/** `size` defaults to 5, `ranked` to true */
export type OpenRound = Command<
  'OpenRound',
  { meetingId: string; roundId: string; size?: number; ranked?: boolean }
>;
/**
 * `voterId` is the attendee id of a present attendee (a user id, or `guest:<name>`): the application lets a
 * voter submit her own ballot, and the chair or secretary (`recordedBy`) one on behalf of any present attendee
 */
export type SubmitBallot = Command<
  'SubmitBallot',
  {
    meetingId: string;
    roundId: string;
    voterId: string;
    proposalIds: readonly string[];
    recordedBy?: string | null;
  }
>;
/** the tally of a round held on paper: points per proposal and the number of voters */
export type RecordTally = Command<
  'RecordTally',
  { meetingId: string; roundId: string; scores: readonly TallyLine[]; voters: number }
>;
export type CloseRound = Command<'CloseRound', { meetingId: string; roundId: string }>;

export type MeetingCommand =
  | ScheduleMeeting
  | RescheduleMeeting
  | StartMeeting
  | EndMeeting
  | CancelMeeting
  | RecordAttendance
  | RecordAttendanceList
  | AddAgendaItem
  | EditAgendaNotes
  | RemoveAgendaItem
  | ReorderAgenda
  | CorrectMinutes
  | RecordDecision
  | RecordNextStep
  | AddProposal
  | OpenRound
  | SubmitBallot
  | RecordTally
  | CloseRound;

export const MEETING_COMMAND_TYPES = [
  'ScheduleMeeting',
  'RescheduleMeeting',
  'StartMeeting',
  'EndMeeting',
  'CancelMeeting',
  'RecordAttendance',
  'AddAgendaItem',
  'RemoveAgendaItem',
  'ReorderAgenda',
  'CorrectMinutes',
  'RecordDecision',
  'RecordNextStep',
  'AddProposal',
  'OpenRound',
  'SubmitBallot',
  'CloseRound',
  'RecordAttendanceList',
  'EditAgendaNotes',
  'RecordTally',
] as const satisfies readonly MeetingCommand['type'][];

/** a prioritisation round's default top N */
export const DEFAULT_ROUND_SIZE = 5;
export const MAX_ROUND_SIZE = 20;
