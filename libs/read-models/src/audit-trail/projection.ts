import {
  ALL_EVENT_TYPES,
  isActionEvent,
  isMeetingEvent,
  isPartnerEvent,
  isPlanEvent,
  isPeriodEvent,
  isSignalEvent,
  isIndicatorEvent,
  isTenantEvent,
  isUserEvent,
  type DomainEvent,
} from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { upsertRows, type JsonRow, type RowSet } from '../projection/sql.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';
import {
  AUDIT_TRAIL_CLOCK_TABLE,
  AUDIT_TRAIL_SECTIONS_TABLE,
  AUDIT_TRAIL_TABLE,
  auditTrailClockTable,
  auditTrailSectionsTable,
  auditTrailTable,
  type AuditKind,
  type AuditTrailClockRow,
  type AuditTrailRow,
  type AuditTrailSectionRow,
} from './row.js';

export const AUDIT_TRAIL_PROJECTION = 'audit-trail';

/** Every event of every tenant, one row each, with the columns the audit trail's filters use. */
export function auditTrailProjection(): Projection {
  return {
    name: AUDIT_TRAIL_PROJECTION,
    version: 1,
    eventTypes: ALL_EVENT_TYPES,
    tables: [AUDIT_TRAIL_TABLE, AUDIT_TRAIL_SECTIONS_TABLE, AUDIT_TRAIL_CLOCK_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const sections = rowSet(auditTrailSectionsTable);
      const clocks = rowSet(auditTrailClockTable);
      await sections.load(tx, events.flatMap(referencedSections));
      await clocks.load(
        tx,
        events.map((stored) => ({ tenant_id: tenantOf(stored) })),
      );
      const rows = events.map((stored) => toAuditTrailRow(sections, stored, tick(clocks, stored)));
      await sections.save(tx);
      await clocks.save(tx);
      await upsertRows(tx, AUDIT_TRAIL_TABLE, auditTrailTable.primaryKey, rows, {
        onConflict: 'nothing',
        appendOnly: true,
      });
    },
    async truncate(tx) {
      await tx.query(
        `truncate ${AUDIT_TRAIL_TABLE}, ${AUDIT_TRAIL_SECTIONS_TABLE}, ${AUDIT_TRAIL_CLOCK_TABLE}`,
      );
    },
  };
}

/** Moves the tenant's clock past an event (in log order) and answers the event's `seen_at`. */
function tick(clocks: RowSet<AuditTrailClockRow>, stored: StoredEvent): string {
  const tenant_id = tenantOf(stored);
  const at = Date.parse(stored.metadata.occurredAt);
  const clock = clocks.get({ tenant_id });
  const seen = clock ? Math.max(Date.parse(clock.seen_at), at) : at;
  const lag = seen - at;
  if (!clock || seen !== Date.parse(clock.seen_at) || lag > clock.max_lag_ms)
    clocks.put({
      tenant_id,
      seen_at: new Date(seen).toISOString(),
      max_lag_ms: Math.max(clock?.max_lag_ms ?? 0, lag),
    });
  return new Date(seen).toISOString();
}

/** The goals and actions whose theme an event's row needs. */
function referencedSections(stored: StoredEvent): JsonRow[] {
  const tenant_id = tenantOf(stored);
  const data = stored.data as { goalId?: unknown; parentId?: unknown; actionId?: unknown };
  return [data.goalId, data.parentId, data.actionId]
    .filter((id): id is string => typeof id === 'string')
    .map((id) => ({ tenant_id, id }));
}

/** Folds one event: keeps goals' and actions' themes, and returns its audit-trail row. */
export function toAuditTrailRow(
  sections: RowSet<AuditTrailSectionRow>,
  stored: StoredEvent,
  seenAt: string,
): AuditTrailRow {
  const event = asDomainEvent(stored);
  const tenant_id = tenantOf(stored);
  const { kind, id } = aggregateOf(event, tenant_id);
  const section = (sectionId: string) => sections.get({ tenant_id, id: sectionId });
  /** a goal's parent is a theme or another goal */
  const themeUnder = (parentId: string): string => section(parentId)?.theme_id ?? parentId;
  let action_id: string | null = null;
  let theme_id: string | null = null;
  switch (event.type) {
    case 'ThemeAdded':
    case 'ThemeRenamed':
    case 'ThemeLeadChanged':
    case 'ThemeRemoved':
      theme_id = event.data.themeId;
      break;
    case 'GoalAdded':
      theme_id = themeUnder(event.data.parentId);
      sections.put({ tenant_id, id: event.data.goalId, kind: 'goal', plan_id: event.data.planId, theme_id });
      break;
    case 'GoalRenamed':
    case 'GoalRemoved':
      theme_id = section(event.data.goalId)?.theme_id ?? null;
      break;
    case 'GoalsReordered':
      theme_id = themeUnder(event.data.parentId);
      break;
    case 'ActionPlaced':
      action_id = event.data.actionId;
      theme_id = section(event.data.goalId)?.theme_id ?? null;
      sections.put({ tenant_id, id: action_id, kind: 'action', plan_id: event.data.planId, theme_id });
      break;
    case 'ActionUnplaced':
      action_id = event.data.actionId;
      theme_id = section(action_id)?.theme_id ?? null;
      break;
    case 'ActionAdded':
      action_id = event.data.actionId;
      theme_id = section(event.data.goalId)?.theme_id ?? section(action_id)?.theme_id ?? null;
      sections.put({ tenant_id, id: action_id, kind: 'action', plan_id: event.data.planId, theme_id });
      break;
    default:
      if (kind === 'action') {
        action_id = id;
        theme_id = section(id)?.theme_id ?? null;
      }
  }
  const meetingOfData =
    event.type === 'SignalPutOnAgenda' ? event.data.meetingId : kind === 'meeting' ? id : undefined;
  return {
    position: stored.position,
    tenant_id,
    stream_id: stored.streamId,
    version: stored.version,
    type: stored.type,
    kind,
    aggregate_id: id,
    occurred_at: stored.metadata.occurredAt,
    seen_at: seenAt,
    actor_id: stored.metadata.actorId,
    action_id,
    theme_id,
    meeting_id: meetingOfData ?? stored.metadata.meetingId ?? null,
    data: stored.data,
  };
}

/** The kind and id of the aggregate an event belongs to. */
export function aggregateOf(event: DomainEvent, tenantId: string): { kind: AuditKind; id: string } {
  const data = event.data as Record<string, unknown>;
  const id = (field: string): string => String(data[field]);
  if (isPlanEvent(event)) return { kind: 'plan', id: event.data.planId };
  if (isActionEvent(event)) return { kind: 'action', id: id('actionId') };
  if (isMeetingEvent(event)) return { kind: 'meeting', id: id('meetingId') };
  if (isSignalEvent(event)) return { kind: 'signal', id: event.data.signalId };
  if (isIndicatorEvent(event)) return { kind: 'indicator', id: event.data.indicatorId };
  if (isPeriodEvent(event)) return { kind: 'period', id: event.data.periodId };
  if (isUserEvent(event)) return { kind: 'user', id: event.data.userId };
  if (isPartnerEvent(event)) return { kind: 'partner', id: event.data.partnerId };
  if (isTenantEvent(event)) return { kind: 'tenant', id: tenantId };
  return { kind: 'working_group', id: id('workingGroupId') };
}
