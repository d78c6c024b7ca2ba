import {
  bigint,
  integer,
  json,
  nullable,
  table,
  text,
  timestamptz,
  type RowOf,
} from '../projection/table.js';

/** What an audit-trail entry is about (the aggregate kind of its stream). */
export const AUDIT_KINDS = [
  'plan',
  'action',
  'meeting',
  'signal',
  'working_group',
  'user',
  'partner',
  'tenant',
  'indicator',
  'period',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/**
 * One row per event of the tenant, with the columns its filters use. Summary and before/after fields are
 * derived from `data` when read (the domain's describe functions), so the stored row holds the event's own
 * data only once. One index per filter, so the first page of any filtered trail is an index scan backwards
 * from the newest position (docs/benchmarks.md); the key is (tenant, position), not the position alone: an
 * index on it would tempt the planner to walk every tenant's events.
 */
export const auditTrailTable = table(
  'rm_audit_trail',
  {
    position: text(),
    tenant_id: text(),
    stream_id: text(),
    version: integer(),
    type: text(),
    kind: text<AuditKind>(),
    /** the id of the plan, action, meeting, signal, working group, user, partner or tenant */
    aggregate_id: text(),
    occurred_at: timestamptz(),
    /**
     * the latest `occurred_at` of the tenant's events up to and including this one: it never decreases with
     * the position, so a range of it is a range of positions (a day filter reads only the events it needs)
     */
    seen_at: timestamptz(),
    actor_id: text(),
    /** the action the event is about (its own events, and its placement in the plan) */
    action_id: nullable(text()),
    /** the theme the event is about: the theme itself, its goals, its actions (as placed when it happened) */
    theme_id: nullable(text()),
    /** the meeting: the meeting's own events and every change made during it */
    meeting_id: nullable(text()),
    /** json, not jsonb: never queried into, returned as written, cheaper to insert */
    data: json(),
  },
  {
    primaryKey: ['tenant_id', 'position'],
    indexes: [
      { name: 'rm_audit_trail_actor_idx', columns: 'tenant_id, actor_id, "position"' },
      { name: 'rm_audit_trail_kind_idx', columns: 'tenant_id, kind, "position"' },
      {
        name: 'rm_audit_trail_action_idx',
        columns: 'tenant_id, action_id, "position"',
        where: '(action_id IS NOT NULL)',
      },
      {
        name: 'rm_audit_trail_theme_idx',
        columns: 'tenant_id, theme_id, "position"',
        where: '(theme_id IS NOT NULL)',
      },
      {
        name: 'rm_audit_trail_meeting_idx',
        columns: 'tenant_id, meeting_id, "position"',
        where: '(meeting_id IS NOT NULL)',
      },
      // a day range becomes a range of positions here, one index lookup per end (query.ts, dayBounds)
      { name: 'rm_audit_trail_seen_idx', columns: 'tenant_id, seen_at, "position"' },
    ],
  },
);
export type AuditTrailRow = RowOf<typeof auditTrailTable>;

/** per tenant: the latest event time seen so far, and how far an event's time ever lagged behind it */
export const auditTrailClockTable = table(
  'rm_audit_trail_clock',
  {
    tenant_id: text(),
    seen_at: timestamptz(),
    /** the most an event's `occurred_at` was ever behind `seen_at` (a clock, a late commit) */
    max_lag_ms: bigint(),
  },
  { primaryKey: ['tenant_id'] },
);
export type AuditTrailClockRow = RowOf<typeof auditTrailClockTable>;

/** which theme (and plan) each goal and action belonged to, so a theme's trail holds its goals and actions */
export const auditTrailSectionsTable = table(
  'rm_audit_trail_sections',
  {
    tenant_id: text(),
    /** a goal's or an action's id */
    id: text(),
    kind: text<'goal' | 'action'>(),
    plan_id: text(),
    theme_id: nullable(text()),
  },
  { primaryKey: ['tenant_id', 'id'] },
);
export type AuditTrailSectionRow = RowOf<typeof auditTrailSectionsTable>;

export const AUDIT_TRAIL_TABLE = auditTrailTable.name;
export const AUDIT_TRAIL_SECTIONS_TABLE = auditTrailSectionsTable.name;
export const AUDIT_TRAIL_CLOCK_TABLE = auditTrailClockTable.name;
