import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from './command-context.js';
import { CommandExecutor } from './command-executor.js';
import { AddActionToPlan, RunActionCommand, RunPartnerCommand, RunPlanCommand } from './commands.js';
import { actionDecider, partnerDecider, planDecider } from './deciders.js';
import { ReferenceChecker } from './reference-checker.js';

@CommandHandler(RunActionCommand)
export class RunActionCommandHandler implements ICommandHandler<RunActionCommand, WriteResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly references: ReferenceChecker,
  ) {}
  async execute({ actionId, command, context, expectedVersion }: RunActionCommand): Promise<WriteResult> {
    const { tenantId } = context;
    if (command.type === 'ChangeActionOwner' && command.data.ownerId !== null) {
      await this.references.partnerExists(tenantId, command.data.ownerId, 'ownerId');
    } else if (command.type === 'AddActionPartner') {
      await this.references.partnerExists(tenantId, command.data.partnerId, 'partnerId');
    } else if (command.type === 'RecordActionSignal' && command.data.partnerId) {
      await this.references.partnerExists(tenantId, command.data.partnerId, 'partnerId');
    }
    return this.executor.execute(actionDecider, actionId, command, context, expectedVersion);
  }
}

@CommandHandler(RunPlanCommand)
export class RunPlanCommandHandler implements ICommandHandler<RunPlanCommand, WriteResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly references: ReferenceChecker,
  ) {}
  async execute({ planId, command, context, expectedVersion }: RunPlanCommand): Promise<WriteResult> {
    const lead =
      command.type === 'AddTheme' || command.type === 'ChangeThemeLead'
        ? (command.data.leadPartnerId ?? null)
        : null;
    if (lead !== null) await this.references.partnerExists(context.tenantId, lead, 'leadPartnerId');
    return this.executor.execute(planDecider, planId, command, context, expectedVersion);
  }
}

@CommandHandler(RunPartnerCommand)
export class RunPartnerCommandHandler implements ICommandHandler<RunPartnerCommand, WriteResult> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly references: ReferenceChecker,
  ) {}
  async execute({ partnerId, command, context, expectedVersion }: RunPartnerCommand): Promise<WriteResult> {
    if (command.type === 'MergePartner') {
      await this.references.partnerExists(context.tenantId, command.data.intoPartnerId, 'intoPartnerId');
    }
    return this.executor.execute(partnerDecider, partnerId, command, context, expectedVersion);
  }
}

@CommandHandler(AddActionToPlan)
export class AddActionToPlanHandler implements ICommandHandler<AddActionToPlan, WriteResult> {
  constructor(private readonly executor: CommandExecutor) {}
  async execute({ planId, action, context }: AddActionToPlan): Promise<WriteResult> {
    await this.executor.execute(
      planDecider,
      planId,
      {
        type: 'PlaceAction',
        data: { planId, actionId: action.actionId, goalId: action.goalId, code: action.code },
      },
      // the plan step gets its own idempotency scope so a retried request replays both steps
      { ...context, idempotencyKey: context.idempotencyKey && `${context.idempotencyKey}#place` },
    );
    return this.executor.execute(
      actionDecider,
      action.actionId,
      { type: 'AddAction', data: { ...action, planId } },
      context,
    );
  }
}

export const COMMAND_HANDLERS = [
  RunActionCommandHandler,
  RunPlanCommandHandler,
  RunPartnerCommandHandler,
  AddActionToPlanHandler,
];
