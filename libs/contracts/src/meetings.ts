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
import type { Position } from './position.js';

export interface MeetingItem {
  id: string;
  workingGroupId: string;
  title: string;
  startsAt: string;
  location: string | null;
  status: MeetingStatus;
  startedAt: string | null;
  endedAt: string | null;
  cancelledReason: string | null;
  /** the meeting stream's version (for If-Match / expectedVersion) */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingList {
  workingGroupId: string;
  items: MeetingItem[];
  position: Position;
}

export interface NamedRef {
  id: string;
  name: string;
}

/** another meeting a correction names: its title and start (a date alone for a meeting without a time) */
export interface MeetingRef {
  id: string;
  title: string;
  startsAt: string;
}

export interface MeetingRanking {
  proposalId: string;
  text: string;
  score: number;
  rank: number;
}

export interface MeetingRoundView {
  roundId: string;
  size: number;
  ranked: boolean;
  open: boolean;
  /**
   * who has a ballot (never what: ballots are not shown while the round is open): a member, or a guest
   * (`id` `guest:<name>`); `recordedBy` the chair or secretary who recorded it on her behalf
   */
  voters: (NamedRef & { recordedBy: NamedRef | null })[];
  /** how the round is held: ballots, or a tally entered from paper */
  method: 'ballots' | 'tally';
  /** the paper tally's number of voters (null without a tally) */
  tallyVoters: number | null;
  /** open: the live tally of the ballots so far; closed: the recorded final ranking */
  ranking: MeetingRanking[];
  openedAt: string;
  closedAt: string | null;
}

export interface MeetingDetail extends MeetingItem {
  attendees: {
    attendeeId: string;
    user: NamedRef | null;
    guestName: string | null;
    partner: NamedRef | null;
    organisation: string | null;
    status: AttendanceStatus;
  }[];
  agenda: {
    itemId: string;
    kind: AgendaItemKind;
    refId: string | null;
    title: string;
    notes: string | null;
    /** the version of the meeting's change that last wrote the notes (null: no notes) */
    notesVersion: number | null;
  }[];
  proposals: {
    proposalId: string;
    text: string;
    themeId: string | null;
    actionIds: string[];
    proposedBy: NamedRef;
    addedAt: string;
    source: string | null;
    category: string | null;
    /** the version of the meeting's change that added it */
    version: number | null;
  }[];
  rounds: MeetingRoundView[];
  decisions: MeetingDoc['decisions'];
  nextSteps: MeetingDoc['nextSteps'];
  /**
   * corrections recorded at this meeting to earlier minutes, with the meeting each corrects (null for one held
   * outside the product, or one no longer known) and the version of this meeting's change that recorded it
   */
  corrections: (Omit<MeetingDoc['corrections'][number], 'version'> & {
    correctsMeeting: MeetingRef | null;
    version: number | null;
  })[];
  /**
   * corrections later meetings recorded to these minutes, with the meeting that recorded each and the version
   * of that meeting's change (what `POST /api/erasures` with kind text, aggregate `meeting` and that meeting's
   * id names)
   */
  correctedBy: (MeetingDoc['correctedBy'][number] & { meeting: MeetingRef | null; version: number | null })[];
  /** the changes to actions made in this meeting, in order */
  changes: MeetingDoc['changes'];
  position: Position;
}

/**
 * A meeting as the `meetings` projection keeps it (column `rm_meetings.doc`): everything the detail and
 * the minutes show, folded from the meeting's events, the action events tagged with its id, and the
 * corrections later meetings recorded about it.
 */
export interface MeetingDoc {
  /** the date of a meeting without a time of day (`starts_at` then holds midnight UTC); absent otherwise */
  startsOn?: string | null;
  attendees: MeetingDocAttendee[];
  /**
   * `notes`: the discussion notes (Markdown), absent in documents from before notes existed; `notesVersion`:
   * the version of the meeting's change that last wrote them (what `POST /api/erasures` with kind text names)
   */
  agenda: {
    itemId: string;
    kind: AgendaItemKind;
    refId: string | null;
    title: string;
    notes?: string | null;
    notesVersion?: number | null;
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
    /** the version of the meeting's change that added it (its text and source are one erasable text) */
    version?: number;
  }[];
  rounds: MeetingDocRound[];
  decisions: {
    decisionId: string;
    text: string;
    actionIds: string[];
    agendaItemId: string | null;
    at: string;
    /** the version of the meeting's change that recorded it (what `POST /api/erasures` with kind text names) */
    version?: number;
  }[];
  nextSteps: {
    nextStepId: string;
    text: string;
    ownerUserId: string | null;
    ownerPartnerId: string | null;
    dueDate: string | null;
    linkedActionId: string | null;
    at: string;
    /** the version of the meeting's change that recorded it */
    version?: number;
  }[];
  /** corrections recorded at this meeting, to earlier minutes */
  corrections: {
    correctionId: string;
    /** null for a meeting held outside the product (`outsideMeeting`) */
    correctsMeetingId: string | null;
    outsideMeeting?: OutsideMeeting | null;
    text: string;
    at: string;
    /** the version of this meeting's change that recorded it */
    version?: number;
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
