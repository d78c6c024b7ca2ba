/**
 * The api's answers as the web app names them. The read models' answers come from the contract module
 * (`libs/contracts`, `#contracts`), which the api's queries produce: nothing here repeats their shape. The
 * api-level answers below (session, write result, error body) are not in the contract module yet.
 */
import type {
  ActionHistoryItem,
  ActionListItem,
  PartnerRef,
  WorkingGroupDetail,
  WorkingGroupItem,
} from '#contracts';
import type { UserRole as Role } from '#domain';

export { ACTION_STATUSES } from '../../../libs/domain/src/action/action.events';
export { SIGNAL_URGENCIES as URGENCIES } from '../../../libs/domain/src/shared/labels';
export { ERASED } from '../../../libs/domain/src/shared/erased';
export { holdsErasableText } from '../../../libs/domain/src/shared/free-text';
export { ERASURE_LEGAL_GROUNDS, ERASURE_SUBJECT_KINDS } from '../../../libs/domain/src/tenant/tenant.events';
export type { ErasureLegalGround, ErasureSubjectKind } from '#domain';
export type { ActionStatus, SignalUrgency as Urgency } from '#domain';
export type { Role };
export type {
  ActionList,
  ActionHistory as History,
  Dashboard,
  MeetingDetail as Meeting,
  MeetingItem as MeetingSummary,
  PartnerItem as Partner,
  PlanSummary,
  PlanTree,
  PlanTreeGoal,
  StatusCounts,
  MailPreference,
  NotificationItem,
  NotificationList,
  NotificationMode,
  SentMail,
  SentMails,
  StatusTrend,
  PlanChanges,
  IndicatorDetail,
  IndicatorSummary,
  PlanIndicators,
} from '#contracts';
export type { IndicatorStatus } from '#domain';
export type { AttendanceStatus, MeetingStatus } from '#domain';
// reporting periods, update rounds and the council report (issue 16, docs/plan-cycle.md)
export type { MyUpdateItem, MyUpdateList, PeriodItem, PeriodList, PeriodReport } from '#contracts';

/** an action as the list and the action page show it (`position` only on the page's answer) */
export type Action = ActionListItem & { position?: string };
/**
 * a history item, or an event the api's 409 answer lists as missed (`ConflictDetails`), whose actor may be
 * unknown: the timeline shows both
 */
export type HistoryEntry = Omit<ActionHistoryItem, 'actor'> & {
  actor: { id: string; name: string | null } | null;
};
export type Named = PartnerRef;
/** a working group as a list shows it; the group's own answer adds its members and position */
export type WorkingGroup = WorkingGroupItem & Partial<Pick<WorkingGroupDetail, 'members' | 'position'>>;

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
