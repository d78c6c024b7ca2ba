/**
 * What the event store needs to know about personal data (docs/privacy.md, docs/event-versioning.md): per event
 * type its current schema version and which data fields hold whose personal data. The table itself is the
 * domain's (`PERSONAL_DATA_POLICY` in #domain); this library only applies it, so it stays free of the domain.
 */

/** The person a field is about. */
export interface SubjectRef {
  /** `user`, `guest`, `signal` (the reporter named in a signal), `text` (one free-text item), ... */
  kind: string;
  /** the user id, the signal id, or for a guest the name in lower case */
  id: string;
  /** true when `id` is itself personal (a guest's name): the key table then stores a keyed hash of it */
  pseudonymise?: boolean;
}

/**
 * How an erased field reads: `text` as the policy's erased marker, `pseudonym` as `<kind>:erased-<12 hex>`
 * (unique per subject, so ids that held the name, like a guest's attendee id, stay distinct).
 */
export type ErasedAs = 'text' | 'pseudonym';

/** The event a field's subject is taken from, besides its data: its id and its actor (ids only). */
export interface EventRef {
  id: string;
  actorId: string;
}

export interface PersonalField {
  /** a key of the event's data (of the object at `within` when given) */
  field: string;
  /** the top-level key of the object that holds `field` (e.g. a frozen report's `action`); absent: top level */
  within?: string;
  /** whose data it is; null when this event's value is not personal (e.g. a user attendee's attendee id) */
  subject: (data: Readonly<Record<string, unknown>>, event: EventRef) => SubjectRef | null;
  erasedAs: ErasedAs;
  /**
   * free text written by the event's actor: the key table records the actor as an author of the field's
   * subject (a text item), so erasing that user erases the item's key too (`PersonalDataKeys.eraseAuthored`)
   */
  authored?: boolean;
}

export interface EventTypePolicy {
  /** the schema version new events of this type are written with (1 = the first shape) */
  version: number;
  /** the personal fields of the current version (empty: none) */
  personal: readonly PersonalField[];
}

/** One step of an event type's schema: data of version `from` becomes data of version `from + 1`. */
export interface Upcaster {
  type: string;
  from: number;
  up: (data: Record<string, unknown>, event: EventRef) => Record<string, unknown>;
}

export interface PersonalDataPolicy {
  /** every event type the product writes; an unknown type is passed through untouched */
  types: Readonly<Record<string, EventTypePolicy>>;
  upcasters: readonly Upcaster[];
  /** what an erased `text` field reads as (the domain's language-neutral marker, localised when shown) */
  erasedText: string;
}

/** the value of a personal field in an event's data */
export const fieldValue = (data: Readonly<Record<string, unknown>>, field: PersonalField): unknown => {
  if (field.within === undefined) return data[field.field];
  const holder = data[field.within];
  return typeof holder === 'object' && holder !== null
    ? (holder as Record<string, unknown>)[field.field]
    : undefined;
};

/** sets a personal field in `data` (a copy the caller owns; a nested field's holder is copied first) */
export const setFieldValue = (data: Record<string, unknown>, field: PersonalField, value: unknown): void => {
  if (field.within === undefined) data[field.field] = value;
  else data[field.within] = { ...(data[field.within] as Record<string, unknown>), [field.field]: value };
};

/** the field's name in the envelope's authenticated data: `field`, or `within.field` */
export const fieldLabel = (field: PersonalField): string =>
  field.within === undefined ? field.field : `${field.within}.${field.field}`;

/** metadata key of an event's schema version (absent: version 1) */
export const SCHEMA_VERSION_METADATA_KEY = 'schemaVersion';
