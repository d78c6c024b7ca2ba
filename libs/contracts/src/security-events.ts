import type { LocalizedText, SecurityEventType } from '#domain';
import type { Position } from './position.js';

export interface SecurityEventItem {
  position: Position;
  type: SecurityEventType;
  occurredAt: string;
  /** the account the event is about */
  user: { id: string; name: string };
  /** who did it */
  actor: { id: string; name: string };
  summary: LocalizedText;
  details: Record<string, unknown>;
}

export interface SecurityEventList {
  items: SecurityEventItem[];
  total: number;
  limit: number;
  offset: number;
  position: Position;
}
