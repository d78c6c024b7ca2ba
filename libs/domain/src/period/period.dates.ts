import { belgianToday } from '../shared/belgian-date.js';

const HOUR = 3_600_000;

/**
 * The last millisecond of a Belgian calendar day, as an ISO instant: 2025-06-30 ends at 21:59:59.999Z (summer
 * time), 2025-12-31 at 22:59:59.999Z. A period's report "as of its end" reflects the log up to this instant.
 */
export function belgianDayEnd(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const nextMidnightUtc = Date.UTC(year, month - 1, day + 1);
  // Brussels is UTC+1 or UTC+2: the next day starts 1 or 2 hours before midnight UTC
  for (const offset of [2, 1]) {
    const start = nextMidnightUtc - offset * HOUR;
    if (belgianToday(new Date(start)) !== isoDate && belgianToday(new Date(start - 1)) === isoDate) {
      return new Date(start - 1).toISOString();
    }
  }
  return new Date(nextMidnightUtc - HOUR - 1).toISOString();
}

/** The first millisecond of a Belgian calendar day, as an ISO instant. */
export function belgianDayStart(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const previous = new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
  return new Date(Date.parse(belgianDayEnd(previous)) + 1).toISOString();
}
