import { USER_EVENT_TYPES } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import type { RowSet } from '../projection/sql.js';
import { rowSet } from '../projection/table.js';
import { usersTable, type UserRow } from './row.js';

export * from './row.js';

export const USERS_PROJECTION = 'users';
export const USERS_TABLE = usersTable.name;

/** The users of each tenant: lists, names of actors and members, roles. */
export function usersProjection(): Projection {
  return {
    name: USERS_PROJECTION,
    version: 1,
    eventTypes: USER_EVENT_TYPES,
    tables: [USERS_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const users = rowSet(usersTable);
      await users.load(
        tx,
        events.map((e) => ({ tenant_id: tenantOf(e), id: (e.data as { userId: string }).userId })),
      );
      for (const stored of events) applyToUsers(users, stored);
      await users.save(tx);
    },
    async truncate(tx) {
      await tx.query(`truncate ${USERS_TABLE}`);
    },
  };
}

/** Folds one user event into the rows in memory. */
export function applyToUsers(users: RowSet<UserRow>, stored: StoredEvent): void {
  const event = asDomainEvent(stored);
  const tenant_id = tenantOf(stored);
  const at = stored.metadata.occurredAt;
  if (event.type === 'UserRegistered') {
    const { data } = event;
    users.put({
      tenant_id,
      id: data.userId,
      email: data.email,
      name: data.name,
      role: data.role,
      partner_id: data.partnerId,
      disabled: false,
      demo: data.demo,
      version: stored.version,
      created_at: at,
      updated_at: at,
      last_login_at: null,
      last_position: stored.position,
    });
    return;
  }
  if (!('userId' in event.data)) return;
  const row = users.get({ tenant_id, id: event.data.userId });
  if (!row) return; // a user event before UserRegistered cannot happen in a valid stream
  const next: UserRow = { ...row, version: stored.version, last_position: stored.position };
  const changed = (change: Partial<UserRow>): void => {
    users.put({ ...next, ...change, updated_at: at });
  };
  switch (event.type) {
    case 'UserRenamed':
      return changed({ name: event.data.to });
    case 'UserRoleChanged':
      return changed({ role: event.data.to });
    case 'UserPartnerChanged':
      return changed({ partner_id: event.data.to });
    case 'UserDisabled':
      return changed({ disabled: true });
    case 'UserEnabled':
      return changed({ disabled: false });
    case 'UserPasswordChanged':
      return changed({});
    case 'UserLoggedIn':
      users.put({ ...next, last_login_at: at });
      return;
    case 'UserLoginFailed':
    case 'UserLoggedOut':
    case 'AuditTrailRead':
      users.put(next);
      return;
    default:
      return;
  }
}
