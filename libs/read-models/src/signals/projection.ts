import { SIGNAL_EVENT_TYPES } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { type RowSet, upsertRows } from '../projection/sql.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';
import { VersionRecorder, truncateVersions } from '../as-of/versions.js';
import {
  signalsTable,
  SIGNALS_TABLE,
  SIGNAL_HISTORY_TABLE,
  type SignalHistoryRow,
  type SignalRow,
} from './row.js';

export * from './row.js';

export const SIGNALS_PROJECTION = 'signals';

/**
 * Partner signals: where each stands (status, urgency, source, themes and actions, meetings, answer,
 * escalation) and its own history. The working groups a signal belongs to are not stored: they follow
 * from the groups' scope at read time (signals/query.ts), so a scope change moves the inboxes.
 */
export function signalsProjection(): Projection {
  return {
    name: SIGNALS_PROJECTION,
    // 2: dated versions of rm_signals (as-of/versions.ts: signals as of a past date), filled by the rebuild
    version: 2,
    eventTypes: [...SIGNAL_EVENT_TYPES],
    tables: [SIGNALS_TABLE, SIGNAL_HISTORY_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const signals = rowSet(signalsTable);
      await signals.load(
        tx,
        events.map((stored) => ({ tenant_id: tenantOf(stored), id: signalIdOf(stored) })),
      );
      const history: SignalHistoryRow[] = [];
      const versions = new VersionRecorder();
      for (const stored of events) {
        applyToSignals(signals, stored);
        versions.record([signals], stored);
        history.push({
          position: stored.position,
          tenant_id: tenantOf(stored),
          signal_id: signalIdOf(stored),
          version: stored.version,
          type: stored.type,
          occurred_at: stored.metadata.occurredAt,
          actor_id: stored.metadata.actorId,
          meeting_id: stored.metadata.meetingId ?? null,
          data: stored.data,
        });
      }
      await signals.save(tx);
      await upsertRows(tx, SIGNAL_HISTORY_TABLE, ['position'], history, {
        onConflict: 'nothing',
        appendOnly: true,
      });
      await versions.save(tx);
    },
    async truncate(tx) {
      await tx.query(`truncate ${SIGNALS_TABLE}, ${SIGNAL_HISTORY_TABLE}`);
      await truncateVersions(tx, [SIGNALS_TABLE]);
    },
  };
}

const signalIdOf = (stored: StoredEvent): string => (stored.data as { signalId: string }).signalId;

/** Folds one signal event into the rows in memory. */
export function applyToSignals(signals: RowSet<SignalRow>, stored: StoredEvent): void {
  const tenant_id = tenantOf(stored);
  const event = asDomainEvent(stored);
  const at = stored.metadata.occurredAt;
  const touch = { version: stored.version, updated_at: at, last_position: stored.position };
  if (event.type === 'SignalSubmitted') {
    const { signalId, partnerId, source, text, urgency, themeIds, actionIds } = event.data;
    signals.put({
      tenant_id,
      id: signalId,
      status: 'submitted',
      urgency,
      partner_id: partnerId,
      source,
      text,
      theme_ids: [...themeIds],
      action_ids: [...actionIds],
      meeting_ids: [],
      answered: false,
      response: null,
      escalated_to: null,
      escalation_text: null,
      close_reason: null,
      submitted_by: stored.metadata.actorId,
      created_at: at,
      ...touch,
    });
    return;
  }
  const row = signals.get({ tenant_id, id: signalIdOf(stored) });
  if (!row) return; // a corrupt stream (an event before its submission): ignored so replays never fail
  switch (event.type) {
    case 'SignalAcknowledged':
      signals.put({ ...row, ...touch, status: 'acknowledged' });
      return;
    case 'SignalPutOnAgenda':
      signals.put({
        ...row,
        ...touch,
        status: 'on_agenda',
        meeting_ids: [...row.meeting_ids, event.data.meetingId],
      });
      return;
    case 'SignalAnswered':
      signals.put({ ...row, ...touch, status: 'answered', answered: true, response: event.data.response });
      return;
    case 'SignalEscalated':
      signals.put({
        ...row,
        ...touch,
        status: 'escalated',
        escalated_to: event.data.to,
        escalation_text: event.data.text,
      });
      return;
    case 'SignalClosed':
      signals.put({ ...row, ...touch, status: 'closed', close_reason: event.data.reason });
      return;
    default:
      return;
  }
}
