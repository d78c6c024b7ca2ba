import type { Command } from '../shared/event.js';
import type { ErasureLegalGround, ErasureSubjectKind } from './tenant.events.js';

export type CreateTenant = Command<'CreateTenant', { tenantId: string; name: string; demo?: boolean }>;
export type RenameTenant = Command<'RenameTenant', { tenantId: string; name: string }>;

/** records an erasure whose keys the caller has just deleted (libs/commands `ErasureService`) */
export type RecordErasure = Command<
  'RecordErasure',
  {
    tenantId: string;
    erasureId: string;
    kind: ErasureSubjectKind;
    subject: string;
    legalGround: ErasureLegalGround;
    keysErased: number;
  }
>;

export type TenantCommand = CreateTenant | RenameTenant | RecordErasure;

export const TENANT_COMMAND_TYPES = [
  'CreateTenant',
  'RenameTenant',
  'RecordErasure',
] as const satisfies readonly TenantCommand['type'][];
