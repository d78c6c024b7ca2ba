import type { Queryable } from '../projection/sql.js';

/**
 * The read-model facts the authorisation of writes rests on. They answer from the current rows (no
 * snapshot position): a guard asks "may this user do this now", and a projection lag of a few
 * milliseconds errs on the side of the state before the last membership or scope change.
 */

/**
 * `isActionInScope` of libs/domain (working-group.scope.ts) in SQL: the scope of the working-group row `group`
 * (`rm_working_groups`: `action_ids`, `theme_ids`) names the action `actionId` (an SQL expression), its theme or
 * a section on its path (the `rm_actions` row `action`: `theme_id`, `goal_path`). Null, not false, when the
 * action row is missing and the scope does not name the action: use it in a `where` or wrap it in `coalesce`.
 * The table of `working-group.scope.samples.ts` keeps it equal to the TypeScript form (scope-sql.int.spec.ts).
 */
export function actionInScopeSql(actionId: string, group = 'g', action = 'a'): string {
  return (
    `(${actionId} = any(${group}.action_ids) or ${action}.theme_id = any(${group}.theme_ids)` +
    ` or ${action}.goal_path && ${group}.theme_ids)`
  );
}

/**
 * True when the user is a member of a working group of the tenant that is not archived and has the action in
 * scope (`actionInScopeSql`: the action, or the theme or a goal above it, from `rm_actions`).
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
          and ${actionInScopeSql('$3')}
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
