import { specFor } from '../shared/testing.js';
import type { UserCommand } from './user.commands.js';
import { userDecider } from './user.decide.js';
import type { UserEvent, UserRole } from './user.events.js';

const given = specFor(userDecider);
const userId = 'u-an';
const registered: UserEvent = {
  type: 'UserRegistered',
  data: {
    userId,
    email: 'an.peeters@brugge.be',
    name: 'An Peeters',
    role: 'member',
    partnerId: null,
    demo: false,
  },
};
const partnerUser: UserEvent = {
  type: 'UserRegistered',
  data: { userId, email: 'an@caw.be', name: 'An Peeters', role: 'partner', partnerId: 'caw', demo: false },
};
const disabled: UserEvent = { type: 'UserDisabled', data: { userId, reason: 'left the city' } };
const register = (data: Partial<Extract<UserCommand, { type: 'RegisterUser' }>['data']>): UserCommand => ({
  type: 'RegisterUser',
  data: { userId, email: 'an.peeters@brugge.be', name: 'An Peeters', role: 'member', ...data },
});

describe('RegisterUser', () => {
  it('registers with a trimmed, lower-cased e-mail address, no partner and demo off by default', () => {
    given([])
      .when(register({ email: '  An.Peeters@Brugge.BE ', name: ' An Peeters ' }))
      .then([registered]);
  });
  it('registers a partner user with its organisation, and a demo account', () => {
    given([])
      .when(register({ email: 'an@caw.be', role: 'partner', partnerId: 'caw' }))
      .then([partnerUser]);
    given([])
      .when(register({ demo: true }))
      .then([{ ...registered, data: { ...registered.data, demo: true } }]);
  });
  it('refuses an e-mail address that is not one', () => {
    for (const email of ['', 'an', 'an@brugge', 'an peeters@brugge.be', '@brugge.be', 'an@@brugge.be']) {
      given([])
        .when(register({ email }))
        .thenThrows('USER.INVALID', { field: 'email', rule: expect.any(String) });
    }
    given([])
      .when(register({ email: `${'a'.repeat(250)}@brugge.be` }))
      .thenThrows('USER.INVALID', { field: 'email', rule: 'must be an e-mail address' });
  });
  it('refuses a blank name, an unknown role and a partner role without organisation', () => {
    given([])
      .when(register({ name: '  ' }))
      .thenThrows('USER.INVALID', { field: 'name', rule: 'must be a non-empty text' });
    given([])
      .when(register({ role: 'admin' as UserRole }))
      .thenThrows('USER.INVALID', { field: 'role', rule: expect.stringContaining('coordinator') });
    given([])
      .when(register({ role: 'partner' }))
      .thenThrows('USER.PARTNER_REQUIRED', { role: 'partner' });
  });
  it('refuses a second registration', () => {
    given([registered]).when(register({})).thenThrows('USER.ALREADY_EXISTS', { userId });
  });
});

