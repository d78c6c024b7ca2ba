import { naturalCompare } from '#domain';
import type { Queryable } from '#read-models';

/** one action a round mail lists: as the actions read model names it when the mail is decided */
export interface RoundMailAction {
  actionId: string;
  code: string;
  title: string;
}

/** reminders of an update round's missing updates: from this many days before the deadline, and on the day */
export const ROUND_REMINDER_DAYS = 3;

/**
 * The mail of each lead organisation of an update round (docs/notifications.md, "Update rounds"): per lead
 * partner, the requested actions it leads (natural order of their codes) and its partner users (role `partner`
 * of that organisation; `addNotifications` leaves out the disabled ones). Requests without a lead tell nobody.
 *
 * Codes and titles come from the actions read model in the same database: the round's requests were taken from
 * it when the round started, so it knows them; an action it does not (yet) know is listed by its id.
 */
export async function roundMailsByLead(
  db: Queryable,
  tenantId: string,
  requests: readonly { actionId: string; leadPartnerId: string | null }[],
): Promise<{ partnerId: string; userIds: string[]; actions: RoundMailAction[] }[]> {
  const led = requests.filter(
    (request): request is { actionId: string; leadPartnerId: string } =>
      typeof request.leadPartnerId === 'string' && typeof request.actionId === 'string',
  );
  if (led.length === 0) return [];
  const partnerIds = [...new Set(led.map((request) => request.leadPartnerId))].sort();
  const { rows: actions } = await db.query<{ id: string; code: string; title: string }>(
    `select id, code, title from rm_actions where tenant_id = $1 and id = any($2::text[])`,
    [tenantId, led.map((request) => request.actionId)],
  );
  const known = new Map(actions.map((row) => [row.id, row]));
  const { rows: users } = await db.query<{ user_id: string; partner_id: string }>(
    `select user_id, partner_id from nf_recipients
      where tenant_id = $1 and role = 'partner' and partner_id = any($2::text[]) order by user_id`,
    [tenantId, partnerIds],
  );
  return partnerIds.map((partnerId) => ({
    partnerId,
    userIds: users.filter((user) => user.partner_id === partnerId).map((user) => user.user_id),
    actions: led
      .filter((request) => request.leadPartnerId === partnerId)
      .map((request) => {
        const action = known.get(request.actionId);
        return {
          actionId: request.actionId,
          code: action?.code ?? request.actionId,
          title: action?.title ?? '',
        };
      })
      .sort((a, b) => naturalCompare(a.code, b.code)),
  }));
}

/**
 * the period's label as the outbox learnt it from the period's opening (`nf_periods`), else as the periods read
 * model holds it (a period opened before the outbox kept labels and missing from `rm_periods` at the migration);
 * null when neither knows it
 */
export async function periodLabel(db: Queryable, tenantId: string, periodId: string): Promise<string | null> {
  const { rows } = await db.query<{ label: string | null }>(
    `select coalesce(
              (select label from nf_periods where tenant_id = $1 and period_id = $2),
              (select label from rm_periods where tenant_id = $1 and id = $2)) as label`,
    [tenantId, periodId],
  );
  return rows[0]?.label ?? null;
}
