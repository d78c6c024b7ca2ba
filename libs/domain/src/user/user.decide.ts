import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import { boolean, invalid, oneOf, optionalId, requiredText } from '../shared/validation.js';
import type { ChangeUserRole, RegisterUser, UserCommand } from './user.commands.js';
import {
  LOGIN_FAILURE_REASONS,
  PASSWORD_CHANGED_BY,
  USER_ROLES,
  type UserEvent,
  type UserRole,
  userStreamId,
} from './user.events.js';
import { evolve, initialState, type DisabledUser, type EnabledUser, type UserState } from './user.state.js';

const INVALID = 'USER.INVALID';

// deliberately loose: one @, no spaces, a dot in the domain; the mail that is sent is the real check
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;

/** trimmed and lower-cased, so one address is one account whatever the user typed */
export function normalizeEmail(value: unknown): string {
  const email = requiredText(INVALID, 'email', value).toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email))
    throw invalid(INVALID, 'email', 'must be an e-mail address');
  return email;
}

const requirePartnerForRole = (role: UserRole, partnerId: string | null): void => {
  if (role === 'partner' && partnerId === null) throw new DomainError('USER.PARTNER_REQUIRED', { role });
};

/** `_ctx` keeps the call shape equal across deciders; actor and time travel as event metadata. */
export function decide(command: UserCommand, state: UserState, ctx?: DecisionContext): UserEvent[] {
  if (command.type === 'RegisterUser') return register(command, state);
  const user = requireExisting(state);
  const { userId } = user;

  switch (command.type) {
    case 'RenameUser': {
      const to = requiredText(INVALID, 'name', command.data.name);
      if (to === user.name) throw new DomainError('USER.NO_CHANGE', { field: 'name' });
      return [{ type: 'UserRenamed', data: { userId, from: user.name, to } }];
    }
    case 'ChangeUserRole':
      return changeRole(command, user);
    case 'ChangeUserPartner': {
      const to = optionalId(INVALID, 'partnerId', command.data.partnerId);
      if (to === user.partnerId) throw new DomainError('USER.NO_CHANGE', { field: 'partner' });
      requirePartnerForRole(user.role, to);
      return [{ type: 'UserPartnerChanged', data: { userId, from: user.partnerId, to } }];
    }
    case 'DisableUser': {
      const reason = requiredText(INVALID, 'reason', command.data.reason);
      if (user.status === 'disabled') throw new DomainError('USER.NO_CHANGE', { field: 'disabled' });
      return [{ type: 'UserDisabled', data: { userId, reason } }];
    }
    case 'EnableUser':
      if (user.status === 'enabled') throw new DomainError('USER.NO_CHANGE', { field: 'disabled' });
      return [{ type: 'UserEnabled', data: { userId } }];
    case 'ChangeUserPassword': {
      const by = oneOf(INVALID, 'by', command.data.by, PASSWORD_CHANGED_BY);
      // an administrator may reset the password of a disabled account before enabling it again
      if (by === 'self' && user.status === 'disabled') throw new DomainError('USER.DISABLED', { userId });
      return [{ type: 'UserPasswordChanged', data: { userId, by } }];
    }
    case 'RecordLoginSucceeded': {
      const sessionId = requiredText(INVALID, 'sessionId', command.data.sessionId);
      if (user.status === 'disabled') throw new DomainError('USER.DISABLED', { userId });
      return [{ type: 'UserLoggedIn', data: { userId, sessionId } }];
    }
    case 'RecordLoginFailed': {
      const reason = oneOf(INVALID, 'reason', command.data.reason, LOGIN_FAILURE_REASONS);
      // the security log must tell the truth: "disabled" only for a disabled account
      if (reason === 'disabled' && user.status !== 'disabled')
        throw invalid(INVALID, 'reason', 'the user is not disabled');
      return [{ type: 'UserLoginFailed', data: { userId, reason } }];
    }
    case 'RecordLogout': {
      const sessionId = requiredText(INVALID, 'sessionId', command.data.sessionId);
      return [{ type: 'UserLoggedOut', data: { userId, sessionId } }];
    }
    case 'InviteUser': {
      const invitationId = requiredText(INVALID, 'invitationId', command.data.invitationId);
      const expiresAt = requiredText(INVALID, 'expiresAt', command.data.expiresAt);
      if (Number.isNaN(Date.parse(expiresAt))) throw invalid(INVALID, 'expiresAt', 'must be an ISO instant');
      if (Date.parse(expiresAt) <= Date.parse(now(ctx)))
        throw invalid(INVALID, 'expiresAt', 'must be in the future');
      if (user.status === 'disabled') throw new DomainError('USER.DISABLED', { userId });
      return [{ type: 'UserInvited', data: { userId, invitationId, expiresAt } }];
    }
    case 'AcceptInvitation': {
      const invitationId = requiredText(INVALID, 'invitationId', command.data.invitationId);
      if (user.status === 'disabled') throw new DomainError('USER.DISABLED', { userId });
      // used, replaced by a newer invitation, or made void by a password change
      if (user.invitation?.invitationId !== invitationId)
        throw new DomainError('USER.INVITATION_USED', { userId });
      if (Date.parse(now(ctx)) > Date.parse(user.invitation.expiresAt)) {
        throw new DomainError('USER.INVITATION_EXPIRED', { userId, expiresAt: user.invitation.expiresAt });
      }
      return [{ type: 'UserInvitationAccepted', data: { userId, invitationId } }];
    }
    default:
      return assertNever(command);
  }
}

/** the decision's time: invitations expire, so these two commands need the context's clock */
function now(ctx: DecisionContext | undefined): string {
  if (!ctx) throw new Error('an invitation needs the decision context (its time)');
  return ctx.now;
}

function register({ data }: RegisterUser, state: UserState): UserEvent[] {
  if (state.status !== 'absent') throw new DomainError('USER.ALREADY_EXISTS', { userId: state.userId });
  const userId = requiredText(INVALID, 'userId', data.userId);
  const email = normalizeEmail(data.email);
  const name = requiredText(INVALID, 'name', data.name);
  const role = oneOf(INVALID, 'role', data.role, USER_ROLES);
  const partnerId = optionalId(INVALID, 'partnerId', data.partnerId);
  const demo = boolean(INVALID, 'demo', data.demo, false);
  requirePartnerForRole(role, partnerId);
  return [{ type: 'UserRegistered', data: { userId, email, name, role, partnerId, demo } }];
}

function changeRole({ data }: ChangeUserRole, user: EnabledUser | DisabledUser): UserEvent[] {
  const { userId } = user;
  const role = oneOf(INVALID, 'role', data.role, USER_ROLES);
  const partnerId =
    data.partnerId === undefined ? user.partnerId : optionalId(INVALID, 'partnerId', data.partnerId);
  requirePartnerForRole(role, partnerId);
  const events: UserEvent[] = [];
  if (partnerId !== user.partnerId)
    events.push({ type: 'UserPartnerChanged', data: { userId, from: user.partnerId, to: partnerId } });
  if (role !== user.role)
    events.push({ type: 'UserRoleChanged', data: { userId, from: user.role, to: role } });
  if (events.length === 0) throw new DomainError('USER.NO_CHANGE', { field: 'role' });
  return events;
}

function requireExisting(state: UserState): EnabledUser | DisabledUser {
  if (state.status === 'absent') throw new DomainError('USER.NOT_FOUND');
  return state;
}

export const userDecider: Decider<UserState, UserCommand, UserEvent> = {
  name: 'user',
  streamId: userStreamId,
  decide,
  evolve,
  initialState,
};
