import type {
  AgendaItemKind,
  AttendanceStatus,
  FieldChange,
  MeetingStatus,
  OutsideMeeting,
  RankedProposal,
  RoundMethod,
  TallyLine,
} from '#domain';

/**
 * A meeting as the `meetings` projection keeps it (column `rm_meetings.doc`): everything the detail and
 * the minutes show, folded from the meeting's events, the action events tagged with its id, and the
 * corrections later meetings recorded about it.
 */
export interface MeetingDoc {
  /** the date of a meeting without a time of day (`starts_at` then holds midnight UTC); absent otherwise */
  startsOn?: string | null;
  attendees: MeetingDocAttendee[];
  /** `notes`: the discussion notes (Markdown), absent in documents from before notes existed */
  agenda: {
    itemId: string;
    kind: AgendaItemKind;
    refId: string | null;
    title: string;
    notes?: string | null;
  }[];
  proposals: {
    proposalId: string;
    text: string;
    themeId: string | null;
    actionIds: string[];
    proposedBy: string;
    addedAt: string;
    source?: string | null;
    category?: string | null;
  }[];
  rounds: MeetingDocRound[];
  decisions: {
    decisionId: string;
    text: string;
    actionIds: string[];
    agendaItemId: string | null;
    at: string;
  }[];
  nextSteps: {
    nextStepId: string;
    text: string;
    ownerUserId: string | null;
    ownerPartnerId: string | null;
    dueDate: string | null;
    linkedActionId: string | null;
    at: string;
  }[];
  /** corrections recorded at this meeting, to earlier minutes */
  corrections: {
    correctionId: string;
    /** null for a meeting held outside the product (`outsideMeeting`) */
    correctsMeetingId: string | null;
    outsideMeeting?: OutsideMeeting | null;
    text: string;
    at: string;
  }[];
  /** corrections later meetings recorded to these minutes */
  correctedBy: { meetingId: string; correctionId: string; text: string; at: string; position: string }[];
  /** changes to actions made in the meeting (events tagged with its id), in log order */
  changes: MeetingDocChange[];
}

export interface MeetingDocAttendee {
  attendeeId: string;
  userId: string | null;
  guestName: string | null;
  partnerId: string | null;
  organisation: string | null;
  status: AttendanceStatus;
}

export interface MeetingDocRound {
  roundId: string;
  size: number;
  ranked: boolean;
  proposalIds: string[];
  /**
   * each voter's current ballot, in the order of their first submission (a new one replaces hers in place);
   * `recordedBy`: who recorded it on her behalf (absent or null: her own)
   */
  ballots: { voterId: string; proposalIds: string[]; recordedBy?: string | null }[];
  /** the tally of a round held on paper */
  tally?: { scores: TallyLine[]; voters: number } | null;
  /** how the round was held, once closed (absent for rounds closed before tallies existed: ballots) */
  method?: RoundMethod;
  closed: boolean;
  ranking: RankedProposal[] | null;
  openedAt: string;
  closedAt: string | null;
}

export interface MeetingDocChange extends FieldChange {
  position: string;
  at: string;
  actorId: string;
  actionId: string;
  type: string;
}

export const emptyMeetingDoc = (): MeetingDoc => ({
  attendees: [],
  agenda: [],
  proposals: [],
  rounds: [],
  decisions: [],
  nextSteps: [],
  corrections: [],
  correctedBy: [],
  changes: [],
});

/** The meeting's own fields next to its document (the columns of `rm_meetings`). */
export interface MeetingHeader {
  meetingId: string;
  workingGroupId: string;
  title: string;
  startsAt: string;
  location: string | null;
  status: MeetingStatus;
}
