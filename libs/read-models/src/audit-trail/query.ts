import {
  changesOf,
  describeEvent,
  holdsErasableText,
  type DomainEvent,
  type FieldChange,
  type LocalizedText,
  type NameLookup,
} from '#domain';
import { START, type Position } from '#event-store';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { PLAN_TREE_PROJECTION } from '../plan-tree/projection.js';
import { USERS_PROJECTION } from '../users/projection.js';
import type { Queryable } from '../projection/sql.js';
import { inSnapshot, isoInstant, ISO_DATE, InvalidQueryError, type ReadDb } from '../queries/snapshot.js';
import { AUDIT_TRAIL_PROJECTION } from './projection.js';
import { AUDIT_KINDS, type AuditKind, type AuditTrailRow } from './row.js';

/** What the audit trail can be narrowed to; every filter given must hold (and). */
export interface AuditTrailFilters {
  actorId?: string;
  kind?: AuditKind;
  /** the action's own events and its placement in the plan */
  actionId?: string;
  /** the theme's events, its goals' and its actions' */
  themeId?: string;
  /** the meeting's events and every change made during it */
  meetingId?: string;
  /** first day (YYYY-MM-DD, Belgian time), inclusive */
  from?: string;
  /** last day (YYYY-MM-DD, Belgian time), inclusive */
  to?: string;
}

export interface AuditTrailPaging {
  /** the cursor: only events before this position (the `nextCursor` of the previous page) */
  before?: Position;
  /** default 50, at most 200 */
  limit?: number;
}

/** What an entry changed, for a link: the action, plan, meeting, signal, working group, user, partner, tenant. */
export interface AuditTarget {
  kind: AuditKind;
  id: string;
}

export interface AuditEntry {
  position: Position;
  type: string;
  kind: AuditKind;
  /** the id of the plan, action, meeting, signal, indicator, period, working group, user, partner or tenant */
  aggregateId: string;
  streamId: string;
  /** the event's version in its stream: what `POST /api/erasures` names a text by */
  version: number;
  /**
   * the event holds free text that can still be erased on its own (`holdsErasableText`: a type of
   * `FREE_TEXT_FIELDS` with a text that is not `[erased]` yet)
   */
  erasableText: boolean;
  occurredAt: string;
  actor: { id: string; name: string };
  summary: LocalizedText;
  /** the fields the event changed, before and after */
  changes: FieldChange[];
  target: AuditTarget;
  meetingId?: string;
}

export interface AuditTrailPage {
  items: AuditEntry[];
  /** pass as `before` for the next (older) page; null on the last page */
  nextCursor: Position | null;
  /** the position the trail reflects */
  position: Position;
}

export const AUDIT_TRAIL_SOURCES = [
  AUDIT_TRAIL_PROJECTION,
  USERS_PROJECTION,
  PARTNERS_PROJECTION,
  PLAN_TREE_PROJECTION,
] as const;

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

/** the columns a page reads (`COLUMNS`), through a plain select: `occurred_at` comes back as a Date */
type Row = Pick<
  AuditTrailRow,
  | 'position'
  | 'stream_id'
  | 'version'
  | 'type'
  | 'kind'
  | 'aggregate_id'
  | 'actor_id'
  | 'action_id'
  | 'meeting_id'
  | 'data'
> & { occurred_at: Date };

/**
 * The `where` clause of a filtered trail. Each filter is its own plain condition (never `$n is null or ...`),
 * so PostgreSQL picks the index made for it and walks it backwards from the newest position.
 */
function whereOf(tenantId: string, filters: AuditTrailFilters): { where: string; values: unknown[] } {
  const values: unknown[] = [tenantId];
  const conditions = ['tenant_id = $1'];
  const add = (sql: (n: string) => string, value: unknown): void => {
    values.push(value);
    conditions.push(sql(`$${values.length}`));
  };
  if (filters.kind !== undefined) {
    if (!(AUDIT_KINDS as readonly string[]).includes(filters.kind))
      throw new InvalidQueryError('kind', `must be one of ${AUDIT_KINDS.join(', ')}`);
    add((n) => `kind = ${n}`, filters.kind);
  }
  if (filters.actorId) add((n) => `actor_id = ${n}`, filters.actorId);
  if (filters.actionId) add((n) => `action_id = ${n}`, filters.actionId);
  if (filters.themeId) add((n) => `theme_id = ${n}`, filters.themeId);
  if (filters.meetingId) add((n) => `meeting_id = ${n}`, filters.meetingId);
  for (const field of ['from', 'to'] as const) {
    const value = filters[field];
    if (value !== undefined && !isRealDate(value))
      throw new InvalidQueryError(field, 'must be a date YYYY-MM-DD');
  }
  if (filters.from && filters.to && filters.from > filters.to)
    throw new InvalidQueryError('to', 'must not be before from');
  addDays(filters, add);
  return { where: conditions.join(' and '), values };
}

