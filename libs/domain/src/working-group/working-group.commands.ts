import type { Command } from '../shared/event.js';
import type { WorkingGroupRole } from './working-group.events.js';

/** a scope as a client sends it: either list may be left out, but not both */
export type WorkingGroupScopeInput = Readonly<{
  themeIds?: readonly string[];
  actionIds?: readonly string[];
}>;

/**
 * Whether the plan, its themes and actions, and the users exist is checked by the application (it reads
 * the read models); this decider sees only the group.
 */
export type CreateWorkingGroup = Command<
  'CreateWorkingGroup',
  {
    workingGroupId: string;
    planId: string;
    name: string;
    description?: string;
    scope: WorkingGroupScopeInput;
  }
>;
export type RenameWorkingGroup = Command<'RenameWorkingGroup', { workingGroupId: string; name: string }>;
export type ChangeWorkingGroupDescription = Command<
  'ChangeWorkingGroupDescription',
  { workingGroupId: string; description: string }
>;
export type ChangeWorkingGroupScope = Command<
  'ChangeWorkingGroupScope',
  { workingGroupId: string; scope: WorkingGroupScopeInput }
>;
/** `role` defaults to member; `partnerId` is the organisation the member represents (default none) */
export type AddWorkingGroupMember = Command<
  'AddWorkingGroupMember',
  { workingGroupId: string; userId: string; partnerId?: string | null; role?: WorkingGroupRole }
>;
export type ChangeWorkingGroupMemberRole = Command<
  'ChangeWorkingGroupMemberRole',
  { workingGroupId: string; userId: string; role: WorkingGroupRole }
>;
export type RemoveWorkingGroupMember = Command<
  'RemoveWorkingGroupMember',
  { workingGroupId: string; userId: string }
>;
export type ArchiveWorkingGroup = Command<'ArchiveWorkingGroup', { workingGroupId: string; reason: string }>;

export type WorkingGroupCommand =
  | CreateWorkingGroup
  | RenameWorkingGroup
  | ChangeWorkingGroupDescription
  | ChangeWorkingGroupScope
  | AddWorkingGroupMember
  | ChangeWorkingGroupMemberRole
  | RemoveWorkingGroupMember
  | ArchiveWorkingGroup;

export const WORKING_GROUP_COMMAND_TYPES = [
  'CreateWorkingGroup',
  'RenameWorkingGroup',
  'ChangeWorkingGroupDescription',
  'ChangeWorkingGroupScope',
  'AddWorkingGroupMember',
  'ChangeWorkingGroupMemberRole',
  'RemoveWorkingGroupMember',
  'ArchiveWorkingGroup',
] as const satisfies readonly WorkingGroupCommand['type'][];
