import type { Position } from '#event-store';
import { inSnapshot, isoInstant, type ReadDb } from '../queries/snapshot.js';
import { TENANTS_PROJECTION } from './projection.js';
import type { TenantRow } from './row.js';
import type { TenantDetail } from '#contracts';

export type { TenantDetail } from '#contracts';

/** The one mapping from a tenant row to what the api answers. */
export const toTenantDetail = (row: TenantRow, position: Position): TenantDetail => ({
  id: row.id,
  name: row.name,
  demo: row.demo,
  createdAt: isoInstant(row.created_at)!,
  updatedAt: isoInstant(row.updated_at)!,
  position,
});

/** A tenant's name and demo flag, or null. */
export async function getTenant(db: ReadDb, tenantId: string): Promise<TenantDetail | null> {
  return inSnapshot(db, [TENANTS_PROJECTION], async (tx, position) => {
    const { rows } = await tx.query<{ row: TenantRow }>(
      `select to_jsonb(t) as row from rm_tenants t where t.id = $1`,
      [tenantId],
    );
    return rows[0] ? toTenantDetail(rows[0].row, position) : null;
  });
}
