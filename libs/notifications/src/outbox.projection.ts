import { ERASED, ERASURE_RECORDED_TYPE } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx, Queryable } from '#read-models';
import {
  NOTIFICATION_DELIVERED,
  NOTIFICATION_FAILED,
  NOTIFICATION_PREFERENCE_SET,
  stableId,
  type NotificationDeliveredData,
  type NotificationFailedData,
  type NotificationKind,
  type NotificationPreferenceSetData,
} from './events.js';
import { periodLabel, roundMailsByLead, type RoundMailAction } from './update-rounds.js';

export const NOTIFICATIONS_PROJECTION = 'notifications';

/**
 * Events older than this when the projection first sees them (a first deployment over an existing log, a
 * rebuild), or that happened longer ago than this (the demo's history, written at its first start with the
 * dates of its story: `occurredAt`), still update what the projection knows, but make no notification:
 * nobody wants a mail about a meeting of last year. Rebuilds are safe anyway: `truncate` keeps the outbox, and its rows are keyed by
 * event and recipient (`insert ... on conflict do nothing`).
 */
export const MAX_EVENT_AGE_MS = 48 * 3600_000;

/** Payloads the sender renders mails from (what the event said, frozen at the time of the event). */
export type NotificationPayload =
  | {
      kind: 'meeting_invitation';
      meetingId: string;
      title: string;
      startsAt: string;
      location: string | null;
      /** iCalendar SEQUENCE: 0 when scheduled, the stream version when moved */
      sequence: number;
      moved: boolean;
    }
  | { kind: 'meeting_minutes'; meetingId: string; title: string; startsAt: string; attendance: string }
  | { kind: 'signal_answered'; signalId: string; text: string; response: string }
  | { kind: 'signal_closed'; signalId: string; text: string; reason: string | null; answered: boolean }
  | { kind: 'next_step_due'; nextStepId: string; text: string; dueDate: string }
  | { kind: 'action_due'; actionId: string; code: string; title: string; dueDate: string }
  /** an update round asks the lead organisation for its updates of these actions by `deadline` (Belgian date) */
  | {
      kind: 'update_round';
      periodId: string;
      roundId: string;
      periodLabel: string | null;
      deadline: string;
      actions: RoundMailAction[];
    }
  /** the round's actions the organisation still has to update, `daysLeft` days before the deadline (0: today) */
  | {
      kind: 'update_round_reminder';
      periodId: string;
      roundId: string;
      periodLabel: string | null;
      deadline: string;
      daysLeft: number;
      actions: RoundMailAction[];
    }
  | { kind: 'digest'; period: string; notificationIds: string[] }
  /** a new account's link to choose a password; the signed link is made when the mail is rendered */
  | { kind: 'account_invitation'; invitationId: string; expiresAt: string; invitedBy: string | null };

const USER_EVENTS = [
  'UserRegistered',
  'UserInvited',
  'UserRenamed',
  'UserRoleChanged',
  'UserPartnerChanged',
  'UserDisabled',
  'UserEnabled',
];

type Data = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The outbox projection: decides from the events who is told what, and writes one `nf_outbox` row per
 * notification and recipient (keyed by the event and the recipient, so it is made once however often the
 * batch is applied). Whether it is mailed at once, gathered in a digest or only shown in the app follows the
 * recipient's preference at the time of the event. Delivered and failed events (written by the sender) set
 * the row's status.
 */
