import { assertNever } from '../shared/event.js';
import type { WorkingGroupEvent, WorkingGroupRole, WorkingGroupScope } from './working-group.events.js';

export type WorkingGroupMember = Readonly<{
  userId: string;
  partnerId: string | null;
  role: WorkingGroupRole;
}>;

export type WorkingGroupData = Readonly<{
  workingGroupId: string;
  planId: string;
  name: string;
  description: string;
  scope: WorkingGroupScope;
  members: readonly WorkingGroupMember[];
}>;

export type AbsentWorkingGroup = Readonly<{ status: 'absent' }>;
export type ActiveWorkingGroup = Readonly<{ status: 'active' }> & WorkingGroupData;
/** archived keeps the data so a read of the stream still shows who was in the group */
export type ArchivedWorkingGroup = Readonly<{ status: 'archived'; archivedReason: string }> &
  WorkingGroupData;
export type WorkingGroupState = AbsentWorkingGroup | ActiveWorkingGroup | ArchivedWorkingGroup;

export const initialState = (): WorkingGroupState => ({ status: 'absent' });

export function evolve(state: WorkingGroupState, event: WorkingGroupEvent): WorkingGroupState {
  if (event.type === 'WorkingGroupCreated') {
    const { workingGroupId, planId, name, description, scope } = event.data;
    return {
      status: 'active',
      workingGroupId,
      planId,
      name,
      description,
      scope: { themeIds: [...scope.themeIds], actionIds: [...scope.actionIds] },
      members: [],
    };
  }
  // an event on a group that is not active would be a corrupt stream: ignored so replays never fail
  if (state.status !== 'active') return state;
  switch (event.type) {
    case 'WorkingGroupRenamed':
      return { ...state, name: event.data.to };
    case 'WorkingGroupDescriptionChanged':
      return { ...state, description: event.data.to };
    case 'WorkingGroupScopeChanged':
      return {
        ...state,
        scope: { themeIds: [...event.data.to.themeIds], actionIds: [...event.data.to.actionIds] },
      };
    case 'WorkingGroupMemberAdded': {
      const { userId, partnerId, role } = event.data;
      return { ...state, members: [...state.members, { userId, partnerId, role }] };
    }
    case 'WorkingGroupMemberRoleChanged':
      return {
        ...state,
        members: state.members.map((member) =>
          member.userId === event.data.userId ? { ...member, role: event.data.to } : member,
        ),
      };
    case 'WorkingGroupMemberRemoved':
      return { ...state, members: state.members.filter((member) => member.userId !== event.data.userId) };
    case 'WorkingGroupArchived':
      return { ...state, status: 'archived', archivedReason: event.data.reason };
    default:
      return assertNever(event);
  }
}
