import {
  DomainError,
  actionDecider,
  freeTextFields,
  guestSubject,
  fieldValue,
  indicatorDecider,
  meetingDecider,
  periodDecider,
  planDecider,
  signalDecider,
  tenantDecider,
  tenantStreamId,
  userDecider,
  workingGroupDecider,
  type ErasureLegalGround,
  type ErasureRecorded,
} from '#domain';
import type { EventStore, PersonalDataEventStore, StoredEvent } from '#event-store';
import type { IdentityStore } from '#identity';
import type { CommandContext, WriteResult } from './command-context.js';
import { aggregateNotFound } from './command-error.js';
import { CommandExecutor } from './command-executor.js';
import { createdId } from './event-ids.js';
import { loadAggregate } from './load-aggregate.js';

/**
 * the aggregates whose history holds free text (a period's: the leads' narratives; an indicator's: its
 * measurements' sources, comments and correction reasons, its archive reason; a plan's: the archive reasons of
 * its themes and goals, the reason an action was taken out of it; a working group's: its archive reason)
 */
export const TEXT_AGGREGATES = [
  'action',
  'signal',
  'meeting',
  'period',
  'indicator',
  'plan',
  'working-group',
] as const;
export type TextAggregate = (typeof TEXT_AGGREGATES)[number];

/** each text aggregate's name in its error codes (its decider's name: `working_group`) */
const TEXT_AGGREGATE_NAMES: Readonly<Record<TextAggregate, string>> = {
  action: actionDecider.name,
  signal: signalDecider.name,
  meeting: meetingDecider.name,
  period: periodDecider.name,
  indicator: indicatorDecider.name,
  plan: planDecider.name,
  'working-group': workingGroupDecider.name,
};

/**
 * Whose personal data to erase: an account (with every free-text item she wrote), a guest by the name she
 * attended under, a signal's reporter, or one free-text item: the one the change at `version` of that
 * action's, signal's, meeting's, period's, indicator's, plan's or working group's history wrote (a note, a
 * signal's text, an agenda item's notes, an archive or cancellation reason, a lead's narrative, a measurement's
 * comment...).
 */
export type ErasureSubject =
  | { kind: 'user'; userId: string }
  | { kind: 'guest'; guestName: string }
  | { kind: 'signal-reporter'; signalId: string }
  | { kind: 'text'; aggregate: TextAggregate; aggregateId: string; version: number };

export interface ErasureResult extends WriteResult {
  erasureId: string;
  /** keys deleted by this erasure (0: the subject had no key; its legacy plaintext is masked from now on) */
  keysErased: number;
}

/**
 * Crypto-shredding (issue 18, part 3; docs/privacy.md): deletes the subject's keys, then records
 * `ErasureRecorded` in the tenant's stream. The keys go first, so no projection that replays at the event can
 * read the data again; a failure between the two is repaired by sending the request again (the keys are
 * already gone, the event is written then).
 */
export class ErasureService {
  private readonly executor: CommandExecutor;

  constructor(
    /** the store the write side appends through */
    private readonly store: EventStore,
    /** the same store's personal-data layer (its key table) */
    private readonly personalData: PersonalDataEventStore,
    private readonly identity: IdentityStore | null,
  ) {
    this.executor = new CommandExecutor(store);
  }

  async erase(
    subject: ErasureSubject,
    legalGround: ErasureLegalGround,
    context: CommandContext,
  ): Promise<ErasureResult> {
    const { tenantId } = context;
    // a retry (same Idempotency-Key) is answered from the first erasure, and a reused key with another body is
    // refused, before any key is touched
    const earlier = await this.earlier(context);
    if (earlier) {
      const result = await this.executor.execute(
        tenantDecider,
        tenantId,
        { type: 'RecordErasure', data: earlier },
        context,
      );
      return { ...result, erasureId: earlier.erasureId, keysErased: earlier.keysErased };
    }
    let subjectId: string;
    let email: string | null = null;
    const codec = this.personalData.codec;
    switch (subject.kind) {
      case 'user': {
        const { state } = await loadAggregate(this.store, userDecider, subject.userId, tenantId);
        if (state.status === 'absent') throw new DomainError('USER.NOT_FOUND');
        if (state.status === 'enabled')
          throw new DomainError('ERASURE.USER_ACTIVE', { userId: subject.userId });
        email = state.email;
        subjectId = codec.subjectId({ kind: 'user', id: subject.userId });
        break;
      }
      case 'guest':
        subjectId = codec.subjectId(guestSubject(subject.guestName));
        break;
      case 'signal-reporter': {
        const { state } = await loadAggregate(this.store, signalDecider, subject.signalId, tenantId);
        if (state.status === 'absent') throw new DomainError('SIGNAL.NOT_FOUND');
        subjectId = codec.subjectId({ kind: 'signal', id: subject.signalId });
        break;
      }
      case 'text':
        subjectId = await this.textItem(subject, tenantId);
        break;
    }
    const erased = await codec.keys.erase(tenantId, subjectId, context.now);
    let keysErased = erased.keysErased;
    // a user's erasure takes every free-text item she wrote with it (docs/privacy.md)
    if (subject.kind === 'user')
      keysErased += await codec.keys.eraseAuthored(tenantId, subject.userId, context.now);
    if (subject.kind === 'user' && this.identity) {
      // the account row (sign-in address, name, password hash; sessions cascade) and failed sign-ins go too
      await this.identity.deleteAccount(subject.userId);
      if (email) await this.identity.forgetLoginFailures(email);
    }
    const erasureId = createdId(context, 'erasure');
    const result = await this.executor.execute(
      tenantDecider,
      tenantId,
      {
        type: 'RecordErasure',
        data: {
          tenantId,
          erasureId,
          kind: subject.kind,
          subject: subjectId,
          legalGround,
          keysErased,
        },
      },
      context,
    );
    return { ...result, erasureId, keysErased };
  }

