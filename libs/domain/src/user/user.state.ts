import { assertNever } from '../shared/event.js';
import type { UserEvent, UserRole } from './user.events.js';

export type UserData = Readonly<{
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  partnerId: string | null;
  demo: boolean;
  /** the invitation link that may still set the password (UserInvited), null once used or replaced */
  invitation: Readonly<{ invitationId: string; expiresAt: string }> | null;
}>;

export type AbsentUser = Readonly<{ status: 'absent' }>;
export type EnabledUser = Readonly<{ status: 'enabled' }> & UserData;
/** a disabled user keeps its data and history; it cannot sign in until enabled again */
export type DisabledUser = Readonly<{ status: 'disabled'; disabledReason: string }> & UserData;
export type UserState = AbsentUser | EnabledUser | DisabledUser;

export const initialState = (): UserState => ({ status: 'absent' });

export function evolve(state: UserState, event: UserEvent): UserState {
  if (event.type === 'UserRegistered') {
    const { userId, email, name, role, partnerId, demo } = event.data;
    return { status: 'enabled', userId, email, name, role, partnerId, demo, invitation: null };
  }
  // an event on an absent user would be a corrupt stream: ignored so replays never fail
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'UserRenamed':
      return { ...state, name: event.data.to };
    case 'UserRoleChanged':
      return { ...state, role: event.data.to };
    case 'UserPartnerChanged':
      return { ...state, partnerId: event.data.to };
    case 'UserDisabled':
      return { ...state, status: 'disabled', disabledReason: event.data.reason };
    case 'UserEnabled': {
      if (state.status !== 'disabled') return state;
      const { disabledReason: _reason, ...data } = state;
      return { ...data, status: 'enabled' };
    }
    case 'UserInvited':
      return {
        ...state,
        invitation: { invitationId: event.data.invitationId, expiresAt: event.data.expiresAt },
      };
    case 'UserInvitationAccepted':
    case 'UserPasswordChanged':
      // a password chosen or set another way: an open invitation link no longer works
      return { ...state, invitation: null };
    case 'UserLoggedIn':
    case 'UserLoginFailed':
    case 'UserLoggedOut':
    case 'AuditTrailRead':
      // facts for the security log; nothing a later decision depends on
      return state;
    default:
      return assertNever(event);
  }
}
