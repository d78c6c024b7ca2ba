import { ACTION_EVENT_TYPES, naturalSortKey, type DomainEvent } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { type RowSet, type JsonRow, upsertRows } from '../projection/sql.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';
import { VersionRecorder, truncateVersions } from '../as-of/versions.js';
import {
  ACTION_CHANGES_TABLE,
  actionChangeOf,
  actionChangesTable,
  type ActionChangeRow,
} from '../plan-changes/row.js';
import {
  actionsTable,
  actionSectionsTable,
  ACTIONS_TABLE,
  ACTION_SECTIONS_TABLE,
  type ActionRow,
  type ActionSectionRow,
} from './row.js';

export * from './row.js';

export const ACTION_LIST_PROJECTION = 'action-list';

const SECTION_EVENT_TYPES = [
  'ThemeAdded',
  'GoalAdded',
  'ThemeRemoved',
  'GoalRemoved',
  'GoalMoved',
  'NodeReportingChanged',
] as const;

/** One row per action: what the action list, the action page and the dashboard read. */
export function actionListProjection(): Projection {
  return {
    name: ACTION_LIST_PROJECTION,
    // 2: dated versions of rm_actions (as-of/versions.ts), filled by the rebuild this bump starts;
    // 3: the change rows of rm_action_changes (plan-changes/row.ts)
    version: 3,
    eventTypes: [...ACTION_EVENT_TYPES, ...SECTION_EVENT_TYPES],
    tables: [ACTIONS_TABLE, ACTION_SECTIONS_TABLE, ACTION_CHANGES_TABLE],
    keptInRebuild: [ACTIONS_TABLE, ACTION_SECTIONS_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const sections = rowSet(actionSectionsTable);
      const actions = rowSet(actionsTable);
      const sectionKeys: JsonRow[] = [];
      const actionKeys: JsonRow[] = [];
      const movedGoals: JsonRow[] = [];
      for (const stored of events) {
        const event = asDomainEvent(stored);
        const tenant_id = tenantOf(stored);
        if (event.type === 'GoalAdded') sectionKeys.push({ tenant_id, id: event.data.parentId });
        else if (event.type === 'ActionAdded') sectionKeys.push({ tenant_id, id: event.data.goalId });
        else if (event.type === 'ActionGoalChanged') sectionKeys.push({ tenant_id, id: event.data.toGoalId });
        else if (event.type === 'GoalMoved') movedGoals.push({ tenant_id, plan_id: event.data.planId });
        if ('actionId' in event.data) actionKeys.push({ tenant_id, id: event.data.actionId });
        if (event.type === 'NodeReportingChanged' && event.data.kind === 'action')
          actionKeys.push({ tenant_id, id: event.data.nodeId });
      }
      await sections.load(tx, sectionKeys);
      await actions.load(tx, actionKeys);
      if (movedGoals.length > 0) {
        // a moved goal changes the path of every section and action below it: load the plans' rows (rare)
        const plans = [JSON.stringify(movedGoals)];
        const inPlans = `(t.tenant_id, t.plan_id) in (select k.tenant_id, k.plan_id from jsonb_to_recordset($1::jsonb) k(tenant_id text, plan_id text))`;
        await sections.loadWhere(tx, inPlans, plans);
        await actions.loadWhere(tx, inPlans, plans);
      }
      const versions = new VersionRecorder();
      const changes: ActionChangeRow[] = [];
      for (const stored of events) {
        applyToActionList(sections, actions, stored);
        versions.record([actions], stored, ({ row, before }) => {
          const change = actionChangeOf(stored, row as ActionRow | null, before as ActionRow | undefined);
          if (change) changes.push(change);
        });
      }
      await sections.save(tx);
      await actions.save(tx);
      await versions.save(tx);
      await upsertRows(tx, ACTION_CHANGES_TABLE, actionChangesTable.primaryKey, changes, {
        appendOnly: true,
      });
    },
    async truncate(tx) {
      await tx.query(`truncate ${ACTIONS_TABLE}, ${ACTION_SECTIONS_TABLE}, ${ACTION_CHANGES_TABLE}`);
      await truncateVersions(tx, [ACTIONS_TABLE]);
    },
  };
}

