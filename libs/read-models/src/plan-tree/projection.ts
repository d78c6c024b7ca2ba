import { PLAN_EVENT_TYPES, naturalSortKey, type DomainEvent } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { type RowSet, type JsonRow } from '../projection/sql.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';
import {
  planActionsTable,
  planSectionsTable,
  plansTable,
  type PlanActionRow,
  type PlanRow,
  type PlanSectionRow,
} from './row.js';

export * from './row.js';

export const PLAN_TREE_PROJECTION = 'plan-tree';
export const PLANS_TABLE = plansTable.name;
export const PLAN_SECTIONS_TABLE = planSectionsTable.name;
export const PLAN_ACTIONS_TABLE = planActionsTable.name;

const ACTION_TYPES_IN_TREE = [
  'ActionAdded',
  'ActionTitleChanged',
  'ActionStatusChanged',
  'ActionArchived',
] as const;

/** The plan tree: plans, their themes and goals (any depth) and a summary of the actions under each goal. */
export function planTreeProjection(): Projection {
  return {
    name: PLAN_TREE_PROJECTION,
    version: 1,
    eventTypes: [...PLAN_EVENT_TYPES, ...ACTION_TYPES_IN_TREE],
    tables: [PLANS_TABLE, PLAN_SECTIONS_TABLE, PLAN_ACTIONS_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const state = newPlanTreeState();
      const planKeys: JsonRow[] = [];
      const actionKeys: JsonRow[] = [];
      for (const stored of events) {
        const event = asDomainEvent(stored);
        const tenant_id = tenantOf(stored);
        if ('actionId' in event.data) actionKeys.push({ tenant_id, id: event.data.actionId });
        else if (event.type === 'NodeReportingChanged' && event.data.kind === 'action') {
          actionKeys.push({ tenant_id, id: event.data.nodeId });
          planKeys.push({ tenant_id, id: event.data.planId, plan_id: event.data.planId });
        } else if ('planId' in event.data)
          planKeys.push({ tenant_id, id: event.data.planId, plan_id: event.data.planId });
      }
      await state.plans.load(tx, planKeys);
      if (planKeys.length > 0) {
        // a plan's sections are few: load them all to order siblings
        await state.sections.loadWhere(
          tx,
          `(t.tenant_id, t.plan_id) in (select k.tenant_id, k.plan_id from jsonb_to_recordset($1::jsonb) k(tenant_id text, plan_id text))`,
          [JSON.stringify(planKeys.map((k) => ({ tenant_id: k.tenant_id, plan_id: k.plan_id })))],
        );
      }
      await state.actions.load(tx, actionKeys);
      for (const stored of events) applyToPlanTree(state, stored);
      await state.plans.save(tx);
      await state.sections.save(tx);
      await state.actions.save(tx);
    },
    async truncate(tx) {
      await tx.query(`truncate ${PLANS_TABLE}, ${PLAN_SECTIONS_TABLE}, ${PLAN_ACTIONS_TABLE}`);
    },
  };
}

export interface PlanTreeState {
  plans: RowSet<PlanRow>;
  sections: RowSet<PlanSectionRow>;
  actions: RowSet<PlanActionRow>;
}

export const newPlanTreeState = (): PlanTreeState => ({
  plans: rowSet(plansTable),
  sections: rowSet(planSectionsTable),
  actions: rowSet(planActionsTable),
});

function nextSortOrder(
  state: PlanTreeState,
  tenantId: string,
  planId: string,
  parentId: string | null,
): number {
  let max = 0;
  for (const section of state.sections.values()) {
    if (section.tenant_id === tenantId && section.plan_id === planId && section.parent_id === parentId) {
      max = Math.max(max, section.sort_order);
    }
  }
  return max + 1;
}

function reorder(state: PlanTreeState, tenantId: string, order: readonly string[], position: string): void {
  order.forEach((id, index) => {
    const section = state.sections.get({ tenant_id: tenantId, id });
    if (section) state.sections.put({ ...section, sort_order: index + 1, last_position: position });
  });
}

