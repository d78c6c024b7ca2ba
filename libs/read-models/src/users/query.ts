import type { UserRole } from '#domain';
import type { Position } from '#event-store';
import type { Queryable } from '../projection/sql.js';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { TENANTS_PROJECTION } from '../tenants/projection.js';
import { USERS_PROJECTION } from './projection.js';
import type { PartnerRef } from '../action-list/query.js';
import { inSnapshot, isoInstant, type ReadDb } from '../queries/snapshot.js';

export interface UserItem {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  partnerId: string | null;
  /** the organisation with its name (its id while the partner is unknown to the read model) */
  partner: PartnerRef | null;
  disabled: boolean;
  demo: boolean;
  /** the user stream's version (for If-Match / expectedVersion) */
  version: number;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface UserList {
  items: UserItem[];
  position: Position;
}

export interface UserDetail extends UserItem {
  position: Position;
}

export interface TenantDetail {
  id: string;
  name: string;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
  position: Position;
}

/** the projections the user reads depend on (partner names come from `partners`) */
export const USER_SOURCES = [USERS_PROJECTION, PARTNERS_PROJECTION] as const;

interface UserDbRow {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  partner_id: string | null;
  partner_name: string | null;
  disabled: boolean;
  demo: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
}

const USER_SELECT = `select u.id, u.email, u.name, u.role, u.partner_id, p.name as partner_name, u.disabled, u.demo,
       u.version, u.created_at, u.updated_at, u.last_login_at
  from rm_users u
  left join rm_partners p on p.tenant_id = u.tenant_id and p.id = u.partner_id`;

const toUserItem = (row: UserDbRow): UserItem => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  partnerId: row.partner_id,
  partner: row.partner_id ? { id: row.partner_id, name: row.partner_name ?? row.partner_id } : null,
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
    const { rows } = await tx.query<UserDbRow>(
      `${USER_SELECT} where u.tenant_id = $1 order by lower(u.name), u.id`,
      [tenantId],
    );
    return { items: rows.map(toUserItem), position };
  });
}

/** One user, or null (unknown id, or a user of another tenant). */
export async function getUser(db: ReadDb, tenantId: string, userId: string): Promise<UserDetail | null> {
  return inSnapshot(db, USER_SOURCES, async (tx, position) => {
    const { rows } = await tx.query<UserDbRow>(`${USER_SELECT} where u.tenant_id = $1 and u.id = $2`, [
      tenantId,
      userId,
    ]);
    const row = rows[0];
    return row ? { ...toUserItem(row), position } : null;
  });
}

/** A tenant's name and demo flag, or null. */
export async function getTenant(db: ReadDb, tenantId: string): Promise<TenantDetail | null> {
  return inSnapshot(db, [TENANTS_PROJECTION], async (tx, position) => {
    const { rows } = await tx.query<{
      id: string;
      name: string;
      demo: boolean;
      created_at: Date;
      updated_at: Date;
    }>(`select id, name, demo, created_at, updated_at from rm_tenants where id = $1`, [tenantId]);
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      demo: row.demo,
      createdAt: isoInstant(row.created_at)!,
      updatedAt: isoInstant(row.updated_at)!,
      position,
    };
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
