import type { Event } from '../shared/event.js';

/** A city, municipality or commission using the product; every other stream belongs to one. */
export type TenantCreated = Event<'TenantCreated', { tenantId: string; name: string; demo: boolean }>;
export type TenantRenamed = Event<'TenantRenamed', { tenantId: string; from: string; to: string }>;

export type TenantEvent = TenantCreated | TenantRenamed;

export const TENANT_EVENT_TYPES = [
  'TenantCreated',
  'TenantRenamed',
] as const satisfies readonly TenantEvent['type'][];

export const tenantStreamId = (tenantId: string): string => `tenant-${tenantId}`;
