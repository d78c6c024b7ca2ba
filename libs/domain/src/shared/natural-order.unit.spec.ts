import { naturalCompare, naturalSortKey } from './natural-order.js';

describe('natural order of codes', () => {
  const byKey = (a: string, b: string): number => {
    const [x, y] = [naturalSortKey(a), naturalSortKey(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };

  it('orders numbers by value and letters without regard to case', () => {
    const codes = ['1.10', '1.2', 'OD 10', 'od 2', '1.1.A.1', '1.1.10', '1.1.2', '2', '10'];
    const expected = ['1.1.2', '1.1.10', '1.1.A.1', '1.2', '1.10', '2', '10', 'od 2', 'OD 10'];
    expect([...codes].sort(naturalCompare)).toEqual(expected);
    expect([...codes].sort(byKey)).toEqual(expected);
    // a database collation that compares like localeCompare orders the stored keys the same way
    expect([...codes].sort((a, b) => naturalSortKey(a).localeCompare(naturalSortKey(b)))).toEqual(expected);
  });

  it('orders the codes of an export the way the action list shows them', () => {
    // before one home, the export compared letters by code units ('B' < 'SD 2' < 'a'); now by the list's key
    const codes = ['3.10', '3.2', '10.1', '3.2.1', 'SD 10', 'SD 2', '3.02', 'a', 'B'];
    expect([...codes].sort(naturalCompare)).toEqual([
      '3.2',
      '3.02',
      '3.2.1',
      '3.10',
      '10.1',
      'a',
      'B',
      'SD 2',
      'SD 10',
    ]);
  });

  it('gives codes that differ only in leading zeros, case or surrounding spaces one key', () => {
    expect(naturalSortKey('01.002')).toBe(naturalSortKey('1.2'));
    expect(naturalSortKey(' SD 2 ')).toBe(naturalSortKey('sd 2'));
    expect(naturalSortKey('0')).toBe('000000000000');
  });

  it('keeps codes with one key in a fixed order: fewer leading zeros first, then code units', () => {
    expect(['3.02', '3.2', '3.2.1'].sort(naturalCompare)).toEqual(['3.2', '3.02', '3.2.1']);
    expect(['sd 2', 'SD 2'].sort(naturalCompare)).toEqual(['SD 2', 'sd 2']);
    expect(naturalCompare('3.2', '3.2')).toBe(0);
  });

  it('agrees with the order of the stored keys wherever the keys differ', () => {
    const codes = [
      '3.10',
      '3.2',
      '10.1',
      '3.2.1',
      'SD 10',
      'SD 2',
      '3.02',
      'a',
      'B',
      'OD 1.2',
      'od 1.10',
      '1a',
      '1',
    ];
    for (const a of codes) {
      for (const b of codes) {
        if (naturalSortKey(a) !== naturalSortKey(b))
          expect(Math.sign(naturalCompare(a, b))).toBe(byKey(a, b));
      }
    }
  });
});
