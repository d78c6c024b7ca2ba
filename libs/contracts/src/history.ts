import type { FieldChange } from '#domain';
import type { Position } from './position.js';

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
  /** with `?asOf=`: the moment asked for (an ISO instant); `position` is then where the log stood */
  asOf?: string;
  position: Position;
}
