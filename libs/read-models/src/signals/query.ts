import { describeEvent, changesOf, type DomainEvent, type SignalStatus, type SignalUrgency } from '#domain';
import { ACTION_LIST_PROJECTION } from '../action-list/projection.js';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { SIGNALS_PROJECTION } from './projection.js';
import type { SignalRow } from './row.js';
import { WORKING_GROUPS_PROJECTION } from '../working-groups/projection.js';
import type { Queryable } from '../projection/sql.js';
import type { Paging } from '../action-list/query.js';
import type { ResolveActorNames } from '../action-history/query.js';
import { InvalidQueryError, inSnapshot, isoInstant, type ReadDb } from '../queries/snapshot.js';
import type { SignalItem, SignalList, SignalDetail, SignalHistory } from '#contracts';
import {
  AS_OF_SOURCES,
  ROW_VERSIONS_TABLE,
  resolveAsOf,
  rowAsOfSql,
  tenantRowsAsOfSql,
  type AsOf,
} from '../as-of/query.js';

export type { SignalItem, SignalList, SignalDetail, SignalHistoryItem, SignalHistory } from '#contracts';

/** the read models a signal read reflects (working groups and actions give the inboxes) */
export const SIGNAL_SOURCES = [
  SIGNALS_PROJECTION,
  WORKING_GROUPS_PROJECTION,
  ACTION_LIST_PROJECTION,
  PARTNERS_PROJECTION,
] as const;

/**
 * Whose signals a reader sees (docs/signals.md "Inboxes"): the whole tenant (a coordinator, a viewer), the
 * signals in the scope of these working groups (a member: her groups), or one organisation's own signals
 * (a partner).
 */
export type SignalInbox =
  | { kind: 'tenant' }
  | { kind: 'groups'; workingGroupIds: readonly string[] }
  | { kind: 'partner'; partnerId: string };

export interface SignalFilters {
  status?: SignalStatus[];
  urgency?: SignalUrgency[];
  /** concerns this theme, directly or through one of its actions */
  themeId?: string;
  actionId?: string;
  /** in this working group's scope */
  workingGroupId?: string;
  partnerId?: string;
}

/**
 * A signal as the inbox reads it: the projection's row, its partner's name, its working groups and the
 * versions of the changes that wrote its free texts (`TEXT_VERSIONS`).
 */
interface SignalRead {
  row: SignalRow;
  partner_name: string | null;
  working_group_ids: string[];
  text_versions: Partial<Record<(typeof TEXT_EVENTS)[number], number>> | null;
}

/** the events that write a signal's free texts (docs/privacy.md: each its own text item but the first) */
const TEXT_EVENTS = ['SignalSubmitted', 'SignalAnswered', 'SignalEscalated', 'SignalClosed'] as const;

/**
 * per signal of `sg`, the version of the latest change of each kind that wrote a free text, from the signal's
 * history up to the row's version (so a row as of a past position gets the versions it had then): what
 * `POST /api/erasures` with kind text names. A select-list subquery, evaluated for the rows answered only.
 */
const TEXT_VERSIONS = `(
  select jsonb_object_agg(v.type, v.version) from (
    select h.type, max(h.version) as version from rm_signal_history h
     where h.tenant_id = sg.tenant_id and h.signal_id = sg.id and h.version <= sg.version
       and h.type in (${TEXT_EVENTS.map((type) => `'${type}'`).join(', ')})
     group by h.type) v) as text_versions`;

/**
 * The theme an action had: today's (`rm_actions`), or as it stood at a position (its dated version: an action
 * moved to a goal of another theme changes theme). `action` and `tenant` are SQL expressions of the caller.
 */
const actionThemeSql = (action: string, tenant: string, position?: string): string =>
  position === undefined
    ? `(select a.theme_id from rm_actions a where a.tenant_id = ${tenant} and a.id = ${action})`
    : `(select r.data->>'theme_id' from ${ROW_VERSIONS_TABLE} r
         where r.tenant_id = ${tenant} and r.source = 'rm_actions' and r.id = ${action} and r.position <= ${position}
         order by r.position desc limit 1)`;

/** SQL: the themes of a signal's actions (`s`), today or at a position */
const actionThemesOf = (s: string, position?: string): string =>
  `array(select t.theme_id from unnest(${s}.action_ids) as sa(id)
           cross join lateral (select ${actionThemeSql('sa.id', `${s}.tenant_id`, position)} as theme_id) t
          where t.theme_id is not null)`;

