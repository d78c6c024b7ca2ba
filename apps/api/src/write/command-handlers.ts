import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandService, type WriteResult } from '#commands';
import { AddActionToPlan, RunActionCommand, RunPartnerCommand, RunPlanCommand } from './commands.js';

@CommandHandler(RunActionCommand)
export class RunActionCommandHandler implements ICommandHandler<RunActionCommand, WriteResult> {
  constructor(private readonly commands: CommandService) {}
  execute({ actionId, command, context, expectedVersion }: RunActionCommand): Promise<WriteResult> {
    return this.commands.action(actionId, command, context, expectedVersion);
  }
}

@CommandHandler(RunPlanCommand)
export class RunPlanCommandHandler implements ICommandHandler<RunPlanCommand, WriteResult> {
  constructor(private readonly commands: CommandService) {}
  execute({ planId, command, context, expectedVersion }: RunPlanCommand): Promise<WriteResult> {
    return this.commands.plan(planId, command, context, expectedVersion);
  }
}

@CommandHandler(RunPartnerCommand)
export class RunPartnerCommandHandler implements ICommandHandler<RunPartnerCommand, WriteResult> {
  constructor(private readonly commands: CommandService) {}
  execute({ partnerId, command, context, expectedVersion }: RunPartnerCommand): Promise<WriteResult> {
    return this.commands.partner(partnerId, command, context, expectedVersion);
  }
}

@CommandHandler(AddActionToPlan)
export class AddActionToPlanHandler implements ICommandHandler<AddActionToPlan, WriteResult> {
  constructor(private readonly commands: CommandService) {}
  execute({ planId, action, context }: AddActionToPlan): Promise<WriteResult> {
    return this.commands.addAction(planId, action, context);
  }
}

export const COMMAND_HANDLERS = [
  RunActionCommandHandler,
  RunPlanCommandHandler,
  RunPartnerCommandHandler,
  AddActionToPlanHandler,
];
