import { INDICATOR_EVENT_TYPES, indicatorStatus, latestMeasurement, type DomainEvent } from '#domain';
import { comparePositions, type StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import type { JsonRow, RowSet } from '../projection/sql.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';
import { VersionRecorder, truncateVersions } from '../as-of/versions.js';
import {
  indicatorMeasurementsTable,
  indicatorsTable,
  INDICATORS_TABLE,
  INDICATOR_MEASUREMENTS_TABLE,
  type IndicatorMeasurementRow,
  type IndicatorRow,
} from './row.js';

export * from './row.js';

export const INDICATORS_PROJECTION = 'indicators';

/** Indicators of every plan node: definition, targets, latest measurement and status, and their measurements. */
export function indicatorsProjection(): Projection {
  return {
    name: INDICATORS_PROJECTION,
    // 2: dated versions of both tables (as-of/versions.ts: indicators as of a past date), filled by the rebuild
    version: 2,
    eventTypes: [...INDICATOR_EVENT_TYPES],
    tables: [INDICATORS_TABLE, INDICATOR_MEASUREMENTS_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const state = newIndicatorsState();
      const keys: JsonRow[] = events.map((stored) => ({
        tenant_id: tenantOf(stored),
        id: (stored.data as { indicatorId: string }).indicatorId,
      }));
      await state.indicators.load(tx, keys);
      // the latest measurement may change with any measurement: load all of the touched indicators
      await state.measurements.loadWhere(
        tx,
        `(t.tenant_id, t.indicator_id) in (select k.tenant_id, k.id from jsonb_to_recordset($1::jsonb) k(tenant_id text, id text))`,
        [JSON.stringify(keys)],
      );
      const versions = new VersionRecorder();
      for (const stored of events) {
        applyToIndicators(state, stored);
        versions.record([state.indicators, state.measurements], stored);
      }
      await state.indicators.save(tx);
      await state.measurements.save(tx);
      await versions.save(tx);
    },
    async truncate(tx) {
      await tx.query(`truncate ${INDICATORS_TABLE}, ${INDICATOR_MEASUREMENTS_TABLE}`);
      await truncateVersions(tx, [INDICATORS_TABLE, INDICATOR_MEASUREMENTS_TABLE]);
    },
  };
}

export interface IndicatorsState {
  indicators: RowSet<IndicatorRow>;
  measurements: RowSet<IndicatorMeasurementRow>;
}

export const newIndicatorsState = (): IndicatorsState => ({
  indicators: rowSet(indicatorsTable),
  measurements: rowSet(indicatorMeasurementsTable),
});

/** the latest measurement and the status, from the measurements in `state` (all of them are loaded) */
export function withStatus(state: IndicatorsState, row: IndicatorRow): IndicatorRow {
  const mine = [...state.measurements.values()]
    .filter((m) => m.tenant_id === row.tenant_id && m.indicator_id === row.id)
    // of equal dates the one recorded last counts
    .sort((a, b) => comparePositions(a.last_position, b.last_position));
  const latest = latestMeasurement(mine);
  const result = indicatorStatus({
    direction: row.direction,
    attentionMarginPct: row.attention_margin_pct,
    targets: row.targets,
    latest: latest ? { value: latest.value, date: latest.date } : null,
  });
  return {
    ...row,
    measurement_count: mine.length,
    latest_measurement_id: latest?.measurement_id ?? null,
    latest_value: latest?.value ?? null,
    latest_date: latest?.date ?? null,
    status: result.status,
    status_year: result.year,
    status_target: result.target,
  };
}

/** Folds one indicator event into the rows in memory. */
export function applyToIndicators(state: IndicatorsState, stored: StoredEvent): void {
  const event: DomainEvent = asDomainEvent(stored);
  const tenant_id = tenantOf(stored);
  const at = stored.metadata.occurredAt;
  const last_position = stored.position;
  if (event.type === 'IndicatorDefined') {
    const { data } = event;
    state.indicators.put(
      withStatus(state, {
        tenant_id,
        id: data.indicatorId,
        plan_id: data.planId,
        node_id: data.nodeId,
        node_kind: data.nodeKind,
        name: data.name,
        unit: data.unit,
        direction: data.direction,
        baseline_value: data.baselineValue,
        baseline_year: data.baselineYear,
        attention_margin_pct: data.attentionMarginPct,
        targets: {},
        measurement_count: 0,
        latest_measurement_id: null,
        latest_value: null,
        latest_date: null,
        status: 'no_data',
        status_year: null,
        status_target: null,
        archived: false,
        created_at: at,
        updated_at: at,
        last_position,
      }),
    );
    return;
  }
  if (!('indicatorId' in event.data)) return;
  const row = state.indicators.get({ tenant_id, id: event.data.indicatorId });
  if (!row) return; // an event before IndicatorDefined cannot happen in a valid stream
  const next: IndicatorRow = { ...row, updated_at: at, last_position };
  switch (event.type) {
    case 'IndicatorRedefined': {
      const { to } = event.data;
      next.name = to.name;
      next.unit = to.unit;
      next.direction = to.direction;
      next.baseline_value = to.baselineValue;
      next.baseline_year = to.baselineYear;
      next.attention_margin_pct = to.attentionMarginPct;
      break;
    }
    case 'IndicatorTargetSet': {
      const targets = { ...row.targets };
      if (event.data.to === null) delete targets[String(event.data.year)];
      else targets[String(event.data.year)] = event.data.to;
      next.targets = targets;
      break;
    }
    case 'IndicatorMeasurementRecorded': {
      const { data } = event;
      state.measurements.put({
        tenant_id,
        indicator_id: data.indicatorId,
        measurement_id: data.measurementId,
        plan_id: data.planId,
        value: data.value,
        date: data.date,
        source: data.source,
        comment: data.comment,
        recorded_at: at,
        recorded_by: stored.metadata.actorId,
        corrected_at: null,
        corrected_by: null,
        correction_reason: null,
        original_value: null,
        last_position,
      });
      break;
    }
    case 'IndicatorMeasurementCorrected': {
      const { data } = event;
      const key = { tenant_id, indicator_id: data.indicatorId, measurement_id: data.measurementId };
      const measurement = state.measurements.get(key);
      if (measurement)
        state.measurements.put({
          ...measurement,
          value: data.to.value,
          date: data.to.date,
          source: data.to.source,
          comment: data.to.comment,
          corrected_at: at,
          corrected_by: stored.metadata.actorId,
          correction_reason: data.reason,
          original_value: measurement.original_value ?? data.from.value,
          last_position,
        });
      break;
    }
    case 'IndicatorArchived':
      next.archived = true;
      break;
    default:
      return;
  }
  state.indicators.put(withStatus(state, next));
}
