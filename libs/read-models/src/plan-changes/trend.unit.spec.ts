import { ACTION_STATUSES } from '#domain';
import type { StatusCounts, TrendMonth } from '#contracts';
import { monthEnds, sweepStatusCounts } from './trend.js';

describe('monthEnds', () => {
  it('lists every month from the first to the last, with its last day (leap years included)', () => {
    expect(monthEnds('2023-11-15', '2024-03-01')).toEqual([
      { month: '2023-11', lastDay: '2023-11-30' },
      { month: '2023-12', lastDay: '2023-12-31' },
      { month: '2024-01', lastDay: '2024-01-31' },
      { month: '2024-02', lastDay: '2024-02-29' },
      { month: '2024-03', lastDay: '2024-03-31' },
    ]);
    expect(monthEnds('2021-01-01', '2025-12-31')).toHaveLength(60);
    expect(monthEnds('2025-06-01', '2025-06-30')).toEqual([{ month: '2025-06', lastDay: '2025-06-30' }]);
  });
});

describe('sweepStatusCounts', () => {
  const month = (position: string): TrendMonth => ({
    month: position,
    asOf: '2025-01-31T22:59:59.999Z',
    position,
    total: 0,
    byStatus: Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as StatusCounts,
  });

  it('counts each action with the status its last change at or before the month left, archived ones not', () => {
    const months = [month('p1'), month('p3'), month('p5'), month('p7')];
    sweepStatusCounts(
      [
        { position: 'p1', action_id: 'a', status: 'not_started', archived: false },
        { position: 'p2', action_id: 'b', status: 'not_started', archived: false },
        { position: 'p3', action_id: 'a', status: 'in_progress', archived: false },
        { position: 'p4', action_id: 'b', status: 'realised', archived: false },
        { position: 'p6', action_id: 'a', status: 'in_progress', archived: true },
      ],
      months,
    );
    expect(
      months.map((m) => [m.total, m.byStatus.not_started, m.byStatus.in_progress, m.byStatus.realised]),
    ).toEqual([
      [1, 1, 0, 0],
      [2, 1, 1, 0],
      [2, 0, 1, 1],
      [1, 0, 0, 1],
    ]);
  });

  it('leaves the months before any change empty', () => {
    const months = [month('p0'), month('p2')];
    sweepStatusCounts([{ position: 'p1', action_id: 'a', status: 'stopped', archived: false }], months);
    expect(months.map((m) => m.total)).toEqual([0, 1]);
    expect(months[1]!.byStatus.stopped).toBe(1);
  });
});
