import { nullable, table, text, timestamptz, type RowOf } from '../projection/table.js';

export const partnersTable = table(
  'rm_partners',
  {
    tenant_id: text(),
    id: text(),
    name: text(),
    kind: text(),
    merged_into: nullable(text()),
    registered_at: timestamptz(),
    updated_at: timestamptz(),
    last_position: text(),
  },
  { primaryKey: ['tenant_id', 'id'] },
);
export type PartnerRow = RowOf<typeof partnersTable>;
