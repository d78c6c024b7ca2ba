import { START, type Position } from '#event-store';
import type { Queryable } from '../projection/sql.js';
import { ACTION_HISTORY_PROJECTION } from '../action-history/projection.js';
import { isoInstant } from '../queries/snapshot.js';

/** One change to an action of the plan: which action, who, what, when (names, never ids). */
export interface RecentChange {
  position: Position;
  type: string;
  occurredAt: string;
  action: { id: string; code: string; title: string };
  actor: { id: string; name: string | null };
  summary: { nl: string; en: string };
}

export interface RecentChanges {
  planId: string;
  /** newest first */
  items: RecentChange[];
  position: Position;
}

/**
 * Who reads: a viewer (council, public screen) reads no history content, so notes and signals are left out
 * for her (the same rule as the live channel, docs/realtime.md); partner staff see their organisation's
 * actions only (what it leads or partners on), as in the action list.
 */
export type RecentChangesReader =
  { role: 'coordinator' | 'member' } | { role: 'partner'; partnerId: string | null } | { role: 'viewer' };

/** history rows a viewer may not read: notes and signals (and the signals' own events on the action) */
export const HISTORY_CONTENT_TYPES = ['ActionNoteAdded', 'ActionSignalRecorded'] as const;

export const RECENT_CHANGES_SOURCES = [ACTION_HISTORY_PROJECTION] as const;

/**
 * The latest changes to the actions of a plan (archived ones included: their last changes happened), newest
 * first, from the action history read model: the action's code and title, the actor's current name and the
 * summary in Dutch and English (names as they were when the event happened). The dashboard's feed starts
 * from it, so it is not empty after a reload. Null for an unknown plan or one of another tenant.
 */
export async function listRecentChanges(
  db: Queryable,
  tenantId: string,
  planId: string,
  reader: RecentChangesReader,
  limit = 10,
): Promise<RecentChanges | null> {
  const plan = await db.query('select 1 from rm_plans where tenant_id = $1 and id = $2', [tenantId, planId]);
  if (plan.rowCount === 0) return null;
  const values: unknown[] = [tenantId, planId, Math.max(1, Math.min(limit, 50)), ACTION_HISTORY_PROJECTION];
  const clauses: string[] = [];
  if (reader.role === 'viewer') {
    values.push([...HISTORY_CONTENT_TYPES]);
    clauses.push(`h.type <> all($${values.length}::text[]) and h.type not like 'Signal%'`);
  }
  if (reader.role === 'partner') {
    values.push(reader.partnerId);
    clauses.push(`($${values.length}::text = any(a.partner_ids) or a.owner_id = $${values.length}::text)`);
  }
  const { rows } = await db.query<{
    position: string;
    type: string;
    occurred_at: Date;
    actor_id: string;
    actor_name: string | null;
    summary_nl: string;
    summary_en: string;
    action_id: string;
    code: string;
    title: string;
    checkpoint: string | null;
  }>(
    `select h.position, h.type, h.occurred_at, h.actor_id, u.name as actor_name, h.summary_nl, h.summary_en,
            a.id as action_id, a.code, a.title,
            (select c.position from projection_checkpoints c where c.name = $4) as checkpoint
       from rm_action_history h
       join rm_actions a on a.tenant_id = h.tenant_id and a.id = h.action_id
       left join rm_users u on u.tenant_id = h.tenant_id and u.id = h.actor_id
      where h.tenant_id = $1 and a.plan_id = $2 ${clauses.map((clause) => `and ${clause}`).join(' ')}
      order by h.position collate "C" desc
      limit $3`,
    values,
  );
  let position: Position = rows[0]?.checkpoint ?? START;
  if (rows.length === 0) {
    const { rows: checkpoint } = await db.query<{ position: string }>(
      'select position from projection_checkpoints where name = $1',
      [ACTION_HISTORY_PROJECTION],
    );
    position = checkpoint[0]?.position ?? START;
  }
  return {
    planId,
    items: rows.map((row) => ({
      position: row.position,
      type: row.type,
      occurredAt: isoInstant(row.occurred_at)!,
      action: { id: row.action_id, code: row.code, title: row.title },
      actor: { id: row.actor_id, name: row.actor_name },
      summary: { nl: row.summary_nl, en: row.summary_en },
    })),
    position,
  };
}
