import type { EventMetadata, NewEvent, StoredEvent } from '../event-store.port.js';
import { erasedPseudonym, isEnvelope, isLegacyPlain, open, seal, type Envelope } from './envelope.js';
import type { PersonalDataKeys } from './key-store.js';
import {
  SCHEMA_VERSION_METADATA_KEY,
  fieldLabel,
  fieldValue,
  setFieldValue,
  type PersonalDataPolicy,
  type PersonalField,
  type Upcaster,
} from './policy.js';

/** A gap or an ambiguity in the upcaster chain (checked at start-up: the process refuses to start). */
export class UpcasterChainError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the upcaster chain is incomplete: ${problems.join('; ')}`);
    this.name = 'UpcasterChainError';
  }
}

/**
 * Every event type's chain from version 1 to its current version must have exactly one step per version, and
 * no step may lead past the current version or name an unknown type. Answers the problems (empty: complete).
 */
export function upcasterChainProblems(policy: PersonalDataPolicy): string[] {
  const problems: string[] = [];
  const steps = new Map<string, Upcaster[]>();
  for (const step of policy.upcasters) {
    const key = `${step.type}@${step.from}`;
    steps.set(key, [...(steps.get(key) ?? []), step]);
    const target = policy.types[step.type];
    if (!target) problems.push(`${step.type}: an upcaster for an unknown event type`);
    else if (step.from < 1 || step.from >= target.version)
      problems.push(`${step.type}: an upcaster from version ${step.from}, outside 1..${target.version - 1}`);
  }
  for (const [type, { version }] of Object.entries(policy.types)) {
    if (!Number.isInteger(version) || version < 1)
      problems.push(`${type}: version ${version} is not a positive integer`);
    for (let from = 1; from < version; from++) {
      const found = steps.get(`${type}@${from}`) ?? [];
      if (found.length === 0) problems.push(`${type}: no upcaster from version ${from} to ${from + 1}`);
      if (found.length > 1) problems.push(`${type}: ${found.length} upcasters from version ${from}`);
    }
  }
  return problems;
}

export function assertUpcasterChain(policy: PersonalDataPolicy): void {
  const problems = upcasterChainProblems(policy);
  if (problems.length > 0) throw new UpcasterChainError(problems);
}

const versionOf = (metadata: EventMetadata | undefined): number => {
  const version = metadata?.[SCHEMA_VERSION_METADATA_KEY];
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
};

/**
 * Encrypts the personal fields of events before they are appended and reveals them when read (one place for
 * both: `PersonalDataEventStore`). A field of an erased subject reads as the policy's erased marker.
 */
export class PersonalDataCodec {
  private readonly steps = new Map<string, Upcaster>();

  constructor(
    private readonly policy: PersonalDataPolicy,
    readonly keys: PersonalDataKeys,
  ) {
    assertUpcasterChain(policy);
    for (const step of policy.upcasters) this.steps.set(`${step.type}@${step.from}`, step);
  }

  /** the subject id the key table uses for this subject (a guest's name as a keyed hash) */
  subjectId(subject: { kind: string; id: string; pseudonymise?: boolean }): string {
    return this.keys.master.subjectId(subject);
  }

  /**
   * Encrypts the personal fields of these events (one append) with their subjects' keys: the keys of all the
   * events' subjects are read (and created) in one batch per tenant, and the authors of free text recorded in
   * one insert, so an append with many text items costs the same three queries as one with a single item.
   */
  async protect(events: readonly NewEvent[]): Promise<NewEvent[]> {
    type Pending = { index: number; field: PersonalField; subjectId: string };
    const prepared: Array<{ event: NewEvent; data: Record<string, unknown> | null }> = [];
    const pending: Pending[] = [];
    const wanted = new Map<string, Set<string>>();
    const authors: Array<{ tenantId: string; subjectId: string; authorId: string }> = [];
    for (const event of events) {
      const rule = this.policy.types[event.type];
      if (!rule) {
        prepared.push({ event, data: null });
        continue;
      }
      const metadata =
        rule.version > 1
          ? { ...event.metadata, [SCHEMA_VERSION_METADATA_KEY]: rule.version }
          : event.metadata;
      if (rule.personal.length === 0 || typeof event.data !== 'object' || event.data === null) {
        prepared.push({ event: { ...event, metadata }, data: null });
        continue;
      }
      const data = event.data as Record<string, unknown>;
      const ref = { id: event.id, actorId: event.metadata.actorId };
      const { tenantId } = event.metadata;
      for (const field of rule.personal) {
        const value = fieldValue(data, field);
        if (value === null || value === undefined || isEnvelope(value)) continue;
        const subject = field.subject(data, ref);
        if (!subject) continue;
        const subjectId = this.subjectId(subject);
        pending.push({ index: prepared.length, field, subjectId });
        wanted.set(tenantId, (wanted.get(tenantId) ?? new Set()).add(subjectId));
        if (field.authored) authors.push({ tenantId, subjectId, authorId: event.metadata.actorId });
      }
      prepared.push({ event: { ...event, metadata }, data });
    }
    if (pending.length === 0) return prepared.map(({ event }) => event);
    const keys = new Map<string, { keyId: string; key: Buffer }>();
    for (const [tenantId, subjects] of wanted) {
      const written = authors.filter((author) => author.tenantId === tenantId);
      for (const [subjectId, key] of await this.keys.keysFor(tenantId, [...subjects], written))
        keys.set(`${tenantId}|${subjectId}`, key);
    }
    const sealed = new Map<number, Record<string, unknown>>();
    for (const { index, field, subjectId } of pending) {
      const { event, data } = prepared[index]!;
      const next = sealed.get(index) ?? { ...data };
      const key = keys.get(`${event.metadata.tenantId}|${subjectId}`)!;
      setFieldValue(next, field, seal(key.key, key.keyId, fieldLabel(field), fieldValue(data!, field)));
      sealed.set(index, next);
    }
    return prepared.map(({ event }, index) => {
      const data = sealed.get(index);
      return data ? { ...event, data } : event;
    });
  }

  /** upcasts each event to its type's current version and decrypts (or masks) its personal fields */
  async reveal<E extends StoredEvent>(events: readonly E[]): Promise<E[]> {
    const upcast = events.map((event) => ({ event, data: this.upcast(event) }));
    const keyIds: string[] = [];
    const legacy: Array<readonly [string, string]> = [];
    for (const { event, data } of upcast) {
      if (!data) continue;
      for (const field of this.policy.types[event.type]?.personal ?? []) {
        const value = fieldValue(data, field);
        if (isEnvelope(value)) keyIds.push(value.k);
        else if (isLegacyPlain(value)) {
          legacy.push([event.metadata.tenantId, this.subjectId(value.subject)]);
          if (value.author)
            legacy.push([event.metadata.tenantId, this.subjectId({ kind: 'user', id: value.author })]);
        }
      }
    }
    if (keyIds.length === 0 && legacy.length === 0) {
      return upcast.map(({ event, data }) => (data && data !== event.data ? { ...event, data } : event));
    }
    const [keys, erased] = await Promise.all([this.keys.keys(keyIds), this.keys.erasedSubjects(legacy)]);
    return upcast.map(({ event, data }) => {
      if (!data) return event;
      const next: Record<string, unknown> = { ...data };
      for (const field of this.policy.types[event.type]?.personal ?? []) {
        const value = fieldValue(data, field);
        if (isEnvelope(value)) {
          const entry = keys.get(value.k);
          setFieldValue(
            next,
            field,
            entry?.key
              ? open(entry.key, fieldLabel(field), value)
              : this.erased(field, entry?.subject ?? `unknown:${value.k}`),
          );
        } else if (isLegacyPlain(value)) {
          const subjectId = this.subjectId(value.subject);
          const tenant = event.metadata.tenantId;
          setFieldValue(
            next,
            field,
            erased.has(`${tenant}|${subjectId}`) ||
              (value.author !== undefined &&
                erased.has(`${tenant}|${this.subjectId({ kind: 'user', id: value.author })}`))
              ? this.erased(field, subjectId)
              : value.value,
          );
        }
      }
      return { ...event, data: next };
    });
  }

  private erased(field: PersonalField, subjectId: string): string {
    return field.erasedAs === 'pseudonym' ? erasedPseudonym(subjectId) : this.policy.erasedText;
  }

  /** the event's data at its type's current version (null when the data is not an object: left as it is) */
  private upcast(event: StoredEvent): Record<string, unknown> | null {
    const rule = this.policy.types[event.type];
    if (!rule || typeof event.data !== 'object' || event.data === null) return null;
    let data = event.data as Record<string, unknown>;
    for (let version = versionOf(event.metadata); version < rule.version; version++) {
      const step = this.steps.get(`${event.type}@${version}`);
      if (!step) throw new UpcasterChainError([`${event.type}: no upcaster from version ${version}`]);
      data = step.up(data, { id: event.id, actorId: event.metadata.actorId });
    }
    return data;
  }
}

export type { Envelope };
