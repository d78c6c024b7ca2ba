import { boolean, table, text, timestamptz, type RowOf } from '../projection/table.js';

export const tenantsTable = table(
  'rm_tenants',
  {
    id: text(),
    /** the tenant itself: every read-model row names its tenant */
    tenant_id: text(),
    name: text(),
    demo: boolean(),
    created_at: timestamptz(),
    updated_at: timestamptz(),
    last_position: text(),
  },
  { primaryKey: ['id'] },
);
export type TenantRow = RowOf<typeof tenantsTable>;
