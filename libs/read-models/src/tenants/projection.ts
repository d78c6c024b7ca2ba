import { TENANT_EVENT_TYPES } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { asDomainEvent } from '../projection/support.js';
import type { RowSet } from '../projection/sql.js';
import { rowSet } from '../projection/table.js';
import { tenantsTable, type TenantRow } from './row.js';

export * from './row.js';

export const TENANTS_PROJECTION = 'tenants';
export const TENANTS_TABLE = tenantsTable.name;

/** The tenants (names for headers and the demo flag). Keyed by the tenant id in the event's data. */
export function tenantsProjection(): Projection {
  return {
    name: TENANTS_PROJECTION,
    version: 1,
    eventTypes: TENANT_EVENT_TYPES,
    tables: [TENANTS_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const tenants = rowSet(tenantsTable);
      await tenants.load(
        tx,
        events.map((e) => ({ id: (e.data as { tenantId: string }).tenantId })),
      );
      for (const stored of events) applyToTenants(tenants, stored);
      await tenants.save(tx);
    },
    async truncate(tx) {
      await tx.query(`truncate ${TENANTS_TABLE}`);
    },
  };
}

export function applyToTenants(tenants: RowSet<TenantRow>, stored: StoredEvent): void {
  const event = asDomainEvent(stored);
  const meta = { updated_at: stored.metadata.occurredAt, last_position: stored.position };
  switch (event.type) {
    case 'TenantCreated':
      tenants.put({
        id: event.data.tenantId,
        tenant_id: event.data.tenantId,
        name: event.data.name,
        demo: event.data.demo,
        created_at: stored.metadata.occurredAt,
        ...meta,
      });
      return;
    case 'TenantRenamed': {
      const row = tenants.get({ id: event.data.tenantId });
      if (row) tenants.put({ ...row, name: event.data.to, ...meta });
      return;
    }
    default:
      return;
  }
}
