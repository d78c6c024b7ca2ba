import { changesOf, type DomainEvent, type LocalizedText, type NameLookup } from '#domain';
import type { StoredEvent } from '#event-store';
import type { ProjectionTx } from '../projection/projection.js';
import { actionHistorySignalsTable, type ActionHistoryRow } from './row.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';

/**
 * The signal events in the history of the actions they concern (docs/decisions.md "Signals"). The
 * submission itself is there already as the action's own `ActionSignalRecorded` (the link), so only the
 * later events (acknowledged, on an agenda, answered, escalated, closed) become rows, one per action. Such
 * a row carries the action's version at that moment, so the history stays ordered by version (then by
 * position).
 */
export class SignalRowsForActions {
  private readonly signals = rowSet(actionHistorySignalsTable);
  private readonly versions = new Map<string, number>();

  async load(tx: ProjectionTx, events: readonly StoredEvent[]): Promise<void> {
    const signalEvents = events.filter((stored) => stored.type.startsWith('Signal'));
    if (signalEvents.length === 0) return;
    await this.signals.load(
      tx,
      signalEvents.map((stored) => ({ tenant_id: tenantOf(stored), signal_id: signalIdOf(stored) })),
    );
    const wanted = new Map<string, Set<string>>();
    const want = (tenantId: string, actionIds: readonly string[]): void => {
      const set = wanted.get(tenantId) ?? new Set<string>();
      for (const id of actionIds) set.add(id);
      wanted.set(tenantId, set);
    };
    for (const stored of signalEvents) {
      const tenantId = tenantOf(stored);
      const known = this.signals.get({ tenant_id: tenantId, signal_id: signalIdOf(stored) });
      if (known) want(tenantId, known.action_ids);
      const submitted = stored.data as { actionIds?: readonly string[] };
      if (stored.type === 'SignalSubmitted') want(tenantId, submitted.actionIds ?? []);
    }
    for (const [tenantId, actionIds] of wanted) {
      // the highest version per action: one backward step on (tenant_id, action_id, version) each, where
      // max() ... group by read every history row of those actions (an action's history only grows)
      const { rows } = await tx.query<{ action_id: string; version: number | null }>(
        `select a.action_id,
                (select h.version from rm_action_history h
                  where h.tenant_id = $1 and h.action_id = a.action_id
                  order by h.version desc limit 1)::int as version
           from unnest($2::text[]) as a(action_id)`,
        [tenantId, [...actionIds]],
      );
      for (const row of rows)
        if (row.version !== null) this.versions.set(key(tenantId, row.action_id), row.version);
    }
  }

  /** an action event passed by: later signal rows of that action carry at least its version */
  seeActionRow(row: ActionHistoryRow): void {
    const k = key(row.tenant_id, row.action_id);
    this.versions.set(k, Math.max(this.versions.get(k) ?? 0, row.version));
  }

  /** the rows of one signal event (none for other events, and for the submission) */
  rowsOf(
    stored: StoredEvent,
    describe: (event: DomainEvent, names: NameLookup) => LocalizedText,
    names: NameLookup,
  ): ActionHistoryRow[] {
    if (!stored.type.startsWith('Signal')) return [];
    const tenant_id = tenantOf(stored);
    const event = asDomainEvent(stored);
    if (event.type === 'SignalSubmitted') {
      this.signals.put({ tenant_id, signal_id: event.data.signalId, action_ids: [...event.data.actionIds] });
      return [];
    }
    const known = this.signals.get({ tenant_id, signal_id: signalIdOf(stored) });
    if (!known) return [];
    const summary = describe(event, names);
    return known.action_ids.map((action_id) => ({
      position: stored.position,
      tenant_id,
      action_id,
      version: this.versions.get(key(tenant_id, action_id)) ?? 0,
      type: stored.type,
      occurred_at: stored.metadata.occurredAt,
      actor_id: stored.metadata.actorId,
      meeting_id: stored.metadata.meetingId ?? null,
      correlation_id: stored.metadata.correlationId ?? null,
      summary_nl: summary.nl,
      summary_en: summary.en,
      changes: changesOf(event),
      data: stored.data,
    }));
  }

  save(tx: ProjectionTx): Promise<void> {
    return this.signals.save(tx);
  }
}

const key = (tenantId: string, actionId: string): string => `${tenantId}\u0000${actionId}`;
const signalIdOf = (stored: StoredEvent): string => (stored.data as { signalId: string }).signalId;
