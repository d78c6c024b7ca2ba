import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import pg from 'pg';
import type { EventStore, NewEvent } from '#event-store';
import { ProjectionLeases, ReadModelQueries, renderMinutesPdf } from '#read-models';
import {
  NOTIFICATION_DELIVERED,
  NOTIFICATION_FAILED,
  deliveryStreamId,
  stableId,
  type MailLanguage,
  type NotificationDeliveredData,
  type NotificationFailedData,
} from './events.js';
import { invitationIcs } from './ics.js';
import { runDailyJobs } from './jobs.js';
import type { NotificationPayload } from './outbox.projection.js';
import { notificationTitle, renderMail } from './templates.js';
import { UnsubscribeTokens } from './unsubscribe-token.js';
import { InvitationTokens } from './invitation-token.js';

/** The actor of what the system does by itself (the same id as libs/commands' SYSTEM_ACTOR_ID). */
const SYSTEM_ACTOR_ID = '00000000-0000-4000-8000-000000000000';
const LEASE_NAME = 'notification-sender';

export interface NotificationSenderOptions {
  pool: pg.Pool;
  /** a fresh connection for the lease (a session-level advisory lock) */
  connect: () => pg.Client;
  store: EventStore;
  /** SMTP_URL; null: mails are kept in the local outbox (nf_mails) and shown to coordinators */
  smtpUrl: string | null;
  /** MAIL_FROM */
  mailFrom: string;
  /** the web app's public address for links in mails (no trailing slash), asked per mail */
  appUrl: () => string;
  /** signs the unsubscribe links */
  secret: string;
  /** how often the outbox is looked at (default 1 s; a NOTIFY wakes the sender sooner) */
  pollMs?: number;
  /** first retry delay; each further one is 4 times longer, capped at 1 hour (default 30 s) */
  retryBaseMs?: number;
  /** attempts before a mail is given up (default 6) */
  maxAttempts?: number;
  /** run the daily jobs (reminders, digests) from the loop (default true) */
  jobs?: boolean;
  log?: (line: string) => void;
  now?: () => Date;
}

interface DueRow {
  id: string;
  tenant_id: string;
  user_id: string;
  kind: string;
  position: string | null;
  payload: NotificationPayload;
  email: string;
  language: MailLanguage;
}

/**
 * Delivers the outbox (docs/notifications.md): one sender at a time across every process (a PostgreSQL
 * advisory-lock lease, like the projections), each mail claimed before it is sent ('sending'), recorded
 * locally the moment SMTP accepted it, then as a NotificationDelivered event; refusals are retried with
 * back-off and recorded as NotificationFailed events. A claim left 'sending' by a sender that stopped
 * between SMTP's answer and the record is never sent again: it becomes 'uncertain' (at most once).
 */
export class NotificationSender {
  private readonly leases: ProjectionLeases;
  private readonly transport: Transporter;
  private readonly local: boolean;
  private readonly tokens: UnsubscribeTokens;
  private readonly invitations: InvitationTokens;
  private readonly queries: ReadModelQueries;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private held = false;
  /** claims this sender made and has not settled: any other 'sending' claim was left by a stopped sender */
  private readonly inFlight = new Set<string>();
  private lastJobs = 0;
  private readonly now: () => Date;

  constructor(private readonly options: NotificationSenderOptions) {
    this.now = options.now ?? (() => new Date());
    this.leases = new ProjectionLeases(options.connect, () => {
      this.held = false;
      this.log('notification sender: lease lost');
    });
    this.local = options.smtpUrl === null;
    this.transport = this.local
      ? nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
      : nodemailer.createTransport(options.smtpUrl!);
    this.tokens = new UnsubscribeTokens(options.secret);
    this.invitations = new InvitationTokens(options.secret);
    this.queries = new ReadModelQueries(options.pool);
  }

  get transportKind(): 'smtp' | 'local' {
    return this.local ? 'local' : 'smtp';
  }

  get unsubscribeTokens(): UnsubscribeTokens {
    return this.tokens;
  }

  /** signs the links of account invitations (and checks them when they come back) */
  get invitationTokens(): InvitationTokens {
    return this.invitations;
  }

