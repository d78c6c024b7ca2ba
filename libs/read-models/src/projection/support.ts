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
