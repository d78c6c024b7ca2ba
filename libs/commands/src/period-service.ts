import {
  actionDecider,
  periodDecider,
  type ActionStatus,
  type FrozenPeriodAction,
  type PeriodCloseCheckpoint,
  type PeriodCommand,
  type PeriodScope,
} from '#domain';
import type { EventStore } from '#event-store';
import type { CommandContext, WriteResult } from './command-context.js';
import { CommandError } from './command-error.js';
import type { CommandExecutor } from './command-executor.js';
import { findAggregate, loadAggregate } from './load-aggregate.js';
import type { ReferenceChecker } from './reference-checker.js';

export interface PeriodUpdateInput {
  actionId: string;
  narrative: string;
  status?: ActionStatus | null;
  progress?: number | null;
}

/**
 * Reporting periods of a plan and their update rounds (docs/plan-cycle.md). The period's own rules are in
 * its decider (libs/domain/src/period); what spans aggregates is here: the plan must exist, and a lead's
 * update in an open period changes the action's status and progress through the action's own commands (so
 * the action's history stays the one history) before the period records the narrative.
 */
export class PeriodService {
  constructor(
    private readonly store: EventStore,
    private readonly executor: CommandExecutor,
    private readonly references: ReferenceChecker,
  ) {}

  open(
    input: Extract<PeriodCommand, { type: 'OpenReportingPeriod' }>['data'],
    context: CommandContext,
  ): Promise<WriteResult> {
    return this.executor.execute(
      periodDecider,
      input.periodId,
      { type: 'OpenReportingPeriod', data: input },
      context,
      undefined,
      async () => {
        await this.references.planExists(context.tenantId, input.planId, 'planId');
      },
    );
  }

  /** `actions`: the report data of every action of the plan (texts by reference), built by the caller from the read models */
  close(
    periodId: string,
    snapshot: {
      asOf: string;
      position: string | null;
      checkpoint: PeriodCloseCheckpoint | null;
      actions: readonly FrozenPeriodAction[];
    },
    context: CommandContext,
    expectedVersion?: number,
  ): Promise<WriteResult> {
    return this.executor.execute(
      periodDecider,
      periodId,
      { type: 'CloseReportingPeriod', data: { periodId, ...snapshot } },
      context,
      expectedVersion,
    );
  }

  startRound(
    periodId: string,
    round: {
      roundId: string;
      deadline: string;
      scope: PeriodScope;
      requests: readonly { actionId: string; leadPartnerId: string | null }[];
    },
    context: CommandContext,
  ): Promise<WriteResult> {
    return this.executor.execute(
      periodDecider,
      periodId,
      { type: 'StartUpdateRound', data: { periodId, ...round } },
      context,
    );
  }

  /** the period as its stream says now (404 for an unknown or foreign period) */
  async load(periodId: string, tenantId: string) {
    return (await loadAggregate(this.store, periodDecider, periodId, tenantId)).state;
  }

  /**
   * A lead's update for one action. In an open period a status or progress that differs from the action's
   * goes through the action's commands first (each step idempotent under its own key suffix); in a closed
   * period they are only recorded for the period (a correction of its report, never of today's action).
   */
  async submitUpdate(
    periodId: string,
    input: PeriodUpdateInput,
    context: CommandContext,
  ): Promise<WriteResult> {
    const period = await this.load(periodId, context.tenantId);
    const action = await findAggregate(this.store, actionDecider, input.actionId, context.tenantId);
    if (
      !action ||
      action.state.status === 'absent' ||
      (period.status !== 'absent' && action.state.planId !== period.planId)
    ) {
      throw new CommandError('ACTION.UNKNOWN', `no action with id ${input.actionId} in the period's plan`, {
        field: 'actionId',
      });
    }
    if (period.status === 'open' && action.state.status === 'active') {
      const key = (suffix: string) => ({
        ...context,
        idempotencyKey: context.idempotencyKey && `${context.idempotencyKey}#${suffix}`,
      });
      const { actionId } = input;
      if (input.status != null && input.status !== action.state.lifecycle) {
        await this.executor.execute(
          actionDecider,
          actionId,
          { type: 'ChangeActionStatus', data: { actionId, to: input.status } },
          key('status'),
        );
      }
      if (input.progress != null && input.progress !== action.state.progress) {
        await this.executor.execute(
          actionDecider,
          actionId,
          { type: 'ReportActionProgress', data: { actionId, percent: input.progress } },
          key('progress'),
        );
      }
    }
    return this.executor.execute(
      periodDecider,
      periodId,
      { type: 'SubmitPeriodUpdate', data: { periodId, ...input } },
      context,
    );
  }
}
