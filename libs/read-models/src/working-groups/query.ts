import type { WorkingGroupRole } from '#domain';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { USERS_PROJECTION } from '../users/projection.js';
import { WORKING_GROUPS_PROJECTION } from './projection.js';
import type { WorkingGroupRow } from './row.js';
import { inSnapshot, isoInstant, type ReadDb } from '../queries/snapshot.js';
import type {
  WorkingGroupItem,
  WorkingGroupList,
  WorkingGroupDetail,
  UserWorkingGroupList,
} from '#contracts';

export type {
  WorkingGroupItem,
  WorkingGroupList,
  WorkingGroupMemberItem,
  WorkingGroupDetail,
  UserWorkingGroupItem,
  UserWorkingGroupList,
} from '#contracts';

export interface WorkingGroupFilters {
  planId?: string;
  /** archived groups are left out unless this is true */
  includeArchived?: boolean;
}

export const WORKING_GROUP_SOURCES = [
  WORKING_GROUPS_PROJECTION,
  USERS_PROJECTION,
  PARTNERS_PROJECTION,
] as const;

/** The one mapping from a working-group row to the item the api answers. */
export const toWorkingGroupItem = (row: WorkingGroupRow): WorkingGroupItem => ({
  id: row.id,
  planId: row.plan_id,
  name: row.name,
  description: row.description,
  scope: { themeIds: row.theme_ids, actionIds: row.action_ids },
  archived: row.archived,
  archivedReason: row.archived_reason,
  memberCount: row.member_count,
  version: row.version,
  createdAt: isoInstant(row.created_at)!,
  updatedAt: isoInstant(row.updated_at)!,
});

/** The working groups of a tenant (optionally of one plan), by name. */
export async function listWorkingGroups(
  db: ReadDb,
  tenantId: string,
  filters: WorkingGroupFilters = {},
): Promise<WorkingGroupList> {
  return inSnapshot(db, [WORKING_GROUPS_PROJECTION], async (tx, position) => {
    const { rows } = await tx.query<{ row: WorkingGroupRow }>(
      `select to_jsonb(g) as row from rm_working_groups g
        where g.tenant_id = $1 and ($2::text is null or g.plan_id = $2) and ($3 or not g.archived)
        order by lower(g.name), g.id`,
      [tenantId, filters.planId ?? null, filters.includeArchived ?? false],
    );
    return { items: rows.map((read) => toWorkingGroupItem(read.row)), position };
  });
}

/** One working group with its members (also an archived one), or null (unknown, or of another tenant). */
export async function getWorkingGroup(
  db: ReadDb,
  tenantId: string,
  workingGroupId: string,
): Promise<WorkingGroupDetail | null> {
  return inSnapshot(db, WORKING_GROUP_SOURCES, async (tx, position) => {
    const group = await tx.query<{ row: WorkingGroupRow }>(
      `select to_jsonb(g) as row from rm_working_groups g where g.tenant_id = $1 and g.id = $2`,
      [tenantId, workingGroupId],
    );
    const row = group.rows[0]?.row;
    if (!row) return null;
    const members = await tx.query<{
      user_id: string;
      name: string;
      partner_id: string | null;
      partner_name: string | null;
      role: WorkingGroupRole;
      added_at: Date;
    }>(
      `select m.user_id, coalesce(u.name, m.user_id) as name, m.partner_id, p.name as partner_name, m.role, m.added_at
         from rm_working_group_members m
         left join rm_users u on u.tenant_id = m.tenant_id and u.id = m.user_id
         left join rm_partners p on p.tenant_id = m.tenant_id and p.id = m.partner_id
        where m.tenant_id = $1 and m.group_id = $2
        order by array_position(array['chair', 'secretary', 'member'], m.role), lower(coalesce(u.name, m.user_id)), m.user_id`,
      [tenantId, workingGroupId],
    );
    return {
      ...toWorkingGroupItem(row),
      members: members.rows.map((member) => ({
        userId: member.user_id,
        name: member.name,
        partnerId: member.partner_id,
        partner: member.partner_id
          ? { id: member.partner_id, name: member.partner_name ?? member.partner_id }
          : null,
        role: member.role,
        addedAt: isoInstant(member.added_at)!,
      })),
      position,
    };
  });
}

/** The groups a user is a member of, with the user's role in each, by name. */
export async function listWorkingGroupsOfUser(
  db: ReadDb,
  tenantId: string,
  userId: string,
  filters: Pick<WorkingGroupFilters, 'includeArchived'> = {},
): Promise<UserWorkingGroupList> {
  return inSnapshot(db, [WORKING_GROUPS_PROJECTION], async (tx, position) => {
    const { rows } = await tx.query<{ row: WorkingGroupRow; role: WorkingGroupRole }>(
      `select to_jsonb(g) as row, m.role from rm_working_group_members m
         join rm_working_groups g on g.tenant_id = m.tenant_id and g.id = m.group_id
        where m.tenant_id = $1 and m.user_id = $2 and ($3 or not g.archived)
        order by lower(g.name), g.id`,
      [tenantId, userId, filters.includeArchived ?? false],
    );
    return {
      userId,
      items: rows.map((read) => ({ ...toWorkingGroupItem(read.row), role: read.role })),
      position,
    };
  });
}
