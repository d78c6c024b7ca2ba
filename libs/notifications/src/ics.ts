import ical, { ICalCalendarMethod } from 'ical-generator';

export interface InvitationEvent {
  meetingId: string;
  title: string;
  /** an ISO instant, or a date alone (a meeting without a time of day: an all-day event) */
  startsAt: string;
  location: string | null;
  sequence: number;
  url: string;
  organizerEmail: string;
}

/** Meetings last two hours unless said otherwise (the model has no end time). */
const DEFAULT_DURATION_MS = 2 * 3600_000;

/**
 * The invitation's iCalendar file (RFC 5545, METHOD:REQUEST): one event with a stable UID per meeting and
 * SEQUENCE rising with each move, so a calendar updates the entry it has instead of adding a second one.
 */
export function invitationIcs(event: InvitationEvent): string {
  const calendar = ical({
    prodId: { company: 'social-policy-backbone', product: 'meetings', language: 'NL' },
    method: ICalCalendarMethod.REQUEST,
  });
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(event.startsAt);
  const start = dateOnly ? new Date(`${event.startsAt}T00:00:00Z`) : new Date(event.startsAt);
  calendar.createEvent({
    id: `meeting-${event.meetingId}@social-policy-backbone`,
    sequence: event.sequence,
    start,
    end: dateOnly ? start : new Date(start.getTime() + DEFAULT_DURATION_MS),
    allDay: dateOnly,
    summary: event.title,
    location: event.location,
    url: event.url,
    organizer: { name: 'Social policy backbone', email: event.organizerEmail },
  });
  return calendar.toString();
}
