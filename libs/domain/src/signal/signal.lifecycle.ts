import type { SignalStatus } from './signal.events.js';

/**
 * Which status a signal may move to from each status (docs/signals.md). Exported as data so the API and
 * UI can show the allowed moves instead of duplicating the rules. A signal that is on an agenda may go on a
 * later meeting's agenda too; an escalated signal may still get an answer (from the higher government);
 * closed is final.
 */
export const SIGNAL_STATUS_TRANSITIONS: Readonly<Record<SignalStatus, readonly SignalStatus[]>> = {
  submitted: ['acknowledged', 'on_agenda', 'answered', 'escalated', 'closed'],
  acknowledged: ['on_agenda', 'answered', 'escalated', 'closed'],
  on_agenda: ['on_agenda', 'answered', 'escalated', 'closed'],
  answered: ['escalated', 'closed'],
  escalated: ['answered', 'closed'],
  closed: [],
};

export const allowedNextSignalStatuses = (from: SignalStatus): readonly SignalStatus[] =>
  SIGNAL_STATUS_TRANSITIONS[from];

export const canMoveSignal = (from: SignalStatus, to: SignalStatus): boolean =>
  SIGNAL_STATUS_TRANSITIONS[from].includes(to);
