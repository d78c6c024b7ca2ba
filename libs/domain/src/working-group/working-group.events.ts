import type { Event } from '../shared/event.js';

/** A member's role in a working group (nl: voorzitter, secretaris, lid). */
export const WORKING_GROUP_ROLES = ['chair', 'secretary', 'member'] as const;
export type WorkingGroupRole = (typeof WORKING_GROUP_ROLES)[number];

/** What a working group works on: whole themes (with every action under them) and single actions. */
export type WorkingGroupScope = Readonly<{ themeIds: readonly string[]; actionIds: readonly string[] }>;

export type WorkingGroupCreated = Event<
  'WorkingGroupCreated',
  {
    workingGroupId: string;
    planId: string;
    name: string;
    description: string;
    scope: { themeIds: string[]; actionIds: string[] };
  }
>;
export type WorkingGroupRenamed = Event<
  'WorkingGroupRenamed',
  { workingGroupId: string; from: string; to: string }
>;
export type WorkingGroupDescriptionChanged = Event<
  'WorkingGroupDescriptionChanged',
  { workingGroupId: string; from: string; to: string }
>;
export type WorkingGroupScopeChanged = Event<
  'WorkingGroupScopeChanged',
  {
    workingGroupId: string;
    from: { themeIds: string[]; actionIds: string[] };
    to: { themeIds: string[]; actionIds: string[] };
  }
>;
export type WorkingGroupMemberAdded = Event<
  'WorkingGroupMemberAdded',
  {
    workingGroupId: string;
    userId: string;
    /** the organisation the member represents in the group (null: none, e.g. a resident) */
    partnerId: string | null;
    role: WorkingGroupRole;
  }
>;
export type WorkingGroupMemberRoleChanged = Event<
  'WorkingGroupMemberRoleChanged',
  { workingGroupId: string; userId: string; from: WorkingGroupRole; to: WorkingGroupRole }
>;
export type WorkingGroupMemberRemoved = Event<
  'WorkingGroupMemberRemoved',
  { workingGroupId: string; userId: string }
>;
/** the group stopped; its history and minutes stay readable */
export type WorkingGroupArchived = Event<'WorkingGroupArchived', { workingGroupId: string; reason: string }>;

export type WorkingGroupEvent =
  | WorkingGroupCreated
  | WorkingGroupRenamed
  | WorkingGroupDescriptionChanged
  | WorkingGroupScopeChanged
  | WorkingGroupMemberAdded
  | WorkingGroupMemberRoleChanged
  | WorkingGroupMemberRemoved
  | WorkingGroupArchived;

export const WORKING_GROUP_EVENT_TYPES = [
  'WorkingGroupCreated',
  'WorkingGroupRenamed',
  'WorkingGroupDescriptionChanged',
  'WorkingGroupScopeChanged',
  'WorkingGroupMemberAdded',
  'WorkingGroupMemberRoleChanged',
  'WorkingGroupMemberRemoved',
  'WorkingGroupArchived',
] as const satisfies readonly WorkingGroupEvent['type'][];

export const workingGroupStreamId = (workingGroupId: string): string => `working-group-${workingGroupId}`;