export function outboxProjection(options: { now?: () => Date } = {}): Projection {
  const now = options.now ?? (() => new Date());
  return {
    name: NOTIFICATIONS_PROJECTION,
    version: 1,
    eventTypes: [
      ...USER_EVENTS,
      'WorkingGroupMemberAdded',
      'WorkingGroupMemberRemoved',
      'MeetingScheduled',
      'MeetingRescheduled',
      'MeetingAttendanceRecorded',
      'MeetingEnded',
      'MeetingNextStepRecorded',
      'SignalSubmitted',
      'SignalAnswered',
      'SignalClosed',
      'ReportingPeriodOpened',
      'UpdateRoundStarted',
      NOTIFICATION_PREFERENCE_SET,
      NOTIFICATION_DELIVERED,
      NOTIFICATION_FAILED,
      ERASURE_RECORDED_TYPE,
    ],
    tables: [
      'nf_recipients',
      'nf_group_members',
      'nf_meetings',
      'nf_meeting_attendance',
      'nf_signals',
      'nf_next_steps',
      'nf_periods',
      'nf_outbox',
    ],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const oldest = now().getTime() - MAX_EVENT_AGE_MS;
      for (const event of events) {
        // the demo clock's history (occurredAt years before it was written) is as old as the day it tells of
        const fresh =
          Date.parse(event.recordedAt) >= oldest && Date.parse(event.metadata.occurredAt) >= oldest;
        await applyOne(tx, event, fresh);
      }
    },
    async truncate(tx: ProjectionTx) {
      // the outbox itself is a ledger of what was (or will be) sent: a rebuild must not send again
      await tx.query(
        `truncate nf_recipients, nf_group_members, nf_meetings, nf_meeting_attendance, nf_signals, nf_next_steps,
                  nf_periods`,
      );
    },
  };
}

