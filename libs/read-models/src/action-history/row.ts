import type { FieldChange } from '#domain';
import type { JsonRow } from '../projection/sql.js';

/** One row of the action history read model (`rm_action_history`): one event, as people read it. */
export interface ActionHistoryRow extends JsonRow {
  position: string;
  tenant_id: string;
  action_id: string;
  version: number;
  type: string;
  occurred_at: string;
  actor_id: string;
  meeting_id: string | null;
  correlation_id: string | null;
  summary_nl: string;
  summary_en: string;
  changes: FieldChange[];
  data: unknown;
}
