import { INDICATOR_STATUS_RULE } from '#domain';
import { INDICATORS_PROJECTION } from './projection.js';
import { PLAN_TREE_PROJECTION } from '../plan-tree/projection.js';
import type { IndicatorMeasurementRow, IndicatorRow } from './row.js';
import { inSnapshot, isoDate, isoInstant, type ReadDb } from '../queries/snapshot.js';
import { AS_OF_SOURCES, planRowsAsOfSql, resolveAsOf, rowAsOfSql, type AsOf } from '../as-of/query.js';
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

/** the projections an indicator read `?asOf=` reflects */
export const INDICATOR_AS_OF_SOURCES = [...AS_OF_SOURCES, ...INDICATOR_SOURCES] as const;

/**
 * The indicators of a plan with their latest measurement and status, by node then name; null when the
 * tenant has no such plan. What the council report lists per node. With `asOf`: as they stood then (names,
 * targets, the latest measurement known then and the status it gave; null when the plan did not exist yet).
 */
export async function listPlanIndicators(
  db: ReadDb,
  tenantId: string,
  planId: string,
  filters: IndicatorFilters = {},
  asOf?: AsOf,
): Promise<PlanIndicators | null> {
  const sources = asOf ? INDICATOR_AS_OF_SOURCES : [...INDICATOR_SOURCES, PLAN_TREE_PROJECTION];
  return inSnapshot(db, sources, async (tx, reflected) => {
    const position = asOf ? await resolveAsOf(tx, tenantId, asOf.at, reflected) : reflected;
    const from = (table: 'rm_plans' | 'rm_indicators'): string =>
      asOf ? planRowsAsOfSql(table, { tenant: '$1', plan: '$2', position: '$3' }) : table;
    const values: unknown[] = asOf ? [tenantId, planId, position] : [tenantId, planId];
    const plan = await tx.query(
      `select 1 from ${from('rm_plans')} p where tenant_id = $1 and id = $2`,
      values,
    );
    if (plan.rowCount === 0) return null;
    let where = 'i.tenant_id = $1 and i.plan_id = $2';
    if (filters.nodeId) {
      values.push(filters.nodeId);
      where += ` and i.node_id = $${values.length}`;
    }
    if (!filters.includeArchived) where += ' and not i.archived';
    const { rows } = await tx.query<{ row: IndicatorRow }>(
      `select to_jsonb(i) as row from ${from('rm_indicators')} i where ${where} order by i.node_id, lower(i.name), i.id`,
      values,
    );
    return {
      planId,
      items: rows.map((read) => toIndicatorSummary(read.row)),
      ...(asOf ? { asOf: asOf.at.toISOString() } : {}),
      position,
    };
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

/**
 * One indicator with every measurement and its status rule, or null (unknown id, or another tenant's). With
 * `asOf`: as it stood then, with the measurements recorded by then as last corrected by then (null when it was
 * not defined yet).
 */
export async function getIndicator(
  db: ReadDb,
  tenantId: string,
  indicatorId: string,
  asOf?: AsOf,
): Promise<IndicatorDetail | null> {
  return inSnapshot(db, asOf ? INDICATOR_AS_OF_SOURCES : INDICATOR_SOURCES, async (tx, reflected) => {
    const position = asOf ? await resolveAsOf(tx, tenantId, asOf.at, reflected) : reflected;
    const at = asOf ? [position] : [];
    const indicatorFrom = asOf
      ? rowAsOfSql('rm_indicators', { tenant: '$1', id: '$2', position: '$3' })
      : 'rm_indicators';
    const { rows } = await tx.query<{ row: IndicatorRow }>(
      `select to_jsonb(i) as row from ${indicatorFrom} i where i.tenant_id = $1 and i.id = $2`,
      [tenantId, indicatorId, ...at],
    );
    const row = rows[0]?.row;
    if (!row) return null;
    // the measurements of then: those of the indicator's plan as they stood at the position
    const measurementsFrom = asOf
      ? planRowsAsOfSql('rm_indicator_measurements', { tenant: '$1', plan: '$3', position: '$4' })
      : 'rm_indicator_measurements';
    const measurements = await tx.query<{ row: IndicatorMeasurementRow }>(
      `select to_jsonb(m) as row from ${measurementsFrom} m
        where m.tenant_id = $1 and m.indicator_id = $2 order by m.date desc, m.recorded_at desc, m.measurement_id`,
      asOf ? [tenantId, indicatorId, row.plan_id, position] : [tenantId, indicatorId],
    );
    const margin = String(row.attention_margin_pct);
    return {
      ...toIndicatorSummary(row),
      measurements: measurements.rows.map((read) => toMeasurementItem(read.row)),
      statusRule: {
        nl: INDICATOR_STATUS_RULE.nl.replace('{margin}', margin.replace('.', ',')),
        en: INDICATOR_STATUS_RULE.en.replace('{margin}', margin),
      },
      ...(asOf ? { asOf: asOf.at.toISOString() } : {}),
      position,
    };
  });
}
