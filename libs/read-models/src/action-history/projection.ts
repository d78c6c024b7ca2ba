import {
  ACTION_EVENT_TYPES,
  PARTNER_EVENT_TYPES,
  SIGNAL_EVENT_TYPES,
  changesOf,
  describeEvent,
  type DomainEvent,
  type LocalizedText,
  type NameLookup,
} from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { type RowSet, upsertRows, type JsonRow } from '../projection/sql.js';
import { SignalRowsForActions } from './signal-history.js';
import { historyNamesTable, type ActionHistoryRow } from './row.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';
import {
  ACTION_HISTORY_SIGNALS_TABLE,
  ACTION_HISTORY_TABLE,
  HISTORY_NAMES_TABLE,
  type HistoryNameRow,
} from './row.js';

export * from './row.js';

export const ACTION_HISTORY_PROJECTION = 'action-history';

export interface ActionHistoryOptions {
  describe?: (event: DomainEvent, names: NameLookup) => LocalizedText;
}

const NAME_EVENT_TYPES = ['ThemeAdded', 'GoalAdded'] as const;

/** One row per action event: the audit trail of an action, with its summary in Dutch and English. */
export function actionHistoryProjection(options: ActionHistoryOptions = {}): Projection {
  const describe = options.describe ?? describeEvent;
  return {
    name: ACTION_HISTORY_PROJECTION,
    version: 1,
    eventTypes: [...ACTION_EVENT_TYPES, ...PARTNER_EVENT_TYPES, ...NAME_EVENT_TYPES, ...SIGNAL_EVENT_TYPES],
    tables: [ACTION_HISTORY_TABLE, HISTORY_NAMES_TABLE, ACTION_HISTORY_SIGNALS_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const names = rowSet(historyNamesTable);
      await names.load(
        tx,
        events.flatMap((stored) => referencedNames(stored)),
      );
      // the signals concerning actions show in those actions' histories (signal-action-history.ts)
      const signals = new SignalRowsForActions();
      await signals.load(tx, events);
      const rows: ActionHistoryRow[] = [];
      for (const stored of events) {
        const row = applyToHistory(names, stored, describe);
        if (row) {
          rows.push(row);
          signals.seeActionRow(row);
        }
        const tenant_id = stored.type.startsWith('Signal') ? tenantOf(stored) : '';
        const lookup: NameLookup = (kind, id) =>
          kind === 'user' ? undefined : names.get({ tenant_id, kind, id })?.name;
        rows.push(...signals.rowsOf(stored, describe, lookup));
      }
      await names.save(tx);
      await signals.save(tx);
      await upsertRows(tx, ACTION_HISTORY_TABLE, ['position', 'action_id'], rows, {
        onConflict: 'nothing',
        appendOnly: true,
      });
    },
    async truncate(tx) {
      await tx.query(
        `truncate ${ACTION_HISTORY_TABLE}, ${HISTORY_NAMES_TABLE}, ${ACTION_HISTORY_SIGNALS_TABLE}`,
      );
    },
  };
}

/** The names an event's summary may need. */
function referencedNames(stored: StoredEvent): JsonRow[] {
  const event = asDomainEvent(stored);
  const tenant_id = tenantOf(stored);
  const partner = (id: string | null): JsonRow[] => (id ? [{ tenant_id, kind: 'partner', id }] : []);
  switch (event.type) {
    case 'ActionAdded':
      return [{ tenant_id, kind: 'goal', id: event.data.goalId }];
    case 'ActionOwnerChanged':
      return [...partner(event.data.from), ...partner(event.data.to)];
    case 'ActionPartnerAdded':
    case 'ActionPartnerRemoved':
    case 'ActionSignalRecorded':
    case 'PartnerRenamed':
      return partner(event.data.partnerId);
    case 'PartnerMerged':
      return [...partner(event.data.partnerId), ...partner(event.data.intoPartnerId)];
    default:
      return [];
  }
}

/** Folds one event: keeps names up to date and returns the history row of an action event. */
export function applyToHistory(
  names: RowSet<HistoryNameRow>,
  stored: StoredEvent,
  describe: (event: DomainEvent, names: NameLookup) => LocalizedText = describeEvent,
): ActionHistoryRow | null {
  const event = asDomainEvent(stored);
  const tenant_id = tenantOf(stored);
  switch (event.type) {
    case 'PartnerRegistered':
      names.put({ tenant_id, kind: 'partner', id: event.data.partnerId, name: event.data.name });
      return null;
    case 'PartnerRenamed':
      names.put({ tenant_id, kind: 'partner', id: event.data.partnerId, name: event.data.to });
      return null;
    case 'PartnerMerged':
      return null;
    case 'ThemeAdded':
      names.put({ tenant_id, kind: 'theme', id: event.data.themeId, name: event.data.code });
      return null;
    case 'GoalAdded':
      names.put({ tenant_id, kind: 'goal', id: event.data.goalId, name: event.data.code });
      return null;
    default:
      break;
  }
  if (!(ACTION_EVENT_TYPES as readonly string[]).includes(event.type) || !('actionId' in event.data))
    return null;
  const lookup: NameLookup = (kind, id) =>
    kind === 'user' ? undefined : names.get({ tenant_id, kind, id })?.name;
  const summary = describe(event, lookup);
  return {
    position: stored.position,
    tenant_id,
    action_id: event.data.actionId,
    version: stored.version,
    type: stored.type,
    occurred_at: stored.metadata.occurredAt,
    actor_id: stored.metadata.actorId,
    meeting_id: stored.metadata.meetingId ?? null,
    correlation_id: stored.metadata.correlationId ?? null,
    summary_nl: summary.nl,
    summary_en: summary.en,
    changes: changesOf(event),
    data: stored.data,
  };
}