async function applyOne(tx: ProjectionTx, event: StoredEvent, fresh: boolean): Promise<void> {
  const tenantId = event.metadata.tenantId;
  const data = event.data as Data;
  const source = { key: event.id, position: event.position, occurredAt: event.metadata.occurredAt };
  const notify = (userIds: readonly string[], payload: NotificationPayload): Promise<void> =>
    fresh ? addNotifications(tx, source, tenantId, userIds, payload) : Promise.resolve();

  switch (event.type) {
    case 'UserRegistered':
      await tx.query(
        `insert into nf_recipients (tenant_id, user_id, email, name, role, partner_id)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (tenant_id, user_id) do update set email = $3, name = $4, role = $5, partner_id = $6`,
        [tenantId, data.userId, data.email, data.name, data.role, data.partnerId ?? null],
      );
      return;
    case 'UserInvited': {
      if (!fresh) return;
      const inviter = await tx.query<{ name: string }>(
        `select name from nf_recipients where tenant_id = $1 and user_id = $2`,
        [tenantId, event.metadata.actorId],
      );
      // mailed whatever the person's preference: it is the only way into the account
      await addNotifications(
        tx,
        source,
        tenantId,
        [str(data.userId)],
        {
          kind: 'account_invitation',
          invitationId: str(data.invitationId),
          expiresAt: str(data.expiresAt),
          invitedBy: inviter.rows[0]?.name ?? null,
        },
        'mail',
      );
      return;
    }
    case 'UserRenamed':
      await setRecipient(tx, tenantId, str(data.userId), 'name', data.to);
      return;
    case 'UserRoleChanged':
      await setRecipient(tx, tenantId, str(data.userId), 'role', data.to);
      return;
    case 'UserPartnerChanged':
      await setRecipient(tx, tenantId, str(data.userId), 'partner_id', data.to ?? null);
      return;
    case 'UserDisabled':
      await setRecipient(tx, tenantId, str(data.userId), 'disabled', true);
      return;
    case 'UserEnabled':
      await setRecipient(tx, tenantId, str(data.userId), 'disabled', false);
      return;
    case ERASURE_RECORDED_TYPE: {
      // an erased user (docs/privacy.md): her address and name go, and with them the notifications and mails
      // addressed to her (the outbox is not replayed at an erasure: a replay could send again)
      const subject = str(data.subject);
      if (data.kind === 'text') {
        await eraseText(tx, tenantId, subject);
        return;
      }
      if (data.kind !== 'user' || !subject.startsWith('user:')) return;
      const userId = subject.slice('user:'.length);
      await tx.query(
        `update nf_recipients set email = $3, name = $3, disabled = true where tenant_id = $1 and user_id = $2`,
        [tenantId, userId, ERASED],
      );
      // the texts of the signals she submitted went with her (her free text): their copies here too
      await tx.query(
        `update nf_outbox o set payload = jsonb_set(o.payload, '{text}', $3::jsonb)
           from nf_signals s
          where s.tenant_id = $1 and s.submitted_by = $2 and o.tenant_id = s.tenant_id
            and o.payload->>'signalId' = s.signal_id and o.payload ? 'text'`,
        [tenantId, userId, JSON.stringify(ERASED)],
      );
      await tx.query(`update nf_signals set text = $3 where tenant_id = $1 and submitted_by = $2`, [
        tenantId,
        userId,
        ERASED,
      ]);
      await tx.query(`delete from nf_mails where tenant_id = $1 and user_id = $2`, [tenantId, userId]);
      await tx.query(`delete from nf_outbox where tenant_id = $1 and user_id = $2`, [tenantId, userId]);
      return;
    }
    case NOTIFICATION_PREFERENCE_SET: {
      const preference = data as unknown as NotificationPreferenceSetData;
      await tx.query(
        `update nf_recipients set mode = $3, language = $4 where tenant_id = $1 and user_id = $2`,
        [tenantId, preference.userId, preference.mode, preference.language],
      );
      return;
    }
    case 'WorkingGroupMemberAdded':
      await tx.query(
        `insert into nf_group_members (tenant_id, group_id, user_id) values ($1, $2, $3) on conflict do nothing`,
        [tenantId, data.workingGroupId, data.userId],
      );
      return;
    case 'WorkingGroupMemberRemoved':
      await tx.query(`delete from nf_group_members where tenant_id = $1 and group_id = $2 and user_id = $3`, [
        tenantId,
        data.workingGroupId,
        data.userId,
      ]);
      return;
    case 'MeetingScheduled': {
      const meetingId = str(data.meetingId);
      await tx.query(
        `insert into nf_meetings (tenant_id, meeting_id, group_id, title, starts_at, location)
         values ($1, $2, $3, $4, $5, $6) on conflict (tenant_id, meeting_id) do nothing`,
        [tenantId, meetingId, data.workingGroupId, data.title, data.startsAt, data.location ?? null],
      );
      await notify(await groupMembers(tx, tenantId, str(data.workingGroupId)), {
        kind: 'meeting_invitation',
        meetingId,
        title: str(data.title),
        startsAt: str(data.startsAt),
        location: strOrNull(data.location),
        sequence: 0,
        moved: false,
      });
      return;
    }
    case 'MeetingRescheduled': {
      const meetingId = str(data.meetingId);
      const to = data.to as { title: string; startsAt: string; location: string | null };
      const { rows } = await tx.query<{ group_id: string }>(
        `update nf_meetings set title = $3, starts_at = $4, location = $5
          where tenant_id = $1 and meeting_id = $2 returning group_id`,
        [tenantId, meetingId, to.title, to.startsAt, to.location],
      );
      if (!rows[0]) return;
      await notify(await groupMembers(tx, tenantId, rows[0].group_id), {
        kind: 'meeting_invitation',
        meetingId,
        title: to.title,
        startsAt: to.startsAt,
        location: to.location,
        sequence: event.version,
        moved: true,
      });
      return;
    }
    case 'MeetingAttendanceRecorded': {
      const userId = strOrNull(data.userId);
      if (!userId) return;
      await tx.query(
        `insert into nf_meeting_attendance (tenant_id, meeting_id, user_id, status) values ($1, $2, $3, $4)
         on conflict (tenant_id, meeting_id, user_id) do update set status = $4`,
        [tenantId, data.meetingId, userId, data.status],
      );
      return;
    }
    case 'MeetingEnded': {
      const meetingId = str(data.meetingId);
      const { rows: meeting } = await tx.query<{ title: string; starts_at: string }>(
        `select title, starts_at from nf_meetings where tenant_id = $1 and meeting_id = $2`,
        [tenantId, meetingId],
      );
      if (!meeting[0]) return;
      const { rows } = await tx.query<{ user_id: string; status: string }>(
        `select user_id, status from nf_meeting_attendance
          where tenant_id = $1 and meeting_id = $2 and status in ('present', 'excused') order by user_id`,
        [tenantId, meetingId],
      );
      for (const row of rows) {
        await notify([row.user_id], {
          kind: 'meeting_minutes',
          meetingId,
          title: meeting[0].title,
          startsAt: meeting[0].starts_at,
          attendance: row.status,
        });
      }
      return;
    }
    case 'MeetingNextStepRecorded':
      await tx.query(
        `insert into nf_next_steps (tenant_id, next_step_id, meeting_id, text, owner_user_id, owner_partner_id, due_date)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
        [
          tenantId,
          data.nextStepId,
          data.meetingId,
          data.text,
          data.ownerUserId ?? null,
          data.ownerPartnerId ?? null,
          data.dueDate ?? null,
        ],
      );
      return;
    case 'SignalSubmitted':
      await tx.query(
        `insert into nf_signals (tenant_id, signal_id, submitted_by, text) values ($1, $2, $3, $4)
         on conflict do nothing`,
        [tenantId, data.signalId, event.metadata.actorId, data.text],
      );
      return;
    case 'SignalAnswered':
    case 'SignalClosed': {
      const signalId = str(data.signalId);
      const { rows } = await tx.query<{ submitted_by: string; text: string }>(
        `select submitted_by, text from nf_signals where tenant_id = $1 and signal_id = $2`,
        [tenantId, signalId],
      );
      const signal = rows[0];
      if (!signal) return;
      await notify(
        [signal.submitted_by],
        event.type === 'SignalAnswered'
          ? { kind: 'signal_answered', signalId, text: signal.text, response: str(data.response) }
          : {
              kind: 'signal_closed',
              signalId,
              text: signal.text,
              reason: strOrNull(data.reason),
              answered: data.answered === true,
            },
      );
      return;
    }
    case 'ReportingPeriodOpened':
      // the label the round mails name the period by, known here in the log's order (not from rm_periods)
      await tx.query(
        `insert into nf_periods (tenant_id, period_id, label) values ($1, $2, $3)
         on conflict (tenant_id, period_id) do update set label = excluded.label`,
        [tenantId, str(data.periodId), str(data.label)],
      );
      return;
    case 'UpdateRoundStarted': {
      // one mail per lead organisation's partner user, listing the actions it leads in the round
      if (!fresh) return;
      const periodId = str(data.periodId);
      const requests = Array.isArray(data.requests)
        ? (data.requests as { actionId: string; leadPartnerId: string | null }[])
        : [];
      const label = await periodLabel(tx, tenantId, periodId);
      for (const lead of await roundMailsByLead(tx, tenantId, requests)) {
        await notify(lead.userIds, {
          kind: 'update_round',
          periodId,
          roundId: str(data.roundId),
          periodLabel: label,
          deadline: str(data.deadline),
          actions: lead.actions,
        });
      }
      return;
    }
    case NOTIFICATION_DELIVERED: {
      const delivered = data as unknown as NotificationDeliveredData;
      await tx.query(
        `update nf_outbox set status = 'delivered', status_at = $2, error = null where id = $1`,
        [delivered.notificationId, event.metadata.occurredAt],
      );
      return;
    }
    case NOTIFICATION_FAILED: {
      const failed = data as unknown as NotificationFailedData;
      await tx.query(
        `update nf_outbox set status = $2, status_at = $3, error = $4 where id = $1 and status <> 'delivered'`,
        [
          failed.notificationId,
          failed.final ? (failed.uncertain ? 'uncertain' : 'failed') : 'retrying',
          event.metadata.occurredAt,
          failed.error,
        ],
      );
      return;
    }
  }
}

async function setRecipient(
  tx: ProjectionTx,
  tenantId: string,
  userId: string,
  column: 'name' | 'role' | 'partner_id' | 'disabled',
  value: unknown,
): Promise<void> {
  await tx.query(`update nf_recipients set ${column} = $3 where tenant_id = $1 and user_id = $2`, [
    tenantId,
    userId,
    value,
  ]);
}

async function groupMembers(tx: ProjectionTx, tenantId: string, groupId: string): Promise<string[]> {
  const { rows } = await tx.query<{ user_id: string }>(
    `select user_id from nf_group_members where tenant_id = $1 and group_id = $2 order by user_id`,
    [tenantId, groupId],
  );
  return rows.map((row) => row.user_id);
}

/**
 * One free-text item erased (docs/privacy.md): the copies this projection keeps of it (a signal's text, a next
 * step's text, an answer or close reason in the notifications made from its event) become the erased marker.
 * Targeted, since the outbox is never replayed. Mails already rendered (`nf_mails`) are not rewritten.
 */
async function eraseText(tx: Queryable, tenantId: string, subject: string): Promise<void> {
  const [, item = '', id = ''] = /^text:([a-z-]+)\/(.+)$/.exec(subject) ?? [];
  const erased = JSON.stringify(ERASED);
  switch (item) {
    case 'signal':
      await tx.query(`update nf_signals set text = $3 where tenant_id = $1 and signal_id = $2`, [
        tenantId,
        id,
        ERASED,
      ]);
      await tx.query(
        `update nf_outbox set payload = jsonb_set(payload, '{text}', $3::jsonb)
          where tenant_id = $1 and payload->>'signalId' = $2 and payload ? 'text'`,
        [tenantId, id, erased],
      );
      return;
    case 'next-step':
      await tx.query(`update nf_next_steps set text = $3 where tenant_id = $1 and next_step_id = $2`, [
        tenantId,
        id,
        ERASED,
      ]);
      await tx.query(
        `update nf_outbox set payload = jsonb_set(payload, '{text}', $3::jsonb)
          where tenant_id = $1 and payload->>'nextStepId' = $2 and payload ? 'text'`,
        [tenantId, id, erased],
      );
      return;
    case 'event':
      // the answer or close reason of a signal, in the notifications its event made
      await tx.query(
        `update nf_outbox set payload = case kind
            when 'signal_answered' then jsonb_set(payload, '{response}', $3::jsonb)
            else jsonb_set(payload, '{reason}', $3::jsonb) end
          where tenant_id = $1 and source_key = $2 and kind in ('signal_answered', 'signal_closed')`,
        [tenantId, id, erased],
      );
      return;
  }
}

/** What a notification comes from: an event (its id and position), or a daily job's key. */
export interface NotificationSource {
  key: string;
  position: string | null;
  occurredAt: string;
}

/**
 * One outbox row per recipient (a known, enabled user), keyed by the event and the recipient. `delivery`
 * follows the recipient's preference: `mail` (instant), `digest` (daily or weekly), `app` (none: the in-app
 * list only).
 */
export async function addNotifications(
  tx: Queryable,
  source: NotificationSource,
  tenantId: string,
  userIds: readonly string[],
  payload: NotificationPayload,
  /** a digest is mailed whatever the preference that made it */
  delivery?: 'mail',
): Promise<void> {
  if (userIds.length === 0) return;
  const kind: NotificationKind = payload.kind;
  await tx.query(
    `with added as (
       insert into nf_outbox (id, tenant_id, user_id, kind, source_key, position, occurred_at, payload, delivery)
       select ids.id, $1, r.user_id, $3, $4, $5, $6, $7::jsonb,
              coalesce($9, case r.mode when 'instant' then 'mail' when 'none' then 'app' else 'digest' end)
         from nf_recipients r
         join (select unnest($2::text[]) as user_id, unnest($8::text[]) as id) ids using (user_id)
        where r.tenant_id = $1 and not r.disabled
       on conflict do nothing
       returning tenant_id, user_id)
     -- the bell: every api process listens and tells the person's sockets (sent when the batch commits)
     select pg_notify('nf_outbox', tenant_id || ' ' || user_id) from (select distinct tenant_id, user_id from added) a`,
    [
      tenantId,
      userIds,
      kind,
      source.key,
      source.position,
      source.occurredAt,
      JSON.stringify(payload),
      userIds.map((userId) => stableId(source.key, userId, kind)),
      delivery ?? null,
    ],
  );
}