/** SQL: the working groups (from `groups`) whose scope holds a signal (`s`), its actions' themes `themes` */
const groupsOf = (s: string, groups: string, themes: string): string =>
  `array(select g.id from ${groups} g
          where g.tenant_id = ${s}.tenant_id and not g.archived
            and (g.action_ids && ${s}.action_ids or g.theme_ids && ${s}.theme_ids or g.theme_ids && ${themes})
          order by g.id)`;

/**
 * the signals with the working groups they belong to (computed from the groups' scope, never stored). Today:
 * today's signals, groups and actions. As of a position (`$2`): the signals, the groups (scope, archived) and the
 * actions' themes as they stood then (dated versions); `current_group_ids` is the groups whose scope holds the
 * signal today, which a member's past inbox also requires (access stays today's: docs/access.md).
 */
const withGroups = (position?: string, signals = 'rm_signals'): string =>
  position === undefined
    ? `
  with sg as (
    select s.*, to_jsonb(s) as row, p.name as partner_name,
           ${groupsOf('s', 'rm_working_groups', 's.action_themes')} as working_group_ids
      from (select s0.*, ${actionThemesOf('s0')} as action_themes from ${signals} s0 where s0.tenant_id = $1) s
      left join rm_partners p on p.tenant_id = s.tenant_id and p.id = s.partner_id)`
    : `
  with wg as ${tenantRowsAsOfSql('rm_working_groups', { tenant: '$1', position })},
  sg as (
    select s.*, to_jsonb(s) as row, p.name as partner_name,
           ${groupsOf('s', 'wg', 's.action_themes')} as working_group_ids,
           ${groupsOf('s', 'rm_working_groups', actionThemesOf('s'))} as current_group_ids
      from (select s0.*, ${actionThemesOf('s0', position)} as action_themes from ${signals} s0
             where s0.tenant_id = $1) s
      left join rm_partners p on p.tenant_id = s.tenant_id and p.id = s.partner_id)`;

/** The one mapping from a signal row to the item the api answers. */
const toItem = ({ row, partner_name, working_group_ids, text_versions }: SignalRead): SignalItem => ({
  id: row.id,
  status: row.status,
  urgency: row.urgency,
  partner: row.partner_id ? { id: row.partner_id, name: partner_name ?? row.partner_id } : null,
  source: row.source,
  text: row.text,
  themeIds: row.theme_ids,
  actionIds: row.action_ids,
  workingGroupIds: working_group_ids,
  meetingIds: row.meeting_ids,
  answered: row.answered,
  response: row.response,
  escalation: row.escalated_to ? { to: row.escalated_to, text: row.escalation_text ?? '' } : null,
  closeReason: row.close_reason,
  textVersions: {
    // the submission is the stream's first change
    text: text_versions?.SignalSubmitted ?? 1,
    response: row.response === null ? null : (text_versions?.SignalAnswered ?? null),
    escalation: row.escalated_to === null ? null : (text_versions?.SignalEscalated ?? null),
    closeReason: row.close_reason === null ? null : (text_versions?.SignalClosed ?? null),
  },
  submittedBy: row.submitted_by,
  version: row.version,
  submittedAt: isoInstant(row.created_at)!,
  updatedAt: isoInstant(row.updated_at)!,
});

/**
 * SQL conditions (on `sg`) and their values for an inbox, from parameter `$next` on: by the working groups the
 * signal belonged to (`working_group_ids`: then, in a read of the past), or by those it belongs to today
 * (`current_group_ids`: what the reader may see, in a read of the past).
 */
function inboxCondition(
  inbox: SignalInbox,
  values: unknown[],
  groups: 'working_group_ids' | 'current_group_ids' = 'working_group_ids',
): string {
  switch (inbox.kind) {
    case 'tenant':
      return 'true';
    case 'groups':
      values.push([...inbox.workingGroupIds]);
      return `sg.${groups} && $${values.length}::text[]`;
    case 'partner':
      values.push(inbox.partnerId);
      return `sg.partner_id = $${values.length}`;
  }
}

/** the projections a signal read `?asOf=` reflects */
export const SIGNAL_AS_OF_SOURCES = [...SIGNAL_SOURCES, ...AS_OF_SOURCES] as const;

