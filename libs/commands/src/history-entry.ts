import { changesOf, describeEvent, type DomainEvent } from '#domain';
import type { StoredEvent } from '#event-store';

/** A stored event as history and conflict answers show it (API.md, GET /api/actions/:id/history). */
export function toHistoryEntry(event: StoredEvent) {
  const domainEvent = { type: event.type, data: event.data } as DomainEvent;
  return {
    position: event.position,
    version: event.version,
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    actor: { id: event.metadata.actorId },
    meetingId: event.metadata.meetingId ?? null,
    summary: describeEvent(domainEvent),
    changes: changesOf(domainEvent),
    data: event.data,
  };
}
