// The notification outbox's answers (docs/notifications.md): a person's list (the bell), the mail preference and
// the tenant's outbox of mails ("Verzonden e-mails").

/** none: only the in-app list; instant: one mail per notification; daily/weekly: one digest mail */
export type NotificationMode = 'none' | 'instant' | 'daily' | 'weekly';
export type MailLanguage = 'nl' | 'en';

/** One of my notifications (GET /api/notifications). */
export interface NotificationItem {
  id: string;
  kind: string;
  title: { nl: string; en: string };
  /** the app's path the notification points to */
  link: string;
  occurredAt: string;
  read: boolean;
  /** mail: sent on its own; digest: in a daily or weekly digest; app: only in this list */
  delivery: 'mail' | 'digest' | 'app';
  /** pending, retrying, delivered, failed, uncertain (mail only) */
  status: string;
}

export interface NotificationList {
  items: NotificationItem[];
  unread: number;
}

/** The mail preference (GET/PUT /api/notifications/preferences). */
export interface MailPreference {
  mode: NotificationMode;
  language: MailLanguage;
}

/** delivered: the mail went out (its rendering is kept); pending: waiting or retrying; failed; uncertain */
export type MailStatus = 'delivered' | 'pending' | 'failed' | 'uncertain';

/** One mail of the outbox: sent or still to send (GET /api/notifications/mails, coordinators). */
export interface SentMail {
  notificationId: string;
  kind: string;
  to: string;
  subject: string;
  /** the names of its attachments (known once the mail is rendered, i.e. sent) */
  attachments: string[];
  /** smtp or local; null while not sent */
  transport: string | null;
  messageId: string | null;
  /** when the notification was made */
  createdAt: string;
  /** when it was sent; null while not sent */
  sentAt: string | null;
  status: MailStatus;
  attempts: number;
  /** the last refusal (SMTP's answer), for failed, uncertain and retrying mails */
  error: string | null;
}

/** The tenant's outbox (GET /api/notifications/mails): the sender's transport and the mails, newest first. */
export interface SentMails {
  transport: 'smtp' | 'local';
  items: SentMail[];
}