  /**
   * The key subject of the free-text item the change at `version` of the aggregate's history wrote: the
   * aggregate in the caller's tenant (else `<NAME>.NOT_FOUND`, 404), the change in it (else
   * `ERASURE.TEXT_NOT_FOUND`, 422 like every missing part named in a body)
   * and a free-text field with a value in it (else `ERASURE.NOT_FREE_TEXT`).
   */
  private async textItem(
    target: Extract<ErasureSubject, { kind: 'text' }>,
    tenantId: string,
  ): Promise<string> {
    const options = { toVersion: target.version };
    const { events } = await this.history(target.aggregate, target.aggregateId, tenantId, options);
    // an id nobody used is as unknown as another tenant's (never a hint that it exists elsewhere); the code is
    // the aggregate's own (`WORKING_GROUP.NOT_FOUND`), as its other routes answer it
    if (events.length === 0)
      throw aggregateNotFound(TEXT_AGGREGATE_NAMES[target.aggregate], target.aggregateId);
    const event = events.at(-1);
    if (!event || event.version !== target.version)
      throw new DomainError('ERASURE.TEXT_NOT_FOUND', {
        aggregate: target.aggregate,
        id: target.aggregateId,
        version: target.version,
      });
    const data = event.data as Record<string, unknown>;
    const ref = { id: event.id, actorId: event.metadata.actorId };
    const subjects = new Set(
      freeTextFields(event.type)
        .filter((rule) => fieldValue(data, rule) !== null && fieldValue(data, rule) !== undefined)
        .map((rule) => rule.subject(data, ref))
        .filter((subject) => subject !== null)
        .map((subject) => this.personalData.codec.subjectId(subject)),
    );
    // every free-text field of one event belongs to one item (docs/privacy.md)
    const [subjectId] = subjects;
    if (subjectId === undefined || subjects.size !== 1)
      throw new DomainError('ERASURE.NOT_FREE_TEXT', { type: event.type, version: target.version });
    return subjectId;
  }

  /** the aggregate's events up to `options.toVersion` (another tenant's: `<NAME>.NOT_FOUND`) */
  private async history(
    aggregate: TextAggregate,
    id: string,
    tenantId: string,
    options: { toVersion: number },
  ): Promise<{ events: readonly StoredEvent[] }> {
    switch (aggregate) {
      case 'action':
        return loadAggregate(this.store, actionDecider, id, tenantId, options);
      case 'signal':
        return loadAggregate(this.store, signalDecider, id, tenantId, options);
      case 'meeting':
        return loadAggregate(this.store, meetingDecider, id, tenantId, options);
      case 'period':
        return loadAggregate(this.store, periodDecider, id, tenantId, options);
      case 'indicator':
        return loadAggregate(this.store, indicatorDecider, id, tenantId, options);
      case 'plan':
        return loadAggregate(this.store, planDecider, id, tenantId, options);
      case 'working-group':
        return loadAggregate(this.store, workingGroupDecider, id, tenantId, options);
    }
  }

  private async earlier(context: CommandContext): Promise<ErasureRecorded['data'] | null> {
    if (context.idempotencyKey === null) return null;
    const events = await this.store.readStream(tenantStreamId(context.tenantId));
    const found = events.find(
      (event) => event.type === 'ErasureRecorded' && event.metadata.idempotencyKey === context.idempotencyKey,
    );
    return found ? (found.data as ErasureRecorded['data']) : null;
  }
}