describe('profile and role', () => {
  it('renames, but not to the same name', () => {
    given([registered])
      .when({ type: 'RenameUser', data: { userId, name: 'An Peeters-Claes' } })
      .then([{ type: 'UserRenamed', data: { userId, from: 'An Peeters', to: 'An Peeters-Claes' } }]);
    given([registered])
      .when({ type: 'RenameUser', data: { userId, name: 'An Peeters ' } })
      .thenThrows('USER.NO_CHANGE', { field: 'name' });
  });
  it('changes the role, not to the same role', () => {
    given([registered])
      .when({ type: 'ChangeUserRole', data: { userId, role: 'coordinator' } })
      .then([{ type: 'UserRoleChanged', data: { userId, from: 'member', to: 'coordinator' } }]);
    given([registered])
      .when({ type: 'ChangeUserRole', data: { userId, role: 'member' } })
      .thenThrows('USER.NO_CHANGE', { field: 'role' });
  });
  it('makes a partner user only with an organisation, given in the same command or before', () => {
    given([registered])
      .when({ type: 'ChangeUserRole', data: { userId, role: 'partner' } })
      .thenThrows('USER.PARTNER_REQUIRED');
    given([registered])
      .when({ type: 'ChangeUserRole', data: { userId, role: 'partner', partnerId: 'caw' } })
      .then([
        { type: 'UserPartnerChanged', data: { userId, from: null, to: 'caw' } },
        { type: 'UserRoleChanged', data: { userId, from: 'member', to: 'partner' } },
      ]);
    given([registered, { type: 'UserPartnerChanged', data: { userId, from: null, to: 'caw' } }])
      .when({ type: 'ChangeUserRole', data: { userId, role: 'partner' } })
      .then([{ type: 'UserRoleChanged', data: { userId, from: 'member', to: 'partner' } }]);
  });
  it('changes the organisation, but never leaves a partner user without one', () => {
    given([partnerUser])
      .when({ type: 'ChangeUserPartner', data: { userId, partnerId: 'caw-vl' } })
      .then([{ type: 'UserPartnerChanged', data: { userId, from: 'caw', to: 'caw-vl' } }]);
    given([partnerUser])
      .when({ type: 'ChangeUserPartner', data: { userId, partnerId: 'caw' } })
      .thenThrows('USER.NO_CHANGE', { field: 'partner' });
    given([partnerUser])
      .when({ type: 'ChangeUserPartner', data: { userId, partnerId: null } })
      .thenThrows('USER.PARTNER_REQUIRED');
    given([partnerUser])
      .when({ type: 'ChangeUserRole', data: { userId, role: 'partner', partnerId: null } })
      .thenThrows('USER.PARTNER_REQUIRED');
    given([partnerUser])
      .when({ type: 'ChangeUserRole', data: { userId, role: 'viewer', partnerId: null } })
      .then([
        { type: 'UserPartnerChanged', data: { userId, from: 'caw', to: null } },
        { type: 'UserRoleChanged', data: { userId, from: 'partner', to: 'viewer' } },
      ]);
  });
  it('refuses every command on a user that does not exist', () => {
    const commands: UserCommand[] = [
      { type: 'RenameUser', data: { userId, name: 'x' } },
      { type: 'ChangeUserRole', data: { userId, role: 'viewer' } },
      { type: 'ChangeUserPartner', data: { userId, partnerId: 'caw' } },
      { type: 'DisableUser', data: { userId, reason: 'x' } },
      { type: 'EnableUser', data: { userId } },
      { type: 'ChangeUserPassword', data: { userId, by: 'self' } },
      { type: 'RecordLoginSucceeded', data: { userId, sessionId: 's' } },
      { type: 'RecordLoginFailed', data: { userId, reason: 'bad_password' } },
      { type: 'RecordLogout', data: { userId, sessionId: 's' } },
    ];
    for (const command of commands) given([]).when(command).thenThrows('USER.NOT_FOUND');
  });
});

describe('disabling and enabling', () => {
  it('disables with a reason, once', () => {
    given([registered])
      .when({ type: 'DisableUser', data: { userId, reason: ' left the city ' } })
      .then([disabled]);
    given([registered])
      .when({ type: 'DisableUser', data: { userId, reason: '' } })
      .thenThrows('USER.INVALID', { field: 'reason', rule: 'must be a non-empty text' });
    given([registered, disabled])
      .when({ type: 'DisableUser', data: { userId, reason: 'again' } })
      .thenThrows('USER.NO_CHANGE', { field: 'disabled' });
  });
  it('enables a disabled user, not an enabled one', () => {
    given([registered, disabled])
      .when({ type: 'EnableUser', data: { userId } })
      .then([{ type: 'UserEnabled', data: { userId } }]);
    given([registered])
      .when({ type: 'EnableUser', data: { userId } })
      .thenThrows('USER.NO_CHANGE', { field: 'disabled' });
  });
  it('still lets an administrator fix the profile of a disabled user', () => {
    given([registered, disabled])
      .when({ type: 'RenameUser', data: { userId, name: 'An P.' } })
      .then([{ type: 'UserRenamed', data: { userId, from: 'An Peeters', to: 'An P.' } }]);
  });
});

