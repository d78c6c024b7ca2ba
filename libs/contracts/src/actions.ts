import type { ActionStatus } from '#domain';
import type { Position } from './position.js';

export interface PartnerRef {
  id: string;
  /** the partner's name (its id while the partner is unknown to the read model) */
  name: string;
}

export interface ActionListItem {
  id: string;
  planId: string;
  code: string;
  title: string;
  description: string;
  status: ActionStatus;
  themeId: string | null;
  goalId: string;
  ownerId: string | null;
  owner: PartnerRef | null;
  partnerIds: string[];
  partners: PartnerRef[];
  tags: string[];
  progress: number | null;
  dueDate: string | null;
  overdue: boolean;
  archived: boolean;
  citizenIdea: boolean;
  signalCount: number;
  noteCount: number;
  /** the action's stream version (for If-Match / expectedVersion) */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** global position of the action's last event */
  lastPosition: Position;
  /** BBC code (AC1.2.3 or a city's own), priority flag, sub-reporting code and weight (NodeReportingChanged) */
  bbcCode: string | null;
  priority: boolean;
  subReportingCode: string | null;
  weight: number;
}

export interface ActionList {
  items: ActionListItem[];
  total: number;
  limit: number;
  offset: number;
  position: Position;
}

export interface ActionDetail extends ActionListItem {
  position: Position;
}
