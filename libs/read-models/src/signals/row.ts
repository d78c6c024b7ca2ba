import type { SignalStatus, SignalUrgency } from '#domain';
import {
  boolean,
  integer,
  json,
  nullable,
  table,
  text,
  textArray,
  timestamptz,
  type RowOf,
} from '../projection/table.js';

/** one row per signal with where it stands (its working groups follow from their scope at read time) */
export const signalsTable = table(
  'rm_signals',
  {
    tenant_id: text(),
    id: text(),
    status: text<SignalStatus>(),
    urgency: text<SignalUrgency>(),
    partner_id: nullable(text()),
    source: nullable(text()),
    text: text(),
    theme_ids: textArray(),
    action_ids: textArray(),
    meeting_ids: textArray(),
    answered: boolean(),
    response: nullable(text()),
    escalated_to: nullable(text()),
    escalation_text: nullable(text()),
    close_reason: nullable(text()),
    submitted_by: text(),
    version: integer(),
    created_at: timestamptz(),
    updated_at: timestamptz(),
    last_position: text(),
  },
  {
    primaryKey: ['tenant_id', 'id'],
    indexes: [
      { name: 'rm_signals_updated_idx', columns: 'tenant_id, updated_at DESC, id' },
      { name: 'rm_signals_partner_idx', columns: 'tenant_id, partner_id' },
    ],
  },
);
export type SignalRow = RowOf<typeof signalsTable>;

export const signalHistoryTable = table(
  'rm_signal_history',
  {
    position: text(),
    tenant_id: text(),
    signal_id: text(),
    version: integer(),
    type: text(),
    occurred_at: timestamptz(),
    actor_id: text(),
    meeting_id: nullable(text()),
    data: json(),
  },
  {
    primaryKey: ['position'],
    indexes: [{ name: 'rm_signal_history_signal_idx', columns: 'tenant_id, signal_id, version' }],
  },
);
export type SignalHistoryRow = RowOf<typeof signalHistoryTable>;

export const SIGNALS_TABLE = signalsTable.name;
export const SIGNAL_HISTORY_TABLE = signalHistoryTable.name;
