import { PERIOD_EVENT_TYPES } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { upsertRows } from '../projection/sql.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';
import {
  PERIOD_FROZEN_ACTIONS_TABLE,
  PERIOD_ROUND_REQUESTS_TABLE,
  PERIOD_UPDATES_TABLE,
  PERIODS_TABLE,
  periodsTable,
  type PeriodFrozenActionRow,
  type PeriodRoundRequestRow,
  type PeriodUpdateRow,
} from './row.js';

export * from './row.js';

export const PERIODS_PROJECTION = 'periods';

/**
 * Reporting periods (docs/plan-cycle.md): each period with its close and update round, the report data
 * frozen at the close (one row per action, the texts of its changes and open signals by reference), the
 * actions a round asked for, and the latest update per action.
 *
 * Version 2: frozen rows hold references (`ReportingPeriodActionFrozen` v3; older events upcast to that shape),
 * and the latest update keeps the version of its change (`rm_period_updates.version`), so rows written by
 * version 1 are rebuilt.
 */
export function periodsProjection(): Projection {
  return {
    name: PERIODS_PROJECTION,
    version: 2,
    eventTypes: [...PERIOD_EVENT_TYPES],
    tables: [PERIODS_TABLE, PERIOD_FROZEN_ACTIONS_TABLE, PERIOD_ROUND_REQUESTS_TABLE, PERIOD_UPDATES_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const periods = rowSet(periodsTable);
      await periods.load(
        tx,
        events.map((stored) => ({
          tenant_id: tenantOf(stored),
          id: (stored.data as { periodId: string }).periodId,
        })),
      );
      const frozen = new Map<string, PeriodFrozenActionRow>();
      const requests = new Map<string, PeriodRoundRequestRow>();
      const updates = new Map<string, PeriodUpdateRow>();
      for (const stored of events) {
        const tenant_id = tenantOf(stored);
        const event = asDomainEvent(stored);
        const at = stored.metadata.occurredAt;
        const by = stored.metadata.actorId;
        const touch = { version: stored.version, last_position: stored.position };
        switch (event.type) {
          case 'ReportingPeriodOpened': {
            const { periodId, planId, kind, label, start, end } = event.data;
            periods.put({
              tenant_id,
              id: periodId,
              plan_id: planId,
              kind,
              label,
              start_date: start,
              end_date: end,
              status: 'open',
              created_at: at,
              created_by: by,
              closed_at: null,
              closed_by: null,
              as_of: null,
              close_position: null,
              checkpoint: null,
              frozen_count: 0,
              round_id: null,
              round_deadline: null,
              round_scope: null,
              round_started_at: null,
              round_started_by: null,
              ...touch,
            });
            break;
          }
          case 'ReportingPeriodActionFrozen': {
            const { periodId, action } = event.data;
            frozen.set(`${tenant_id}/${periodId}/${action.actionId}`, {
              tenant_id,
              period_id: periodId,
              action_id: action.actionId,
              snapshot: action,
            });
            break;
          }
          case 'ReportingPeriodClosed': {
            const row = periods.get({ tenant_id, id: event.data.periodId });
            if (!row) break;
            periods.put({
              ...row,
              status: 'closed',
              closed_at: at,
              closed_by: by,
              as_of: event.data.asOf,
              close_position: event.data.position,
              checkpoint: event.data.checkpoint,
              frozen_count: event.data.actionCount,
              ...touch,
            });
            break;
          }
          case 'UpdateRoundStarted': {
            const { periodId, roundId, deadline, scope } = event.data;
            const row = periods.get({ tenant_id, id: periodId });
            if (!row) break;
            periods.put({
              ...row,
              round_id: roundId,
              round_deadline: deadline,
              round_scope: scope,
              round_started_at: at,
              round_started_by: by,
              ...touch,
            });
            for (const request of event.data.requests) {
              requests.set(`${tenant_id}/${periodId}/${request.actionId}`, {
                tenant_id,
                period_id: periodId,
                action_id: request.actionId,
                lead_partner_id: request.leadPartnerId,
              });
            }
            break;
          }
          case 'PeriodUpdateSubmitted': {
            const { periodId, actionId, narrative, status, progress, roundId, afterClose } = event.data;
            updates.set(`${tenant_id}/${periodId}/${actionId}`, {
              tenant_id,
              period_id: periodId,
              action_id: actionId,
              narrative,
              status,
              progress,
              round_id: roundId,
              after_close: afterClose,
              submitted_at: at,
              submitted_by: by,
              position: stored.position,
              version: stored.version,
            });
            const row = periods.get({ tenant_id, id: periodId });
            if (row) periods.put({ ...row, ...touch });
            break;
          }
          default:
            break;
        }
      }
      await periods.save(tx);
      const keys = ['tenant_id', 'period_id', 'action_id'];
      await upsertRows(tx, PERIOD_FROZEN_ACTIONS_TABLE, keys, [...frozen.values()]);
      await upsertRows(tx, PERIOD_ROUND_REQUESTS_TABLE, keys, [...requests.values()]);
      await upsertRows(tx, PERIOD_UPDATES_TABLE, keys, [...updates.values()]);
    },
    async truncate(tx) {
      await tx.query(
        `truncate ${PERIODS_TABLE}, ${PERIOD_FROZEN_ACTIONS_TABLE}, ${PERIOD_ROUND_REQUESTS_TABLE}, ${PERIOD_UPDATES_TABLE}`,
      );
    },
  };
}
