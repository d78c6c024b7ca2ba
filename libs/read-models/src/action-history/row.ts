import type { FieldChange } from '#domain';
import {
  integer,
  json,
  nullable,
  table,
  text,
  textArray,
  timestamptz,
  type RowOf,
} from '../projection/table.js';

/** One row of the action history: one event, as people read it (a signal event: one row per action it concerns). */
export const actionHistoryTable = table(
  'rm_action_history',
  {
    position: text(),
    tenant_id: text(),
    action_id: text(),
    version: integer(),
    type: text(),
    occurred_at: timestamptz(),
    actor_id: text(),
    meeting_id: nullable(text()),
    correlation_id: nullable(text()),
    summary_nl: text(),
    summary_en: text(),
    // json, not jsonb: never queried into, returned as written, and much cheaper to insert in bulk
    changes: json<FieldChange[]>(),
    data: json(),
  },
  {
    primaryKey: ['position', 'action_id'],
    indexes: [{ name: 'rm_action_history_action_idx', columns: 'tenant_id, action_id, version' }],
  },
);
export type ActionHistoryRow = RowOf<typeof actionHistoryTable>;

/** names the summaries use, as they were when the event happened (partners, themes, goals) */
export const historyNamesTable = table(
  'rm_history_names',
  { tenant_id: text(), kind: text<'partner' | 'theme' | 'goal'>(), id: text(), name: text() },
  { primaryKey: ['tenant_id', 'kind', 'id'] },
);
export type HistoryNameRow = RowOf<typeof historyNamesTable>;

/** which actions a signal concerns, kept by the action-history projection */
export const actionHistorySignalsTable = table(
  'rm_action_history_signals',
  { tenant_id: text(), signal_id: text(), action_ids: textArray() },
  { primaryKey: ['tenant_id', 'signal_id'] },
);
export type SignalActionsRow = RowOf<typeof actionHistorySignalsTable>;

export const ACTION_HISTORY_TABLE = actionHistoryTable.name;
export const HISTORY_NAMES_TABLE = historyNamesTable.name;
export const ACTION_HISTORY_SIGNALS_TABLE = actionHistorySignalsTable.name;
