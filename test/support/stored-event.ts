import type { EventMetadata, StoredEvent } from '#event-store';

/**
 * A stored event of tenant `city` for pure unit tests (audiences, caches): the fields a reader of the log gets,
 * with `overrides` for what the test is about.
 */
export function storedEvent(
  streamId: string,
  type: string,
  overrides: Partial<Omit<StoredEvent, 'metadata'>> & { metadata?: Partial<EventMetadata> } = {},
): StoredEvent {
  const { metadata, ...rest } = overrides;
  return {
    id: 'e',
    streamId,
    version: 1,
    position: '1',
    type,
    data: {},
    recordedAt: '2026-01-01T00:00:00Z',
    ...rest,
    metadata: {
      actorId: 'u',
      tenantId: 'city',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-01-01T00:00:00Z',
      ...metadata,
    },
  };
}