/** Folds one event into the rows in memory. */
export function applyToPlanTree(state: PlanTreeState, stored: StoredEvent): void {
  const event: DomainEvent = asDomainEvent(stored);
  const tenant_id = tenantOf(stored);
  const last_position = stored.position;
  const touchPlan = (planId: string): void => {
    const plan = state.plans.get({ tenant_id, id: planId });
    if (plan) state.plans.put({ ...plan, updated_at: stored.metadata.occurredAt, last_position });
  };
  const updateSection = (id: string, change: Partial<PlanSectionRow>): void => {
    const section = state.sections.get({ tenant_id, id });
    if (section) state.sections.put({ ...section, ...change, last_position });
  };
  const updateAction = (id: string, change: Partial<PlanActionRow>): void => {
    const action = state.actions.get({ tenant_id, id });
    if (action) state.actions.put({ ...action, ...change, last_position });
  };
  switch (event.type) {
    case 'PlanCreated':
      state.plans.put({
        tenant_id,
        id: event.data.planId,
        title: event.data.title,
        description: event.data.description,
        period_start: event.data.periodStart,
        period_end: event.data.periodEnd,
        public: false,
        created_at: stored.metadata.occurredAt,
        updated_at: stored.metadata.occurredAt,
        last_position,
      });
      return;
    case 'PlanRenamed': {
      const plan = state.plans.get({ tenant_id, id: event.data.planId });
      if (plan)
        state.plans.put({
          ...plan,
          title: event.data.to,
          updated_at: stored.metadata.occurredAt,
          last_position,
        });
      return;
    }
    case 'PlanPublicationChanged': {
      const plan = state.plans.get({ tenant_id, id: event.data.planId });
      if (plan)
        state.plans.put({
          ...plan,
          public: event.data.public,
          updated_at: stored.metadata.occurredAt,
          last_position,
        });
      return;
    }
    case 'ThemeAdded':
      state.sections.put({
        tenant_id,
        id: event.data.themeId,
        plan_id: event.data.planId,
        parent_id: null,
        kind: 'theme',
        code: event.data.code,
        sort_key: naturalSortKey(event.data.code),
        title: event.data.title,
        lead_partner_id: event.data.leadPartnerId,
        sort_order: nextSortOrder(state, tenant_id, event.data.planId, null),
        last_position,
        bbc_code: null,
        priority: false,
        sub_reporting_code: null,
        weight: 1,
      });
      touchPlan(event.data.planId);
      return;
    case 'ThemeRenamed':
      updateSection(event.data.themeId, { title: event.data.to });
      touchPlan(event.data.planId);
      return;
    case 'ThemeLeadChanged':
      updateSection(event.data.themeId, { lead_partner_id: event.data.to });
      touchPlan(event.data.planId);
      return;
    case 'ThemesReordered':
      reorder(state, tenant_id, event.data.order, last_position);
      touchPlan(event.data.planId);
      return;
    case 'ThemeRemoved':
      state.sections.remove({ tenant_id, id: event.data.themeId });
      touchPlan(event.data.planId);
      return;
    case 'GoalAdded':
      state.sections.put({
        tenant_id,
        id: event.data.goalId,
        plan_id: event.data.planId,
        parent_id: event.data.parentId,
        kind: 'goal',
        code: event.data.code,
        sort_key: naturalSortKey(event.data.code),
        title: event.data.title,
        lead_partner_id: null,
        sort_order: nextSortOrder(state, tenant_id, event.data.planId, event.data.parentId),
        last_position,
        bbc_code: null,
        priority: false,
        sub_reporting_code: null,
        weight: 1,
      });
      touchPlan(event.data.planId);
      return;
    case 'GoalRenamed':
      updateSection(event.data.goalId, { title: event.data.to });
      touchPlan(event.data.planId);
      return;
    case 'GoalsReordered':
      reorder(state, tenant_id, event.data.order, last_position);
      touchPlan(event.data.planId);
      return;
    case 'GoalRemoved':
      state.sections.remove({ tenant_id, id: event.data.goalId });
      touchPlan(event.data.planId);
      return;
    case 'GoalMoved':
      updateSection(event.data.goalId, {
        parent_id: event.data.toParentId,
        code: event.data.toCode,
        sort_key: naturalSortKey(event.data.toCode),
        // appended after its new siblings, as in the plan
        sort_order: nextSortOrder(state, tenant_id, event.data.planId, event.data.toParentId),
      });
      touchPlan(event.data.planId);
      return;
    case 'ThemeArchived':
    case 'GoalArchived':
      // archived sections leave the tree, like archived actions (their ActionArchived events came first)
      state.sections.remove({
        tenant_id,
        id: event.type === 'ThemeArchived' ? event.data.themeId : event.data.goalId,
      });
      for (const id of event.data.goalIds) state.sections.remove({ tenant_id, id });
      touchPlan(event.data.planId);
      return;
    case 'ActionMoved':
      updateAction(event.data.actionId, {
        goal_id: event.data.toGoalId,
        code: event.data.toCode,
        sort_key: naturalSortKey(event.data.toCode),
      });
      return;
    case 'ActionPlaced': {
      const existing = state.actions.get({ tenant_id, id: event.data.actionId });
      state.actions.put({
        tenant_id,
        id: event.data.actionId,
        plan_id: event.data.planId,
        goal_id: event.data.goalId,
        code: event.data.code,
        sort_key: naturalSortKey(event.data.code),
        title: existing?.title ?? '',
        status: existing?.status ?? 'not_started',
        archived: existing?.archived ?? false,
        placed: true,
        last_position,
        bbc_code: existing?.bbc_code ?? null,
        priority: existing?.priority ?? false,
        sub_reporting_code: existing?.sub_reporting_code ?? null,
        weight: existing?.weight ?? 1,
      });
      return;
    }
    case 'ActionUnplaced':
      updateAction(event.data.actionId, { placed: false });
      return;
    case 'NodeReportingChanged': {
      const { nodeId, kind, to } = event.data;
      const change = {
        bbc_code: to.bbcCode,
        priority: to.priority,
        sub_reporting_code: to.subReportingCode,
        weight: to.weight,
      };
      if (kind === 'action') updateAction(nodeId, change);
      else updateSection(nodeId, change);
      touchPlan(event.data.planId);
      return;
    }
    case 'ActionAdded': {
      const existing = state.actions.get({ tenant_id, id: event.data.actionId });
      state.actions.put({
        tenant_id,
        id: event.data.actionId,
        plan_id: event.data.planId,
        goal_id: event.data.goalId,
        code: event.data.code,
        sort_key: naturalSortKey(event.data.code),
        title: event.data.title,
        status: 'not_started',
        archived: false,
        placed: existing?.placed ?? true,
        last_position,
        bbc_code: existing?.bbc_code ?? null,
        priority: existing?.priority ?? false,
        sub_reporting_code: existing?.sub_reporting_code ?? null,
        weight: existing?.weight ?? 1,
      });
      return;
    }
    case 'ActionTitleChanged':
      updateAction(event.data.actionId, { title: event.data.to });
      return;
    case 'ActionStatusChanged':
      updateAction(event.data.actionId, { status: event.data.to });
      return;
    case 'ActionArchived':
      updateAction(event.data.actionId, { archived: true });
      return;
    default:
      return;
  }
}
