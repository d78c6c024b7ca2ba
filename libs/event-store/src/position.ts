/**
 * A global log position: two unsigned 64-bit numbers, (commit, prepare) for KurrentDB or
 * (transaction id, sequence) for PostgreSQL. Serialised as two zero-padded 20-digit decimals joined by
 * a dash, so that string comparison is the log order and the value survives any JSON round trip.
 */
export type Position = string & { readonly __brand?: 'Position' };

const WIDTH = 20;
const PATTERN = /^\d{20}-\d{20}$/;

export const START: Position = toPosition(0n, 0n);

export function toPosition(major: bigint | string | number, minor: bigint | string | number): Position {
  return `${BigInt(major).toString().padStart(WIDTH, '0')}-${BigInt(minor).toString().padStart(WIDTH, '0')}`;
}

export function isPosition(value: unknown): value is Position {
  return typeof value === 'string' && PATTERN.test(value);
}

export function parsePosition(value: string): { major: bigint; minor: bigint } {
  if (!isPosition(value)) throw new InvalidPositionError(value);
  const [major, minor] = value.split('-') as [string, string];
  return { major: BigInt(major), minor: BigInt(minor) };
}

export function comparePositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxPosition(a: Position, b: Position): Position {
  return a >= b ? a : b;
}

export class InvalidPositionError extends Error {
  readonly code = 'POSITION.INVALID';
  constructor(readonly value: string) {
    super(`"${value}" is not a position: expected two 20-digit numbers joined by "-"`);
  }
}
