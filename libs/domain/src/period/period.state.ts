import type { ActionStatus } from '../action/action.events.js';
import { assertNever } from '../shared/event.js';
import type { PeriodEvent, PeriodKind, PeriodScope } from './period.events.js';

export type PeriodUpdate = Readonly<{
  narrative: string;
  status: ActionStatus | null;
  progress: number | null;
  roundId: string | null;
}>;
export type PeriodRound = Readonly<{
  roundId: string;
  deadline: string;
  scope: PeriodScope;
  actionIds: readonly string[];
}>;
export type KnownPeriod = Readonly<{
  status: 'open' | 'closed';
  periodId: string;
  planId: string;
  kind: PeriodKind;
  label: string;
  start: string;
  end: string;
  round: PeriodRound | null;
  /** the latest update per action */
  updates: Readonly<Record<string, PeriodUpdate>>;
}>;
export type AbsentPeriod = Readonly<{ status: 'absent' }>;
export type PeriodState = AbsentPeriod | KnownPeriod;

export const initialState = (): PeriodState => ({ status: 'absent' });

export function evolve(state: PeriodState, event: PeriodEvent): PeriodState {
  if (event.type === 'ReportingPeriodOpened') {
    const { periodId, planId, kind, label, start, end } = event.data;
    return { status: 'open', periodId, planId, kind, label, start, end, round: null, updates: {} };
  }
  // an event of a period that does not exist would be a corrupt stream: ignored so replays never fail
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'ReportingPeriodActionFrozen':
      return state;
    case 'ReportingPeriodClosed':
      return { ...state, status: 'closed' };
    case 'UpdateRoundStarted': {
      const { roundId, deadline, scope, requests } = event.data;
      return { ...state, round: { roundId, deadline, scope, actionIds: requests.map((r) => r.actionId) } };
    }
    case 'PeriodUpdateSubmitted': {
      const { actionId, narrative, status, progress, roundId } = event.data;
      return {
        ...state,
        updates: { ...state.updates, [actionId]: { narrative, status, progress, roundId } },
      };
    }
    default:
      return assertNever(event);
  }
}
