import { PARTNER_EVENT_TYPES } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';
import { partnersTable } from './row.js';

export * from './row.js';

export const PARTNERS_PROJECTION = 'partners';
export const PARTNERS_TABLE = partnersTable.name;

/** Partner organisations (names for summaries and lists). */
export function partnersProjection(): Projection {
  return {
    name: PARTNERS_PROJECTION,
    version: 1,
    eventTypes: PARTNER_EVENT_TYPES,
    tables: [PARTNERS_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const partners = rowSet(partnersTable);
      await partners.load(
        tx,
        events.map((e) => ({ tenant_id: tenantOf(e), id: (e.data as { partnerId: string }).partnerId })),
      );
      for (const stored of events) {
        const event = asDomainEvent(stored);
        const tenant_id = tenantOf(stored);
        const meta = { updated_at: stored.metadata.occurredAt, last_position: stored.position };
        switch (event.type) {
          case 'PartnerRegistered':
            partners.put({
              tenant_id,
              id: event.data.partnerId,
              name: event.data.name,
              kind: event.data.kind,
              merged_into: null,
              registered_at: stored.metadata.occurredAt,
              ...meta,
            });
            break;
          case 'PartnerRenamed': {
            const row = partners.get({ tenant_id, id: event.data.partnerId });
            if (row) partners.put({ ...row, name: event.data.to, ...meta });
            break;
          }
          case 'PartnerMerged': {
            const row = partners.get({ tenant_id, id: event.data.partnerId });
            if (row) partners.put({ ...row, merged_into: event.data.intoPartnerId, ...meta });
            break;
          }
          default:
            break;
        }
      }
      await partners.save(tx);
    },
    async truncate(tx) {
      await tx.query(`truncate ${PARTNERS_TABLE}`);
    },
  };
}
