import type { Position } from '#event-store';
import { waitForCheckpoints } from '../projection/wait-for-position.js';
import { effectiveMinPosition } from './read-floor.js';
import { PLAN_TREE_PROJECTION } from '../plan-tree/projection.js';
import { INDICATORS_PROJECTION } from '../indicators/projection.js';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { TENANTS_PROJECTION } from '../tenants/projection.js';
import { WORKING_GROUPS_PROJECTION } from '../working-groups/projection.js';
import { ACTION_LIST_PROJECTION } from '../action-list/projection.js';
import { actionIdsOfPartner, isActionInScopeOfUserGroups, isActionOfPartner } from '../access/query.js';
import {
  ACTION_LIST_SOURCES,
  getAction,
  listActions,
  type ActionDetail,
  type ActionFilters,
  type ActionList,
  type Paging,
} from '../action-list/query.js';
import { DASHBOARD_SOURCES, getDashboard, type Dashboard } from '../dashboard/query.js';
import {
  INDICATOR_AS_OF_SOURCES,
  INDICATOR_SOURCES,
  getIndicator,
  listPlanIndicators,
  type IndicatorDetail,
  type IndicatorFilters,
  type PlanIndicators,
} from '../indicators/query.js';
import { PLAN_TREE_SOURCES } from '../plan-tree/query.js';
import {
  HISTORY_SOURCES,
  getActionHistory,
  resolveActorNamesFromUsers,
  type ActionHistory,
  type ResolveActorNames,
} from '../action-history/query.js';
import { listPartners, type PartnerList } from '../partners/query.js';
import { getPlanTree, listPlans, type PlanList, type PlanTree } from '../plan-tree/query.js';
import { getPublicPlan, type PublicPlan } from '../public-plan/query.js';
import {
  SECURITY_EVENT_SOURCES,
  listSecurityEvents,
  type SecurityEventFilters,
  type SecurityEventList,
} from '../security-events/query.js';
import {
  MEETING_SOURCES,
  MINUTES_SOURCES,
  getMeeting,
  getMeetingMinutes,
  listMeetings,
  listMinutesRevisions,
  type MeetingDetail,
  type MeetingList,
  type MeetingMinutes,
  type MinutesRevisionList,
} from '../meetings/query.js';
import { MEETINGS_PROJECTION } from '../meetings/projection.js';
import { SIGNALS_PROJECTION } from '../signals/projection.js';
import {
  SIGNAL_AS_OF_SOURCES,
  SIGNAL_SOURCES,
  getSignal,
  getSignalHistory,
  listSignals,
  workingGroupIdsOfMember,
  type SignalDetail,
  type SignalFilters,
  type SignalHistory,
  type SignalInbox,
  type SignalList,
} from '../signals/query.js';
import { USERS_PROJECTION } from '../users/projection.js';
import type { ReadDb } from './snapshot.js';
import { AS_OF_SOURCES, type AsOf } from '../as-of/query.js';
import {
  PLAN_CHANGES_SOURCES,
  getPlanChanges,
  type PlanChanges,
  type PlanChangesOptions,
} from '../plan-changes/query.js';
import { getStatusTrend, type StatusTrend } from '../plan-changes/trend.js';
import { USER_SOURCES, getUser, listUsers, type UserDetail, type UserList } from '../users/query.js';
import { getTenant, type TenantDetail } from '../tenants/query.js';
import {
  WORKING_GROUP_SOURCES,
  getWorkingGroup,
  listWorkingGroups,
  listWorkingGroupsOfUser,
  type UserWorkingGroupList,
  type WorkingGroupDetail,
  type WorkingGroupFilters,
  type WorkingGroupList,
} from '../working-groups/query.js';

/** `?minPosition=`: wait (briefly) until the read model reflects at least this position. */
export interface ReadOptions {
  minPosition?: Position;
  /**
   * the plan as it stood at this moment (the reads of the plan: tree, action list, action, history, dashboard,
   * indicators, signals)
   */
  asOf?: AsOf;
  /** how long to wait for `minPosition` (default: the instance's `waitTimeoutMs`) */
  timeoutMs?: number;
}

