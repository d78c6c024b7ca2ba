import { belgianDateTime, belgianToday, endOfBelgianDay, parseAsOf } from './belgian-date.js';

describe('belgianToday', () => {
  it('is the day in Brussels, not in UTC', () => {
    // winter (UTC+1): 23:30 UTC on 31 December is already New Year's Day in Brussels
    expect(belgianToday(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12-31');
    expect(belgianToday(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    // summer (UTC+2): 22:00 UTC on 30 June is 1 July in Brussels
    expect(belgianToday(new Date('2025-06-30T21:59:59Z'))).toBe('2025-06-30');
    expect(belgianToday(new Date('2025-06-30T22:00:00Z'))).toBe('2025-07-01');
  });

  it('follows the change to and from summer time', () => {
    // 30 March 2025, 01:00 UTC: clocks go from 02:00 to 03:00 in Brussels
    expect(belgianToday(new Date('2025-03-29T22:59:59Z'))).toBe('2025-03-29');
    expect(belgianToday(new Date('2025-03-29T23:00:00Z'))).toBe('2025-03-30');
    // 26 October 2025: back from 03:00 to 02:00; 22:30 UTC is 23:30 in Brussels, still the 26th
    expect(belgianToday(new Date('2025-10-26T22:30:00Z'))).toBe('2025-10-26');
    expect(belgianToday(new Date('2025-10-26T23:00:00Z'))).toBe('2025-10-27');
  });
});

describe('belgianDateTime', () => {
  it('is the day and time of day in Brussels, in winter and summer time, past midnight', () => {
    expect(belgianDateTime(new Date('2025-12-31T13:05:00Z'))).toEqual({ date: '2025-12-31', time: '14:05' });
    expect(belgianDateTime(new Date('2025-06-30T22:30:00Z'))).toEqual({ date: '2025-07-01', time: '00:30' });
    expect(belgianDateTime(new Date('2025-12-31T23:00:00Z'))).toEqual({ date: '2026-01-01', time: '00:00' });
    // the night of the change to summer time: 01:59 winter time, then 03:00 summer time
    expect(belgianDateTime(new Date('2025-03-30T00:59:00Z'))).toEqual({ date: '2025-03-30', time: '01:59' });
    expect(belgianDateTime(new Date('2025-03-30T01:00:00Z'))).toEqual({ date: '2025-03-30', time: '03:00' });
  });
});

describe('endOfBelgianDay and parseAsOf (?asOf=)', () => {
  it('ends a day at Belgian midnight, in winter and summer time and on both change days', () => {
    expect(endOfBelgianDay('2025-12-31')?.toISOString()).toBe('2025-12-31T22:59:59.999Z');
    expect(endOfBelgianDay('2025-06-30')?.toISOString()).toBe('2025-06-30T21:59:59.999Z');
    // spring forward on 30/03/2025: the day before ends in winter time, the day itself in summer time
    expect(endOfBelgianDay('2025-03-29')?.toISOString()).toBe('2025-03-29T22:59:59.999Z');
    expect(endOfBelgianDay('2025-03-30')?.toISOString()).toBe('2025-03-30T21:59:59.999Z');
    // fall back on 26/10/2025
    expect(endOfBelgianDay('2025-10-25')?.toISOString()).toBe('2025-10-25T21:59:59.999Z');
    expect(endOfBelgianDay('2025-10-26')?.toISOString()).toBe('2025-10-26T22:59:59.999Z');
    expect(endOfBelgianDay('2024-02-29')?.toISOString()).toBe('2024-02-29T22:59:59.999Z');
    expect(endOfBelgianDay('2025-02-29')).toBeNull();
  });

  it('reads a date or an instant with its offset, and refuses anything else', () => {
    expect(parseAsOf('2025-06-30')?.toISOString()).toBe('2025-06-30T21:59:59.999Z');
    expect(parseAsOf('2025-06-30T12:00:00Z')?.toISOString()).toBe('2025-06-30T12:00:00.000Z');
    expect(parseAsOf('2025-06-30T14:00:00+02:00')?.toISOString()).toBe('2025-06-30T12:00:00.000Z');
    expect(parseAsOf('2025-06-30T12:00Z')?.toISOString()).toBe('2025-06-30T12:00:00.000Z');
    expect(parseAsOf('2025-06-30T12:00:00.123456Z')?.toISOString()).toBe('2025-06-30T12:00:00.123Z');
    for (const bad of [
      '',
      'today',
      '2025-6-30',
      '2025-02-30',
      '2025-06-30T12:00:00',
      '2025-06-30T24:30:00Z',
      '2025-02-30T10:00:00Z',
      '1751284800000',
    ])
      expect(parseAsOf(bad)).toBeNull();
  });
});
