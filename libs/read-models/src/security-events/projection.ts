import { SECURITY_EVENT_TYPES } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { upsertRows } from '../projection/sql.js';
import { tenantOf } from '../projection/support.js';
import { securityEventsTable, type SecurityEventRow } from './row.js';

export * from './row.js';

export const SECURITY_EVENTS_PROJECTION = 'security-events';
export const SECURITY_EVENTS_TABLE = securityEventsTable.name;

/** The security log coordinators read: sign-ins, failed sign-ins, role changes, disabled accounts. */
export function securityEventsProjection(): Projection {
  return {
    name: SECURITY_EVENTS_PROJECTION,
    version: 1,
    eventTypes: SECURITY_EVENT_TYPES,
    tables: [SECURITY_EVENTS_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      await upsertRows(tx, SECURITY_EVENTS_TABLE, ['position'], events.map(toSecurityEventRow), {
        onConflict: 'nothing',
        appendOnly: true,
      });
    },
    async truncate(tx) {
      await tx.query(`truncate ${SECURITY_EVENTS_TABLE}`);
    },
  };
}

export function toSecurityEventRow(stored: StoredEvent): SecurityEventRow {
  const details = { ...(stored.data as Record<string, unknown>) };
  return {
    position: stored.position,
    tenant_id: tenantOf(stored),
    user_id: String(details.userId),
    type: stored.type,
    occurred_at: stored.metadata.occurredAt,
    actor_id: stored.metadata.actorId,
    details,
  };
}
