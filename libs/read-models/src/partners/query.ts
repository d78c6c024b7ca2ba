import { PARTNERS_PROJECTION } from './projection.js';
import { inSnapshot, isoInstant, type ReadDb } from '../queries/snapshot.js';
import type { PartnerList } from '#contracts';

export type { PartnerItem, PartnerList } from '#contracts';

/** The partner organisations of a tenant, by name. */
export async function listPartners(db: ReadDb, tenantId: string): Promise<PartnerList> {
  return inSnapshot(db, [PARTNERS_PROJECTION], async (tx, position) => {
    const { rows } = await tx.query<{
      id: string;
      name: string;
      kind: string;
      merged_into: string | null;
      updated_at: Date;
    }>(
      `select id, name, kind, merged_into, updated_at from rm_partners where tenant_id = $1 order by lower(name), id`,
      [tenantId],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        name: row.name,
        kind: row.kind,
        mergedInto: row.merged_into,
        updatedAt: isoInstant(row.updated_at)!,
      })),
      position,
    };
  });
}
