import type { DomainEventType } from './domain-event.js';
import { ALL_EVENT_TYPES } from './domain-event.js';
import type { LocalizedText } from './labels.js';
import { ERASED } from './erased.js';
import { frozenActionAsReferences } from '../period/period.upcasters.js';

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
  /** `text`: one free-text item (a note, a signal's text, an agenda item's notes...), erasable on its own */
  kind: 'user' | 'guest' | 'signal' | 'text';
  id: string;
  pseudonymise?: boolean;
}

/** what a subject is taken from besides the event's data: the event's id and who wrote it (ids only) */
export interface PersonalEventContext {
  id: string;
  actorId: string;
}

export interface PersonalFieldRule {
  field: string;
  /** the object field of the data that holds `field` (e.g. a frozen report's `action`); absent: top level */
  within?: string;
  subject: (data: Readonly<Record<string, unknown>>, event: PersonalEventContext) => PersonalSubject | null;
  erasedAs: 'text' | 'pseudonym';
  /**
   * free text written by the event's actor: besides its own item key, the erasure of that user erases it (the
   * key table records the item's authors; legacy plaintext carries its author)
   */
  authored?: boolean;
}

export interface EventTypeRule {
  version: number;
  personal: readonly PersonalFieldRule[];
}

export interface EventUpcaster {
  type: string;
  from: number;
  up: (data: Record<string, unknown>, event: PersonalEventContext) => Record<string, unknown>;
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
 * Free-text items (docs/decisions.md, "Free text: one key per text item"). A text item is what a person asks
 * to have removed and what is shown as one text: a note, a signal's text (the signal's and the action's copy),
 * an agenda item's notes (every version the secretary saved), a decision, a next step, a proposal, a minutes
 * correction, a measurement's source and comment (with its corrections' reasons); a reason (an archive, a
 * cancellation, an action taken out of the plan...), answer, escalation or progress comment is its own event's
 * item. The item id is made of ids only, never of the text.
 */
export const textItem = (item: string): PersonalSubject => ({ kind: 'text', id: item });
const byDataId =
  (kind: string, ...fields: string[]): PersonalFieldRule['subject'] =>
  (data) => {
    const ids = fields.map((field) => str(data[field]));
    return ids.every((id) => id !== null) ? textItem(`${kind}/${ids.join('/')}`) : null;
  };
const byEvent: PersonalFieldRule['subject'] = (_data, event) => textItem(`event/${event.id}`);
const freeText = (field: string, subject: PersonalFieldRule['subject']): PersonalFieldRule => ({
  field,
  subject,
  erasedAs: 'text',
  authored: true,
});
const signalText = byDataId('signal', 'signalId');
const agendaNotes = byDataId('agenda-notes', 'meetingId', 'itemId');
const proposal = byDataId('proposal', 'proposalId');
/**
 * A lead's narrative for one action in one period: every version she (or a colleague) submitted, and the copy
 * frozen in the period's report at its close, are one text item (the report shows one narrative per action)
 */
const periodNarrative = byDataId('period-narrative', 'periodId', 'actionId');
const frozenNarrative: PersonalFieldRule['subject'] = (data) => {
  const action = data.action as Readonly<Record<string, unknown>> | null | undefined;
  return periodNarrative({ periodId: data.periodId, actionId: action?.actionId }, { id: '', actorId: '' });
};
/**
 * A measurement's texts: its source and comment as recorded and as every correction left them (the copy of the
 * values before a correction that the correction keeps in `from` included), and each correction's reason, are
 * one text item (a correction writes into the measurement's texts and its reason in one event)
 */
const measurementTexts = byDataId('measurement', 'indicatorId', 'measurementId');
/** the values before a correction: a copy of what an earlier change wrote into the item, not the corrector's */
const measurementCopy = (field: string): PersonalFieldRule => ({
  ...text(field, measurementTexts),
  within: 'from',
});
/** the values after a correction: written by the corrector (unchanged fields carried over, saved anew) */
const measurementCorrected = (field: string): PersonalFieldRule => ({
  ...freeText(field, measurementTexts),
  within: 'to',
});

/**
 * One version step of an event type: the personal fields that became encrypted at it (the step's upcaster marks
 * them where an older event holds them in plain text), or another change of the data's shape with its explicit
 * upcaster (`reshape`: pure, moves `$pd` markers and envelopes, never opens them).
 */
type SchemaStep = readonly PersonalFieldRule[] | Readonly<{ reshape: EventUpcaster['up'] }>;

const isFieldStep = (step: SchemaStep): step is readonly PersonalFieldRule[] => Array.isArray(step);

/**
 * Each event type's schema steps (step 1 makes version 2, step 2 version 3...). Events written before a step
 * hold that step's fields in plain text, which the step's upcaster marks with their subject (and, for free
 * text, their author), or the older shape, which its `reshape` brings to the next.
 */