/**
 * The signals of an inbox, most recently changed first. With `asOf`: the signals as they stood then (status,
 * answer, escalation, agenda; those submitted later left out), their working groups and the theme filter by the
 * groups' scopes and the actions' themes of then, and only those the reader may see today: `reader` is her own
 * inbox today (the inbox asked for when left out), so asking about the past never shows what she may not see now
 * (docs/access.md "As of a past date").
 */
export async function listSignals(
  db: ReadDb,
  tenantId: string,
  inbox: SignalInbox,
  filters: SignalFilters = {},
  paging: Paging = {},
  asOf?: AsOf,
  reader?: SignalInbox,
): Promise<SignalList> {
  const limit = paging.limit ?? 50;
  const offset = paging.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new InvalidQueryError('limit', 'must be an integer from 1 to 500');
  if (!Number.isInteger(offset) || offset < 0) throw new InvalidQueryError('offset', 'must be 0 or more');
  return inSnapshot(db, asOf ? SIGNAL_AS_OF_SOURCES : SIGNAL_SOURCES, async (tx, reflected) => {
    const position = asOf ? await resolveAsOf(tx, tenantId, asOf.at, reflected) : reflected;
    const values: unknown[] = asOf ? [tenantId, position] : [tenantId];
    const withSignals = asOf
      ? withGroups('$2', tenantRowsAsOfSql('rm_signals', { tenant: '$1', position: '$2' }))
      : withGroups();
    const where = [inboxCondition(inbox, values)];
    // access is today's: a signal of the past is listed only if the reader may see it today
    if (asOf) where.push(inboxCondition(reader ?? inbox, values, 'current_group_ids'));
    const add = (condition: (n: number) => string, value: unknown): void => {
      values.push(value);
      where.push(condition(values.length));
    };
    if (filters.status?.length) add((n) => `sg.status = any($${n}::text[])`, filters.status);
    if (filters.urgency?.length) add((n) => `sg.urgency = any($${n}::text[])`, filters.urgency);
    if (filters.actionId) add((n) => `$${n} = any(sg.action_ids)`, filters.actionId);
    if (filters.workingGroupId) add((n) => `$${n} = any(sg.working_group_ids)`, filters.workingGroupId);
    if (filters.partnerId) add((n) => `sg.partner_id = $${n}`, filters.partnerId);
    if (filters.themeId)
      add(
        // the actions' themes as they stood then in a read of the past (`action_themes`)
        (n) => `($${n} = any(sg.theme_ids) or $${n} = any(sg.action_themes))`,
        filters.themeId,
      );
    const { rows } = await tx.query<SignalRead & { total: string }>(
      `${withSignals}
       select sg.row, sg.partner_name, sg.working_group_ids, ${TEXT_VERSIONS}, count(*) over () as total
         from sg where ${where.join(' and ')}
        order by sg.updated_at desc, sg.id limit ${limit} offset ${offset}`,
      values,
    );
    const total = rows[0] ? Number(rows[0].total) : await countOf(tx, withSignals, where, values, offset);
    return {
      items: rows.map(toItem),
      total,
      ...(asOf ? { asOf: asOf.at.toISOString() } : {}),
      position,
    };
  });
}

/** the count when the page is past the end (no row carried it) */
async function countOf(
  tx: Queryable,
  withSignals: string,
  where: string[],
  values: unknown[],
  offset: number,
): Promise<number> {
  if (offset === 0) return 0;
  const { rows } = await tx.query<{ n: string }>(
    `${withSignals} select count(*) as n from sg where ${where.join(' and ')}`,
    values,
  );
  return Number(rows[0]!.n);
}

/**
 * One signal, or null (unknown, or of another tenant; with `asOf`: not submitted yet then). Who may see it is
 * the caller's check (`inInbox`).
 */
export async function getSignal(
  db: ReadDb,
  tenantId: string,
  signalId: string,
  asOf?: AsOf,
): Promise<SignalDetail | null> {
  return inSnapshot(db, asOf ? SIGNAL_AS_OF_SOURCES : SIGNAL_SOURCES, async (tx, reflected) => {
    const position = asOf ? await resolveAsOf(tx, tenantId, asOf.at, reflected) : reflected;
    const { rows } = await tx.query<SignalRead>(
      asOf
        ? `${withGroups('$3', rowAsOfSql('rm_signals', { tenant: '$1', id: '$2', position: '$3' }))}
           select sg.row, sg.partner_name, sg.working_group_ids, ${TEXT_VERSIONS} from sg where sg.id = $2`
        : `${withGroups()}
           select sg.row, sg.partner_name, sg.working_group_ids, ${TEXT_VERSIONS} from sg where sg.id = $2`,
      asOf ? [tenantId, signalId, position] : [tenantId, signalId],
    );
    return rows[0]
      ? { ...toItem(rows[0]), ...(asOf ? { asOf: asOf.at.toISOString() } : {}), position }
      : null;
  });
}