/** The conditions of a day range (Belgian days, both inclusive). */
function addDays(
  filters: AuditTrailFilters,
  add: (sql: (n: string) => string, value: unknown) => void,
): void {
  if (filters.from)
    add((n) => `occurred_at >= (${n}::date)::timestamp at time zone 'Europe/Brussels'`, filters.from);
  if (filters.to)
    add((n) => `occurred_at < (${n}::date + 1)::timestamp at time zone 'Europe/Brussels'`, filters.to);
}

/** above every position (positions are digits and a dash) */
const END = '~' as Position;

/** The lowest and highest position of a day range, or null when no filter of days is given. */
type Bounds = { lo: Position; hi: Position } | 'empty' | null;

/**
 * A day range as a range of positions. Times and positions rise together but not strictly (clocks, late
 * commits), so the range is found through `seen_at`, the latest time seen up to each event, which never
 * decreases with the position: an event in [from, to) has `seen_at` in [from, to + the tenant's largest lag),
 * and that is one position interval, each end one index lookup. The page then walks those positions only,
 * with the exact day condition still applied: exact, whatever the clocks did.
 */
async function dayBounds(tx: Queryable, tenantId: string, filters: AuditTrailFilters): Promise<Bounds> {
  if (!filters.from && !filters.to) return null;
  // plain expressions (no join), so each end is an index condition of one backward or forward lookup
  const { rows } = await tx.query<{ lo: string | null; hi: string | null }>(
    `select (select position from rm_audit_trail
              where $2::date is not null and tenant_id = $1
                and seen_at >= ($2::date)::timestamp at time zone 'Europe/Brussels'
              order by seen_at, position limit 1) as lo,
            (select position from rm_audit_trail
              where $3::date is not null and tenant_id = $1
                and seen_at < ($3::date + 1)::timestamp at time zone 'Europe/Brussels'
                  + coalesce((select max_lag_ms from rm_audit_trail_clock where tenant_id = $1), 0)
                    * interval '1 millisecond'
              order by seen_at desc, position desc limit 1) as hi`,
    [tenantId, filters.from ?? null, filters.to ?? null],
  );
  const { lo, hi } = rows[0] ?? { lo: null, hi: null };
  if ((filters.from && !lo) || (filters.to && !hi)) return 'empty';
  return { lo: lo ?? START, hi: hi ?? END };
}

/** YYYY-MM-DD and a day the calendar has (not 2026-02-30) */
const isRealDate = (value: string): boolean => {
  const day = new Date(`${value}T00:00:00Z`);
  return ISO_DATE.test(value) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
};

const COLUMNS = `position, stream_id, version, type, kind, aggregate_id, occurred_at, actor_id, action_id,
  meeting_id, data`;

async function readRows(
  tx: Queryable,
  tenantId: string,
  filters: AuditTrailFilters,
  bounds: Bounds,
  before: Position | undefined,
  limit: number,
): Promise<Row[]> {
  if (bounds === 'empty') return [];
  const { where, values } = whereOf(tenantId, filters);
  let clause = where;
  if (before !== undefined) {
    values.push(before);
    clause += ` and position < $${values.length}`;
  }
  if (bounds) {
    values.push(bounds.lo, bounds.hi);
    clause += ` and position >= $${values.length - 1} and position <= $${values.length}`;
  }
  values.push(limit);
  const { rows } = await tx.query<Row>(
    `select ${COLUMNS} from rm_audit_trail where ${clause} order by position desc limit $${values.length}`,
    values,
  );
  return rows;
}

