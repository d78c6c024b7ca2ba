import type { IndicatorDirection, IndicatorStatus, ReportingNodeKind } from '#domain';
import {
  boolean,
  date,
  float8,
  integer,
  jsonb,
  nullable,
  table,
  text,
  timestamptz,
  type RowOf,
} from '../projection/table.js';

/** Projection `indicators`: one row per indicator, with its latest measurement and its status. */
export const indicatorsTable = table(
  'rm_indicators',
  {
    tenant_id: text(),
    id: text(),
    plan_id: text(),
    node_id: text(),
    node_kind: text<ReportingNodeKind>(),
    name: text(),
    unit: text(),
    direction: text<IndicatorDirection>(),
    baseline_value: nullable(float8()),
    baseline_year: nullable(integer()),
    attention_margin_pct: float8(),
    /** target per year: `{ "2024": 40 }` */
    targets: jsonb<Record<string, number>>(),
    measurement_count: integer(),
    /** the latest measurement by date (`latestMeasurement` of libs/domain) */
    latest_measurement_id: nullable(text()),
    latest_value: nullable(float8()),
    latest_date: nullable(date()),
    /** `indicatorStatus` of libs/domain: the latest measurement against the target of its year */
    status: text<IndicatorStatus>(),
    status_year: nullable(integer()),
    status_target: nullable(float8()),
    archived: boolean(),
    created_at: timestamptz(),
    updated_at: timestamptz(),
    last_position: text(),
  },
  {
    primaryKey: ['tenant_id', 'id'],
    indexes: [{ name: 'rm_indicators_plan_idx', columns: 'tenant_id, plan_id, node_id' }],
  },
);
export type IndicatorRow = RowOf<typeof indicatorsTable>;

/** Projection `indicators`: every measurement of an indicator, as last corrected. */
export const indicatorMeasurementsTable = table(
  'rm_indicator_measurements',
  {
    tenant_id: text(),
    indicator_id: text(),
    measurement_id: text(),
    plan_id: text(),
    value: float8(),
    date: date(),
    source: text(),
    comment: text(),
    recorded_at: timestamptz(),
    recorded_by: text(),
    /** the values before the last correction, and its reason (null while never corrected) */
    corrected_at: nullable(timestamptz()),
    corrected_by: nullable(text()),
    correction_reason: nullable(text()),
    original_value: nullable(float8()),
    last_position: text(),
  },
  { primaryKey: ['tenant_id', 'indicator_id', 'measurement_id'] },
);
export type IndicatorMeasurementRow = RowOf<typeof indicatorMeasurementsTable>;

export const INDICATORS_TABLE = indicatorsTable.name;
export const INDICATOR_MEASUREMENTS_TABLE = indicatorMeasurementsTable.name;
