import type { Event } from '../shared/event.js';

/** A city, municipality or commission using the product; every other stream belongs to one. */
export type TenantCreated = Event<'TenantCreated', { tenantId: string; name: string; demo: boolean }>;
export type TenantRenamed = Event<'TenantRenamed', { tenantId: string; from: string; to: string }>;

/**
 * What an erasure names: an account, a guest at meetings (by name), the reporter named in a signal, or one
 * free-text item (a note, a signal's text, an agenda item's notes...: `subject` is then `text:<item>`, ids only).
 */
export const ERASURE_SUBJECT_KINDS = ['user', 'guest', 'signal-reporter', 'text'] as const;
export type ErasureSubjectKind = (typeof ERASURE_SUBJECT_KINDS)[number];

/** The GDPR ground of an erasure (art. 17(1) a-f). */
export const ERASURE_LEGAL_GROUNDS = [
  'no-longer-necessary',
  'consent-withdrawn',
  'objection',
  'unlawful-processing',
  'legal-obligation',
  'child-consent',
] as const;
export type ErasureLegalGround = (typeof ERASURE_LEGAL_GROUNDS)[number];

/**
 * A data subject's personal data was erased (issue 18, part 3): their keys were deleted, so every encrypted
 * field of theirs reads as erased. No personal data: `subject` is the key table's subject id (a user or signal
 * id, a keyed hash of a guest's name, or `text:<item>` made of ids); who erased and when are the event's actor
 * and time.
 */
export type ErasureRecorded = Event<
  'ErasureRecorded',
  {
    tenantId: string;
    erasureId: string;
    kind: ErasureSubjectKind;
    subject: string;
    legalGround: ErasureLegalGround;
    /** keys deleted (0: the subject had no key: only its legacy plaintext is masked from now on) */
    keysErased: number;
  }
>;

export type TenantEvent = TenantCreated | TenantRenamed | ErasureRecorded;

export const TENANT_EVENT_TYPES = [
  'TenantCreated',
  'TenantRenamed',
  'ErasureRecorded',
] as const satisfies readonly TenantEvent['type'][];

export const tenantStreamId = (tenantId: string): string => `tenant-${tenantId}`;
