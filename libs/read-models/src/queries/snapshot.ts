import type pg from 'pg';
import { START, type Position } from '#event-store';
import { lowestPosition, readCheckpoints } from '../projection/checkpoints.js';
import type { Queryable } from '../projection/sql.js';

/** Where reads come from: a pool (each read takes one client for a consistent snapshot). */
export type ReadDb = pg.Pool;

/**
 * Runs `work` in a read-only REPEATABLE READ transaction and hands it the lowest checkpoint of
 * `projections` seen in the same snapshot: the rows read reflect exactly that position or later
 * (a projection that is further ahead only adds, never hides, effects of events after it).
 */
export async function inSnapshot<T>(
  db: ReadDb,
  projections: readonly string[],
  work: (tx: Queryable, position: Position) => Promise<T>,
): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin isolation level repeatable read read only');
    const checkpoints = await readCheckpoints(client, projections);
    const position = lowestPosition(projections.map((name) => checkpoints.get(name)?.position ?? START));
    const result = await work(client, position);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A date column read as YYYY-MM-DD (pg turns `date` into a local-time Date otherwise). */
export const isoDate = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  if (value instanceof Date) {
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return typeof value === 'number' ? new Date(value).toISOString().slice(0, 10) : null;
};

export const isoInstant = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' || typeof value === 'number' ? new Date(value).toISOString() : null;
};

/** A query got a value it cannot use (the API answers 400 with the field). */
export class InvalidQueryError extends Error {
  readonly code = 'QUERY.INVALID';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`invalid ${field}: ${rule}`);
  }
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
