import type { UserRole } from '#domain';
import { boolean, integer, nullable, table, text, timestamptz, type RowOf } from '../projection/table.js';

export const usersTable = table(
  'rm_users',
  {
    tenant_id: text(),
    id: text(),
    email: text(),
    name: text(),
    role: text<UserRole>(),
    partner_id: nullable(text()),
    disabled: boolean(),
    demo: boolean(),
    /** the user stream's version after its last event */
    version: integer(),
    created_at: timestamptz(),
    /** last change to the account (sign-ins only move `last_login_at`) */
    updated_at: timestamptz(),
    last_login_at: nullable(timestamptz()),
    last_position: text(),
  },
  { primaryKey: ['tenant_id', 'id'], indexes: [{ name: 'rm_users_email_idx', columns: 'email' }] },
);
export type UserRow = RowOf<typeof usersTable>;
