import type { FieldChange, SignalStatus, SignalUrgency } from '#domain';
import type { PartnerRef } from './actions.js';
import type { Position } from './position.js';

export interface SignalItem {
  id: string;
  status: SignalStatus;
  urgency: SignalUrgency;
  partner: PartnerRef | null;
  /** who else it comes from (a citizen, an advisory council) */
  source: string | null;
  text: string;
  themeIds: string[];
  actionIds: string[];
  /** the active working groups whose scope holds one of its actions or themes (or an action's theme) */
  workingGroupIds: string[];
  meetingIds: string[];
  answered: boolean;
  response: string | null;
  escalation: { to: string; text: string } | null;
  closeReason: string | null;
  /**
   * the version of the change in the signal's history that wrote each free text (null: none yet): what
   * `POST /api/erasures` with kind text names to erase that one text
   */
  textVersions: SignalTextVersions;
  submittedBy: string;
  /** the signal stream's version (for If-Match / expectedVersion) */
  version: number;
  submittedAt: string;
  updatedAt: string;
}

export interface SignalTextVersions {
  text: number;
  response: number | null;
  escalation: number | null;
  closeReason: number | null;
}

export interface SignalList {
  items: SignalItem[];
  total: number;
  /** with `?asOf=`: the moment asked for (an ISO instant); `position` is then where the log stood */
  asOf?: string;
  position: Position;
}

export interface SignalDetail extends SignalItem {
  /** with `?asOf=`: the moment asked for (an ISO instant); `position` is then where the log stood */
  asOf?: string;
  position: Position;
}

export interface SignalHistoryItem {
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

export interface SignalHistory {
  signalId: string;
  items: SignalHistoryItem[];
  position: Position;
}
