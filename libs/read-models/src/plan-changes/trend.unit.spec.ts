import { monthEnds } from './trend.js';

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
