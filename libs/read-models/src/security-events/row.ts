import { jsonb, table, text, timestamptz, type RowOf } from '../projection/table.js';

export const securityEventsTable = table(
  'rm_security_events',
  {
    position: text(),
    tenant_id: text(),
    /** the account the event is about */
    user_id: text(),
    type: text(),
    occurred_at: timestamptz(),
    /** who did it: the user (sign-in, own password) or a coordinator (role, disable) */
    actor_id: text(),
    /** the event's data as stored (never a secret: user events carry none) */
    details: jsonb<Record<string, unknown>>(),
  },
  {
    primaryKey: ['position'],
    indexes: [
      { name: 'rm_security_events_tenant_idx', columns: 'tenant_id, "position"' },
      { name: 'rm_security_events_user_idx', columns: 'tenant_id, user_id, "position"' },
    ],
  },
);
export type SecurityEventRow = RowOf<typeof securityEventsTable>;
