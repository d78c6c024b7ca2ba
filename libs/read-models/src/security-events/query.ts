import { describeEvent, type DomainEvent, type SecurityEventType } from '#domain';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { SECURITY_EVENTS_PROJECTION } from './projection.js';
import { USERS_PROJECTION } from '../users/projection.js';
import { userNames } from '../users/query.js';
import { inSnapshot, isoInstant, type ReadDb } from '../queries/snapshot.js';
import type { SecurityEventList } from '#contracts';

export type { SecurityEventItem, SecurityEventList } from '#contracts';

export interface SecurityEventFilters {
  /** only the events about this user */
  userId?: string;
  /** default 50, at most 500 */
  limit?: number;
  offset?: number;
}

export const SECURITY_EVENT_SOURCES = [
  SECURITY_EVENTS_PROJECTION,
  USERS_PROJECTION,
  PARTNERS_PROJECTION,
] as const;

/** The security log of a tenant, newest first, with user and actor names and a summary in both languages. */
export async function listSecurityEvents(
  db: ReadDb,
  tenantId: string,
  filters: SecurityEventFilters = {},
): Promise<SecurityEventList> {
  const limit = Math.min(Math.max(Math.trunc(filters.limit ?? 50), 1), 500);
  const offset = Math.max(Math.trunc(filters.offset ?? 0), 0);
  const userId = filters.userId ?? null;
  return inSnapshot(db, SECURITY_EVENT_SOURCES, async (tx, position) => {
    const where = `tenant_id = $1 and ($2::text is null or user_id = $2)`;
    const { rows } = await tx.query<{
      position: string;
      user_id: string;
      type: SecurityEventType;
      occurred_at: Date;
      actor_id: string;
      details: Record<string, unknown>;
    }>(
      `select position, user_id, type, occurred_at, actor_id, details from rm_security_events
        where ${where} order by position desc limit $3 offset $4`,
      [tenantId, userId, limit, offset],
    );
    const count = await tx.query<{ n: number }>(
      `select count(*)::int as n from rm_security_events where ${where}`,
      [tenantId, userId],
    );
    const users = await userNames(
      tx,
      tenantId,
      rows.flatMap((row) => [row.user_id, row.actor_id]),
    );
    const partnerIds = rows.flatMap((row) =>
      typeof row.details.partnerId === 'string' ? [row.details.partnerId] : [],
    );
    const partners = new Map<string, string>();
    if (partnerIds.length > 0) {
      const found = await tx.query<{ id: string; name: string }>(
        `select id, name from rm_partners where tenant_id = $1 and id = any($2::text[])`,
        [tenantId, [...new Set(partnerIds)]],
      );
      for (const partner of found.rows) partners.set(partner.id, partner.name);
    }
    const name = (id: string): string => users.get(id) ?? id;
    return {
      items: rows.map((row) => ({
        position: row.position,
        type: row.type,
        occurredAt: isoInstant(row.occurred_at)!,
        user: { id: row.user_id, name: name(row.user_id) },
        actor: { id: row.actor_id, name: name(row.actor_id) },
        summary: describeEvent({ type: row.type, data: row.details } as DomainEvent, (kind, id) =>
          kind === 'user' ? users.get(id) : kind === 'partner' ? partners.get(id) : undefined,
        ),
        details: row.details,
      })),
      total: count.rows[0]?.n ?? 0,
      limit,
      offset,
      position,
    };
  });
}
