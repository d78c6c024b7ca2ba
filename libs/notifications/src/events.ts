import { createHash } from 'node:crypto';
import type { MailLanguage, NotificationMode } from '#contracts';

/**
 * The events of the notification outbox (docs/notifications.md). They live in their own streams, outside the
 * domain's aggregates: a person's mail preference, and what became of each mail the outbox decided to send.
 */

export type { MailLanguage, NotificationMode };

/** none: only the in-app list; instant: one mail per notification; daily/weekly: one digest mail (#contracts) */
export const NOTIFICATION_MODES = [
  'none',
  'instant',
  'daily',
  'weekly',
] as const satisfies readonly NotificationMode[];
export const isNotificationMode = (value: unknown): value is NotificationMode =>
  typeof value === 'string' && (NOTIFICATION_MODES as readonly string[]).includes(value);

export const MAIL_LANGUAGES = ['nl', 'en'] as const satisfies readonly MailLanguage[];

/** What a notification is about. */
export const NOTIFICATION_KINDS = [
  'meeting_invitation',
  'meeting_minutes',
  'signal_answered',
  'signal_closed',
  'next_step_due',
  'action_due',
  'update_round',
  'update_round_reminder',
  'digest',
  'account_invitation',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationPreferenceSetData {
  userId: string;
  mode: NotificationMode;
  language: MailLanguage;
  /** `settings` (the user chose in the app) or `unsubscribe` (the one-click link in a mail) */
  via: 'settings' | 'unsubscribe';
}

export interface NotificationDeliveredData {
  notificationId: string;
  userId: string;
  /** the Message-ID the mail carried */
  messageId: string;
  /** `smtp` (SMTP_URL) or `local` (kept in the local outbox, no SMTP configured) */
  transport: 'smtp' | 'local';
  attempt: number;
}

export interface NotificationFailedData {
  notificationId: string;
  userId: string;
  attempt: number;
  error: string;
  /** true: no further attempt (permanent refusal, attempts used up, or unknown outcome after a crash) */
  final: boolean;
  /** true: a claim was left behind by a sender that stopped between sending and recording */
  uncertain: boolean;
}

export const NOTIFICATION_PREFERENCE_SET = 'NotificationPreferenceSet';
export const NOTIFICATION_DELIVERED = 'NotificationDelivered';
export const NOTIFICATION_FAILED = 'NotificationFailed';

export const preferenceStreamId = (userId: string): string => `notification-settings-${userId}`;
export const deliveryStreamId = (notificationId: string): string => `notification-${notificationId}`;

/** A stable uuid-shaped id from parts (the outbox key: event and recipient; event ids of the sender). */
export function stableId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
