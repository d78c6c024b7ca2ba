/** The api's answers the web app reads (docs in /api/docs; shapes from the read models). */

export const ACTION_STATUSES = ['not_started', 'in_progress', 'realised', 'postponed', 'stopped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type Role = 'coordinator' | 'member' | 'partner' | 'viewer';
export const URGENCIES = ['low', 'normal', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  tenantId: string;
  roles: Role[];
  partnerId: string | null;
}

export interface LoginAnswer {
  accessToken: string;
  /** also set as an HttpOnly cookie; null after a refresh within the grace of a just-rotated token */
  refreshToken: string | null;
  expiresIn: number;
  user: User;
}

export interface WriteResult {
  id: string;
  version: number;
  position: string;
}

export interface PlanSummary {
  id: string;
  title: string;
  periodStart: string;
  periodEnd: string;
}

export interface PlanTreeGoal {
  id: string;
  code: string;
  title: string;
  goals: PlanTreeGoal[];
  actions: { id: string; code: string; title: string; status: ActionStatus }[];
}

export interface PlanTree extends PlanSummary {
  themes: { id: string; code: string; title: string; goals: PlanTreeGoal[] }[];
  position: string;
}

export type StatusCounts = Record<ActionStatus, number>;

export interface Dashboard {
  planId: string;
  today: string;
  total: number;
  byStatus: StatusCounts;
  progress: number | null;
  overdue: number;
  openSignals: number;
  themes: {
    id: string;
    code: string;
    title: string;
    total: number;
    byStatus: StatusCounts;
    progress: number | null;
    overdue: number;
    openSignals: number;
  }[];
  position: string;
}

export interface Named {
  id: string;
  name: string;
}

export interface Action {
  id: string;
  planId: string;
  code: string;
  title: string;
  description: string;
  status: ActionStatus;
  themeId: string;
  goalId: string;
  ownerId: string | null;
  owner: Named | null;
  partnerIds: string[];
  partners: Named[];
  tags: string[];
  progress: number | null;
  dueDate: string | null;
  overdue: boolean;
  archived: boolean;
  signalCount: number;
  noteCount: number;
  version: number;
  updatedAt: string;
  position?: string;
}

export interface ActionList {
  items: Action[];
  total: number;
  position: string;
}

export interface HistoryEntry {
  position: string;
  version: number;
  type: string;
  occurredAt: string;
  actor: { id: string; name: string | null } | null;
  meetingId?: string | null;
  summary: { nl: string; en: string };
  changes: { field: string; from: unknown; to: unknown }[];
  data: Record<string, unknown>;
}

export interface History {
  actionId: string;
  items: HistoryEntry[];
  position: string;
}

export interface Partner {
  id: string;
  name: string;
  kind: string;
  mergedInto: string | null;
}

export interface WorkingGroup {
  id: string;
  planId: string;
  name: string;
  description: string;
  scope: { themeIds: string[]; actionIds: string[] };
  archived: boolean;
  memberCount: number;
  members?: { userId: string; name: string; role: string; partner: Named | null }[];
  position?: string;
}

export type MeetingStatus = 'scheduled' | 'open' | 'ended' | 'cancelled';
export type AttendanceStatus = 'present' | 'excused' | 'absent';

export interface MeetingSummary {
  id: string;
  workingGroupId: string;
  title: string;
  startsAt: string;
  location: string | null;
  status: MeetingStatus;
}

export interface Meeting extends MeetingSummary {
  version: number;
  attendees: {
    attendeeId: string;
    user: Named | null;
    guestName: string | null;
    organisation: string | null;
    partner: Named | null;
    status: AttendanceStatus;
  }[];
  agenda: {
    itemId: string;
    kind: string;
    refId: string | null;
    title: string | null;
    /** discussion notes (Markdown) */
    notes?: string | null;
  }[];
  proposals: {
    proposalId: string;
    text: string;
    proposedBy: Named | null;
    source?: string | null;
    category?: string | null;
    addedAt?: string;
  }[];
  rounds: {
    roundId: string;
    size: number;
    ranked: boolean;
    open: boolean;
    /** `recordedBy`: the chair or secretary who recorded this ballot on the voter's behalf */
    voters: (Named & { recordedBy?: Named | null })[];
    /** ballots, or a tally entered from paper */
    method?: 'ballots' | 'tally';
    tallyVoters?: number | null;
    ranking: { proposalId: string; score: number; rank: number; text: string }[];
  }[];
  decisions: { decisionId?: string; text: string; at?: string }[];
  nextSteps: { nextStepId?: string; text: string; dueDate?: string | null; at?: string }[];
  changes: unknown[];
  position: string;
}

/** The error shape of every api answer >= 400 (docs/errors.md). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export interface ConflictDetails {
  expectedVersion?: number;
  currentVersion: number;
  missedEvents: HistoryEntry[];
}

export interface ServerInfo {
  demo: boolean;
  demoUsers?: string[];
}
