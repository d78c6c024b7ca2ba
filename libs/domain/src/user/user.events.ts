import type { Event } from '../shared/event.js';

/** Roles per tenant (nl: coördinator, werkgroeplid, partner, kijker). */
export const USER_ROLES = ['coordinator', 'member', 'partner', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const LOGIN_FAILURE_REASONS = ['bad_password', 'disabled'] as const;
export type LoginFailureReason = (typeof LOGIN_FAILURE_REASONS)[number];

export const PASSWORD_CHANGED_BY = ['self', 'admin'] as const;
export type PasswordChangedBy = (typeof PASSWORD_CHANGED_BY)[number];

/** A person with an account in one tenant, optionally on behalf of a partner organisation. */
export type UserRegistered = Event<
  'UserRegistered',
  {
    userId: string;
    /** trimmed and lower-cased */
    email: string;
    name: string;
    role: UserRole;
    /** the organisation the user works for; required for the role `partner` */
    partnerId: string | null;
    /** an account of a demo tenant (seeded, may be reset) */
    demo: boolean;
  }
>;
export type UserRenamed = Event<'UserRenamed', { userId: string; from: string; to: string }>;
export type UserRoleChanged = Event<'UserRoleChanged', { userId: string; from: UserRole; to: UserRole }>;
export type UserPartnerChanged = Event<
  'UserPartnerChanged',
  { userId: string; from: string | null; to: string | null }
>;
export type UserDisabled = Event<'UserDisabled', { userId: string; reason: string }>;
export type UserEnabled = Event<'UserEnabled', { userId: string }>;
/** The fact only: a password hash never goes into an event (events are kept forever and shown to coordinators). */
export type UserPasswordChanged = Event<'UserPasswordChanged', { userId: string; by: PasswordChangedBy }>;
export type UserLoggedIn = Event<'UserLoggedIn', { userId: string; sessionId: string }>;
export type UserLoginFailed = Event<'UserLoginFailed', { userId: string; reason: LoginFailureReason }>;
export type UserLoggedOut = Event<'UserLoggedOut', { userId: string; sessionId: string }>;
/**
 * an invitation link was issued (mailed through the notifications outbox): it sets the password once, until
 * `expiresAt` (ISO instant); a newer invitation or a password change replaces it. The link's signature is
 * never stored: only its id.
 */
export type UserInvited = Event<'UserInvited', { userId: string; invitationId: string; expiresAt: string }>;
/** the invitation link was used: the person chose a password (its hash is stored next to the stream) */
export type UserInvitationAccepted = Event<
  'UserInvitationAccepted',
  { userId: string; invitationId: string }
>;

/** How an audit-trail read was asked: one page on screen, or an export file. */
export const AUDIT_TRAIL_READ_FORMATS = ['page', 'csv', 'json'] as const;
export type AuditTrailReadFormat = (typeof AUDIT_TRAIL_READ_FORMATS)[number];
/**
 * A coordinator read the tenant's audit trail (issue 18, part 4): the fact and the filter (ids, kinds, dates:
 * no personal data beyond the reader, whose stream it is in), so reading the trail is itself on record.
 */
export type AuditTrailRead = Event<
  'AuditTrailRead',
  { userId: string; format: AuditTrailReadFormat; filters: Readonly<Record<string, string>> }
>;

export type UserEvent =
  | UserRegistered
  | UserRenamed
  | UserRoleChanged
  | UserPartnerChanged
  | UserDisabled
  | UserEnabled
  | UserPasswordChanged
  | UserLoggedIn
  | UserLoginFailed
  | UserLoggedOut
  | AuditTrailRead
  | UserInvited
  | UserInvitationAccepted;

export const USER_EVENT_TYPES = [
  'UserRegistered',
  'UserRenamed',
  'UserRoleChanged',
  'UserPartnerChanged',
  'UserDisabled',
  'UserEnabled',
  'UserPasswordChanged',
  'UserLoggedIn',
  'UserLoginFailed',
  'UserLoggedOut',
  'AuditTrailRead',
  'UserInvited',
  'UserInvitationAccepted',
] as const satisfies readonly UserEvent['type'][];

/** What coordinators see in the security log: sign-ins, and changes to who may do what. */
export const SECURITY_EVENT_TYPES = [
  'UserRegistered',
  'UserRoleChanged',
  'UserDisabled',
  'UserEnabled',
  'UserPasswordChanged',
  'UserLoggedIn',
  'UserLoginFailed',
  'UserLoggedOut',
  'AuditTrailRead',
] as const satisfies readonly UserEvent['type'][];
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export const userStreamId = (userId: string): string => `user-${userId}`;
