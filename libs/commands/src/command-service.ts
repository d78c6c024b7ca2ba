import {
  actionDecider,
  indicatorDecider,
  partnerDecider,
  planDecider,
  workingGroupDecider,
  type ActionCommand,
  type IndicatorCommand,
  type PartnerCommand,
  type PlanCommand,
  type WorkingGroupCommand,
} from '#domain';
import type { EventStore } from '#event-store';
import type { CommandContext, WriteResult } from './command-context.js';
import { CommandExecutor } from './command-executor.js';
import { ReferenceChecker } from './reference-checker.js';
import { MeetingService } from './meeting-service.js';
import { SignalService } from './signal-service.js';
import { PlanTreeService } from './plan-tree-service.js';
import { PeriodService } from './period-service.js';

export type AddActionInput = Extract<ActionCommand, { type: 'AddAction' }>['data'];

/**
 * The write side's use cases, the same for every caller: the REST API (through the @nestjs/cqrs command
 * bus), the CLI and the importer. Cross-aggregate references are checked here; each aggregate's own
 * rules are in its decider.
 */
export class CommandService {
  private readonly executor: CommandExecutor;
  private readonly references: ReferenceChecker;
  /** working-group meetings (libs/commands/src/meeting-service.ts) */
  readonly meetings: MeetingService;
  /** partner signals (libs/commands/src/signal-service.ts); the meetings put them on agendas through it */
  readonly signals: SignalService;
  /** moving an action, archiving a theme or goal with what it holds (libs/commands/src/plan-tree-service.ts) */
  readonly planTree: PlanTreeService;
  /** reporting periods and update rounds (libs/commands/src/period-service.ts) */
  readonly periods: PeriodService;

  constructor(readonly store: EventStore) {
    this.executor = new CommandExecutor(store);
    this.references = new ReferenceChecker(store);
    this.meetings = new MeetingService(store);
    this.signals = new SignalService(store);
    this.meetings.signals = this.signals;
    this.planTree = new PlanTreeService(store, this.executor);
    this.periods = new PeriodService(store, this.executor, this.references);
  }

  async action(actionId: string, command: ActionCommand, context: CommandContext, expectedVersion?: number) {
    const { tenantId } = context;
    const partnerId =
      command.type === 'ChangeActionOwner'
        ? command.data.ownerId
        : command.type === 'AddActionPartner'
          ? command.data.partnerId
          : command.type === 'RecordActionSignal'
            ? (command.data.partnerId ?? null)
            : null;
    const field = command.type === 'ChangeActionOwner' ? 'ownerId' : 'partnerId';
    return this.executor.execute(actionDecider, actionId, command, context, expectedVersion, async () => {
      if (partnerId !== null) await this.references.partnerExists(tenantId, partnerId, field);
    });
  }

  /**
   * Several changes to one action at one moment as one write (`CommandExecutor.executeAll`), with the same
   * reference checks as `action`: the demo clock's rounds use it (a lead, a status and progress together).
   */
  async actionSteps(actionId: string, commands: readonly ActionCommand[], context: CommandContext) {
    for (const command of commands) {
      const partnerId =
        command.type === 'ChangeActionOwner'
          ? command.data.ownerId
          : command.type === 'AddActionPartner'
            ? command.data.partnerId
            : null;
      const field = command.type === 'ChangeActionOwner' ? 'ownerId' : 'partnerId';
      if (partnerId !== null) await this.references.partnerExists(context.tenantId, partnerId, field);
    }
    return this.executor.executeAll(actionDecider, actionId, commands, context);
  }

  /** Several changes to one plan at one moment as one write (the demo's BBC codes and priorities). */
  planSteps(planId: string, commands: readonly PlanCommand[], context: CommandContext) {
    for (const command of commands) {
      if (command.type !== 'SetNodeReporting')
        throw new Error(`planSteps writes reporting settings only, not ${command.type}`);
    }
    return this.executor.executeAll(planDecider, planId, commands, context);
  }

  async plan(planId: string, command: PlanCommand, context: CommandContext, expectedVersion?: number) {
    const lead =
      command.type === 'AddTheme' || command.type === 'ChangeThemeLead'
        ? (command.data.leadPartnerId ?? null)
        : null;
    return this.executor.execute(planDecider, planId, command, context, expectedVersion, async () => {
      if (lead !== null) await this.references.partnerExists(context.tenantId, lead, 'leadPartnerId');
    });
  }

  async partner(
    partnerId: string,
    command: PartnerCommand,
    context: CommandContext,
    expectedVersion?: number,
  ) {
    return this.executor.execute(partnerDecider, partnerId, command, context, expectedVersion, async () => {
      if (command.type === 'MergePartner') {
        await this.references.partnerExists(context.tenantId, command.data.intoPartnerId, 'intoPartnerId');
      }
    });
  }

  /**
   * An indicator of a plan's node. Defining one checks that the node is a theme, goal or placed action of the
   * plan and takes its kind from the plan (whatever the caller said).
   */
  async indicator(
    indicatorId: string,
    command: IndicatorCommand,
    context: CommandContext,
    expectedVersion?: number,
  ) {
    return this.executor.execute(
      indicatorDecider,
      indicatorId,
      command,
      context,
      expectedVersion,
      async () => {
        if (command.type !== 'DefineIndicator') return;
        const nodeKind = await this.references.planNode(
          context.tenantId,
          command.data.planId,
          command.data.nodeId,
        );
        return { ...command, data: { ...command.data, nodeKind } };
      },
    );
  }

  async workingGroup(
    workingGroupId: string,
    command: WorkingGroupCommand,
    context: CommandContext,
    expectedVersion?: number,
  ) {
    return this.executor.execute(
      workingGroupDecider,
      workingGroupId,
      command,
      context,
      expectedVersion,
      async () => {
        if (command.type === 'CreateWorkingGroup') {
          await this.references.planExists(context.tenantId, command.data.planId, 'planId');
          await this.references.scopeInPlan(context.tenantId, command.data.planId, command.data.scope ?? {});
        } else if (command.type === 'ChangeWorkingGroupScope') {
          const planId = await this.references.planOfWorkingGroup(context.tenantId, workingGroupId);
          if (planId) await this.references.scopeInPlan(context.tenantId, planId, command.data.scope ?? {});
        } else if (command.type === 'AddWorkingGroupMember') {
          const user = await this.references.userExists(context.tenantId, command.data.userId, 'userId');
          // the member sits in the group for her own organisation unless told otherwise
          return {
            ...command,
            data: { ...command.data, partnerId: command.data.partnerId ?? user.partnerId },
          };
        }
      },
    );
  }

  /**
   * Adding an action touches two streams: the plan reserves the code under the goal (codes are unique
   * within a plan), then the action's own stream starts. The action step is decided first without writing
   * (a foreign or existing action id is refused before the plan reserves anything), and both steps are
   * idempotent for the same action id, so a retry after a crash between them completes the second step.
   */
  async addAction(planId: string, action: AddActionInput, context: CommandContext): Promise<WriteResult> {
    const add: ActionCommand = { type: 'AddAction', data: { ...action, planId } };
    const previous = await this.executor.decideOnly(actionDecider, action.actionId, add, context);
    if (previous) return previous;
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
    return this.executor.execute(actionDecider, action.actionId, add, context);
  }
}
