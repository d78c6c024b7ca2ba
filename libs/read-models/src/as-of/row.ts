import { jsonb, nullable, table, text, type RowOf } from '../projection/table.js';

/** The read-model tables whose rows are kept as dated versions (what a read `?asOf=` answers from). */
export const VERSIONED_TABLES = [
  'rm_actions',
  'rm_plans',
  'rm_plan_sections',
  'rm_plan_actions',
  'rm_indicators',
  'rm_indicator_measurements',
  'rm_signals',
  'rm_working_groups',
] as const;
export type VersionedTable = (typeof VERSIONED_TABLES)[number];

/**
 * The scope (`rm_row_version_keys.plan_id`) of the keys of a table whose rows belong to no plan but to the
 * whole tenant (`rm_signals`), or that a read of the past lists for the whole tenant (`rm_working_groups`: the
 * groups a signal belonged to then, whatever their plan): such a read lists them by this instead of a plan id.
 */
export const TENANT_SCOPED_TABLES: readonly VersionedTable[] = ['rm_signals', 'rm_working_groups'];

export const TENANT_SCOPE = '';

/**
 * Dated versions of the rows the action-list and plan-tree projections write: one row per key and event
 * that put or removed it, valid from that event's position until the key's next version. Written by the
 * same fold, in the same transaction, as the current rows (`versions.ts`); append-only.
 */
export const rowVersionsTable = table(
  'rm_row_versions',
  {
    tenant_id: text(),
    /** the read-model table the row belongs to (`VERSIONED_TABLES`) */
    source: text<VersionedTable>(),
    /** the row's key without the tenant (its columns joined by `/`: `indicator/measurement`) */
    id: text(),
    /** the position of the event that left this version (valid from it, inclusive) */
    position: text(),
    /** the row as the projection wrote it (`to_jsonb`); null: removed at this position */
    data: nullable(jsonb()),
  },
  { primaryKey: ['tenant_id', 'source', 'id', 'position'] },
);
export type RowVersionRow = RowOf<typeof rowVersionsTable>;

/**
 * Every key a plan ever held per table: where a read `?asOf=` starts (one index lookup per key). `plan_id` is
 * `TENANT_SCOPE` for the rows of a table that belong to the tenant, not to a plan (signals).
 */
export const rowVersionKeysTable = table(
  'rm_row_version_keys',
  { tenant_id: text(), plan_id: text(), source: text<VersionedTable>(), id: text() },
  { primaryKey: ['tenant_id', 'plan_id', 'source', 'id'] },
);
export type RowVersionKeyRow = RowOf<typeof rowVersionKeysTable>;

export const ROW_VERSIONS_TABLE = rowVersionsTable.name;
export const ROW_VERSION_KEYS_TABLE = rowVersionKeysTable.name;
