import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { CommandService } from '#commands';
import { partnerStreamId, type KnownSignal } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ReadModelQueries, isSignalInScopeOfUserGroups, type SignalInbox } from '#read-models';
import { ApiError, notFound } from '../http/api-error.js';
import type { Caller } from '../http/request-context.js';
import { READ_POOL } from '../injection-tokens.js';

/**
 * Who sees and handles which signals (docs/access.md, "Signals"; docs/signals.md "Inboxes"). A coordinator
 * sees and handles every signal of the tenant; a member those in the scope of her working groups; a partner
 * user sees her own organisation's signals and submits for it. A signal outside the caller's inbox answers
 * 404, like an unknown one. Write checks read the signal from its stream (never stale).
 */
@Injectable()
export class SignalAccess {
  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
    @Inject(READ_POOL) private readonly db: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** the caller's inbox */
  async inbox(caller: Caller): Promise<SignalInbox> {
    switch (caller.role) {
      case 'coordinator':
        return { kind: 'tenant' };
      case 'member':
        return {
          kind: 'groups',
          workingGroupIds: await this.reads.workingGroupIdsOfMember(caller.tenantId, caller.id),
        };
      case 'partner':
        // a partner account without an organisation has an empty inbox
        return caller.partnerId
          ? { kind: 'partner', partnerId: caller.partnerId }
          : { kind: 'groups', workingGroupIds: [] };
      default:
        throw forbidden(caller, `the role ${caller.role} does not see signals`);
    }
  }

  /** acknowledge, answer, escalate, close: a coordinator, or a member for a signal in her groups' scope */
  async handle(caller: Caller, signalId: string): Promise<KnownSignal> {
    const signal = await this.commands.signals.find(caller.tenantId, signalId);
    if (!signal) throw notFound('signal', signalId);
    if (caller.role === 'coordinator') return signal;
    if (
      caller.role === 'member' &&
      (await isSignalInScopeOfUserGroups(
        this.db,
        caller.tenantId,
        caller.id,
        signal.actionIds,
        signal.themeIds,
      ))
    )
      return signal;
    throw notFound('signal', signalId);
  }

  /**
   * The organisation a submission comes from: a partner user submits for her own organisation only (and
   * names no other source); a coordinator names a partner or a source.
   */
  submitter(caller: Caller, partnerId: string | undefined, source: string | undefined): string | null {
    if (caller.role !== 'partner') return partnerId ?? null;
    if (!caller.partnerId)
      throw forbidden(caller, 'a partner account without an organisation cannot submit signals');
    if ((partnerId !== undefined && partnerId !== caller.partnerId) || source !== undefined)
      throw forbidden(caller, 'a partner submits signals for its own organisation only');
    return caller.partnerId;
  }

  /** a working group's inbox: a coordinator, or a member of that group */
  async workingGroup(caller: Caller, workingGroupId: string): Promise<void> {
    const members = await this.commands.meetings.membersOf(caller.tenantId, workingGroupId);
    if (!members) throw notFound('working group', workingGroupId);
    if (caller.role === 'coordinator' || (caller.role === 'member' && members.has(caller.id))) return;
    throw forbidden(caller, 'only a coordinator or a member of the working group sees its signals');
  }

  /** a partner's inbox: a coordinator, or that organisation's own users */
  async partner(caller: Caller, partnerId: string): Promise<void> {
    const [first] = await this.store.readStream(partnerStreamId(partnerId), { toVersion: 1 });
    if (!first || first.metadata.tenantId !== caller.tenantId) throw notFound('partner', partnerId);
    if (caller.role === 'coordinator' || (caller.role === 'partner' && caller.partnerId === partnerId))
      return;
    throw forbidden(caller, "only a coordinator or the organisation's own users see its signals");
  }
}

const forbidden = (caller: Caller, message: string): ApiError =>
  new ApiError(403, 'AUTH.FORBIDDEN', message, { role: caller.role });