/** whether a signal is in an inbox */
export function inInbox(signal: SignalItem, inbox: SignalInbox): boolean {
  switch (inbox.kind) {
    case 'tenant':
      return true;
    case 'groups':
      return signal.workingGroupIds.some((id) => inbox.workingGroupIds.includes(id));
    case 'partner':
      return signal.partner?.id === inbox.partnerId;
  }
}

/** Every event of a signal, oldest first, with summaries (partner names as they are now), or null. */
export async function getSignalHistory(
  db: ReadDb,
  tenantId: string,
  signalId: string,
  resolveActorNames: ResolveActorNames,
): Promise<SignalHistory | null> {
  const result = await inSnapshot(db, [SIGNALS_PROJECTION, PARTNERS_PROJECTION], async (tx, position) => {
    const { rows } = await tx.query<{
      position: string;
      version: number;
      type: string;
      occurred_at: Date;
      actor_id: string;
      meeting_id: string | null;
      data: { partnerId?: string | null };
    }>(
      `select position, version, type, occurred_at, actor_id, meeting_id, data from rm_signal_history
        where tenant_id = $1 and signal_id = $2 order by version`,
      [tenantId, signalId],
    );
    const partnerIds = [...new Set(rows.map((row) => row.data.partnerId).filter((id): id is string => !!id))];
    const partners = await tx.query<{ id: string; name: string }>(
      `select id, name from rm_partners where tenant_id = $1 and id = any($2::text[])`,
      [tenantId, partnerIds],
    );
    return { rows, position, partners: new Map(partners.rows.map((row) => [row.id, row.name])) };
  });
  if (result.rows.length === 0) return null;
  const names = await resolveActorNames(tenantId, [...new Set(result.rows.map((row) => row.actor_id))]);
  return {
    signalId,
    items: result.rows.map((row) => {
      const event = { type: row.type, data: row.data } as DomainEvent;
      return {
        position: row.position,
        version: row.version,
        type: row.type,
        occurredAt: isoInstant(row.occurred_at)!,
        actor: { id: row.actor_id, name: names.get(row.actor_id) ?? row.actor_id },
        ...(row.meeting_id ? { meetingId: row.meeting_id } : {}),
        summary: describeEvent(event, (kind, id) =>
          kind === 'partner' ? result.partners.get(id) : undefined,
        ),
        changes: changesOf(event),
        data: row.data,
      };
    }),
    position: result.position,
  };
}

/** the working groups a user is a member of (a member's inbox) */
export async function workingGroupIdsOfMember(
  db: ReadDb,
  tenantId: string,
  userId: string,
): Promise<string[]> {
  const { rows } = await db.query<{ group_id: string }>(
    `select m.group_id from rm_working_group_members m
       join rm_working_groups g on g.tenant_id = m.tenant_id and g.id = m.group_id and not g.archived
      where m.tenant_id = $1 and m.user_id = $2 order by m.group_id`,
    [tenantId, userId],
  );
  return rows.map((row) => row.group_id);
}

/**
 * Whether a signal concerning these actions and themes is in the scope of one of the user's (active)
 * working groups: a group names one of the actions or themes, or the theme of one of the actions.
 */
export async function isSignalInScopeOfUserGroups(
  db: Queryable,
  tenantId: string,
  userId: string,
  actionIds: readonly string[],
  themeIds: readonly string[],
): Promise<boolean> {
  if (actionIds.length === 0 && themeIds.length === 0) return false;
  const { rows } = await db.query<{ found: boolean }>(
    `select exists (
       select 1 from rm_working_group_members m
         join rm_working_groups g on g.tenant_id = m.tenant_id and g.id = m.group_id and not g.archived
        where m.tenant_id = $1 and m.user_id = $2
          and (g.action_ids && $3::text[] or g.theme_ids && $4::text[]
               or g.theme_ids && array(select a.theme_id from rm_actions a
                                        where a.tenant_id = $1 and a.id = any($3::text[]) and a.theme_id is not null))
     ) as found`,
    [tenantId, userId, [...actionIds], [...themeIds]],
  );
  return rows[0]?.found ?? false;
}
