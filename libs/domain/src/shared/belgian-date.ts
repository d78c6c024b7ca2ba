/**
 * Calendar days in Belgium. Instants are stored in UTC; a day a person means (a due date, "overdue", the day of
 * a meeting) is a day in Europe/Brussels. Between 22:00 and 24:00 UTC (23:00 and 24:00 in winter) it is
 * already tomorrow in Brussels, so a UTC date would be a day behind. Pure and free of imports.
 */
export const BELGIAN_TIME_ZONE = 'Europe/Brussels';

// en-CA formats a date as YYYY-MM-DD. Made once: building a formatter with a time zone costs about 0.1 ms,
// and the end of a day calls this up to four times (the status trend: once per month of the plan).
const BELGIAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: BELGIAN_TIME_ZONE });

/** The day `now` falls on in Belgium, as an ISO date (`2025-12-31`). `now` is always passed: no hidden clock. */
export function belgianToday(now: Date): string {
  return BELGIAN_DAY.format(now);
}

// made once, like BELGIAN_DAY (summaries and reports format a time per event)
const BELGIAN_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: BELGIAN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The day and time of day `instant` falls on in Belgium: `{ date: '2025-12-31', time: '14:05' }`. */
export function belgianDateTime(instant: Date): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const part of BELGIAN_DATE_TIME.formatToParts(instant)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The day after an ISO date (`2025-12-31` → `2026-01-01`), or null for a day the calendar does not have. */
function nextDay(date: string): string | null {
  const match = ISO_DAY.exec(date);
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return null;
  return new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The last millisecond of a day in Belgium (`2025-06-30` → `2025-06-30T21:59:59.999Z` in summer time,
 * `2025-12-31` → `2025-12-31T22:59:59.999Z` in winter time), or null for a day the calendar does not have.
 * Midnight in Brussels never falls in a daylight-saving jump (they happen at 02:00 and 03:00).
 */
export function endOfBelgianDay(date: string): Date | null {
  const next = nextDay(date);
  if (!next) return null;
  const midnightUtc = Date.parse(`${next}T00:00:00Z`);
  for (const offsetHours of [1, 2]) {
    const midnight = new Date(midnightUtc - offsetHours * 3_600_000);
    if (belgianToday(midnight) === next && belgianToday(new Date(midnight.getTime() - 1)) === date) {
      return new Date(midnight.getTime() - 1);
    }
  }
  return null;
}

/**
 * A moment a reader asks about (`?asOf=`): an ISO-8601 instant with its offset (`2025-06-30T12:00:00Z`,
 * `2025-06-30T14:00:00+02:00`) or a date, meaning the end of that day in Belgian time. Null when the text
 * is neither (a local time without offset is refused: it would mean a different instant per server).
 */
export function parseAsOf(value: string): Date | null {
  if (ISO_DAY.test(value)) return endOfBelgianDay(value);
  if (!ISO_INSTANT.test(value)) return null;
  const day = value.slice(0, 10);
  if (!nextDay(day)) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
