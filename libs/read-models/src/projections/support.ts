import type { DomainEvent } from '#domain';
import type { StoredEvent } from '#event-store';

/** A stored event seen as the domain event it carries (event types are the contract, data is trusted). */
export const asDomainEvent = (event: StoredEvent): DomainEvent =>
  ({ type: event.type, data: event.data }) as DomainEvent;

export const tenantOf = (event: StoredEvent): string => {
  const tenantId = event.metadata?.tenantId;
  if (typeof tenantId !== 'string' || tenantId === '') {
    throw new Error(`event ${event.id} (${event.type}) at ${event.position} has no tenantId in its metadata`);
  }
  return tenantId;
};

/**
 * Sort key that orders codes the way people read them: "1.2" < "1.10", "OD 2" < "OD 10". Every run of
 * digits is zero-padded; letters compare case-insensitively.
 */
export const naturalSortKey = (code: string): string =>
  code
    .trim()
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(12, '0'));