export interface ReadModelQueriesOptions {
  /** display names of acting users (default: their names in `rm_users`, the id when unknown) */
  resolveActorNames?: ResolveActorNames;
  /** default wait for `minPosition` (2000 ms) */
  waitTimeoutMs?: number;
  /**
   * how to wait for `minPosition`; default polls `projection_checkpoints`. An api running the projector
   * in-process passes `(min, names, timeoutMs, tenantId) => runner.waitForPosition(min, { names, timeoutMs,
   * tenantId })`.
   */
  waitForPosition?: (
    minPosition: Position,
    names: readonly string[],
    timeoutMs: number,
    tenantId?: string,
  ) => Promise<{ reached: boolean }>;
}

/**
 * The reads the API serves. Every answer carries the `position` it reflects (the lowest checkpoint of the
 * projections it reads); unknown ids and ids of other tenants answer null.
 */
export class ReadModelQueries {
  private readonly resolveActorNames: ResolveActorNames;
  private readonly waitTimeoutMs: number;

  constructor(
    private readonly db: ReadDb,
    private readonly options: ReadModelQueriesOptions = {},
  ) {
    this.resolveActorNames = options.resolveActorNames ?? resolveActorNamesFromUsers(db);
    this.waitTimeoutMs = options.waitTimeoutMs ?? 2_000;
  }

  async listPlans(tenantId: string, read?: ReadOptions): Promise<PlanList> {
    await this.waitFor([PLAN_TREE_PROJECTION], read, tenantId);
    return listPlans(this.db, tenantId);
  }

  /** A plan's public page with its tenant, or null when it is off or unknown (no tenant: a public route). */
  async getPublicPlan(planId: string): Promise<{ tenantId: string; plan: PublicPlan } | null> {
    return getPublicPlan(this.db, planId);
  }

  async getPlanTree(tenantId: string, planId: string, read?: ReadOptions): Promise<PlanTree | null> {
    await this.waitFor(
      read?.asOf ? [...AS_OF_SOURCES, INDICATORS_PROJECTION] : PLAN_TREE_SOURCES,
      read,
      tenantId,
    );
    return getPlanTree(this.db, tenantId, planId, read?.asOf);
  }

  async listActions(
    tenantId: string,
    planId: string,
    filters: ActionFilters & { today: string },
    paging: Paging = {},
    read?: ReadOptions,
  ): Promise<ActionList | null> {
    await this.waitFor(
      read?.asOf ? [...ACTION_LIST_SOURCES, ...AS_OF_SOURCES] : ACTION_LIST_SOURCES,
      read,
      tenantId,
    );
    return listActions(this.db, tenantId, planId, filters, paging, read?.asOf);
  }

  async getAction(
    tenantId: string,
    actionId: string,
    read: ReadOptions & { today: string },
  ): Promise<ActionDetail | null> {
    await this.waitFor(
      read.asOf ? [...ACTION_LIST_SOURCES, ...AS_OF_SOURCES] : ACTION_LIST_SOURCES,
      read,
      tenantId,
    );
    return getAction(this.db, tenantId, actionId, read.today, read.asOf);
  }

  async getDashboard(
    tenantId: string,
    planId: string,
    today: string,
    read?: ReadOptions,
  ): Promise<Dashboard | null> {
    await this.waitFor(read?.asOf ? AS_OF_SOURCES : DASHBOARD_SOURCES, read, tenantId);
    return getDashboard(this.db, tenantId, planId, today, read?.asOf);
  }

  async listPlanIndicators(
    tenantId: string,
    planId: string,
    filters: IndicatorFilters = {},
    read?: ReadOptions,
  ): Promise<PlanIndicators | null> {
    await this.waitFor(
      read?.asOf ? INDICATOR_AS_OF_SOURCES : [...INDICATOR_SOURCES, PLAN_TREE_PROJECTION],
      read,
      tenantId,
    );
    return listPlanIndicators(this.db, tenantId, planId, filters, read?.asOf);
  }

  async getIndicator(
    tenantId: string,
    indicatorId: string,
    read?: ReadOptions,
  ): Promise<IndicatorDetail | null> {
    await this.waitFor(read?.asOf ? INDICATOR_AS_OF_SOURCES : INDICATOR_SOURCES, read, tenantId);
    return getIndicator(this.db, tenantId, indicatorId, read?.asOf);
  }

