/**
 * A position in the global event log as the api answers it: an opaque string, totally ordered by the
 * event store, that a client sends back as `?minPosition=` (libs/event-store names it `Position`).
 */
export type Position = string;
