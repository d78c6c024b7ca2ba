import type { AgendaItemKind, MeetingStatus, OutsideMeeting, RoundMethod } from '#domain';
import type { MeetingDoc, MeetingDocAttendee, MeetingDocChange, MeetingHeader } from './meeting-doc.js';

/** One field of an action as the meeting changed it: its value before the first and after the last change. */
export interface MinutesFieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** What the meeting did to one action: changed fields (before -> after) and notes added. */
export interface MinutesActionChanges {
  actionId: string;
  changes: MinutesFieldChange[];
  notes: string[];
}

export interface MinutesAgendaItem {
  itemId: string;
  kind: AgendaItemKind;
  refId: string | null;
  title: string;
  /** for an action item: what changed to that action in the meeting */
  action: MinutesActionChanges | null;
  /** what was said under the item (Markdown), null when nothing was noted */
  notes: string | null;
  decisions: string[];
}

/**
 * The minutes (verslag) of one meeting, language-neutral: ids, statuses and ISO dates. The renderer turns
 * them into Dutch or English Markdown or HTML, resolving names at that moment. This is what each revision
 * stores.
 */
export interface Minutes {
  meetingId: string;
  workingGroupId: string;
  title: string;
  /** an ISO instant, or a date alone (YYYY-MM-DD) for a meeting without a time of day */
  startsAt: string;
  location: string | null;
  status: MeetingStatus;
  present: MinutesPerson[];
  excused: MinutesPerson[];
  absent: MinutesPerson[];
  /** corrections recorded at this meeting to earlier minutes */
  corrections: { correctsMeetingId: string | null; outsideMeeting: OutsideMeeting | null; text: string }[];
  /** corrections later meetings recorded to these minutes */
  correctedBy: { meetingId: string; text: string; at: string }[];
  agenda: MinutesAgendaItem[];
  /** actions changed in the meeting without being on the agenda */
  otherChanges: MinutesActionChanges[];
  decisions: { text: string; actionIds: string[] }[];
  /** the proposals made, in order, with where they came from and their category */
  proposals: { proposalId: string; text: string; source: string | null; category: string | null }[];
  rounds: {
    roundId: string;
    size: number;
    ranked: boolean;
    /** how it was held: ballots in the product, or a tally entered from paper */
    method: RoundMethod;
    /** the number of voters */
    ballots: number;
    /** of the ballots, how many the chair or secretary recorded on someone's behalf */
    recordedOnBehalf: number;
    ranking: { proposalId: string; text: string; score: number; rank: number }[];
  }[];
  nextSteps: {
    text: string;
    ownerUserId: string | null;
    ownerPartnerId: string | null;
    dueDate: string | null;
    linkedActionId: string | null;
  }[];
}

export type MinutesPerson = Omit<MeetingDocAttendee, 'attendeeId' | 'status'>;

const SINGLE_VALUED = new Set(['title', 'description', 'tags', 'status', 'owner', 'progress', 'dueDate']);

/** Folds an action's changes in the meeting: the first `from` and last `to` per field; notes in order. */
export function actionChanges(actionId: string, changes: readonly MeetingDocChange[]): MinutesActionChanges {
  const fields = new Map<string, MinutesFieldChange>();
  const notes: string[] = [];
  for (const change of changes) {
    if (change.actionId !== actionId) continue;
    if (change.field === 'notes') {
      notes.push(String(change.to));
    } else if (SINGLE_VALUED.has(change.field)) {
      const earlier = fields.get(change.field);
      fields.set(change.field, {
        field: change.field,
        from: earlier ? earlier.from : change.from,
        to: change.to,
      });
    } else if (change.field === 'partners') {
      const key = `partners:${String(change.from ?? change.to)}`;
      fields.set(key, { field: 'partners', from: change.from, to: change.to });
    }
  }
  // a field changed and changed back is no change for the minutes
  const net = [...fields.values()].filter(
    (change) => JSON.stringify(change.from) !== JSON.stringify(change.to),
  );
  return { actionId, changes: net, notes };
}

const person = ({ userId, guestName, partnerId, organisation }: MeetingDocAttendee): MinutesPerson => ({
  userId,
  guestName,
  partnerId,
  organisation,
});

/** The minutes of a meeting from its projected document. Pure; deterministic for the same input. */
export function buildMinutes(header: MeetingHeader, doc: MeetingDoc): Minutes {
  const changedActions = [...new Set(doc.changes.map((change) => change.actionId))];
  const onAgenda = new Set(doc.agenda.filter((item) => item.kind === 'action').map((item) => item.refId));
  const proposalText = new Map(doc.proposals.map((proposal) => [proposal.proposalId, proposal.text]));
  return {
    meetingId: header.meetingId,
    workingGroupId: header.workingGroupId,
    title: header.title,
    startsAt: header.startsAt,
    location: header.location,
    status: header.status,
    present: doc.attendees.filter((a) => a.status === 'present').map(person),
    excused: doc.attendees.filter((a) => a.status === 'excused').map(person),
    absent: doc.attendees.filter((a) => a.status === 'absent').map(person),
    corrections: doc.corrections.map(({ correctsMeetingId, outsideMeeting, text }) => ({
      correctsMeetingId,
      outsideMeeting: outsideMeeting ?? null,
      text,
    })),
    correctedBy: doc.correctedBy.map(({ meetingId, text, at }) => ({ meetingId, text, at })),
    agenda: doc.agenda.map((item) => ({
      ...item,
      action: item.kind === 'action' && item.refId ? actionChanges(item.refId, doc.changes) : null,
      notes: item.notes ?? null,
      decisions: doc.decisions.filter((d) => d.agendaItemId === item.itemId).map((d) => d.text),
    })),
    otherChanges: changedActions
      .filter((actionId) => !onAgenda.has(actionId))
      .map((actionId) => actionChanges(actionId, doc.changes))
      .filter((changes) => changes.changes.length > 0 || changes.notes.length > 0),
    decisions: doc.decisions
      .filter((d) => d.agendaItemId === null)
      .map(({ text, actionIds }) => ({ text, actionIds })),
    proposals: doc.proposals.map(({ proposalId, text, source, category }) => ({
      proposalId,
      text,
      source: source ?? null,
      category: category ?? null,
    })),
    rounds: doc.rounds
      .filter((round) => round.closed && round.ranking)
      .map((round) => ({
        roundId: round.roundId,
        size: round.size,
        ranked: round.ranked,
        method: round.method ?? 'ballots',
        ballots: round.method === 'tally' && round.tally ? round.tally.voters : round.ballots.length,
        recordedOnBehalf: round.ballots.filter((ballot) => ballot.recordedBy).length,
        ranking: round.ranking!.map((line) => ({
          ...line,
          text: proposalText.get(line.proposalId) ?? line.proposalId,
        })),
      })),
    nextSteps: doc.nextSteps.map(({ text, ownerUserId, ownerPartnerId, dueDate, linkedActionId }) => ({
      text,
      ownerUserId,
      ownerPartnerId,
      dueDate,
      linkedActionId,
    })),
  };
}