describe('sign-in facts', () => {
  it('records a login, and refuses one of a disabled user', () => {
    given([registered])
      .when({ type: 'RecordLoginSucceeded', data: { userId, sessionId: 'sess-1' } })
      .then([{ type: 'UserLoggedIn', data: { userId, sessionId: 'sess-1' } }]);
    given([registered, disabled])
      .when({ type: 'RecordLoginSucceeded', data: { userId, sessionId: 'sess-1' } })
      .thenThrows('USER.DISABLED', { userId });
    given([registered, disabled, { type: 'UserEnabled', data: { userId } }])
      .when({ type: 'RecordLoginSucceeded', data: { userId, sessionId: 'sess-2' } })
      .then([{ type: 'UserLoggedIn', data: { userId, sessionId: 'sess-2' } }]);
    given([registered])
      .when({ type: 'RecordLoginSucceeded', data: { userId, sessionId: '' } })
      .thenThrows('USER.INVALID', { field: 'sessionId', rule: 'must be a non-empty text' });
  });
  it('records a failed login with a truthful reason', () => {
    given([registered])
      .when({ type: 'RecordLoginFailed', data: { userId, reason: 'bad_password' } })
      .then([{ type: 'UserLoginFailed', data: { userId, reason: 'bad_password' } }]);
    given([registered, disabled])
      .when({ type: 'RecordLoginFailed', data: { userId, reason: 'disabled' } })
      .then([{ type: 'UserLoginFailed', data: { userId, reason: 'disabled' } }]);
    given([registered])
      .when({ type: 'RecordLoginFailed', data: { userId, reason: 'disabled' } })
      .thenThrows('USER.INVALID', { field: 'reason', rule: 'the user is not disabled' });
    given([registered])
      .when({ type: 'RecordLoginFailed', data: { userId, reason: 'locked' as 'disabled' } })
      .thenThrows('USER.INVALID', { field: 'reason', rule: expect.stringContaining('bad_password') });
  });
  it('records a logout, also of a user disabled meanwhile', () => {
    given([registered, disabled])
      .when({ type: 'RecordLogout', data: { userId, sessionId: 'sess-1' } })
      .then([{ type: 'UserLoggedOut', data: { userId, sessionId: 'sess-1' } }]);
  });
  it('records a password change without any secret; a disabled user cannot change its own', () => {
    const events = [{ type: 'UserPasswordChanged', data: { userId, by: 'self' } }] as const;
    given([registered])
      .when({ type: 'ChangeUserPassword', data: { userId, by: 'self' } })
      .then(events);
    given([registered, disabled])
      .when({ type: 'ChangeUserPassword', data: { userId, by: 'self' } })
      .thenThrows('USER.DISABLED');
    given([registered, disabled])
      .when({ type: 'ChangeUserPassword', data: { userId, by: 'admin' } })
      .then([{ type: 'UserPasswordChanged', data: { userId, by: 'admin' } }]);
    given([registered])
      .when({ type: 'ChangeUserPassword', data: { userId, by: 'hacker' as 'self' } })
      .thenThrows('USER.INVALID');
  });
});

describe('InviteUser and AcceptInvitation', () => {
  // TEST_CONTEXT.now is 2024-03-01T09:00:00.000Z
  const invited = (invitationId: string, expiresAt = '2024-03-08T09:00:00.000Z'): UserEvent => ({
    type: 'UserInvited',
    data: { userId, invitationId, expiresAt },
  });
  const invite = (invitationId: string, expiresAt = '2024-03-08T09:00:00.000Z'): UserCommand => ({
    type: 'InviteUser',
    data: { userId, invitationId, expiresAt },
  });
  const accept = (invitationId: string): UserCommand => ({
    type: 'AcceptInvitation',
    data: { userId, invitationId },
  });

  it('issues an invitation that expires in the future, not for a disabled account', () => {
    given([registered])
      .when(invite('i1'))
      .then([invited('i1')]);
    given([registered]).when(invite('i1', '2024-03-01T08:59:59.000Z')).thenThrows('USER.INVALID');
    given([registered]).when(invite('i1', 'next week')).thenThrows('USER.INVALID');
    given([registered, disabled]).when(invite('i1')).thenThrows('USER.DISABLED');
    given([]).when(invite('i1')).thenThrows('USER.NOT_FOUND');
  });

  it('accepts the current invitation once, before it expires', () => {
    given([registered, invited('i1')])
      .when(accept('i1'))
      .then([{ type: 'UserInvitationAccepted', data: { userId, invitationId: 'i1' } }]);
    given([
      registered,
      invited('i1'),
      { type: 'UserInvitationAccepted', data: { userId, invitationId: 'i1' } },
    ])
      .when(accept('i1'))
      .thenThrows('USER.INVITATION_USED', { userId });
    given([registered, invited('i1', '2024-03-01T08:00:00.000Z')])
      .when(accept('i1'))
      .thenThrows('USER.INVITATION_EXPIRED', { userId, expiresAt: '2024-03-01T08:00:00.000Z' });
  });

  it('makes an earlier invitation void: a newer one, or a password set another way', () => {
    given([registered, invited('i1'), invited('i2')])
      .when(accept('i1'))
      .thenThrows('USER.INVITATION_USED');
    given([registered, invited('i1'), invited('i2')])
      .when(accept('i2'))
      .then([{ type: 'UserInvitationAccepted', data: { userId, invitationId: 'i2' } }]);
    given([registered, invited('i1'), { type: 'UserPasswordChanged', data: { userId, by: 'admin' } }])
      .when(accept('i1'))
      .thenThrows('USER.INVITATION_USED');
    given([registered, invited('i1'), disabled])
      .when(accept('i1'))
      .thenThrows('USER.DISABLED');
    given([registered]).when(accept('i1')).thenThrows('USER.INVITATION_USED');
  });
});
