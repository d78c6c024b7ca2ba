import type { Command } from '../shared/event.js';

export type CreateTenant = Command<'CreateTenant', { tenantId: string; name: string; demo?: boolean }>;
export type RenameTenant = Command<'RenameTenant', { tenantId: string; name: string }>;

export type TenantCommand = CreateTenant | RenameTenant;

export const TENANT_COMMAND_TYPES = [
  'CreateTenant',
  'RenameTenant',
] as const satisfies readonly TenantCommand['type'][];
