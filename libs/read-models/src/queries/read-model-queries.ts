import type { Position } from '#event-store';
import { waitForCheckpoints } from '../projection/wait-for-position.js';
import { PLAN_TREE_PROJECTION } from '../projections/plan-tree.projection.js';
import { PARTNERS_PROJECTION } from '../projections/partners.projection.js';
import {
  ACTION_LIST_SOURCES,
  getAction,
  listActions,
  todayUtc,
  type ActionDetail,
  type ActionFilters,
  type ActionList,
  type Paging,
} from './action-queries.js';
import { DASHBOARD_SOURCES, getDashboard, type Dashboard } from './dashboard-queries.js';
import {
  HISTORY_SOURCES,
  actorIdsAsNames,
  getActionHistory,
  type ActionHistory,
  type ResolveActorNames,
} from './history-queries.js';
import { listPartners, type PartnerList } from './partner-queries.js';
import { getPlanTree, listPlans, type PlanList, type PlanTree } from './plan-queries.js';
import type { ReadDb } from './snapshot.js';

/** `?minPosition=`: wait (briefly) until the read model reflects at least this position. */
export interface ReadOptions {
  minPosition?: Position;
  /** how long to wait for `minPosition` (default: the instance's `waitTimeoutMs`) */
  timeoutMs?: number;
}

export interface ReadModelQueriesOptions {
  /** display names of acting users (default: the id) */
  resolveActorNames?: ResolveActorNames;
  /** default wait for `minPosition` (2000 ms) */
  waitTimeoutMs?: number;
  /**
   * how to wait for `minPosition`; default polls `projection_checkpoints`. An api running the projector
   * in-process passes `(min, names, timeoutMs) => runner.waitForPosition(min, { names, timeoutMs })`.
   */
  waitForPosition?: (minPosition: Position, names: readonly string[], timeoutMs: number) => Promise<unknown>;
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
    this.resolveActorNames = options.resolveActorNames ?? actorIdsAsNames;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 2_000;
  }

  async listPlans(tenantId: string, read?: ReadOptions): Promise<PlanList> {
    await this.waitFor([PLAN_TREE_PROJECTION], read);
    return listPlans(this.db, tenantId);
  }

  async getPlanTree(tenantId: string, planId: string, read?: ReadOptions): Promise<PlanTree | null> {
    await this.waitFor([PLAN_TREE_PROJECTION], read);
    return getPlanTree(this.db, tenantId, planId);
  }

  async listActions(
    tenantId: string,
    planId: string,
    filters: ActionFilters = {},
    paging: Paging = {},
    read?: ReadOptions,
  ): Promise<ActionList> {
    await this.waitFor(ACTION_LIST_SOURCES, read);
    return listActions(this.db, tenantId, planId, filters, paging);
  }

  async getAction(
    tenantId: string,
    actionId: string,
    read?: ReadOptions & { today?: string },
  ): Promise<ActionDetail | null> {
    await this.waitFor(ACTION_LIST_SOURCES, read);
    return getAction(this.db, tenantId, actionId, read?.today ?? todayUtc());
  }

  async getDashboard(
    tenantId: string,
    planId: string,
    today: string = todayUtc(),
    read?: ReadOptions,
  ): Promise<Dashboard | null> {
    await this.waitFor(DASHBOARD_SOURCES, read);
    return getDashboard(this.db, tenantId, planId, today);
  }

  async getActionHistory(
    tenantId: string,
    actionId: string,
    read?: ReadOptions,
  ): Promise<ActionHistory | null> {
    await this.waitFor(HISTORY_SOURCES, read);
    return getActionHistory(this.db, tenantId, actionId, this.resolveActorNames);
  }

  async listPartners(tenantId: string, read?: ReadOptions): Promise<PartnerList> {
    await this.waitFor([PARTNERS_PROJECTION], read);
    return listPartners(this.db, tenantId);
  }

  private async waitFor(names: readonly string[], read: ReadOptions | undefined): Promise<void> {
    if (!read?.minPosition) return;
    const timeoutMs = read.timeoutMs ?? this.waitTimeoutMs;
    if (this.options.waitForPosition) await this.options.waitForPosition(read.minPosition, names, timeoutMs);
    else await waitForCheckpoints(this.db, read.minPosition, names, { timeoutMs });
  }
}