const SCHEMA_STEPS: Partial<Record<DomainEventType, ReadonlyArray<SchemaStep>>> = {
  UserRegistered: [[text('email', user), text('name', user)]],
  UserRenamed: [[text('from', user), text('to', user)]],
  UserDisabled: [[text('reason', user)]],
  MeetingAttendanceRecorded: [
    [
      text('guestName', guestByName),
      text('organisation', guestByName),
      { field: 'attendeeId', subject: guestByName, erasedAs: 'pseudonym' },
    ],
  ],
  MeetingBallotSubmitted: [
    [text('guestName', guestVoter), { field: 'voterId', subject: guestVoter, erasedAs: 'pseudonym' }],
  ],
  SignalSubmitted: [[text('source', signalReporter)], [freeText('text', signalText)]],
  ActionSignalRecorded: [[text('source', signalReporter)], [freeText('text', signalText)]],
  ActionNoteAdded: [[freeText('text', byDataId('note', 'noteId'))]],
  ActionStatusChanged: [[freeText('reason', byEvent)]],
  ActionProgressReported: [[freeText('comment', byEvent)]],
  SignalAnswered: [[freeText('response', byEvent)]],
  SignalEscalated: [[freeText('text', byEvent)]],
  SignalClosed: [[freeText('reason', byEvent)]],
  MeetingAgendaItemAdded: [[freeText('notes', agendaNotes)]],
  MeetingAgendaNotesEdited: [[freeText('notes', agendaNotes)]],
  MeetingMinutesCorrected: [[freeText('text', byDataId('minutes-correction', 'correctionId'))]],
  MeetingDecisionRecorded: [[freeText('text', byDataId('decision', 'decisionId'))]],
  MeetingNextStepRecorded: [[freeText('text', byDataId('next-step', 'nextStepId'))]],
  MeetingProposalAdded: [[freeText('text', proposal), freeText('source', proposal)]],
  ActionArchived: [[freeText('reason', byEvent)]],
  PeriodUpdateSubmitted: [[freeText('narrative', periodNarrative)]],
  IndicatorMeasurementRecorded: [
    [freeText('source', measurementTexts), freeText('comment', measurementTexts)],
  ],
  IndicatorMeasurementCorrected: [
    [
      measurementCopy('source'),
      measurementCopy('comment'),
      measurementCorrected('source'),
      measurementCorrected('comment'),
      freeText('reason', measurementTexts),
    ],
  ],
  IndicatorArchived: [[freeText('reason', byEvent)]],
  MeetingCancelled: [[freeText('reason', byEvent)]],
  ThemeArchived: [[freeText('reason', byEvent)]],
  GoalArchived: [[freeText('reason', byEvent)]],
  ActionUnplaced: [[freeText('reason', byEvent)]],
  WorkingGroupArchived: [[freeText('reason', byEvent)]],
  ReportingPeriodActionFrozen: [
    // the narrative copied into the report frozen at the close: the same item, written by the lead, not the closer
    [{ ...text('narrative', frozenNarrative), within: 'action' }],
    // the period's changes and open signals frozen as references, not copies of their texts (period.upcasters.ts)
    { reshape: frozenActionAsReferences },
  ],
};

/** every event type: its current schema version and personal fields (a type missing here fails to compile) */
export const EVENT_TYPE_RULES: Readonly<Record<DomainEventType, EventTypeRule>> = Object.fromEntries(
  ALL_EVENT_TYPES.map((type) => {
    const steps = SCHEMA_STEPS[type] ?? [];
    return [type, { version: steps.length + 1, personal: steps.filter(isFieldStep).flat() }];
  }),
) as unknown as Record<DomainEventType, EventTypeRule>;

/** the free-text fields of an event type (erasable one item at a time, and with their author) */
export const freeTextFields = (type: string): readonly PersonalFieldRule[] =>
  (EVENT_TYPE_RULES[type as DomainEventType]?.personal ?? []).filter((rule) => rule.authored === true);

const isMarked = (value: unknown): boolean => typeof value === 'object' && value !== null && '$pd' in value;

/** the value of a rule's field in an event's data (inside `within` when the rule names one) */
export const fieldValue = (data: Readonly<Record<string, unknown>>, rule: PersonalFieldRule): unknown => {
  if (rule.within === undefined) return data[rule.field];
  const holder = data[rule.within];
  return typeof holder === 'object' && holder !== null
    ? (holder as Record<string, unknown>)[rule.field]
    : undefined;
};

/** a copy of `data` with the rule's field set to `value` (the holder of a nested field copied too) */
export const withFieldValue = (
  data: Readonly<Record<string, unknown>>,
  rule: PersonalFieldRule,
  value: unknown,
): Record<string, unknown> =>
  rule.within === undefined
    ? { ...data, [rule.field]: value }
    : {
        ...data,
        [rule.within]: { ...(data[rule.within] as Record<string, unknown>), [rule.field]: value },
      };

/**
 * v(n) -> v(n+1) of a type whose fields `fields` became encrypted at that step: each of them still in plain text
 * becomes `{ $pd: 'plain', subject, value }` (free text also with `author`, the event's actor), the shape the
 * event store reads as "legacy plaintext of this subject" (masked once the subject, or the author, is erased).
 * Subjects are taken from the data before any field is changed.
 */
export const markLegacyPlaintext = (
  type: string,
  fields: readonly PersonalFieldRule[],
  from = 1,
): EventUpcaster => ({
  type,
  from,
  up: (data, event) => {
    const subjects = fields.map((rule) => rule.subject(data, event));
    let next: Record<string, unknown> = { ...data };
    fields.forEach((rule, index) => {
      const value = fieldValue(data, rule);
      const subject = subjects[index];
      if (value === null || value === undefined || !subject || isMarked(value)) return;
      next = withFieldValue(
        next,
        rule,
        rule.authored
          ? { $pd: 'plain', subject, value, author: event.actorId }
          : { $pd: 'plain', subject, value },
      );
    });
    return next;
  },
});

/** the domain's upcaster chain: event type + version -> next version (checked for gaps at start-up) */
export const EVENT_UPCASTERS: readonly EventUpcaster[] = Object.entries(SCHEMA_STEPS).flatMap(
  ([type, steps]) =>
    steps.map((step, index) =>
      isFieldStep(step)
        ? markLegacyPlaintext(type, step, index + 1)
        : { type, from: index + 1, up: step.reshape },
    ),
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
