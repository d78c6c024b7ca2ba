import type { FieldChange } from '#domain';
import type { Position } from '#event-store';
import { ACTION_HISTORY_PROJECTION } from '../projections/action-history.projection.js';
import { inSnapshot, isoInstant, type ReadDb } from './snapshot.js';

export interface ActionHistoryItem {
  position: Position;
  version: number;
  type: string;
  occurredAt: string;
  actor: { id: string; name: string };
  meetingId?: string;
  summary: { nl: string; en: string };
  changes: FieldChange[];
  data: unknown;
}

export interface ActionHistory {
  actionId: string;
  items: ActionHistoryItem[];
  position: Position;
}

/**
 * Display names of the acting users. Users are not a read model yet: until they are, the api may pass
 * its own; without one the id is shown.
 */
export type ResolveActorNames = (
  tenantId: string,
  actorIds: readonly string[],
) => Promise<ReadonlyMap<string, string>>;

export const actorIdsAsNames: ResolveActorNames = (_tenantId, actorIds) =>
  Promise.resolve(new Map(actorIds.map((id) => [id, id])));

export const HISTORY_SOURCES = [ACTION_HISTORY_PROJECTION] as const;

/** Every event of an action, oldest first, or null (unknown id, or an id of another tenant). */
export async function getActionHistory(
  db: ReadDb,
  tenantId: string,
  actionId: string,
  resolveActorNames: ResolveActorNames = actorIdsAsNames,
): Promise<ActionHistory | null> {
  const result = await inSnapshot(db, HISTORY_SOURCES, async (tx, position) => {
    const { rows } = await tx.query<{
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
    }>(
      `select position, version, type, occurred_at, actor_id, meeting_id, summary_nl, summary_en, changes, data
         from rm_action_history where tenant_id = $1 and action_id = $2 order by version`,
      [tenantId, actionId],
    );
    return { rows, position };
  });
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
