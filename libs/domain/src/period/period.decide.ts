import { ACTION_STATUSES } from '../action/action.events.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import { invalid, isoDate, oneOf, optionalText, requiredText } from '../shared/validation.js';
import type { OpenReportingPeriod, PeriodCommand } from './period.commands.js';
import {
  PERIOD_KINDS,
  PERIOD_SCOPES,
  periodStreamId,
  type FrozenPeriodAction,
  type PeriodEvent,
  type ReportingPeriodOpened,
} from './period.events.js';
import { evolve, initialState, type PeriodState } from './period.state.js';

const INVALID = 'PERIOD.INVALID';

/** `_ctx` keeps the call shape equal across deciders; this one needs no time or actor. */
export function decide(command: PeriodCommand, state: PeriodState, _ctx?: DecisionContext): PeriodEvent[] {
  if (command.type === 'OpenReportingPeriod') {
    if (state.status !== 'absent')
      throw new DomainError('PERIOD.ALREADY_EXISTS', { periodId: state.periodId });
    return [open(command)];
  }
  if (state.status === 'absent') throw new DomainError('PERIOD.NOT_FOUND');
  const { periodId } = state;
  switch (command.type) {
    case 'CloseReportingPeriod': {
      if (state.status === 'closed') throw new DomainError('PERIOD.ALREADY_CLOSED', { periodId });
      const asOf = requiredText(INVALID, 'asOf', command.data.asOf);
      if (Number.isNaN(Date.parse(asOf))) throw invalid(INVALID, 'asOf', 'must be an ISO-8601 instant');
      const list: unknown = command.data.actions;
      if (!Array.isArray(list)) throw invalid(INVALID, 'actions', 'must be a list');
      const actions = (list as readonly FrozenPeriodAction[]).map(referencesOnly);
      const ids = actions.map((action) => requiredText(INVALID, 'actions.actionId', action.actionId));
      if (new Set(ids).size !== ids.length) throw invalid(INVALID, 'actions', 'must not repeat an action');
      return [
        ...actions.map((action): PeriodEvent => ({
          type: 'ReportingPeriodActionFrozen',
          data: { periodId, action },
        })),
        {
          type: 'ReportingPeriodClosed',
          data: {
            periodId,
            planId: state.planId,
            asOf,
            position: command.data.position,
            actionCount: ids.length,
            checkpoint: command.data.checkpoint,
          },
        },
      ];
    }
    case 'StartUpdateRound': {
      if (state.status === 'closed') throw new DomainError('PERIOD.CLOSED', { periodId });
      if (state.round !== null) throw new DomainError('PERIOD.ROUND_ALREADY_STARTED', { periodId });
      const roundId = requiredText(INVALID, 'roundId', command.data.roundId);
      const deadline = isoDate(INVALID, 'deadline', command.data.deadline);
      const scope = oneOf(INVALID, 'scope', command.data.scope, PERIOD_SCOPES);
      const requests = command.data.requests;
      if (!Array.isArray(requests) || requests.length === 0) {
        throw invalid(INVALID, 'scope', 'the period has no actions to ask an update for');
      }
      return [{ type: 'UpdateRoundStarted', data: { periodId, roundId, deadline, scope, requests } }];
    }
    case 'SubmitPeriodUpdate': {
      const actionId = requiredText(INVALID, 'actionId', command.data.actionId);
      const narrative = requiredText(INVALID, 'narrative', command.data.narrative);
      const status =
        command.data.status === undefined || command.data.status === null
          ? null
          : oneOf(INVALID, 'status', command.data.status, ACTION_STATUSES);
      const progress = command.data.progress ?? null;
      if (progress !== null && (!Number.isInteger(progress) || progress < 0 || progress > 100)) {
        throw invalid(INVALID, 'progress', 'must be a whole number from 0 to 100');
      }
      const previous = state.updates[actionId];
      // the same update again (a retry, a double click) records nothing new
      if (
        previous &&
        previous.narrative === narrative &&
        previous.status === status &&
        previous.progress === progress
      ) {
        return [];
      }
      const roundId = state.round && state.round.actionIds.includes(actionId) ? state.round.roundId : null;
      return [
        {
          type: 'PeriodUpdateSubmitted',
          data: {
            periodId,
            actionId,
            roundId,
            narrative,
            status,
            progress,
            afterClose: state.status === 'closed',
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

/**
 * The frozen action with its period's changes and open signals as references only: a change is its moment and
 * its event (stream and version), a signal its id, status and urgency. Whatever else the caller's objects carry
 * (a summary, a signal's text) is not frozen, so no copy of a free text reaches the event (docs/privacy.md).
 */
function referencesOnly(action: FrozenPeriodAction): FrozenPeriodAction {
  const { changes, openSignals }: { changes: unknown; openSignals: unknown } = action;
  if (!Array.isArray(changes)) throw invalid(INVALID, 'actions.changes', 'must be a list');
  if (!Array.isArray(openSignals)) throw invalid(INVALID, 'actions.openSignals', 'must be a list');
  return {
    ...action,
    changes: action.changes.map((change) => {
      const version = change.event?.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
        throw invalid(INVALID, 'actions.changes.event.version', 'must be a whole number from 1');
      }
      return {
        at: requiredText(INVALID, 'actions.changes.at', change.at),
        event: {
          streamId: requiredText(INVALID, 'actions.changes.event.streamId', change.event?.streamId),
          version,
        },
      };
    }),
    openSignals: action.openSignals.map((signal) => ({
      signalId: requiredText(INVALID, 'actions.openSignals.signalId', signal.signalId),
      status: requiredText(INVALID, 'actions.openSignals.status', signal.status),
      urgency: requiredText(INVALID, 'actions.openSignals.urgency', signal.urgency),
    })),
  };
}

/** the first and last day of a half-year, a year or custom dates, checked */
function open({ data }: OpenReportingPeriod): ReportingPeriodOpened {
  const periodId = requiredText(INVALID, 'periodId', data.periodId);
  const planId = requiredText(INVALID, 'planId', data.planId);
  const kind = oneOf(INVALID, 'kind', data.kind, PERIOD_KINDS);
  let start: string;
  let end: string;
  let label: string;
  if (kind === 'custom') {
    start = isoDate(INVALID, 'start', data.start);
    end = isoDate(INVALID, 'end', data.end);
    if (end < start) throw invalid(INVALID, 'end', 'must not be before start');
    label = `${start} - ${end}`;
  } else {
    const year = data.year;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
      throw invalid(INVALID, 'year', 'must be a year from 2000 to 2100');
    }
    if (kind === 'year') {
      [start, end, label] = [`${year}-01-01`, `${year}-12-31`, `${year}`];
    } else {
      if (data.half !== 1 && data.half !== 2) throw invalid(INVALID, 'half', 'must be 1 or 2');
      [start, end] =
        data.half === 1 ? [`${year}-01-01`, `${year}-06-30`] : [`${year}-07-01`, `${year}-12-31`];
      label = `${year}-H${data.half}`;
    }
  }
  label = optionalText(INVALID, 'label', data.label) ?? label;
  return { type: 'ReportingPeriodOpened', data: { periodId, planId, kind, label, start, end } };
}

export const periodDecider: Decider<PeriodState, PeriodCommand, PeriodEvent> = {
  name: 'period',
  streamId: periodStreamId,
  decide,
  evolve,
  initialState,
};
