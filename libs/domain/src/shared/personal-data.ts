import type { DomainEventType } from './domain-event.js';
import { ALL_EVENT_TYPES } from './domain-event.js';
import type { LocalizedText } from './labels.js';
import { ERASED } from './erased.js';

/**
 * Which event fields hold whose personal data (issue 18, part 3; docs/privacy.md). The event store encrypts
 * these fields with the subject's key when events are appended and reveals them when read; once the subject is
 * erased they read as `ERASED` (texts) or as `<kind>:erased-<hash>` (ids that held a name). Plain data: the
 * crypto is in `#event-store` (`protectPersonalData`), which the apps give this table.
 */

/** the event type of an erasure (tenant stream); the projection runner replays a tenant's read models at it */
export const ERASURE_RECORDED_TYPE = 'ErasureRecorded' as const;

export { ERASED };

export interface PersonalSubject {
  kind: 'user' | 'guest' | 'signal';
  id: string;
  pseudonymise?: boolean;
}

export interface PersonalFieldRule {
  field: string;
  subject: (data: Readonly<Record<string, unknown>>) => PersonalSubject | null;
  erasedAs: 'text' | 'pseudonym';
}

export interface EventTypeRule {
  version: number;
  personal: readonly PersonalFieldRule[];
}

export interface EventUpcaster {
  type: string;
  from: number;
  up: (data: Record<string, unknown>) => Record<string, unknown>;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

const user = (data: Readonly<Record<string, unknown>>): PersonalSubject | null => {
  const id = str(data.userId);
  return id ? { kind: 'user', id } : null;
};
/** a guest is known by name within a tenant: the name in lower case, pseudonymised in the key table */
export const guestSubject = (name: string): PersonalSubject => ({
  kind: 'guest',
  id: name.trim().toLowerCase(),
  pseudonymise: true,
});
const guestByName = (data: Readonly<Record<string, unknown>>): PersonalSubject | null => {
  const name = str(data.guestName);
  return name ? guestSubject(name) : null;
};
const guestVoter = (data: Readonly<Record<string, unknown>>): PersonalSubject | null => {
  const voter = str(data.voterId);
  return voter?.startsWith('guest:') ? guestSubject(voter.slice('guest:'.length)) : null;
};
const signalReporter = (data: Readonly<Record<string, unknown>>): PersonalSubject | null => {
  const id = str(data.signalId);
  return id ? { kind: 'signal', id } : null;
};

const text = (field: string, subject: PersonalFieldRule['subject']): PersonalFieldRule => ({
  field,
  subject,
  erasedAs: 'text',
});

/**
 * Version 2 of these types stores their personal fields encrypted; version 1 (events written before) has
 * them in plain text, which the upcaster below marks with their subject.
 */
const PERSONAL: Partial<Record<DomainEventType, readonly PersonalFieldRule[]>> = {
  UserRegistered: [text('email', user), text('name', user)],
  UserRenamed: [text('from', user), text('to', user)],
  UserDisabled: [text('reason', user)],
  MeetingAttendanceRecorded: [
    text('guestName', guestByName),
    text('organisation', guestByName),
    { field: 'attendeeId', subject: guestByName, erasedAs: 'pseudonym' },
  ],
  MeetingBallotSubmitted: [
    text('guestName', guestVoter),
    { field: 'voterId', subject: guestVoter, erasedAs: 'pseudonym' },
  ],
  SignalSubmitted: [text('source', signalReporter)],
  ActionSignalRecorded: [text('source', signalReporter)],
};

/** every event type: its current schema version and personal fields (a type missing here fails to compile) */
export const EVENT_TYPE_RULES: Readonly<Record<DomainEventType, EventTypeRule>> = Object.fromEntries(
  ALL_EVENT_TYPES.map((type) => {
    const personal = PERSONAL[type];
    return [type, personal ? { version: 2, personal } : { version: 1, personal: [] }];
  }),
) as Record<DomainEventType, EventTypeRule>;

const isMarked = (value: unknown): boolean => typeof value === 'object' && value !== null && '$pd' in value;

/**
 * v1 -> v2 of a type whose personal fields became encrypted: each personal field still in plain text becomes
 * `{ $pd: 'plain', subject, value }`, the shape the event store reads as "legacy plaintext of this subject"
 * (masked once the subject is erased). Subjects are taken from the v1 data before any field is changed.
 */
export const markLegacyPlaintext = (type: string, fields: readonly PersonalFieldRule[]): EventUpcaster => ({
  type,
  from: 1,
  up: (data) => {
    const subjects = fields.map((rule) => rule.subject(data));
    const next: Record<string, unknown> = { ...data };
    fields.forEach((rule, index) => {
      const value = data[rule.field];
      const subject = subjects[index];
      if (value === null || value === undefined || !subject || isMarked(value)) return;
      next[rule.field] = { $pd: 'plain', subject, value };
    });
    return next;
  },
});

/** the domain's upcaster chain: event type + version -> next version (checked for gaps at start-up) */
export const EVENT_UPCASTERS: readonly EventUpcaster[] = Object.entries(PERSONAL).map(([type, fields]) =>
  markLegacyPlaintext(type, fields),
);

/** what `protectPersonalData` (#event-store) is given */
export const PERSONAL_DATA_POLICY = {
  types: EVENT_TYPE_RULES,
  upcasters: EVENT_UPCASTERS,
  erasedText: ERASED,
} as const;

/** the erased marker in one language's text: "gewist" (nl) or "erased" (en) */
export const localiseErasedIn = (text: string, lang: 'nl' | 'en'): string =>
  text.includes(ERASED) ? text.split(ERASED).join(lang === 'nl' ? 'gewist' : 'erased') : text;

/** "[erased]" in a text shown to a person: "gewist" in Dutch, "erased" in English */
export const localiseErased = (text: LocalizedText): LocalizedText =>
  text.nl.includes(ERASED) || text.en.includes(ERASED)
    ? { nl: text.nl.split(ERASED).join('gewist'), en: text.en.split(ERASED).join('erased') }
    : text;
