import { belgianDateTime } from '../shared/belgian-date.js';
import { assertNever } from '../shared/event.js';
import type { LocalizedText } from '../shared/labels.js';
import { formatDate, nameOf, quoted, withDetail, type FieldChange, type NameLookup } from '../shared/text.js';
import type { AgendaItemKind, AttendanceStatus, MeetingEvent, MeetingStatus } from './meeting.events.js';

export const MEETING_STATUS_LABELS: Readonly<Record<MeetingStatus, LocalizedText>> = {
  scheduled: { nl: 'gepland', en: 'scheduled' },
  open: { nl: 'bezig', en: 'in session' },
  ended: { nl: 'afgelopen', en: 'ended' },
  cancelled: { nl: 'geannuleerd', en: 'cancelled' },
};

export const ATTENDANCE_LABELS: Readonly<Record<AttendanceStatus, LocalizedText>> = {
  present: { nl: 'aanwezig', en: 'present' },
  excused: { nl: 'verontschuldigd', en: 'excused' },
  absent: { nl: 'afwezig', en: 'absent' },
};

export const AGENDA_ITEM_KIND_LABELS: Readonly<Record<AgendaItemKind, LocalizedText>> = {
  action: { nl: 'actie', en: 'action' },
  signal: { nl: 'signaal', en: 'signal' },
  proposal: { nl: 'voorstel', en: 'proposal' },
  topic: { nl: 'onderwerp', en: 'topic' },
};

/**
 * A meeting's start in Belgian time: nl "05/03/2024 14:00", en "2024-03-05 14:00". Deterministic (the zone
 * is fixed, not the machine's).
 */
export function formatMeetingTime(instant: string): LocalizedText {
  // a meeting without a time of day: its date alone
  if (/^\d{4}-\d{2}-\d{2}$/.test(instant)) return formatDate(instant);
  const { date, time } = belgianDateTime(new Date(instant));
  return { nl: `${formatDate(date).nl} ${time}`, en: `${date} ${time}` };
}

/** A one-line summary of a meeting event. */
export function describeMeetingEvent(event: MeetingEvent, names?: NameLookup): LocalizedText {
  const user = (id: string): string => nameOf(names, 'user', id);
  switch (event.type) {
    case 'MeetingScheduled': {
      const at = formatMeetingTime(event.data.startsAt);
      return {
        nl: `Vergadering ${quoted(event.data.title)} gepland op ${at.nl}`,
        en: `Meeting ${quoted(event.data.title)} scheduled for ${at.en}`,
      };
    }
    case 'MeetingRescheduled': {
      const at = formatMeetingTime(event.data.to.startsAt);
      return {
        nl: withDetail(
          `Vergadering ${quoted(event.data.to.title)} verplaatst naar ${at.nl}`,
          event.data.to.location,
        ),
        en: withDetail(`Meeting ${quoted(event.data.to.title)} moved to ${at.en}`, event.data.to.location),
      };
    }
    case 'MeetingStarted':
      return { nl: 'Vergadering geopend', en: 'Meeting started' };
    case 'MeetingEnded':
      return { nl: 'Vergadering afgesloten', en: 'Meeting ended' };
    case 'MeetingCancelled':
      return {
        nl: `Vergadering geannuleerd: ${event.data.reason}`,
        en: `Meeting cancelled: ${event.data.reason}`,
      };
    case 'MeetingAttendanceRecorded': {
      const { userId, guestName, status, partnerId, organisation } = event.data;
      const who = userId !== null ? user(userId) : `${guestName} (gast)`;
      const whoEn = userId !== null ? user(userId) : `${guestName} (guest)`;
      const org = partnerId !== null ? nameOf(names, 'partner', partnerId) : organisation;
      const label = ATTENDANCE_LABELS[status];
      return {
        nl: `${who}${org ? ` (${org})` : ''}: ${label.nl}`,
        en: `${whoEn}${org ? ` (${org})` : ''}: ${label.en}`,
      };
    }
    case 'MeetingAgendaItemAdded': {
      const kind = AGENDA_ITEM_KIND_LABELS[event.data.kind];
      return {
        nl: `Agendapunt toegevoegd (${kind.nl}): ${event.data.title}`,
        en: `Agenda item added (${kind.en}): ${event.data.title}`,
      };
    }
    case 'MeetingAgendaItemRemoved':
      return { nl: 'Agendapunt geschrapt', en: 'Agenda item removed' };
    case 'MeetingAgendaReordered':
      return { nl: 'Agenda herschikt', en: 'Agenda reordered' };
    case 'MeetingAgendaNotesEdited':
      return event.data.notes === ''
        ? { nl: 'Bespreking bij een agendapunt gewist', en: 'Discussion notes of an agenda item cleared' }
        : {
            nl: 'Bespreking bij een agendapunt bijgewerkt',
            en: 'Discussion notes of an agenda item updated',
          };
    case 'MeetingMinutesCorrected': {
      const outside = event.data.outsideMeeting;
      if (outside) {
        const date = formatDate(outside.date);
        return {
          nl: `Correctie op het verslag van ${quoted(outside.title)} van ${date.nl} (buiten het platform): ${event.data.text}`,
          en: `Correction to the minutes of ${quoted(outside.title)} of ${date.en} (outside the platform): ${event.data.text}`,
        };
      }
      return {
        nl: `Correctie op het verslag van een vorige vergadering: ${event.data.text}`,
        en: `Correction to the minutes of an earlier meeting: ${event.data.text}`,
      };
    }
    case 'MeetingDecisionRecorded':
      return { nl: `Beslissing: ${event.data.text}`, en: `Decision: ${event.data.text}` };
    case 'MeetingNextStepRecorded': {
      const owner = [
        event.data.ownerUserId && user(event.data.ownerUserId),
        event.data.ownerPartnerId && nameOf(names, 'partner', event.data.ownerPartnerId),
      ]
        .filter(Boolean)
        .join(', ');
      const due = event.data.dueDate ? formatDate(event.data.dueDate) : null;
      return {
        nl: `Volgende stap voor ${owner}${due ? ` tegen ${due.nl}` : ''}: ${event.data.text}`,
        en: `Next step for ${owner}${due ? ` by ${due.en}` : ''}: ${event.data.text}`,
      };
    }
    case 'MeetingProposalAdded':
      return {
        nl: `Voorstel van ${user(event.data.proposedBy)}: ${event.data.text}`,
        en: `Proposal by ${user(event.data.proposedBy)}: ${event.data.text}`,
      };
    case 'MeetingRoundOpened': {
      const { size, ranked, proposalIds } = event.data;
      return {
        nl: `Prioriteringsronde geopend: top ${size} ${ranked ? 'met' : 'zonder'} rangorde uit ${proposalIds.length} voorstellen`,
        en: `Prioritisation round opened: ${ranked ? 'ranked' : 'unranked'} top ${size} of ${proposalIds.length} proposals`,
      };
    }
    case 'MeetingBallotSubmitted': {
      const { voterId, recordedBy, guestName } = event.data;
      const who = voterId.startsWith('guest:')
        ? (guestName ?? voterId.slice('guest:'.length))
        : user(voterId);
      if (recordedBy)
        return {
          nl: `${user(recordedBy)} noteerde de top van ${who}`,
          en: `${user(recordedBy)} recorded the top of ${who}`,
        };
      return event.data.replaces
        ? { nl: `${who} wijzigde de eigen top`, en: `${who} changed their top` }
        : { nl: `${who} gaf een top door`, en: `${who} submitted a top` };
    }
    case 'MeetingTallyRecorded': {
      const { voters, scores } = event.data;
      return {
        nl: `Telling op papier ${event.data.replaces ? 'gewijzigd' : 'ingevoerd'}: ${voters} ${voters === 1 ? 'stemmer' : 'stemmers'}, ${scores.length} voorstellen met punten`,
        en: `Paper tally ${event.data.replaces ? 'changed' : 'entered'}: ${voters} ${voters === 1 ? 'voter' : 'voters'}, ${scores.length} proposals with points`,
      };
    }
    case 'MeetingRoundClosed':
      return event.data.method === 'tally'
        ? {
            nl: `Prioriteringsronde afgesloten met een telling op papier van ${event.data.ballots} stemmers`,
            en: `Prioritisation round closed with a paper tally of ${event.data.ballots} voters`,
          }
        : {
            nl: `Prioriteringsronde afgesloten met ${event.data.ballots} stemmen`,
            en: `Prioritisation round closed with ${event.data.ballots} ballots`,
          };
    default:
      return assertNever(event);
  }
}

