import type { ActionStatus } from '../action/action.events.js';
import type { Command } from '../shared/event.js';
import type { FrozenPeriodAction, PeriodCloseCheckpoint, PeriodKind, PeriodScope } from './period.events.js';

/**
 * A half-year names its `year` and `half` (1 or 2), a year its `year`, a custom period its `start` and `end`.
 * Whether the plan exists is checked by the application.
 */
export type OpenReportingPeriod = Command<
  'OpenReportingPeriod',
  {
    periodId: string;
    planId: string;
    kind: PeriodKind;
    year?: number;
    half?: 1 | 2;
    start?: string;
    end?: string;
    label?: string | null;
  }
>;
/** the application builds the report data (read models, texts by reference) and passes it here to be frozen */
export type CloseReportingPeriod = Command<
  'CloseReportingPeriod',
  {
    periodId: string;
    asOf: string;
    position: string | null;
    checkpoint: PeriodCloseCheckpoint | null;
    actions: readonly FrozenPeriodAction[];
  }
>;
export type StartUpdateRound = Command<
  'StartUpdateRound',
  {
    periodId: string;
    roundId: string;
    deadline: string;
    scope: PeriodScope;
    requests: readonly Readonly<{ actionId: string; leadPartnerId: string | null }>[];
  }
>;
export type SubmitPeriodUpdate = Command<
  'SubmitPeriodUpdate',
  {
    periodId: string;
    actionId: string;
    narrative: string;
    status?: ActionStatus | null;
    progress?: number | null;
  }
>;

export type PeriodCommand =
  OpenReportingPeriod | CloseReportingPeriod | StartUpdateRound | SubmitPeriodUpdate;

export const PERIOD_COMMAND_TYPES = [
  'OpenReportingPeriod',
  'CloseReportingPeriod',
  'StartUpdateRound',
  'SubmitPeriodUpdate',
] as const satisfies readonly PeriodCommand['type'][];
