/**
 * The natural order of codes (themes, goals, actions), the way people read them: `1.2` before `1.10`,
 * `SD 2` before `SD 10`, letters without regard to case. The read models store `naturalSortKey` and sort by it
 * in SQL; code in memory sorts with `naturalCompare`, which orders by the same key. Pure and free of imports,
 * so the web app may bundle it.
 */

/** Digits per number in the key: plenty for codes (a number of more digits would sort out of place). */
const NUMBER_WIDTH = 12;

/** Every run of digits without its leading zeros, zero-padded; letters lower-cased; spaces around trimmed. */
export const naturalSortKey = (code: string): string =>
  code
    .trim()
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(NUMBER_WIDTH, '0'));

/**
 * Orders codes by `naturalSortKey`; codes with the same key (`3.2` and `3.02`, `SD 2` and `sd 2`) keep a fixed
 * order: the fewer leading zeros first, then plain code-unit order.
 */
export function naturalCompare(a: string, b: string): number {
  const keyA = naturalSortKey(a);
  const keyB = naturalSortKey(b);
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  const numbersA = a.match(/\d+/g) ?? [];
  const numbersB = b.match(/\d+/g) ?? [];
  for (let i = 0; i < Math.min(numbersA.length, numbersB.length); i++) {
    const longer = numbersA[i]!.length - numbersB[i]!.length;
    if (longer !== 0) return longer < 0 ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
