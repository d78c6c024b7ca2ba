import type { WorkingGroupRole } from '#domain';
import {
  boolean,
  integer,
  nullable,
  table,
  text,
  textArray,
  timestamptz,
  type RowOf,
} from '../projection/table.js';

export const workingGroupsTable = table(
  'rm_working_groups',
  {
    tenant_id: text(),
    id: text(),
    plan_id: text(),
    name: text(),
    description: text(),
    theme_ids: textArray(),
    action_ids: textArray(),
    archived: boolean(),
    archived_reason: nullable(text()),
    member_count: integer(),
    /** the group stream's version after its last event */
    version: integer(),
    created_at: timestamptz(),
    updated_at: timestamptz(),
    last_position: text(),
  },
  { primaryKey: ['tenant_id', 'id'] },
);
export type WorkingGroupRow = RowOf<typeof workingGroupsTable>;

export const workingGroupMembersTable = table(
  'rm_working_group_members',
  {
    tenant_id: text(),
    group_id: text(),
    user_id: text(),
    /** the organisation the member represents in the group */
    partner_id: nullable(text()),
    role: text<WorkingGroupRole>(),
    added_at: timestamptz(),
    last_position: text(),
  },
  {
    primaryKey: ['tenant_id', 'group_id', 'user_id'],
    // "which groups is this user in" is asked on every authorised write of a member
    indexes: [{ name: 'rm_working_group_members_user_idx', columns: 'tenant_id, user_id' }],
  },
);
export type WorkingGroupMemberRow = RowOf<typeof workingGroupMembersTable>;