/** Folds one event into the rows in memory (pure apart from the row sets; unit-tested). */
export function applyToActionList(
  sections: RowSet<ActionSectionRow>,
  actions: RowSet<ActionRow>,
  stored: StoredEvent,
): void {
  const event: DomainEvent = asDomainEvent(stored);
  const tenant_id = tenantOf(stored);
  switch (event.type) {
    case 'ThemeAdded':
      sections.put({
        tenant_id,
        id: event.data.themeId,
        plan_id: event.data.planId,
        path: [event.data.themeId],
      });
      return;
    case 'GoalAdded': {
      const parent = sections.get({ tenant_id, id: event.data.parentId });
      const path = parent ? [...parent.path, event.data.goalId] : [event.data.parentId, event.data.goalId];
      sections.put({ tenant_id, id: event.data.goalId, plan_id: event.data.planId, path });
      return;
    }
    case 'ThemeRemoved':
      sections.remove({ tenant_id, id: event.data.themeId });
      return;
    case 'GoalRemoved':
      sections.remove({ tenant_id, id: event.data.goalId });
      return;
    case 'GoalMoved': {
      const { goalId, toParentId, planId } = event.data;
      const parentPath = sections.get({ tenant_id, id: toParentId })?.path ?? [toParentId];
      const rebased = (path: readonly string[]): string[] | null => {
        const at = path.indexOf(goalId);
        return at < 0 ? null : [...parentPath, ...path.slice(at)];
      };
      for (const section of [...sections.values()]) {
        if (section.tenant_id !== tenant_id || section.plan_id !== planId) continue;
        const path = rebased(section.path);
        if (path) sections.put({ ...section, path });
      }
      for (const action of [...actions.values()]) {
        if (action.tenant_id !== tenant_id || action.plan_id !== planId) continue;
        const goal_path = rebased(action.goal_path);
        if (goal_path) {
          actions.put({
            ...action,
            goal_path,
            theme_id: goal_path.length > 1 ? goal_path[0]! : null,
            last_position: stored.position,
          });
        }
      }
      return;
    }
    case 'NodeReportingChanged': {
      const { nodeId, kind, to } = event.data;
      const row = kind === 'action' ? actions.get({ tenant_id, id: nodeId }) : undefined;
      // the row's version and updated_at stay the action stream's: this event is on the plan's stream
      if (row)
        actions.put({
          ...row,
          bbc_code: to.bbcCode,
          priority: to.priority,
          sub_reporting_code: to.subReportingCode,
          weight: to.weight,
          last_position: stored.position,
        });
      return;
    }
    case 'ActionAdded': {
      const { data } = event;
      const existing = actions.get({ tenant_id, id: data.actionId });
      const goalPath = sections.get({ tenant_id, id: data.goalId })?.path ?? [data.goalId];
      actions.put({
        tenant_id,
        id: data.actionId,
        plan_id: data.planId,
        code: data.code,
        sort_key: naturalSortKey(data.code),
        title: data.title,
        description: data.description,
        status: 'not_started',
        theme_id: goalPath.length > 1 ? goalPath[0]! : null,
        goal_id: data.goalId,
        goal_path: goalPath,
        owner_id: null,
        partner_ids: [],
        tags: [...data.tags],
        progress: null,
        due_date: null,
        archived: false,
        citizen_idea: data.citizenIdea,
        signal_count: 0,
        note_count: 0,
        version: stored.version,
        created_at: stored.metadata.occurredAt,
        updated_at: stored.metadata.occurredAt,
        last_position: stored.position,
        bbc_code: existing?.bbc_code ?? null,
        priority: existing?.priority ?? false,
        sub_reporting_code: existing?.sub_reporting_code ?? null,
        weight: existing?.weight ?? 1,
      });
      return;
    }
    default:
      break;
  }
  if (!('actionId' in event.data)) return;
  const row = actions.get({ tenant_id, id: event.data.actionId });
  if (!row) return; // an action event before its ActionAdded cannot happen in a valid stream
  const next: ActionRow = {
    ...row,
    version: stored.version,
    updated_at: stored.metadata.occurredAt,
    last_position: stored.position,
  };
  switch (event.type) {
    case 'ActionTitleChanged':
      next.title = event.data.to;
      break;
    case 'ActionDescriptionChanged':
      next.description = event.data.to;
      break;
    case 'ActionTagsChanged':
      next.tags = [...event.data.to];
      break;
    case 'ActionStatusChanged':
      next.status = event.data.to;
      break;
    case 'ActionOwnerChanged':
      next.owner_id = event.data.to;
      break;
    case 'ActionPartnerAdded':
      if (!next.partner_ids.includes(event.data.partnerId))
        next.partner_ids = [...next.partner_ids, event.data.partnerId];
      break;
    case 'ActionPartnerRemoved':
      next.partner_ids = next.partner_ids.filter((id) => id !== event.data.partnerId);
      break;
    case 'ActionNoteAdded':
      next.note_count = row.note_count + 1;
      break;
    case 'ActionSignalRecorded':
      next.signal_count = row.signal_count + 1;
      break;
    case 'ActionProgressReported':
      next.progress = event.data.to;
      break;
    case 'ActionDueDateChanged':
      next.due_date = event.data.to;
      break;
    case 'ActionArchived':
      next.archived = true;
      break;
    case 'ActionGoalChanged': {
      const goalPath = sections.get({ tenant_id, id: event.data.toGoalId })?.path ?? [event.data.toGoalId];
      next.goal_id = event.data.toGoalId;
      next.goal_path = goalPath;
      next.theme_id = goalPath.length > 1 ? goalPath[0]! : null;
      next.code = event.data.toCode;
      next.sort_key = naturalSortKey(event.data.toCode);
      break;
    }
    default:
      return;
  }
  actions.put(next);
}
