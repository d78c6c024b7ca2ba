/**
 * Calendar days in Belgium. Instants are stored in UTC; a day a person means (a due date, "overdue", the day of
 * a meeting) is a day in Europe/Brussels. Between 22:00 and 24:00 UTC (23:00 and 24:00 in winter) it is
 * already tomorrow in Brussels, so a UTC date would be a day behind. Pure and free of imports.
 */
export const BELGIAN_TIME_ZONE = 'Europe/Brussels';

/** The day `now` falls on in Belgium, as an ISO date (`2025-12-31`). `now` is always passed: no hidden clock. */
export function belgianToday(now: Date): string {
  // en-CA formats a date as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: BELGIAN_TIME_ZONE }).format(now);
}
