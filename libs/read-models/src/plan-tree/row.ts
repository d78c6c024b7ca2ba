import type { ActionStatus } from '#domain';
import {
  boolean,
  date,
  float8,
  integer,
  nullable,
  table,
  text,
  timestamptz,
  withDefault,
  type RowOf,
} from '../projection/table.js';

export const plansTable = table(
  'rm_plans',
  {
    tenant_id: text(),
    id: text(),
    title: text(),
    description: text(),
    period_start: date(),
    period_end: date(),
    created_at: timestamptz(),
    updated_at: timestamptz(),
    last_position: text(),
    /** the public page is on (added by PlanPublication1767226100000, hence last) */
    public: withDefault(boolean(), 'false'),
  },
  { primaryKey: ['tenant_id', 'id'] },
);
export type PlanRow = RowOf<typeof plansTable>;

/** themes and goals */
export const planSectionsTable = table(
  'rm_plan_sections',
  {
    tenant_id: text(),
    id: text(),
    plan_id: text(),
    /** null for themes */
    parent_id: nullable(text()),
    kind: text<'theme' | 'goal'>(),
    code: text(),
    sort_key: text(),
    title: text(),
    lead_partner_id: nullable(text()),
    /** position among its siblings, from 1 */
    sort_order: integer(),
    last_position: text(),
    /** reporting fields (NodeReportingChanged, added by PlanReporting1767227100000, hence last) */
    bbc_code: nullable(text()),
    priority: withDefault(boolean(), 'false'),
    sub_reporting_code: nullable(text()),
    weight: withDefault(float8(), '1'),
  },
  {
    primaryKey: ['tenant_id', 'id'],
    indexes: [{ name: 'rm_plan_sections_plan_idx', columns: 'tenant_id, plan_id' }],
  },
);
export type PlanSectionRow = RowOf<typeof planSectionsTable>;

export const planActionsTable = table(
  'rm_plan_actions',
  {
    tenant_id: text(),
    id: text(),
    plan_id: text(),
    goal_id: text(),
    code: text(),
    sort_key: text(),
    title: text(),
    status: text<ActionStatus>(),
    archived: boolean(),
    /** false after ActionUnplaced */
    placed: boolean(),
    last_position: text(),
    /** reporting fields (NodeReportingChanged, added by PlanReporting1767227100000, hence last) */
    bbc_code: nullable(text()),
    priority: withDefault(boolean(), 'false'),
    sub_reporting_code: nullable(text()),
    weight: withDefault(float8(), '1'),
  },
  {
    primaryKey: ['tenant_id', 'id'],
    indexes: [{ name: 'rm_plan_actions_plan_idx', columns: 'tenant_id, plan_id' }],
  },
);
export type PlanActionRow = RowOf<typeof planActionsTable>;
