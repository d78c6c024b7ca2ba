import type { Command } from '../shared/event.js';
import type { LoginFailureReason, PasswordChangedBy, UserRole } from './user.events.js';

export type RegisterUser = Command<
  'RegisterUser',
  {
    userId: string;
    email: string;
    name: string;
    role: UserRole;
    partnerId?: string | null;
    demo?: boolean;
  }
>;
export type RenameUser = Command<'RenameUser', { userId: string; name: string }>;
/**
 * `partnerId`, when present, moves the user to that organisation in the same step (null: none), so a
 * member can become a partner user in one command.
 */
export type ChangeUserRole = Command<
  'ChangeUserRole',
  { userId: string; role: UserRole; partnerId?: string | null }
>;
/** null: the user no longer works for a partner organisation */
export type ChangeUserPartner = Command<'ChangeUserPartner', { userId: string; partnerId: string | null }>;
export type DisableUser = Command<'DisableUser', { userId: string; reason: string }>;
export type EnableUser = Command<'EnableUser', { userId: string }>;
/** the new hash is stored by the application next to the stream, never in an event */
export type ChangeUserPassword = Command<'ChangeUserPassword', { userId: string; by: PasswordChangedBy }>;
/** the application checked the password; this records the session it opened */
export type RecordLoginSucceeded = Command<'RecordLoginSucceeded', { userId: string; sessionId: string }>;
export type RecordLoginFailed = Command<'RecordLoginFailed', { userId: string; reason: LoginFailureReason }>;
export type RecordLogout = Command<'RecordLogout', { userId: string; sessionId: string }>;
/** issues an invitation link valid until `expiresAt` (ISO instant, after now); replaces an earlier one */
export type InviteUser = Command<'InviteUser', { userId: string; invitationId: string; expiresAt: string }>;
/** the application checked the link's signature; the decider checks it is the current one and not expired */
export type AcceptInvitation = Command<'AcceptInvitation', { userId: string; invitationId: string }>;

export type UserCommand =
  | RegisterUser
  | RenameUser
  | ChangeUserRole
  | ChangeUserPartner
  | DisableUser
  | EnableUser
  | ChangeUserPassword
  | RecordLoginSucceeded
  | RecordLoginFailed
  | RecordLogout
  | InviteUser
  | AcceptInvitation;

export const USER_COMMAND_TYPES = [
  'RegisterUser',
  'RenameUser',
  'ChangeUserRole',
  'ChangeUserPartner',
  'DisableUser',
  'EnableUser',
  'ChangeUserPassword',
  'RecordLoginSucceeded',
  'RecordLoginFailed',
  'RecordLogout',
  'InviteUser',
  'AcceptInvitation',
] as const satisfies readonly UserCommand['type'][];
