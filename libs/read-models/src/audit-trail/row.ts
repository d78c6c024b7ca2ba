import type { JsonRow } from '../projection/sql.js';

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
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_TRAIL_TABLE = 'rm_audit_trail';
/** which theme (and plan) each goal and action belonged to, so a theme's trail holds its goals and actions */
export const AUDIT_TRAIL_SECTIONS_TABLE = 'rm_audit_trail_sections';
/** per tenant: the latest event time seen so far, and how far an event's time ever lagged behind it */
export const AUDIT_TRAIL_CLOCK_TABLE = 'rm_audit_trail_clock';

/**
 * One row of the audit trail (`rm_audit_trail`): one event of the tenant, with the columns its filters use.
 * Summary and before/after fields are derived from `data` when read (the domain's describe functions), so
 * the stored row holds the event's own data only once.
 */
export interface AuditTrailRow extends JsonRow {
  position: string;
  tenant_id: string;
  stream_id: string;
  version: number;
  type: string;
  kind: AuditKind;
  /** the id of the plan, action, meeting, signal, working group, user, partner or tenant */
  aggregate_id: string;
  occurred_at: string;
  /**
   * the latest `occurred_at` of the tenant's events up to and including this one: it never decreases with
   * the position, so a range of it is a range of positions (a day filter reads only the events it needs)
   */
  seen_at: string;
  actor_id: string;
  /** the action the event is about (its own events, and its placement in the plan) */
  action_id: string | null;
  /** the theme the event is about: the theme itself, its goals, its actions (as placed when it happened) */
  theme_id: string | null;
  /** the meeting: the meeting's own events and every change made during it */
  meeting_id: string | null;
  data: unknown;
}

export interface AuditTrailSectionRow extends JsonRow {
  tenant_id: string;
  /** a goal's or an action's id */
  id: string;
  kind: 'goal' | 'action';
  plan_id: string;
  theme_id: string | null;
}

export interface AuditTrailClockRow extends JsonRow {
  tenant_id: string;
  seen_at: string;
  /** the most an event's `occurred_at` was ever behind `seen_at` (a clock, a late commit) */
  max_lag_ms: number;
}