  async getActionHistory(
    tenantId: string,
    actionId: string,
    read?: ReadOptions,
  ): Promise<ActionHistory | null> {
    await this.waitFor(read?.asOf ? [...HISTORY_SOURCES, ...AS_OF_SOURCES] : HISTORY_SOURCES, read, tenantId);
    return getActionHistory(this.db, tenantId, actionId, this.resolveActorNames, read?.asOf);
  }

  /** The plan's status counts per month over its period, up to today (`getStatusTrend`). */
  async getStatusTrend(
    tenantId: string,
    planId: string,
    now: Date,
    today: string,
    read?: ReadOptions,
  ): Promise<StatusTrend | null> {
    await this.waitFor(AS_OF_SOURCES, read, tenantId);
    return getStatusTrend(this.db, tenantId, planId, now, today);
  }

  /** What changed in a plan between two moments (`getPlanChanges`). */
  async getPlanChanges(
    tenantId: string,
    planId: string,
    from: AsOf,
    to: AsOf,
    options: Omit<PlanChangesOptions, 'resolveActorNames'> = {},
    read?: ReadOptions,
  ): Promise<PlanChanges | null> {
    await this.waitFor(PLAN_CHANGES_SOURCES, read, tenantId);
    return getPlanChanges(this.db, tenantId, planId, from, to, {
      ...options,
      resolveActorNames: this.resolveActorNames,
    });
  }

  async listPartners(tenantId: string, read?: ReadOptions): Promise<PartnerList> {
    await this.waitFor([PARTNERS_PROJECTION], read, tenantId);
    return listPartners(this.db, tenantId);
  }

  async getTenant(tenantId: string, read?: ReadOptions): Promise<TenantDetail | null> {
    await this.waitFor([TENANTS_PROJECTION], read, tenantId);
    return getTenant(this.db, tenantId);
  }

  async listUsers(tenantId: string, read?: ReadOptions): Promise<UserList> {
    await this.waitFor(USER_SOURCES, read, tenantId);
    return listUsers(this.db, tenantId);
  }

  async getUser(tenantId: string, userId: string, read?: ReadOptions): Promise<UserDetail | null> {
    await this.waitFor(USER_SOURCES, read, tenantId);
    return getUser(this.db, tenantId, userId);
  }

  async listWorkingGroups(
    tenantId: string,
    filters: WorkingGroupFilters = {},
    read?: ReadOptions,
  ): Promise<WorkingGroupList> {
    await this.waitFor([WORKING_GROUPS_PROJECTION], read, tenantId);
    return listWorkingGroups(this.db, tenantId, filters);
  }

  async getWorkingGroup(
    tenantId: string,
    workingGroupId: string,
    read?: ReadOptions,
  ): Promise<WorkingGroupDetail | null> {
    await this.waitFor(WORKING_GROUP_SOURCES, read, tenantId);
    return getWorkingGroup(this.db, tenantId, workingGroupId);
  }

  async listWorkingGroupsOfUser(
    tenantId: string,
    userId: string,
    filters: Pick<WorkingGroupFilters, 'includeArchived'> = {},
    read?: ReadOptions,
  ): Promise<UserWorkingGroupList> {
    await this.waitFor([WORKING_GROUPS_PROJECTION], read, tenantId);
    return listWorkingGroupsOfUser(this.db, tenantId, userId, filters);
  }

  async listSecurityEvents(
    tenantId: string,
    filters: SecurityEventFilters = {},
    read?: ReadOptions,
  ): Promise<SecurityEventList> {
    await this.waitFor(SECURITY_EVENT_SOURCES, read, tenantId);
    return listSecurityEvents(this.db, tenantId, filters);
  }

  async isActionInScopeOfUserGroups(
    tenantId: string,
    userId: string,
    actionId: string,
    read?: ReadOptions,
  ): Promise<boolean> {
    await this.waitFor([WORKING_GROUPS_PROJECTION, ACTION_LIST_PROJECTION], read, tenantId);
    return isActionInScopeOfUserGroups(this.db, tenantId, userId, actionId);
  }

  async actionIdsOfPartner(tenantId: string, partnerId: string, read?: ReadOptions): Promise<string[]> {
    await this.waitFor([ACTION_LIST_PROJECTION], read, tenantId);
    return actionIdsOfPartner(this.db, tenantId, partnerId);
  }

