import { INDICATOR_STATUS_RULE } from '#domain';
import { INDICATORS_PROJECTION } from './projection.js';
import { PLAN_TREE_PROJECTION } from '../plan-tree/projection.js';
import type { IndicatorMeasurementRow, IndicatorRow } from './row.js';
import { inSnapshot, isoDate, isoInstant, type ReadDb } from '../queries/snapshot.js';
import type { IndicatorDetail, IndicatorMeasurementItem, IndicatorSummary, PlanIndicators } from '#contracts';

export type {
  IndicatorDetail,
  IndicatorMeasurementItem,
  IndicatorRollUpView,
  IndicatorSummary,
  PlanIndicators,
  ReportingRules,
} from '#contracts';

export const INDICATOR_SOURCES = [INDICATORS_PROJECTION] as const;

/** The one mapping from an indicator row to what the api answers. */
export function toIndicatorSummary(row: IndicatorRow): IndicatorSummary {
  return {
    id: row.id,
    planId: row.plan_id,
    nodeId: row.node_id,
    nodeKind: row.node_kind,
    name: row.name,
    unit: row.unit,
    direction: row.direction,
    baselineValue: row.baseline_value,
    baselineYear: row.baseline_year,
    attentionMarginPct: row.attention_margin_pct,
    targets: Object.entries(row.targets)
      .map(([year, value]) => ({ year: Number(year), value }))
      .sort((a, b) => a.year - b.year),
    measurementCount: row.measurement_count,
    latest:
      row.latest_measurement_id === null || row.latest_value === null
        ? null
        : {
            measurementId: row.latest_measurement_id,
            value: row.latest_value,
            date: isoDate(row.latest_date)!,
          },
    status: row.status,
    statusYear: row.status_year,
    statusTarget: row.status_target,
    archived: row.archived,
    createdAt: isoInstant(row.created_at)!,
    updatedAt: isoInstant(row.updated_at)!,
    lastPosition: row.last_position,
  };
}

export function toMeasurementItem(row: IndicatorMeasurementRow): IndicatorMeasurementItem {
  return {
    measurementId: row.measurement_id,
    value: row.value,
    date: isoDate(row.date)!,
    source: row.source,
    comment: row.comment,
    recordedAt: isoInstant(row.recorded_at)!,
    recordedBy: row.recorded_by,
    correction:
      row.corrected_at === null
        ? null
        : {
            at: isoInstant(row.corrected_at)!,
            by: row.corrected_by,
            reason: row.correction_reason ?? '',
            originalValue: row.original_value,
          },
  };
}

export interface IndicatorFilters {
  /** only the indicators on this theme, goal or action (not those below it) */
  nodeId?: string;
  /** archived indicators are left out unless this is true */
  includeArchived?: boolean;
}

/**
 * The indicators of a plan with their latest measurement and status, by node then name; null when the
 * tenant has no such plan. What the council report lists per node.
 */
export async function listPlanIndicators(
  db: ReadDb,
  tenantId: string,
  planId: string,
  filters: IndicatorFilters = {},
): Promise<PlanIndicators | null> {
  return inSnapshot(db, [...INDICATOR_SOURCES, PLAN_TREE_PROJECTION], async (tx, position) => {
    const plan = await tx.query('select 1 from rm_plans where tenant_id = $1 and id = $2', [
      tenantId,
      planId,
    ]);
    if (plan.rowCount === 0) return null;
    const values: unknown[] = [tenantId, planId];
    let where = 'i.tenant_id = $1 and i.plan_id = $2';
    if (filters.nodeId) {
      values.push(filters.nodeId);
      where += ` and i.node_id = $${values.length}`;
    }
    if (!filters.includeArchived) where += ' and not i.archived';
    const { rows } = await tx.query<{ row: IndicatorRow }>(
      `select to_jsonb(i) as row from rm_indicators i where ${where} order by i.node_id, lower(i.name), i.id`,
      values,
    );
    return { planId, items: rows.map((read) => toIndicatorSummary(read.row)), position };
  });
}

/** The measurements of one indicator, newest date first (corrections applied, each marked). */
export async function listIndicatorMeasurements(
  db: ReadDb,
  tenantId: string,
  indicatorId: string,
): Promise<IndicatorMeasurementItem[]> {
  return inSnapshot(db, INDICATOR_SOURCES, async (tx) => {
    const { rows } = await tx.query<{ row: IndicatorMeasurementRow }>(
      `select to_jsonb(m) as row from rm_indicator_measurements m
        where m.tenant_id = $1 and m.indicator_id = $2 order by m.date desc, m.recorded_at desc, m.measurement_id`,
      [tenantId, indicatorId],
    );
    return rows.map((read) => toMeasurementItem(read.row));
  });
}

/** One indicator with every measurement and its status rule, or null (unknown id, or another tenant's). */
export async function getIndicator(
  db: ReadDb,
  tenantId: string,
  indicatorId: string,
): Promise<IndicatorDetail | null> {
  return inSnapshot(db, INDICATOR_SOURCES, async (tx, position) => {
    const { rows } = await tx.query<{ row: IndicatorRow }>(
      `select to_jsonb(i) as row from rm_indicators i where i.tenant_id = $1 and i.id = $2`,
      [tenantId, indicatorId],
    );
    const row = rows[0]?.row;
    if (!row) return null;
    const measurements = await tx.query<{ row: IndicatorMeasurementRow }>(
      `select to_jsonb(m) as row from rm_indicator_measurements m
        where m.tenant_id = $1 and m.indicator_id = $2 order by m.date desc, m.recorded_at desc, m.measurement_id`,
      [tenantId, indicatorId],
    );
    const margin = String(row.attention_margin_pct);
    return {
      ...toIndicatorSummary(row),
      measurements: measurements.rows.map((read) => toMeasurementItem(read.row)),
      statusRule: {
        nl: INDICATOR_STATUS_RULE.nl.replace('{margin}', margin.replace('.', ',')),
        en: INDICATOR_STATUS_RULE.en.replace('{margin}', margin),
      },
      position,
    };
  });
}
