import type { Command } from '../shared/event.js';
import type { SignalUrgency } from '../shared/labels.js';
import type { ActionStatus } from './action.events.js';

export type AddAction = Command<
  'AddAction',
  {
    actionId: string;
    planId: string;
    goalId: string;
    code: string;
    title: string;
    description?: string;
    tags?: readonly string[];
    citizenIdea?: boolean;
  }
>;
/** only the fields present are compared; each changed field becomes its own event */
export type EditAction = Command<
  'EditAction',
  { actionId: string; title?: string; description?: string; tags?: readonly string[] }
>;
export type ChangeActionStatus = Command<
  'ChangeActionStatus',
  { actionId: string; to: ActionStatus; reason?: string }
>;
/** null removes the lead */
export type ChangeActionOwner = Command<'ChangeActionOwner', { actionId: string; ownerId: string | null }>;
export type AddActionPartner = Command<'AddActionPartner', { actionId: string; partnerId: string }>;
export type RemoveActionPartner = Command<'RemoveActionPartner', { actionId: string; partnerId: string }>;
/** a correction is a new note that names the note it corrects */
export type AddActionNote = Command<
  'AddActionNote',
  { actionId: string; noteId: string; text: string; correctsNoteId?: string | null }
>;
/** a signal comes from a partner, or from someone named in `source` (a citizen, an advisory council) */
export type RecordActionSignal = Command<
  'RecordActionSignal',
  {
    actionId: string;
    signalId: string;
    partnerId?: string | null;
    source?: string | null;
    text: string;
    urgency?: SignalUrgency;
  }
>;
/** percent is an integer from 0 to 100 */
export type ReportActionProgress = Command<
  'ReportActionProgress',
  { actionId: string; percent: number; comment?: string }
>;
/** YYYY-MM-DD sets or moves the due date, null clears it */
export type SetActionDueDate = Command<'SetActionDueDate', { actionId: string; dueDate: string | null }>;
export type ArchiveAction = Command<'ArchiveAction', { actionId: string; reason: string }>;
/** the action's side of a move in the plan (the plan's MoveAction reserves the code under the new goal) */
export type ChangeActionGoal = Command<
  'ChangeActionGoal',
  { actionId: string; goalId: string; code: string }
>;

export type ActionCommand =
  | AddAction
  | EditAction
  | ChangeActionStatus
  | ChangeActionOwner
  | AddActionPartner
  | RemoveActionPartner
  | AddActionNote
  | RecordActionSignal
  | ReportActionProgress
  | SetActionDueDate
  | ArchiveAction
  | ChangeActionGoal;

export const ACTION_COMMAND_TYPES = [
  'AddAction',
  'EditAction',
  'ChangeActionStatus',
  'ChangeActionOwner',
  'AddActionPartner',
  'RemoveActionPartner',
  'AddActionNote',
  'RecordActionSignal',
  'ReportActionProgress',
  'SetActionDueDate',
  'ArchiveAction',
  'ChangeActionGoal',
] as const satisfies readonly ActionCommand['type'][];
