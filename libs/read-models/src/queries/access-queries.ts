import type { Queryable } from '../projection/sql.js';

/**
 * The read-model facts the authorisation of writes rests on. They answer from the current rows (no
 * snapshot position): a guard asks "may this user do this now", and a projection lag of a few
 * milliseconds errs on the side of the state before the last membership or scope change.
 */

/**
 * True when the user is a member of a working group of the tenant that is not archived and whose scope
 * names the action, or the theme it is filed under (through goals at any depth, from `rm_actions`).
 */
export async function isActionInScopeOfUserGroups(
  db: Queryable,
  tenantId: string,
  userId: string,
  actionId: string,
): Promise<boolean> {
  const { rows } = await db.query<{ allowed: boolean }>(
    `select exists (
       select 1
         from rm_working_group_members m
         join rm_working_groups g on g.tenant_id = m.tenant_id and g.id = m.group_id
         left join rm_actions a on a.tenant_id = m.tenant_id and a.id = $3
        where m.tenant_id = $1 and m.user_id = $2 and not g.archived
          and ($3 = any(g.action_ids) or a.theme_id = any(g.theme_ids) or a.goal_path && g.theme_ids)
     ) as allowed`,
    [tenantId, userId, actionId],
  );
  return rows[0]?.allowed ?? false;
}

/** The actions of a tenant a partner organisation leads (trekker) or is a partner on, in code order. */
export async function actionIdsOfPartner(
  db: Queryable,
  tenantId: string,
  partnerId: string,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id from rm_actions where tenant_id = $1 and (owner_id = $2 or $2 = any(partner_ids))
      order by sort_key, id`,
    [tenantId, partnerId],
  );
  return rows.map((row) => row.id);
}

/** True when the partner organisation leads the action or is a partner on it. */
export async function isActionOfPartner(
  db: Queryable,
  tenantId: string,
  partnerId: string,
  actionId: string,
): Promise<boolean> {
  const { rows } = await db.query<{ allowed: boolean }>(
    `select exists (
       select 1 from rm_actions where tenant_id = $1 and id = $3 and (owner_id = $2 or $2 = any(partner_ids))
     ) as allowed`,
    [tenantId, partnerId, actionId],
  );
  return rows[0]?.allowed ?? false;
}