/** One page of a tenant's audit trail, newest first. */
export async function listAuditTrail(
  db: ReadDb,
  tenantId: string,
  filters: AuditTrailFilters = {},
  paging: AuditTrailPaging = {},
): Promise<AuditTrailPage> {
  const limit = Math.min(Math.max(Math.trunc(paging.limit ?? AUDIT_PAGE_DEFAULT), 1), AUDIT_PAGE_MAX);
  whereOf(tenantId, filters); // invalid filters fail before a connection is taken
  return inSnapshot(db, AUDIT_TRAIL_SOURCES, async (tx, position) => {
    const bounds = await dayBounds(tx, tenantId, filters);
    const rows = await readRows(tx, tenantId, filters, bounds, paging.before, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: await toEntries(tx, tenantId, page),
      nextCursor: rows.length > limit ? page[page.length - 1]!.position : null,
      position,
    };
  });
}

/**
 * The whole filtered trail, newest first, in batches read with the same cursor as the pages, all from one
 * snapshot (one read-only transaction): an export never holds more than one batch in memory.
 */
export async function* streamAuditTrail(
  db: ReadDb,
  tenantId: string,
  filters: AuditTrailFilters = {},
  batchSize = 1_000,
): AsyncGenerator<AuditEntry[]> {
  whereOf(tenantId, filters);
  const client = await db.connect();
  let broken: Error | undefined;
  let committed = false;
  try {
    await client.query('begin isolation level repeatable read read only');
    const bounds = await dayBounds(client, tenantId, filters);
    let before: Position | undefined;
    for (;;) {
      const rows = await readRows(client, tenantId, filters, bounds, before, batchSize);
      if (rows.length > 0) yield await toEntries(client, tenantId, rows);
      if (rows.length < batchSize) break;
      before = rows[rows.length - 1]!.position;
    }
    await client.query('commit');
    committed = true;
  } finally {
    // also when the consumer stopped early (a client that went away): end the read-only transaction
    if (!committed)
      await client.query('rollback').catch((error: unknown) => {
        broken = error instanceof Error ? error : new Error(String(error));
      });
    client.release(broken);
  }
}

type NameKind = Parameters<NameLookup>[0];

/** Entries with summaries in both languages; the names they mention are read in one round trip. */
async function toEntries(tx: Queryable, tenantId: string, rows: readonly Row[]): Promise<AuditEntry[]> {
  const events = rows.map((row) => ({ type: row.type, data: row.data }) as DomainEvent);
  // a first pass records which names the summaries ask for
  const wanted = new Map<NameKind, Set<string>>();
  const record: NameLookup = (kind, id) => {
    const set = wanted.get(kind) ?? new Set<string>();
    set.add(id);
    wanted.set(kind, set);
    return undefined;
  };
  for (const event of events) describeEvent(event, record);
  const users = wanted.get('user') ?? new Set<string>();
  for (const row of rows) users.add(row.actor_id);
  wanted.set('user', users);
  const names = await namesOf(tx, tenantId, wanted);
  const lookup: NameLookup = (kind, id) => names.get(`${kind}:${id}`);
  return rows.map((row, index) => ({
    position: row.position,
    type: row.type,
    kind: row.kind,
    aggregateId: row.aggregate_id,
    streamId: row.stream_id,
    version: row.version,
    erasableText: holdsErasableText(row.type, row.data),
    occurredAt: isoInstant(row.occurred_at)!,
    actor: { id: row.actor_id, name: lookup('user', row.actor_id) ?? row.actor_id },
    summary: describeEvent(events[index]!, lookup),
    changes: changesOf(events[index]!),
    target: targetOf(row),
    ...(row.meeting_id ? { meetingId: row.meeting_id } : {}),
  }));
}

/** Current names: users and partners by their name, themes and goals by their code (as action history). */
async function namesOf(
  tx: Queryable,
  tenantId: string,
  wanted: ReadonlyMap<NameKind, ReadonlySet<string>>,
): Promise<Map<string, string>> {
  const ids = (kind: NameKind): string[] => [...(wanted.get(kind) ?? [])];
  const sections = [...ids('theme'), ...ids('goal')];
  const { rows } = await tx.query<{ key: string; name: string }>(
    `select 'user:' || id as key, name from rm_users where tenant_id = $1 and id = any($2::text[])
     union all
     select 'partner:' || id, name from rm_partners where tenant_id = $1 and id = any($3::text[])
     union all
     select kind || ':' || id, code from rm_plan_sections where tenant_id = $1 and id = any($4::text[])`,
    [tenantId, ids('user'), ids('partner'), sections],
  );
  return new Map(rows.map((row) => [row.key, row.name]));
}

function targetOf(row: Row): AuditTarget {
  if (row.action_id) return { kind: 'action', id: row.action_id };
  return { kind: row.kind, id: row.aggregate_id };
}
