import type { Queryable } from '../projection/sql.js';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { USERS_PROJECTION } from './projection.js';
import type { UserRow } from './row.js';
import { inSnapshot, isoInstant, type ReadDb } from '../queries/snapshot.js';
import type { UserItem, UserList, UserDetail } from '#contracts';

export type { UserItem, UserList, UserDetail } from '#contracts';

/** the projections the user reads depend on (partner names come from `partners`) */
export const USER_SOURCES = [USERS_PROJECTION, PARTNERS_PROJECTION] as const;

/** A user row as the reads see it: the projection's row and its organisation's name. */
interface UserRead {
  row: UserRow;
  partner_name: string | null;
}

const USER_SELECT = `select to_jsonb(u) as row, p.name as partner_name
  from rm_users u
  left join rm_partners p on p.tenant_id = u.tenant_id and p.id = u.partner_id`;

/** The one mapping from a user row to the item the api answers. */
export const toUserItem = (row: UserRow, partnerName: string | null): UserItem => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  partnerId: row.partner_id,
  partner: row.partner_id ? { id: row.partner_id, name: partnerName ?? row.partner_id } : null,
  disabled: row.disabled,
  demo: row.demo,
  version: row.version,
  createdAt: isoInstant(row.created_at)!,
  updatedAt: isoInstant(row.updated_at)!,
  lastLoginAt: isoInstant(row.last_login_at),
});

/** The users of a tenant, by name (disabled ones included: the list is where they are enabled again). */
export async function listUsers(db: ReadDb, tenantId: string): Promise<UserList> {
  return inSnapshot(db, USER_SOURCES, async (tx, position) => {
    const { rows } = await tx.query<UserRead>(
      `${USER_SELECT} where u.tenant_id = $1 order by lower(u.name), u.id`,
      [tenantId],
    );
    return { items: rows.map((read) => toUserItem(read.row, read.partner_name)), position };
  });
}

/** One user, or null (unknown id, or a user of another tenant). */
export async function getUser(db: ReadDb, tenantId: string, userId: string): Promise<UserDetail | null> {
  return inSnapshot(db, USER_SOURCES, async (tx, position) => {
    const { rows } = await tx.query<UserRead>(`${USER_SELECT} where u.tenant_id = $1 and u.id = $2`, [
      tenantId,
      userId,
    ]);
    const read = rows[0];
    return read ? { ...toUserItem(read.row, read.partner_name), position } : null;
  });
}

/** The display names of some users of a tenant; unknown ids are left out. */
export async function userNames(
  tx: Queryable,
  tenantId: string,
  userIds: Iterable<string>,
): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{ id: string; name: string }>(
    `select id, name from rm_users where tenant_id = $1 and id = any($2::text[])`,
    [tenantId, ids],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