  /** Starts the loop: take the lease when free, then deliver what is due. */
  start(): void {
    this.stopped = false;
    const tick = (): void => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error: unknown) => this.log(`notification sender: ${String(error)}`))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs ?? 1000);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.leases.close();
    this.held = false;
    this.transport.close();
  }

  /** One round: lease, recover claims left behind, deliver due mails, daily jobs (once a minute). */
  async tick(): Promise<void> {
    const held = (await this.leases.tryAcquire([LEASE_NAME])).includes(LEASE_NAME);
    if (held && !this.held) this.log('notification sender: active in this process');
    this.held = held;
    if (!held) return;
    await this.recover();
    await this.deliverDue();
    const now = this.now();
    if ((this.options.jobs ?? true) && now.getTime() - this.lastJobs >= 60_000) {
      this.lastJobs = now.getTime();
      await runDailyJobs(this.options.pool, now);
    }
  }

  /** Claims of a stopped sender become 'uncertain'; local records without their event get it now. */
  private async recover(): Promise<void> {
    const { rows: stale } = await this.options.pool.query<{
      notification_id: string;
      attempts: number;
      user_id: string;
      tenant_id: string;
    }>(
      `update nf_deliveries d set status = 'uncertain', updated_at = now(),
              last_error = 'the sender stopped between sending and recording'
        from nf_outbox o
        where o.id = d.notification_id and d.status = 'sending' and not (d.notification_id = any($1::text[]))
        returning d.notification_id, d.attempts, o.user_id, o.tenant_id`,
      [[...this.inFlight]],
    );
    for (const row of stale) {
      await this.record(row.tenant_id, NOTIFICATION_FAILED, {
        notificationId: row.notification_id,
        userId: row.user_id,
        attempt: row.attempts,
        error: 'unknown outcome: the sender stopped between sending and recording; not sent again',
        final: true,
        uncertain: true,
      } satisfies NotificationFailedData);
    }
    const { rows: unrecorded } = await this.options.pool.query<{
      notification_id: string;
      attempts: number;
      message_id: string;
      user_id: string;
      tenant_id: string;
      transport: string;
    }>(
      `select d.notification_id, d.attempts, d.message_id, o.user_id, o.tenant_id, m.transport
         from nf_deliveries d join nf_outbox o on o.id = d.notification_id
         join nf_mails m on m.notification_id = d.notification_id
        where d.status = 'delivered'`,
    );
    for (const row of unrecorded)
      await this.recordDelivered(
        row.tenant_id,
        row.notification_id,
        row.user_id,
        row.message_id,
        row.transport === 'local' ? 'local' : 'smtp',
        row.attempts,
      );
  }

  private async deliverDue(): Promise<void> {
    for (;;) {
      const { rows } = await this.options.pool.query<DueRow>(
        `select o.id, o.tenant_id, o.user_id, o.kind, o.position, o.payload, r.email, r.language
           from nf_outbox o
           join nf_recipients r on r.tenant_id = o.tenant_id and r.user_id = o.user_id
           left join nf_deliveries d on d.notification_id = o.id
          where o.delivery = 'mail' and not r.disabled
            and (d.notification_id is null or (d.status = 'retry' and d.next_attempt_at <= now()))
          order by o.occurred_at, o.id
          limit 20`,
      );
      let progressed = false;
      for (const row of rows) {
        if (this.stopped || !this.held) return;
        if (await this.deliver(row)) progressed = true;
      }
      if (rows.length < 20 || !progressed) return;
    }
  }

  /** Claims, renders, sends and records one mail; false when it must wait (the minutes are not there yet). */
  private async deliver(row: DueRow): Promise<boolean> {
    const attachments: Mail.Attachment[] = [];
    const lang: MailLanguage = row.language === 'en' ? 'en' : 'nl';
    const payload = row.payload;
    let digestLines: string[] = [];
    if (payload.kind === 'meeting_minutes') {
      const minutes = await this.queries.getMeetingMinutes(row.tenant_id, payload.meetingId);
      // the meetings projection has not reached the end of the meeting yet: next round
      if (!minutes || (row.position !== null && minutes.position < row.position)) return false;
      const pdf = await renderMinutesPdf(minutes.minutes, {
        lang,
        names: minutes.names,
        generatedAt: new Date(minutes.revisionAt),
      });
      attachments.push({
        filename: `${lang === 'nl' ? 'verslag' : 'minutes'}-${payload.meetingId}.pdf`,
        content: pdf,
        contentType: 'application/pdf',
      });
    }
    if (payload.kind === 'meeting_invitation') {
      const ics = invitationIcs({
        meetingId: payload.meetingId,
        title: payload.title,
        startsAt: payload.startsAt,
        location: payload.location,
        sequence: payload.sequence,
        url: `${this.options.appUrl()}/meetings/${payload.meetingId}`,
        organizerEmail: addressOf(this.options.mailFrom),
      });
      attachments.push({
        filename: 'uitnodiging.ics',
        content: ics,
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
      });
    }
    if (payload.kind === 'digest') {
      const { rows } = await this.options.pool.query<{ payload: NotificationPayload }>(
        `select payload from nf_outbox where id = any($1::text[]) order by occurred_at, id`,
        [payload.notificationIds],
      );
      digestLines = rows.map((item) => notificationTitle(item.payload, lang));
    }

    const messageId = `<${row.id}@${domainOf(this.options.mailFrom)}>`;
    const claimed = await this.options.pool.query<{ attempts: number }>(
      `insert into nf_deliveries (notification_id, status, attempts, message_id, updated_at)
       values ($1, 'sending', 1, $2, now())
       on conflict (notification_id) do update set status = 'sending', attempts = nf_deliveries.attempts + 1,
              updated_at = now()
        where nf_deliveries.status = 'retry' and nf_deliveries.next_attempt_at <= now()
       returning attempts`,
      [row.id, messageId],
    );
    const attempt = claimed.rows[0]?.attempts;
    if (attempt === undefined) return false;
    this.inFlight.add(row.id);
    try {
      const unsubscribeUrl = `${this.options.appUrl()}/api/notifications/unsubscribe?token=${encodeURIComponent(this.tokens.sign(row.tenant_id, row.user_id))}`;
      const invitationUrl =
        payload.kind === 'account_invitation'
          ? `${this.options.appUrl()}/invitation?token=${encodeURIComponent(
              this.invitations.sign({
                tenantId: row.tenant_id,
                userId: row.user_id,
                invitationId: payload.invitationId,
              }),
            )}`
          : undefined;
      const content = renderMail(
        payload,
        lang,
        { appUrl: this.options.appUrl(), unsubscribeUrl, invitationUrl },
        digestLines,
      );
      let info: { messageId?: string };
      try {
        info = await this.transport.sendMail({
          from: this.options.mailFrom,
          to: row.email,
          subject: content.subject,
          text: content.text,
          html: content.html,
          messageId,
          attachments,
          // RFC 2369 + RFC 8058: mail clients show an "unsubscribe" button that POSTs to the link
          list: { unsubscribe: { url: unsubscribeUrl, comment: 'unsubscribe' } },
          headers: {
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'Auto-Submitted': 'auto-generated',
            'Content-Language': lang === 'nl' ? 'nl-BE' : 'en',
          },
        });
      } catch (error) {
        await this.failed(row, attempt, error);
        return true;
      }
      // recorded locally first (one statement), then as an event: a crash in between is repaired by recover()
      // recorded locally in one statement, then as an event: a crash in between is repaired by recover()
      await this.options.pool.query(
        `with mail as (
           insert into nf_mails (notification_id, tenant_id, user_id, to_address, subject, html, attachments,
                                 transport, message_id, sent_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) on conflict (notification_id) do nothing)
         update nf_deliveries set status = 'delivered', updated_at = now(), last_error = null
          where notification_id = $1`,
        [
          row.id,
          row.tenant_id,
          row.user_id,
          row.email,
          content.subject,
          content.html,
          attachments.map((attachment) => attachment.filename as string),
          this.transportKind,
          info.messageId ?? messageId,
        ],
      );
      await this.recordDelivered(row.tenant_id, row.id, row.user_id, messageId, this.transportKind, attempt);
      return true;
    } finally {
      this.inFlight.delete(row.id);
    }
  }

  private async recordDelivered(
    tenantId: string,
    notificationId: string,
    userId: string,
    messageId: string,
    transport: 'smtp' | 'local',
    attempt: number,
  ): Promise<void> {
    await this.record(tenantId, NOTIFICATION_DELIVERED, {
      notificationId,
      userId,
      messageId,
      transport,
      attempt,
    } satisfies NotificationDeliveredData);
    await this.options.pool.query(
      `update nf_deliveries set status = 'recorded', updated_at = now() where notification_id = $1`,
      [notificationId],
    );
  }

  private async failed(row: DueRow, attempt: number, error: unknown): Promise<void> {
    const code = (error as { responseCode?: unknown }).responseCode;
    const permanent = typeof code === 'number' && code >= 500;
    const final = permanent || attempt >= (this.options.maxAttempts ?? 6);
    const message = error instanceof Error ? error.message : String(error);
    const delay = Math.min((this.options.retryBaseMs ?? 30_000) * 4 ** (attempt - 1), 3600_000);
    await this.options.pool.query(
      `update nf_deliveries set status = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval,
              last_error = $4, updated_at = now()
        where notification_id = $1`,
      [row.id, final ? 'failed' : 'retry', String(delay), message.slice(0, 500)],
    );
    this.log(
      `notification ${row.id} to ${row.email}: attempt ${attempt} failed (${message})${final ? ', given up' : `, retry in ${delay} ms`}`,
    );
    await this.record(row.tenant_id, NOTIFICATION_FAILED, {
      notificationId: row.id,
      userId: row.user_id,
      attempt,
      error: message.slice(0, 500),
      final,
      uncertain: false,
    } satisfies NotificationFailedData);
  }

  private async record(
    tenantId: string,
    type: string,
    data: NotificationDeliveredData | NotificationFailedData,
  ): Promise<void> {
    const event: NewEvent = {
      // one event per outcome and attempt: appending it again (a retry after a crash) is a no-op
      id: stableId(data.notificationId, type, String(data.attempt)),
      type,
      data,
      metadata: {
        actorId: SYSTEM_ACTOR_ID,
        tenantId,
        correlationId: data.notificationId,
        causationId: null,
        occurredAt: this.now().toISOString(),
      },
    };
    await this.options.store.appendToStream(deliveryStreamId(data.notificationId), [event], 'any');
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

const addressOf = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
const domainOf = (from: string): string => addressOf(from).split('@')[1] ?? 'localhost';
