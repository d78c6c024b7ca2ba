import type { Command } from '../shared/event.js';
import type { AgendaItemKind, AttendanceStatus } from './meeting.events.js';

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
/** a user (`userId`) or a guest (`guestName`), exactly one of the two */
export type RecordAttendance = Command<
  'RecordAttendance',
  {
    meetingId: string;
    userId?: string | null;
    guestName?: string | null;
    partnerId?: string | null;
    organisation?: string | null;
    status: AttendanceStatus;
  }
>;
export type AddAgendaItem = Command<
  'AddAgendaItem',
  { meetingId: string; itemId: string; kind: AgendaItemKind; refId?: string | null; title: string }
>;
export type RemoveAgendaItem = Command<'RemoveAgendaItem', { meetingId: string; itemId: string }>;
export type ReorderAgenda = Command<'ReorderAgenda', { meetingId: string; order: readonly string[] }>;
export type CorrectMinutes = Command<
  'CorrectMinutes',
  { meetingId: string; correctionId: string; correctsMeetingId: string; text: string }
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
  }
>;
/** `size` defaults to 5, `ranked` to true */
export type OpenRound = Command<
  'OpenRound',
  { meetingId: string; roundId: string; size?: number; ranked?: boolean }
>;
/** `voterId` is the acting member: the application lets a member submit only her own ballot */
export type SubmitBallot = Command<
  'SubmitBallot',
  { meetingId: string; roundId: string; voterId: string; proposalIds: readonly string[] }
>;
export type CloseRound = Command<'CloseRound', { meetingId: string; roundId: string }>;

export type MeetingCommand =
  | ScheduleMeeting
  | RescheduleMeeting
  | StartMeeting
  | EndMeeting
  | CancelMeeting
  | RecordAttendance
  | AddAgendaItem
  | RemoveAgendaItem
  | ReorderAgenda
  | CorrectMinutes
  | RecordDecision
  | RecordNextStep
  | AddProposal
  | OpenRound
  | SubmitBallot
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
] as const satisfies readonly MeetingCommand['type'][];

/** a prioritisation round's default top N */
export const DEFAULT_ROUND_SIZE = 5;
export const MAX_ROUND_SIZE = 20;
