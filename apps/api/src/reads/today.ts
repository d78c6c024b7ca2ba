/** The calendar date in Belgium: "overdue" is judged by the date people see on their wall, not UTC's. */
export function belgianToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(now);
}
