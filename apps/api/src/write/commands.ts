import { Command } from '@nestjs/cqrs';
import type { ActionCommand, PartnerCommand, PlanCommand } from '#domain';
import type { CommandContext, WriteResult } from '#commands';

/** A command for one action, as the HTTP edge validated it. */
export class RunActionCommand extends Command<WriteResult> {
  constructor(
    readonly actionId: string,
    readonly command: ActionCommand,
    readonly context: CommandContext,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

export class RunPlanCommand extends Command<WriteResult> {
  constructor(
    readonly planId: string,
    readonly command: PlanCommand,
    readonly context: CommandContext,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

export class RunPartnerCommand extends Command<WriteResult> {
  constructor(
    readonly partnerId: string,
    readonly command: PartnerCommand,
    readonly context: CommandContext,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/**
 * Adding an action touches two streams: the plan reserves the code under the goal (codes are unique
 * within a plan), then the action's own stream starts. Both steps are idempotent for the same action id,
 * so a retry after a crash between them completes the second step.
 */
export class AddActionToPlan extends Command<WriteResult> {
  constructor(
    readonly planId: string,
    readonly action: Extract<ActionCommand, { type: 'AddAction' }>['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