  async isActionOfPartner(
    tenantId: string,
    partnerId: string,
    actionId: string,
    read?: ReadOptions,
  ): Promise<boolean> {
    await this.waitFor([ACTION_LIST_PROJECTION], read, tenantId);
    return isActionOfPartner(this.db, tenantId, partnerId, actionId);
  }

  async listMeetings(
    tenantId: string,
    workingGroupId: string,
    read?: ReadOptions,
  ): Promise<MeetingList | null> {
    await this.waitFor([MEETINGS_PROJECTION, WORKING_GROUPS_PROJECTION], read, tenantId);
    return listMeetings(this.db, tenantId, workingGroupId);
  }

  async getMeeting(tenantId: string, meetingId: string, read?: ReadOptions): Promise<MeetingDetail | null> {
    await this.waitFor(MEETING_SOURCES, read, tenantId);
    return getMeeting(this.db, tenantId, meetingId);
  }

  async getMeetingMinutes(
    tenantId: string,
    meetingId: string,
    revision?: number,
    read?: ReadOptions,
  ): Promise<MeetingMinutes | null> {
    await this.waitFor(MINUTES_SOURCES, read, tenantId);
    return getMeetingMinutes(this.db, tenantId, meetingId, revision);
  }

  async listMinutesRevisions(
    tenantId: string,
    meetingId: string,
    read?: ReadOptions,
  ): Promise<MinutesRevisionList | null> {
    await this.waitFor([MEETINGS_PROJECTION, USERS_PROJECTION], read, tenantId);
    return listMinutesRevisions(this.db, tenantId, meetingId);
  }

  /** the signals of an inbox (docs/signals.md) */
  async listSignals(
    tenantId: string,
    inbox: SignalInbox,
    filters: SignalFilters = {},
    paging: Paging = {},
    read?: ReadOptions,
    /** with `read.asOf`: the reader's own inbox today, what she may see (`inbox` when left out) */
    reader?: SignalInbox,
  ): Promise<SignalList> {
    await this.waitFor(read?.asOf ? SIGNAL_AS_OF_SOURCES : SIGNAL_SOURCES, read, tenantId);
    return listSignals(this.db, tenantId, inbox, filters, paging, read?.asOf, reader);
  }

  async getSignal(tenantId: string, signalId: string, read?: ReadOptions): Promise<SignalDetail | null> {
    await this.waitFor(read?.asOf ? SIGNAL_AS_OF_SOURCES : SIGNAL_SOURCES, read, tenantId);
    return getSignal(this.db, tenantId, signalId, read?.asOf);
  }

  async getSignalHistory(
    tenantId: string,
    signalId: string,
    read?: ReadOptions,
  ): Promise<SignalHistory | null> {
    await this.waitFor([SIGNALS_PROJECTION, PARTNERS_PROJECTION], read, tenantId);
    return getSignalHistory(this.db, tenantId, signalId, this.resolveActorNames);
  }

  /** the active working groups a user is a member of */
  async workingGroupIdsOfMember(tenantId: string, userId: string, read?: ReadOptions): Promise<string[]> {
    await this.waitFor([WORKING_GROUPS_PROJECTION], read, tenantId);
    return workingGroupIdsOfMember(this.db, tenantId, userId);
  }

  /**
   * waits for `read.minPosition`, or the request's read floor when later (`withReadFloor`), in these
   * projections (also for reads outside this class); answers whether they reached it in time (a read goes on
   * with what it has; a write that must not act on stale read models, like a period's close, refuses)
   */
  /**
   * Waits (up to the timeout) until `names` reflect `read.minPosition`; for `tenantId`, also until they
   * replayed that tenant after an erasure at or before it (docs/decisions.md, "Erasure replays beside the
   * projection"): another tenant's replay does not hold the read back.
   */
  async waitFor(
    names: readonly string[],
    read: ReadOptions | undefined,
    tenantId?: string,
  ): Promise<boolean> {
    const minPosition = effectiveMinPosition(read?.minPosition);
    if (!minPosition) return true;
    const timeoutMs = read?.timeoutMs ?? this.waitTimeoutMs;
    const result = this.options.waitForPosition
      ? await this.options.waitForPosition(minPosition, names, timeoutMs, tenantId)
      : await waitForCheckpoints(this.db, minPosition, names, {
          timeoutMs,
          ...(tenantId === undefined ? {} : { tenantId }),
        });
    return result.reached;
  }
}
