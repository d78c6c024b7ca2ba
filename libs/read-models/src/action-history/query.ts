import type { FieldChange } from '#domain';
import type { Position } from '#event-store';
import { ACTION_HISTORY_PROJECTION } from './projection.js';
import type { Queryable } from '../projection/sql.js';
import { START } from '#event-store';
import { isoInstant, type ReadDb } from '../queries/snapshot.js';
import type { ActionHistory } from '#contracts';

export type { ActionHistoryItem, ActionHistory } from '#contracts';

/**
 * Display names of the acting users. The default reads them from the users read model
 * (`resolveActorNamesFromUsers`); an id it does not know is shown as is.
 */
export type ResolveActorNames = (
  tenantId: string,
  actorIds: readonly string[],
) => Promise<ReadonlyMap<string, string>>;

export const actorIdsAsNames: ResolveActorNames = (_tenantId, actorIds) =>
  Promise.resolve(new Map(actorIds.map((id) => [id, id])));

/**
 * Names from `rm_users` (their current name, so a renamed user shows the new one everywhere). Ids without a
 * user in the tenant (an import, a system job, a user of another tenant) are left out: callers show the id.
 */
export const resolveActorNamesFromUsers =
  (db: Queryable): ResolveActorNames =>
  async (tenantId, actorIds) => {
    if (actorIds.length === 0) return new Map();
    const { rows } = await db.query<{ id: string; name: string }>(
      `select id, name from rm_users where tenant_id = $1 and id = any($2::text[])`,
      [tenantId, [...actorIds]],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  };

export const HISTORY_SOURCES = [ACTION_HISTORY_PROJECTION] as const;

/** Every event of an action, oldest first, or null (unknown id, or an id of another tenant). */
export async function getActionHistory(
  db: ReadDb,
  tenantId: string,
  actionId: string,
  resolveActorNames: ResolveActorNames = resolveActorNamesFromUsers(db),
): Promise<ActionHistory | null> {
  // One statement is one snapshot: the rows and the checkpoint they reflect are read together, without the
  // begin/commit round trips of inSnapshot (this is the hottest read of a meeting: ~3 ms saved per call).
  const { rows } = await db.query<{
    position: string;
    version: number;
    type: string;
    occurred_at: Date;
    actor_id: string;
    meeting_id: string | null;
    summary_nl: string;
    summary_en: string;
    changes: FieldChange[];
    data: unknown;
    checkpoint: string | null;
  }>(
    `select position, version, type, occurred_at, actor_id, meeting_id, summary_nl, summary_en, changes, data,
            (select c.position from projection_checkpoints c where c.name = $3) as checkpoint
       from rm_action_history where tenant_id = $1 and action_id = $2 order by version, position`,
    [tenantId, actionId, ACTION_HISTORY_PROJECTION],
  );
  const result = { rows, position: (rows[0]?.checkpoint ?? START) as Position };
  if (result.rows.length === 0) return null;
  const names = await resolveActorNames(tenantId, [...new Set(result.rows.map((row) => row.actor_id))]);
  return {
    actionId,
    items: result.rows.map((row) => ({
      position: row.position,
      version: row.version,
      type: row.type,
      occurredAt: isoInstant(row.occurred_at)!,
      actor: { id: row.actor_id, name: names.get(row.actor_id) ?? row.actor_id },
      ...(row.meeting_id ? { meetingId: row.meeting_id } : {}),
      summary: { nl: row.summary_nl, en: row.summary_en },
      changes: row.changes,
      data: row.data,
    })),
    position: result.position,
  };
}
