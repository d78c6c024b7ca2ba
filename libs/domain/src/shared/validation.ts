import { DomainError } from './domain-error.js';

/**
 * Shape checks shared by the deciders. Commands arrive from JSON, so values are checked at run time even
 * where the types already say so: decide is the last line of defence before an event is stored forever.
 */
export type InvalidCode =
  | 'ACTION.INVALID'
  | 'PLAN.INVALID'
  | 'PARTNER.INVALID'
  | 'USER.INVALID'
  | 'TENANT.INVALID'
  | 'WORKING_GROUP.INVALID'
  | 'MEETING.INVALID'
  | 'SIGNAL.INVALID'
  | 'INDICATOR.INVALID'
  | 'PERIOD.INVALID';

export const invalid = (code: InvalidCode, field: string, rule: string): DomainError =>
  new DomainError(code, { field, rule });

/** a trimmed, non-empty string */
export function requiredText(code: InvalidCode, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(code, field, 'must be a non-empty text');
  return value.trim();
}

/** a trimmed string; absent or blank becomes null */
export function optionalText(code: InvalidCode, field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid(code, field, 'must be a text');
  return value.trim() === '' ? null : value.trim();
}

/** a trimmed string that may be empty (e.g. a description) */
export function plainText(code: InvalidCode, field: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid(code, field, 'must be a text');
  return value.trim();
}

export function optionalId(code: InvalidCode, field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return requiredText(code, field, value);
}

export function oneOf<T extends string>(
  code: InvalidCode,
  field: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(code, field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (year: number, month: number): number => {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
};

/** a real calendar date written as YYYY-MM-DD (2024-02-30 is refused) */
export function isoDate(code: InvalidCode, field: string, value: unknown): string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) throw invalid(code, field, 'must be a date written as YYYY-MM-DD');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalid(code, field, 'must be an existing calendar date');
  }
  return value as string;
}

/** trimmed, non-empty, distinct strings, in the order given */
export function distinctTexts(code: InvalidCode, field: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(code, field, 'must be a list of texts');
  const items = value.map((item) => requiredText(code, field, item));
  if (new Set(items).size !== items.length) throw invalid(code, field, 'must not contain duplicates');
  return items;
}

export function boolean(code: InvalidCode, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalid(code, field, 'must be true or false');
  return value;
}

export const sameMembers = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item) => b.includes(item));
