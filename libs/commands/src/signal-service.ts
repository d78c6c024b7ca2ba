import {
  actionDecider,
  planDecider,
  planStreamId,
  signalDecider,
  type KnownSignal,
  type SignalCommand,
  type SubmitSignal,
} from '#domain';
import type { EventStore } from '#event-store';
import type { CommandContext, WriteResult } from './command-context.js';
import { CommandError, aggregateNotFound } from './command-error.js';
import { CommandExecutor } from './command-executor.js';
import { findAggregate, loadAggregate, type LoadedAggregate } from './load-aggregate.js';
import type { MeetingSignalPort } from './meeting-service.js';
import { ReferenceChecker } from './reference-checker.js';

export type SubmitSignalInput = SubmitSignal['data'];

/**
 * The signal use cases. A signal is its own aggregate (`signal-<id>`); the partner, actions and themes it
 * names are checked here against their streams in the caller's tenant. A signal concerning actions is also
 * linked on each action's stream (`ActionSignalRecorded`), written after the signal's own stream and
 * idempotently, so a retry completes a link a crash left out (docs/decisions.md "Signals").
 * Who may call what is the api's rule on top (docs/access.md).
 */
export class SignalService implements MeetingSignalPort {
  private readonly executor: CommandExecutor;
  private readonly references: ReferenceChecker;

  constructor(private readonly store: EventStore) {
    this.executor = new CommandExecutor(store);
    this.references = new ReferenceChecker(store);
  }

  /** Submits a signal (a partner for its organisation, a coordinator for a partner or someone else). */
  async submit(input: SubmitSignalInput, context: CommandContext): Promise<WriteResult> {
    const result = await this.submitOnly(input, context);
    await this.link(input.signalId, context);
    return result;
  }

