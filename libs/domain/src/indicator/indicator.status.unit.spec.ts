import {
  indicatorStatus,
  latestMeasurement,
  rollUpIndicatorStatus,
  weightedProgress,
} from './indicator.status.js';

const higher = { direction: 'higher_is_better' as const, attentionMarginPct: 10, targets: { '2024': 100 } };
const lower = {
  direction: 'lower_is_better' as const,
  attentionMarginPct: 10,
  targets: new Map([[2024, 50]]),
};
const at = (value: number, date = '2024-06-30') => ({ value, date });

describe('indicatorStatus', () => {
  it('compares the latest measurement with the target of its year, higher is better', () => {
    expect(indicatorStatus({ ...higher, latest: at(100) })).toEqual({
      status: 'on_track',
      year: 2024,
      target: 100,
    });
    expect(indicatorStatus({ ...higher, latest: at(120) }).status).toBe('on_track');
    expect(indicatorStatus({ ...higher, latest: at(90) }).status).toBe('attention'); // 10 % short: the edge
    expect(indicatorStatus({ ...higher, latest: at(89.9) }).status).toBe('off_track');
  });

  it('lower is better turns the comparison round', () => {
    expect(indicatorStatus({ ...lower, latest: at(40) }).status).toBe('on_track');
    expect(indicatorStatus({ ...lower, latest: at(55) }).status).toBe('attention');
    expect(indicatorStatus({ ...lower, latest: at(56) }).status).toBe('off_track');
  });

  it('uses the per-indicator margin; a target of 0 leaves no margin', () => {
    expect(indicatorStatus({ ...higher, attentionMarginPct: 25, latest: at(80) }).status).toBe('attention');
    expect(indicatorStatus({ ...higher, attentionMarginPct: 0, latest: at(99) }).status).toBe('off_track');
    expect(
      indicatorStatus({
        direction: 'lower_is_better',
        attentionMarginPct: 10,
        targets: { '2024': 0 },
        latest: at(1),
      }).status,
    ).toBe('off_track');
  });

  it('is no_data without a measurement or without a target for its year', () => {
    expect(indicatorStatus({ ...higher, latest: null })).toEqual({
      status: 'no_data',
      year: null,
      target: null,
    });
    expect(indicatorStatus({ ...higher, latest: at(100, '2023-12-31') })).toEqual({
      status: 'no_data',
      year: 2023,
      target: null,
    });
  });
});

describe('latestMeasurement', () => {
  it('is the latest date, of equal dates the last given', () => {
    const a = { id: 'a', date: '2024-01-01' };
    const b = { id: 'b', date: '2023-01-01' };
    const c = { id: 'c', date: '2024-01-01' };
    expect(latestMeasurement([a, b, c])).toBe(c);
    expect(latestMeasurement([])).toBeNull();
  });
});

describe('roll-ups', () => {
  it('an indicator roll-up is the worst status; no data counts only when all are without data', () => {
    expect(rollUpIndicatorStatus(['on_track', 'attention', 'no_data'])).toEqual({
      status: 'attention',
      counts: { on_track: 1, attention: 1, off_track: 0, no_data: 1 },
    });
    expect(rollUpIndicatorStatus(['on_track', 'off_track', 'attention']).status).toBe('off_track');
    expect(rollUpIndicatorStatus(['no_data']).status).toBe('no_data');
    expect(rollUpIndicatorStatus([]).status).toBe('no_data');
  });

  it('progress is the weighted average; weight 0 and missing progress leave a child out', () => {
    expect(
      weightedProgress([
        { progress: 100, weight: 3 },
        { progress: 0, weight: 1 },
      ]),
    ).toBe(75);
    expect(
      weightedProgress([
        { progress: 50, weight: 1 },
        { progress: 20, weight: 0 },
      ]),
    ).toBe(50);
    expect(
      weightedProgress([
        { progress: null, weight: 1 },
        { progress: 10, weight: 1 },
      ]),
    ).toBe(10);
    expect(
      weightedProgress([
        { progress: 1, weight: 1 },
        { progress: 2, weight: 2 },
      ]),
    ).toBe(1.7);
    expect(weightedProgress([])).toBeNull();
  });
});
