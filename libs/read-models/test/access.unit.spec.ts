import { describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '#domain';
import { toPosition, type StoredEvent } from '#event-store';
import {
  RowSet,
  TENANTS_TABLE,
  USERS_TABLE,
  applyToTenants,
  applyToUsers,
  applyToWorkingGroups,
  newWorkingGroupsState,
  toSecurityEventRow,
  type TenantRow,
  type UserRow,
} from '#read-models';

let seq = 0;
function stored(event: DomainEvent, version = 1, actorId = 'u-coord'): StoredEvent {
  seq++;
  return {
    id: `e${seq}`,
    streamId: 's',
    version,
    position: toPosition(2000, seq),
    type: event.type,
    data: event.data,
    metadata: {
      actorId,
      tenantId: 't1',
      correlationId: 'c',
      causationId: null,
      occurredAt: `2026-02-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    },
    recordedAt: '2026-02-01T10:00:00.000Z',
  };
}

describe('users fold', () => {
  it('keeps profile changes in updated_at and sign-ins in last_login_at only', () => {
    const users = new RowSet<UserRow>(USERS_TABLE, ['tenant_id', 'id']);
    const userId = 'u-an';
    applyToUsers(
      users,
      stored({
        type: 'UserRegistered',
        data: { userId, email: 'an@x.be', name: 'An', role: 'member', partnerId: null, demo: true },
      }),
    );
    const registered = users.get({ tenant_id: 't1', id: userId })!;
    const login = stored({ type: 'UserLoggedIn', data: { userId, sessionId: 's1' } }, 2);
    applyToUsers(users, login);
    const afterLogin = users.get({ tenant_id: 't1', id: userId })!;
    expect(afterLogin).toMatchObject({
      version: 2,
      last_login_at: login.metadata.occurredAt,
      updated_at: registered.updated_at,
    });
    applyToUsers(users, stored({ type: 'UserDisabled', data: { userId, reason: 'x' } }, 3));
    applyToUsers(
      users,
      stored({ type: 'UserRoleChanged', data: { userId, from: 'member', to: 'viewer' } }, 4),
    );
    expect(users.get({ tenant_id: 't1', id: userId })).toMatchObject({
      disabled: true,
      role: 'viewer',
      demo: true,
      version: 4,
      tenant_id: 't1',
    });
    // an event of a user the read model does not know is ignored, never a crash
    applyToUsers(users, stored({ type: 'UserEnabled', data: { userId: 'ghost' } }));
    expect(users.get({ tenant_id: 't1', id: 'ghost' })).toBeUndefined();
  });
});

describe('working groups fold', () => {
  it('counts members once, whatever the order of adds and removes', () => {
    const state = newWorkingGroupsState();
    const workingGroupId = 'wg';
    const apply = (event: DomainEvent) => applyToWorkingGroups(state, stored(event));
    apply({
      type: 'WorkingGroupCreated',
      data: {
        workingGroupId,
        planId: 'p',
        name: 'W',
        description: '',
        scope: { themeIds: ['t'], actionIds: [] },
      },
    });
    const add = (userId: string): DomainEvent => ({
      type: 'WorkingGroupMemberAdded',
      data: { workingGroupId, userId, partnerId: null, role: 'member' },
    });
    apply(add('u1'));
    apply(add('u2'));
    apply(add('u2')); // a replayed duplicate cannot count twice
    apply({ type: 'WorkingGroupMemberRemoved', data: { workingGroupId, userId: 'u1' } });
    apply({ type: 'WorkingGroupMemberRemoved', data: { workingGroupId, userId: 'u1' } });
    apply({
      type: 'WorkingGroupMemberRoleChanged',
      data: { workingGroupId, userId: 'u2', from: 'member', to: 'chair' },
    });
    expect(state.groups.get({ tenant_id: 't1', id: workingGroupId })).toMatchObject({ member_count: 1 });
    expect([...state.members.values()].map((m) => [m.user_id, m.role])).toEqual([['u2', 'chair']]);
    apply({
      type: 'WorkingGroupScopeChanged',
      data: {
        workingGroupId,
        from: { themeIds: ['t'], actionIds: [] },
        to: { themeIds: [], actionIds: ['a1'] },
      },
    });
    apply({ type: 'WorkingGroupArchived', data: { workingGroupId, reason: 'done' } });
    expect(state.groups.get({ tenant_id: 't1', id: workingGroupId })).toMatchObject({
      theme_ids: [],
      action_ids: ['a1'],
      archived: true,
      archived_reason: 'done',
    });
  });
});

describe('tenants fold and security rows', () => {
  it('keys a tenant by its own id', () => {
    const tenants = new RowSet<TenantRow>(TENANTS_TABLE, ['id']);
    applyToTenants(
      tenants,
      stored({ type: 'TenantCreated', data: { tenantId: 'x', name: 'X', demo: false } }),
    );
    applyToTenants(tenants, stored({ type: 'TenantRenamed', data: { tenantId: 'x', from: 'X', to: 'Y' } }));
    expect(tenants.get({ id: 'x' })).toMatchObject({ tenant_id: 'x', name: 'Y', demo: false });
  });

  it('stores who did what to which account', () => {
    const event = stored(
      { type: 'UserLoginFailed', data: { userId: 'u-an', reason: 'bad_password' } },
      5,
      'u-an',
    );
    expect(toSecurityEventRow(event)).toEqual({
      position: event.position,
      tenant_id: 't1',
      user_id: 'u-an',
      type: 'UserLoginFailed',
      occurred_at: event.metadata.occurredAt,
      actor_id: 'u-an',
      details: { userId: 'u-an', reason: 'bad_password' },
    });
  });
});
