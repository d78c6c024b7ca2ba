import { ACTION_STATUSES, type ActionStatus } from './action.events.js';

/**
 * Which status an action may move to from each status. Exported as data so the API and UI can show the
 * allowed moves instead of duplicating the rules.
 */
export const ACTION_STATUS_TRANSITIONS: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  not_started: ['in_progress', 'postponed', 'stopped'],
  in_progress: ['realised', 'postponed', 'stopped'],
  postponed: ['in_progress', 'stopped'],
  // reopening: a realised action turned out to need more work
  realised: ['in_progress'],
  // reopening: a stopped action is picked up again, from scratch or where it was left
  stopped: ['not_started', 'in_progress'],
};

export const isActionStatus = (value: unknown): value is ActionStatus =>
  typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value);

export const allowedNextStatuses = (from: ActionStatus): readonly ActionStatus[] =>
  ACTION_STATUS_TRANSITIONS[from];

export const canChangeStatus = (from: ActionStatus, to: ActionStatus): boolean =>
  ACTION_STATUS_TRANSITIONS[from].includes(to);