  /**
   * `POST /api/actions/:id/signals`: a signal concerning this action. The answer is the action's write
   * (its new version), as before; `expectedVersion` is the action's and is checked before anything is written.
   */
  async submitForAction(
    actionId: string,
    input: Omit<SubmitSignalInput, 'actionIds'>,
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<WriteResult> {
    // an unknown (or foreign) action is a 404 here, as for every action route
    const action = await findAggregate(this.store, actionDecider, actionId, context.tenantId);
    if (!action) throw aggregateNotFound('action', actionId);
    const linkCommand = this.linkCommand(input.signalId, actionId, {
      text: input.text,
      partnerId: input.partnerId ?? null,
      source: input.source ?? null,
      urgency: input.urgency ?? 'normal',
    });
    if (expectedVersion !== undefined) {
      // a stale version: the action step refuses with the usual conflict (and what was missed) before any write
      if (action.version !== expectedVersion)
        await this.executor.execute(actionDecider, actionId, linkCommand, context, expectedVersion);
    }
    await this.submitOnly({ ...input, actionIds: [actionId] }, context);
    return this.linkOne(input.signalId, actionId, context, expectedVersion);
  }

  acknowledge(signalId: string, context: CommandContext, expectedVersion?: number): Promise<WriteResult> {
    return this.run(signalId, { type: 'AcknowledgeSignal', data: { signalId } }, context, expectedVersion);
  }

  answer(
    signalId: string,
    response: string,
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<WriteResult> {
    return this.run(
      signalId,
      { type: 'AnswerSignal', data: { signalId, response } },
      context,
      expectedVersion,
    );
  }

  escalate(
    signalId: string,
    data: { to: string; text: string },
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<WriteResult> {
    return this.run(
      signalId,
      { type: 'EscalateSignal', data: { signalId, to: data.to, text: data.text } },
      context,
      expectedVersion,
    );
  }

  close(
    signalId: string,
    reason: string | null,
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<WriteResult> {
    return this.run(signalId, { type: 'CloseSignal', data: { signalId, reason } }, context, expectedVersion);
  }

  /**
   * The signal becomes an item of this meeting's agenda (called by the meetings' use cases when an agenda
   * item names the signal). Putting it on the same meeting again writes nothing.
   */
  putSignalOnAgenda(signalId: string, meetingId: string, context: CommandContext): Promise<WriteResult> {
    return this.run(signalId, { type: 'PutSignalOnAgenda', data: { signalId, meetingId } }, context);
  }

  /** MeetingSignalPort */
  putOnAgenda(signalId: string, meetingId: string, context: CommandContext): Promise<WriteResult> {
    return this.putSignalOnAgenda(signalId, meetingId, context);
  }

  /** MeetingSignalPort: the signal's text, or null when the tenant has no such signal */
  async title(tenantId: string, signalId: string): Promise<string | null> {
    return (await this.find(tenantId, signalId))?.text ?? null;
  }

  /** The signal as its stream says now (never stale), or null for an unknown or foreign one. */
  async find(tenantId: string, signalId: string): Promise<KnownSignal | null> {
    return (await this.load(tenantId, signalId))?.state ?? null;
  }

  private async load(tenantId: string, signalId: string): Promise<LoadedAggregate<KnownSignal> | null> {
    const signal = await findAggregate(this.store, signalDecider, signalId, tenantId);
    if (!signal || signal.state.status === 'absent') return null;
    return { ...signal, state: signal.state };
  }

  private run(
    signalId: string,
    command: SignalCommand,
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<WriteResult> {
    return this.executor.execute(signalDecider, signalId, command, context, expectedVersion);
  }

  /** The signal's own stream; a retry of the same submission (same data) completes instead of failing. */
  private async submitOnly(input: SubmitSignalInput, context: CommandContext): Promise<WriteResult> {
    const existing = await this.load(context.tenantId, input.signalId);
    if (existing && sameSubmission(existing.state, input)) {
      return { id: input.signalId, version: 1, position: existing.events[0]!.position, duplicate: true };
    }
    return this.executor.execute(
      signalDecider,
      input.signalId,
      { type: 'SubmitSignal', data: input },
      context,
      undefined,
      () => this.checkReferences(input, context.tenantId),
    );
  }

  private async checkReferences(input: SubmitSignalInput, tenantId: string): Promise<void> {
    if (input.partnerId) await this.references.partnerExists(tenantId, input.partnerId, 'partnerId');
    const unknownActions: string[] = [];
    for (const actionId of input.actionIds ?? []) {
      const action = (await findAggregate(this.store, actionDecider, actionId, tenantId))?.state;
      if (!action || action.status === 'absent') {
        unknownActions.push(actionId);
        continue;
      }
      if (action.status === 'archived')
        throw new CommandError('ACTION.ARCHIVED', `action ${actionId} is archived`, {
          field: 'actionIds',
          ids: [actionId],
        });
    }
    if (unknownActions.length > 0)
      throw new CommandError('ACTION.UNKNOWN', `no action with id ${unknownActions.join(', ')}`, {
        field: 'actionIds',
        ids: unknownActions,
      });
    const themeIds = input.themeIds ?? [];
    if (themeIds.length > 0) {
      const known = await this.themesOf(tenantId);
      const unknownThemes = themeIds.filter((id) => !known.has(id));
      if (unknownThemes.length > 0)
        throw new CommandError('PLAN.THEME_UNKNOWN', `no theme with id ${unknownThemes.join(', ')}`, {
          field: 'themeIds',
          ids: unknownThemes,
        });
    }
  }

  /**
   * the themes of every active plan of the tenant. The plans are found through the store's stream ids, never
   * through `readAll`: that one is held back while any older transaction in the database runs, and a plan
   * created a moment ago must count.
   */
  private async themesOf(tenantId: string): Promise<Set<string>> {
    const prefix = planStreamId('');
    const themes = new Set<string>();
    for (const streamId of await this.store.streamIds(tenantId, prefix)) {
      const planId = streamId.slice(prefix.length);
      const plan = (await loadAggregate(this.store, planDecider, planId, tenantId)).state;
      if (plan.status === 'active') for (const themeId of plan.themes.keys()) themes.add(themeId);
    }
    return themes;
  }

  /** links the signal on each action it concerns (skipping the links already written) */
  private async link(signalId: string, context: CommandContext): Promise<void> {
    const signal = await this.find(context.tenantId, signalId);
    for (const actionId of signal?.actionIds ?? []) await this.linkOne(signalId, actionId, context);
  }

  private async linkOne(
    signalId: string,
    actionId: string,
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<WriteResult> {
    const signal = await this.find(context.tenantId, signalId);
    if (!signal)
      throw new CommandError('SIGNAL.UNKNOWN', `no signal with id ${signalId}`, { field: 'signalId' });
    const { state, version, events } = await loadAggregate(
      this.store,
      actionDecider,
      actionId,
      context.tenantId,
    );
    if (state.status !== 'absent' && state.signalIds.includes(signalId)) {
      const at = events.find(
        (event) =>
          event.type === 'ActionSignalRecorded' && (event.data as { signalId: string }).signalId === signalId,
      )!;
      return { id: actionId, version, position: at.position, duplicate: true };
    }
    return this.executor.execute(
      actionDecider,
      actionId,
      this.linkCommand(signalId, actionId, signal),
      // each link gets its own idempotency scope so a retried request replays every step
      {
        ...context,
        idempotencyKey: context.idempotencyKey && `${context.idempotencyKey}#action-${actionId}`,
      },
      expectedVersion,
    );
  }

  private linkCommand(
    signalId: string,
    actionId: string,
    signal: Pick<KnownSignal, 'partnerId' | 'source' | 'text' | 'urgency'>,
  ) {
    return {
      type: 'RecordActionSignal' as const,
      data: {
        actionId,
        signalId,
        partnerId: signal.partnerId,
        source: signal.source,
        text: signal.text,
        urgency: signal.urgency,
      },
    };
  }
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  (a ?? []).length === b.length && (a ?? []).every((item, index) => item.trim() === b[index]);

function sameSubmission(signal: KnownSignal, input: SubmitSignalInput): boolean {
  return (
    signal.text === input.text.trim() &&
    signal.partnerId === (input.partnerId ?? null) &&
    signal.source === (input.source?.trim() || null) &&
    sameList(input.actionIds, signal.actionIds) &&
    sameList(input.themeIds, signal.themeIds)
  );
}
