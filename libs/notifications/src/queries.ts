import type pg from 'pg';
import type { MailPreference, MailStatus, NotificationItem, NotificationList, SentMail } from '#contracts';
import type { EventStore } from '#event-store';
import {
  NOTIFICATION_PREFERENCE_SET,
  preferenceStreamId,
  stableId,
  type MailLanguage,
  type NotificationPreferenceSetData,
} from './events.js';
import type { NotificationPayload } from './outbox.projection.js';
import { notificationLink, notificationTitle } from './templates.js';

/** Reads and writes of the outbox for the api: a person's list (the bell), preferences, the sent mails. */
export class NotificationQueries {
  constructor(
    private readonly pool: pg.Pool,
    private readonly store: EventStore,
  ) {}

  async list(tenantId: string, userId: string, limit = 50): Promise<NotificationList> {
    const { rows } = await this.pool.query<{
      id: string;
      kind: string;
      payload: NotificationPayload;
      occurred_at: Date;
      read_at: Date | null;
      delivery: NotificationItem['delivery'];
      status: string;
    }>(
      `select id, kind, payload, occurred_at, read_at, delivery, status from nf_outbox
        where tenant_id = $1 and user_id = $2 and kind <> 'digest'
        order by occurred_at desc, id limit $3`,
      [tenantId, userId, limit],
    );
    const { rows: count } = await this.pool.query<{ unread: number }>(
      `select count(*)::int as unread from nf_outbox
        where tenant_id = $1 and user_id = $2 and kind <> 'digest' and read_at is null`,
      [tenantId, userId],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        title: { nl: notificationTitle(row.payload, 'nl'), en: notificationTitle(row.payload, 'en') },
        link: notificationLink(row.payload, ''),
        occurredAt: row.occurred_at.toISOString(),
        read: row.read_at !== null,
        delivery: row.delivery,
        status: row.status,
      })),
      unread: count[0]?.unread ?? 0,
    };
  }

  /** Marks one of the person's notifications read; false when it is not hers (or unknown). */
  async markRead(tenantId: string, userId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `with changed as (
         update nf_outbox set read_at = coalesce(read_at, now())
          where tenant_id = $1 and user_id = $2 and id = $3 returning tenant_id, user_id)
       select pg_notify('nf_outbox', tenant_id || ' ' || user_id) from changed`,
      [tenantId, userId, id],
    );
    return (rowCount ?? 0) > 0;
  }

  async markAllRead(tenantId: string, userId: string): Promise<void> {
    await this.pool.query(
      `update nf_outbox set read_at = now() where tenant_id = $1 and user_id = $2 and read_at is null`,
      [tenantId, userId],
    );
    await this.pool.query(`select pg_notify('nf_outbox', $1)`, [`${tenantId} ${userId}`]);
  }

  async preference(tenantId: string, userId: string): Promise<MailPreference> {
    const { rows } = await this.pool.query<MailPreference>(
      `select mode, language from nf_recipients where tenant_id = $1 and user_id = $2`,
      [tenantId, userId],
    );
    return rows[0] ?? { mode: 'instant', language: 'nl' };
  }

  /** Records the person's choice as an event (the outbox projection applies it to what comes next). */
  async setPreference(
    tenantId: string,
    userId: string,
    preference: MailPreference,
    via: NotificationPreferenceSetData['via'],
    actorId: string,
    correlationId: string,
  ): Promise<{ position: string }> {
    const occurredAt = new Date().toISOString();
    const data: NotificationPreferenceSetData = { userId, ...preference, via };
    const result = await this.store.appendToStream(
      preferenceStreamId(userId),
      [
        {
          id: stableId(correlationId, userId, NOTIFICATION_PREFERENCE_SET),
          type: NOTIFICATION_PREFERENCE_SET,
          data,
          metadata: { actorId, tenantId, correlationId, causationId: null, occurredAt },
        },
      ],
      'any',
    );
    return { position: result.position };
  }

  /**
   * The tenant's outbox of mails, newest first (coordinators: "Verzonden e-mails"): every notification
   * delivered by mail (single mails and digests), sent or not. A mail with a local record went out; the
   * others are pending (waiting, or retrying after a refusal), failed, or uncertain (a sender died between
   * sending and recording: never sent again, docs/notifications.md).
   */
  async mails(tenantId: string, limit = 100): Promise<SentMail[]> {
    const { rows } = await this.pool.query<{
      id: string;
      kind: string;
      payload: NotificationPayload;
      email: string | null;
      language: MailLanguage | null;
      to_address: string | null;
      subject: string | null;
      attachments: string[] | null;
      transport: string | null;
      message_id: string | null;
      occurred_at: Date;
      sent_at: Date | null;
      status: string;
      claim: string | null;
      attempts: number | null;
      error: string | null;
    }>(
      `select o.id, o.kind, o.payload, r.email, r.language, m.to_address, m.subject, m.attachments, m.transport,
              m.message_id, o.occurred_at, m.sent_at, o.status, d.status as claim, d.attempts,
              coalesce(o.error, d.last_error) as error
         from nf_outbox o
         left join nf_mails m on m.notification_id = o.id
         left join nf_deliveries d on d.notification_id = o.id
         left join nf_recipients r on r.tenant_id = o.tenant_id and r.user_id = o.user_id
        where o.tenant_id = $1 and o.delivery = 'mail'
        order by coalesce(m.sent_at, o.occurred_at) desc, o.id limit $2`,
      [tenantId, limit],
    );
    return rows.map((row) => {
      const status: MailStatus =
        row.sent_at !== null
          ? 'delivered'
          : row.status === 'failed' || row.status === 'uncertain'
            ? row.status
            : row.claim === 'failed' || row.claim === 'uncertain'
              ? row.claim
              : 'pending';
      return {
        notificationId: row.id,
        kind: row.kind,
        to: row.to_address ?? row.email ?? '',
        subject: row.subject ?? notificationTitle(row.payload, row.language ?? 'nl'),
        attachments: row.attachments ?? [],
        transport: row.transport,
        messageId: row.message_id,
        createdAt: row.occurred_at.toISOString(),
        sentAt: row.sent_at?.toISOString() ?? null,
        status,
        attempts: row.attempts ?? 0,
        error: status === 'delivered' ? null : row.error,
      };
    });
  }

  /** One mail's HTML as it was sent, or null. */
  async mailHtml(tenantId: string, notificationId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ html: string }>(
      `select html from nf_mails where tenant_id = $1 and notification_id = $2`,
      [tenantId, notificationId],
    );
    return rows[0]?.html ?? null;
  }
}
