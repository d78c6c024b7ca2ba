import {
  actionDecider,
  DomainError,
  goalsBelow,
  placedActionsOf,
  planDecider,
  type ActionCommand,
  type PlanCommand,
} from '#domain';
import type { EventStore } from '#event-store';
import type { CommandContext, WriteResult } from './command-context.js';
import type { CommandExecutor } from './command-executor.js';
import { loadAggregate } from './load-aggregate.js';

export interface MoveActionInput {
  actionId: string;
  goalId: string;
  /** the action's new code; left out it keeps its code */
  code?: string;
}

export interface ArchiveSectionInput {
  kind: 'theme' | 'goal';
  id: string;
  reason: string;
}

export interface ArchiveSectionResult extends WriteResult {
  /** the actions archived along with the section (those archived before are not repeated) */
  archivedActionIds: string[];
}

/**
 * Changes to the plan tree that touch more than the plan's stream: moving an action (its own stream keeps its
 * goal and code) and archiving a theme or goal with the actions under it. Every step is idempotent for a
 * retried request, so a retry after a crash between steps completes the rest.
 */
export class PlanTreeService {
  constructor(
    private readonly store: EventStore,
    private readonly executor: CommandExecutor,
  ) {}

  /**
   * The plan reserves the code under the new goal (codes are unique within a plan), then the action's stream
   * records its new goal. The action's step is decided first without writing, so an archived or unknown action
   * or a move to where it already is is refused before the plan changes.
   */
  async moveAction(planId: string, input: MoveActionInput, context: CommandContext): Promise<WriteResult> {
    const previous = await this.executor.previousResult(actionDecider, input.actionId, context);
    if (previous) return previous;
    const { state } = await loadAggregate(this.store, actionDecider, input.actionId, context.tenantId);
    if (state.status === 'absent') throw new DomainError('ACTION.NOT_FOUND', { actionId: input.actionId });
    if (state.planId !== planId)
      throw new DomainError('PLAN.ACTION_NOT_PLACED', { actionId: input.actionId });
    const code = input.code ?? state.code;
    const change: ActionCommand = {
      type: 'ChangeActionGoal',
      data: { actionId: input.actionId, goalId: input.goalId, code },
    };
    await this.executor.decideOnly(actionDecider, input.actionId, change, context);
    const move: PlanCommand = {
      type: 'MoveAction',
      data: { planId, actionId: input.actionId, goalId: input.goalId, code },
    };
    await this.executor.execute(planDecider, planId, move, {
      ...context,
      idempotencyKey: context.idempotencyKey && `${context.idempotencyKey}#plan`,
    });
    return this.executor.execute(actionDecider, input.actionId, change, context);
  }

  /**
   * Archives every action under the theme or goal that is not archived yet (each on its own stream, with the
   * reason, so its history says why), then the section in the plan. The plan's step is decided first without
   * writing, so an unknown or archived section or a missing reason changes nothing.
   */
  async archiveSection(
    planId: string,
    input: ArchiveSectionInput,
    context: CommandContext,
  ): Promise<ArchiveSectionResult> {
    const archive: PlanCommand =
      input.kind === 'theme'
        ? { type: 'ArchiveTheme', data: { planId, themeId: input.id, reason: input.reason } }
        : { type: 'ArchiveGoal', data: { planId, goalId: input.id, reason: input.reason } };
    const previous = await this.executor.decideOnly(planDecider, planId, archive, context);
    if (previous) return { ...previous, archivedActionIds: [] };
    const { state } = await loadAggregate(this.store, planDecider, planId, context.tenantId);
    if (state.status !== 'active') throw new DomainError('PLAN.NOT_FOUND', { planId });
    const goalIds =
      input.kind === 'theme' ? goalsBelow(state, input.id) : [input.id, ...goalsBelow(state, input.id)];
    const archivedActionIds: string[] = [];
    for (const actionId of placedActionsOf(state, goalIds)) {
      const action = await loadAggregate(this.store, actionDecider, actionId, context.tenantId);
      if (action.state.status !== 'active') continue;
      await this.executor.execute(
        actionDecider,
        actionId,
        { type: 'ArchiveAction', data: { actionId, reason: input.reason } },
        { ...context, idempotencyKey: context.idempotencyKey && `${context.idempotencyKey}#${actionId}` },
      );
      archivedActionIds.push(actionId);
    }
    const result = await this.executor.execute(planDecider, planId, archive, context);
    return { ...result, archivedActionIds };
  }
}