export function meetingChangesOf(event: MeetingEvent): FieldChange[] {
  switch (event.type) {
    case 'MeetingScheduled': {
      const { workingGroupId, title, startsAt, location } = event.data;
      return [
        { field: 'workingGroupId', from: null, to: workingGroupId },
        { field: 'title', from: null, to: title },
        { field: 'startsAt', from: null, to: startsAt },
        { field: 'location', from: null, to: location },
      ];
    }
    case 'MeetingRescheduled':
      return (['title', 'startsAt', 'location'] as const)
        .filter((field) => event.data.from[field] !== event.data.to[field])
        .map((field) => ({ field, from: event.data.from[field], to: event.data.to[field] }));
    case 'MeetingStarted':
      return [{ field: 'status', from: 'scheduled', to: 'open' }];
    case 'MeetingEnded':
      return [{ field: 'status', from: 'open', to: 'ended' }];
    case 'MeetingCancelled':
      return [{ field: 'status', from: 'scheduled', to: 'cancelled' }];
    case 'MeetingAttendanceRecorded':
      return [{ field: `attendance.${event.data.attendeeId}`, from: event.data.from, to: event.data.status }];
    case 'MeetingAgendaItemAdded':
      return [{ field: 'agenda', from: null, to: event.data.itemId }];
    case 'MeetingAgendaItemRemoved':
      return [{ field: 'agenda', from: event.data.itemId, to: null }];
    case 'MeetingAgendaReordered':
      return [{ field: 'agenda.order', from: null, to: event.data.order }];
    case 'MeetingAgendaNotesEdited':
      return [{ field: `agenda.${event.data.itemId}.notes`, from: null, to: event.data.notes }];
    case 'MeetingMinutesCorrected':
      return [{ field: 'corrections', from: null, to: event.data.text }];
    case 'MeetingDecisionRecorded':
      return [{ field: 'decisions', from: null, to: event.data.text }];
    case 'MeetingNextStepRecorded':
      return [{ field: 'nextSteps', from: null, to: event.data.text }];
    case 'MeetingProposalAdded':
      return [{ field: 'proposals', from: null, to: event.data.text }];
    case 'MeetingRoundOpened':
      return [{ field: `rounds.${event.data.roundId}`, from: null, to: 'open' }];
    case 'MeetingBallotSubmitted':
      return [
        {
          field: `rounds.${event.data.roundId}.ballots.${event.data.voterId}`,
          from: null,
          to: event.data.proposalIds,
        },
      ];
    case 'MeetingTallyRecorded':
      return [{ field: `rounds.${event.data.roundId}.tally`, from: null, to: event.data.scores }];
    case 'MeetingRoundClosed':
      return [{ field: `rounds.${event.data.roundId}.ranking`, from: null, to: event.data.ranking }];
    default:
      return assertNever(event);
  }
}
