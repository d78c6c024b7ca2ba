import type { ActionFilters, ActionSort } from '#read-models';
import type { Caller } from '../http/request-context.js';
import { belgianToday } from '#domain';
import type { ListActionsQueryDto } from './plan.dto.js';
import { asOfOf } from '../http/read-query.dto.js';

/** No organisation: a uuid no partner has, so a partner without one sees nothing. */
const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

/**
 * The action list's filters from its query, as the caller may see them: the list, its export and the web
 * app's views all go through here, so an export never shows more than the list. A partner organisation sees
 * the actions it leads or partners on, nothing else: as they stood on the date asked and today.
 */
export function actionListFilters(
  query: ListActionsQueryDto,
  caller: Caller,
): { filters: ActionFilters & { today: string }; sort: ActionSort | undefined } {
  const { status, themeId, goalId, ownerId, partnerId, tag, q, overdue, mine, sort, priority, bbcCode } =
    query;
  // as of a past moment, "overdue" is measured against the day of that moment
  const asOf = asOfOf(query.asOf);
  const filters: ActionFilters & { today: string } = {
    status,
    themeId,
    goalId,
    ownerId,
    partnerId,
    tag,
    q,
    overdue: overdue === undefined ? undefined : overdue === 'true',
    priority: priority === undefined ? undefined : priority === 'true',
    bbcCode,
    today: belgianToday(asOf?.at ?? new Date()),
    ...(mine ? { mine: { userId: caller.id, partnerId: caller.partnerId, relation: mine } } : {}),
  };
  if (caller.role === 'partner') {
    // as they stood then (a list as of a past date) and today (access is today's: docs/access.md)
    filters.partnerId = caller.partnerId ?? NO_PARTNER;
    filters.visibleToPartner = filters.partnerId;
  }
  return { filters, sort };
}
