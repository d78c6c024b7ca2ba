import { parsePosition, type EventStore, type Position } from '#event-store';
import type { Queryable } from './sql.js';

export interface EventCount {
  count: number;
  /** true when counting stopped at a cap: the real number is at least `count` */
  capped: boolean;
}

/**
 * Counts the events after `from` up to and including `to` (null: up to the last one a reader of the
 * global log can see), for lag and rebuild progress.
 */
export type EventCounter = (from: Position, to: Position | null) => Promise<EventCount>;

/**
 * Works with any store: pages through `readAll` and stops at `cap` events, so a health check never reads
 * the whole log. Exact for lags up to the cap.
 */
export function readAllEventCounter(
  store: EventStore,
  options: { cap?: number; pageSize?: number } = {},
): EventCounter {
  const cap = options.cap ?? 10_000;
  const pageSize = options.pageSize ?? 1_000;
  return async (from, to) => {
    let count = 0;
    let position = from;
    while (count < cap) {
      const page = await store.readAll(position, Math.min(pageSize, cap - count));
      if (page.events.length === 0) return { count, capped: false };
      for (const event of page.events) {
        if (to !== null && event.position > to) return { count, capped: false };
        count++;
      }
      position = page.position;
    }
    return { count, capped: true };
  };
}

/**
 * Exact count on the PostgreSQL event store's `events` table in one index range scan. Relies on that
 * adapter's positions being `(tx_id, seq)` (libs/event-store/src/postgres). Only counts rows a reader of
 * the global log may already see (below the oldest running transaction).
 */
export function postgresEventCounter(db: Queryable): EventCounter {
  return async (from, to) => {
    if (to !== null && to <= from) return { count: 0, capped: false };
    const a = parsePosition(from);
    const b = to === null ? null : parsePosition(to);
    const { rows } = await db.query<{ n: string }>(
      `select count(*) as n from events
        where (tx_id, seq) > ($1::text::xid8, $2::bigint)
          and ($3::text is null or (tx_id, seq) <= ($3::text::xid8, $4::bigint))
          and tx_id < pg_snapshot_xmin(pg_current_snapshot())`,
      [a.major.toString(), a.minor.toString(), b?.major.toString() ?? null, b?.minor.toString() ?? null],
    );
    return { count: Number(rows[0]?.n ?? 0), capped: false };
  };
}
