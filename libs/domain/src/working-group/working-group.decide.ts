import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import {
  distinctTexts,
  invalid,
  oneOf,
  optionalId,
  plainText,
  requiredText,
  sameMembers,
} from '../shared/validation.js';
import type { WorkingGroupCommand, WorkingGroupScopeInput } from './working-group.commands.js';
import { WORKING_GROUP_ROLES, workingGroupStreamId, type WorkingGroupEvent } from './working-group.events.js';
import {
  evolve,
  initialState,
  type ActiveWorkingGroup,
  type WorkingGroupMember,
  type WorkingGroupState,
} from './working-group.state.js';

const INVALID = 'WORKING_GROUP.INVALID';

function scopeOf(value: WorkingGroupScopeInput | undefined): { themeIds: string[]; actionIds: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(INVALID, 'scope', 'must be an object with themeIds and/or actionIds');
  const themeIds = distinctTexts(INVALID, 'scope.themeIds', value.themeIds);
  const actionIds = distinctTexts(INVALID, 'scope.actionIds', value.actionIds);
  // a group without a scope would see nothing: every group works on at least one theme or action
  if (themeIds.length === 0 && actionIds.length === 0)
    throw invalid(INVALID, 'scope', 'must name at least one theme or action');
  return { themeIds, actionIds };
}

/** `_ctx` keeps the call shape equal across deciders; actor and time travel as event metadata. */
export function decide(
  command: WorkingGroupCommand,
  state: WorkingGroupState,
  _ctx?: DecisionContext,
): WorkingGroupEvent[] {
  if (command.type === 'CreateWorkingGroup') {
    if (state.status !== 'absent')
      throw new DomainError('WORKING_GROUP.ALREADY_EXISTS', { workingGroupId: state.workingGroupId });
    const { data } = command;
    return [
      {
        type: 'WorkingGroupCreated',
        data: {
          workingGroupId: requiredText(INVALID, 'workingGroupId', data.workingGroupId),
          planId: requiredText(INVALID, 'planId', data.planId),
          name: requiredText(INVALID, 'name', data.name),
          description: plainText(INVALID, 'description', data.description),
          scope: scopeOf(data.scope),
        },
      },
    ];
  }
  const group = requireActive(state);
  const { workingGroupId } = group;

  switch (command.type) {
    case 'RenameWorkingGroup': {
      const to = requiredText(INVALID, 'name', command.data.name);
      if (to === group.name) throw new DomainError('WORKING_GROUP.NO_CHANGE', { field: 'name' });
      return [{ type: 'WorkingGroupRenamed', data: { workingGroupId, from: group.name, to } }];
    }
    case 'ChangeWorkingGroupDescription': {
      const to = plainText(INVALID, 'description', command.data.description);
      if (to === group.description)
        throw new DomainError('WORKING_GROUP.NO_CHANGE', { field: 'description' });
      return [
        { type: 'WorkingGroupDescriptionChanged', data: { workingGroupId, from: group.description, to } },
      ];
    }
    case 'ChangeWorkingGroupScope': {
      const to = scopeOf(command.data.scope);
      const from = { themeIds: [...group.scope.themeIds], actionIds: [...group.scope.actionIds] };
      // a scope is two sets: a new order alone is no change
      if (sameMembers(to.themeIds, from.themeIds) && sameMembers(to.actionIds, from.actionIds))
        throw new DomainError('WORKING_GROUP.NO_CHANGE', { field: 'scope' });
      return [{ type: 'WorkingGroupScopeChanged', data: { workingGroupId, from, to } }];
    }
    case 'AddWorkingGroupMember': {
      const userId = requiredText(INVALID, 'userId', command.data.userId);
      const partnerId = optionalId(INVALID, 'partnerId', command.data.partnerId);
      const role =
        command.data.role === undefined
          ? 'member'
          : oneOf(INVALID, 'role', command.data.role, WORKING_GROUP_ROLES);
      if (memberOf(group, userId)) throw new DomainError('WORKING_GROUP.MEMBER_ALREADY_ADDED', { userId });
      return [{ type: 'WorkingGroupMemberAdded', data: { workingGroupId, userId, partnerId, role } }];
    }
    case 'ChangeWorkingGroupMemberRole': {
      const userId = requiredText(INVALID, 'userId', command.data.userId);
      const to = oneOf(INVALID, 'role', command.data.role, WORKING_GROUP_ROLES);
      const member = requireMember(group, userId);
      if (member.role === to) throw new DomainError('WORKING_GROUP.NO_CHANGE', { field: 'role' });
      return [
        { type: 'WorkingGroupMemberRoleChanged', data: { workingGroupId, userId, from: member.role, to } },
      ];
    }
    case 'RemoveWorkingGroupMember': {
      const userId = requiredText(INVALID, 'userId', command.data.userId);
      requireMember(group, userId);
      return [{ type: 'WorkingGroupMemberRemoved', data: { workingGroupId, userId } }];
    }
    case 'ArchiveWorkingGroup': {
      const reason = requiredText(INVALID, 'reason', command.data.reason);
      return [{ type: 'WorkingGroupArchived', data: { workingGroupId, reason } }];
    }
    default:
      return assertNever(command);
  }
}

const memberOf = (group: ActiveWorkingGroup, userId: string): WorkingGroupMember | undefined =>
  group.members.find((member) => member.userId === userId);

function requireMember(group: ActiveWorkingGroup, userId: string): WorkingGroupMember {
  const member = memberOf(group, userId);
  if (!member) throw new DomainError('WORKING_GROUP.NOT_A_MEMBER', { userId });
  return member;
}

function requireActive(state: WorkingGroupState): ActiveWorkingGroup {
  switch (state.status) {
    case 'absent':
      throw new DomainError('WORKING_GROUP.NOT_FOUND');
    case 'archived':
      throw new DomainError('WORKING_GROUP.ARCHIVED', { workingGroupId: state.workingGroupId });
    case 'active':
      return state;
    default:
      return assertNever(state);
  }
}

export const workingGroupDecider: Decider<WorkingGroupState, WorkingGroupCommand, WorkingGroupEvent> = {
  name: 'working_group',
  streamId: workingGroupStreamId,
  decide,
  evolve,
  initialState,
};
