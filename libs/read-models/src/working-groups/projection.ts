import { WORKING_GROUP_EVENT_TYPES } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { RowSet, type JsonRow } from '../projection/sql.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { VersionRecorder, truncateVersions } from '../as-of/versions.js';
import {
  workingGroupMembersTable,
  workingGroupsTable,
  type WorkingGroupMemberRow,
  type WorkingGroupRow,
} from './row.js';

export * from './row.js';

export const WORKING_GROUPS_PROJECTION = 'working-groups';
export const WORKING_GROUPS_TABLE = workingGroupsTable.name;
export const WORKING_GROUP_MEMBERS_TABLE = workingGroupMembersTable.name;

export interface WorkingGroupsState {
  groups: RowSet<WorkingGroupRow>;
  members: RowSet<WorkingGroupMemberRow>;
}

export const newWorkingGroupsState = (): WorkingGroupsState => ({
  groups: new RowSet<WorkingGroupRow>(WORKING_GROUPS_TABLE, ['tenant_id', 'id']),
  members: new RowSet<WorkingGroupMemberRow>(WORKING_GROUP_MEMBERS_TABLE, [
    'tenant_id',
    'group_id',
    'user_id',
  ]),
});

/**
 * Working groups, their scope and their members: the lists, and the authorisation of members' writes. The
 * groups' rows are also kept as dated versions (a signal's working groups as of a past date: signals/query.ts).
 */
export function workingGroupsProjection(): Projection {
  return {
    name: WORKING_GROUPS_PROJECTION,
    // 2: dated versions of rm_working_groups (as-of/versions.ts: a signal's groups as of a past date)
    version: 2,
    eventTypes: WORKING_GROUP_EVENT_TYPES,
    tables: [WORKING_GROUPS_TABLE, WORKING_GROUP_MEMBERS_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const state = newWorkingGroupsState();
      const groupKeys: JsonRow[] = [];
      const memberKeys: JsonRow[] = [];
      for (const stored of events) {
        const tenant_id = tenantOf(stored);
        const data = stored.data as { workingGroupId: string; userId?: string };
        groupKeys.push({ tenant_id, id: data.workingGroupId });
        if (data.userId) memberKeys.push({ tenant_id, group_id: data.workingGroupId, user_id: data.userId });
      }
      await state.groups.load(tx, groupKeys);
      await state.members.load(tx, memberKeys);
      const versions = new VersionRecorder();
      for (const stored of events) {
        applyToWorkingGroups(state, stored);
        versions.record([state.groups], stored);
      }
      await state.groups.save(tx);
      await state.members.save(tx);
      await versions.save(tx);
    },
    async truncate(tx) {
      await tx.query(`truncate ${WORKING_GROUPS_TABLE}, ${WORKING_GROUP_MEMBERS_TABLE}`);
      await truncateVersions(tx, [WORKING_GROUPS_TABLE]);
    },
  };
}

/** Folds one working-group event into the rows in memory. */
export function applyToWorkingGroups(state: WorkingGroupsState, stored: StoredEvent): void {
  const event = asDomainEvent(stored);
  const tenant_id = tenantOf(stored);
  const at = stored.metadata.occurredAt;
  if (event.type === 'WorkingGroupCreated') {
    const { data } = event;
    state.groups.put({
      tenant_id,
      id: data.workingGroupId,
      plan_id: data.planId,
      name: data.name,
      description: data.description,
      theme_ids: [...data.scope.themeIds],
      action_ids: [...data.scope.actionIds],
      archived: false,
      archived_reason: null,
      member_count: 0,
      version: stored.version,
      created_at: at,
      updated_at: at,
      last_position: stored.position,
    });
    return;
  }
  if (!('workingGroupId' in event.data)) return;
  const group_id = event.data.workingGroupId;
  const row = state.groups.get({ tenant_id, id: group_id });
  if (!row) return; // an event before WorkingGroupCreated cannot happen in a valid stream
  const next: WorkingGroupRow = {
    ...row,
    version: stored.version,
    updated_at: at,
    last_position: stored.position,
  };
  switch (event.type) {
    case 'WorkingGroupRenamed':
      next.name = event.data.to;
      break;
    case 'WorkingGroupDescriptionChanged':
      next.description = event.data.to;
      break;
    case 'WorkingGroupScopeChanged':
      next.theme_ids = [...event.data.to.themeIds];
      next.action_ids = [...event.data.to.actionIds];
      break;
    case 'WorkingGroupMemberAdded': {
      const key = { tenant_id, group_id, user_id: event.data.userId };
      if (!state.members.get(key)) next.member_count = row.member_count + 1;
      state.members.put({
        ...key,
        partner_id: event.data.partnerId,
        role: event.data.role,
        added_at: at,
        last_position: stored.position,
      });
      break;
    }
    case 'WorkingGroupMemberRoleChanged': {
      const member = state.members.get({ tenant_id, group_id, user_id: event.data.userId });
      if (member) state.members.put({ ...member, role: event.data.to, last_position: stored.position });
      break;
    }
    case 'WorkingGroupMemberRemoved': {
      const key = { tenant_id, group_id, user_id: event.data.userId };
      if (state.members.get(key)) {
        state.members.remove(key);
        next.member_count = Math.max(row.member_count - 1, 0);
      }
      break;
    }
    case 'WorkingGroupArchived':
      next.archived = true;
      next.archived_reason = event.data.reason;
      break;
    default:
      return;
  }
  state.groups.put(next);
}
