import type { Event } from '../shared/event.js';

/** Lifecycle of an action (nl: niet gestart, lopend, gerealiseerd, uitgesteld, stopgezet). */
export const ACTION_STATUSES = ['not_started', 'in_progress', 'realised', 'postponed', 'stopped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export type ActionAdded = Event<
  'ActionAdded',
  {
    actionId: string;
    planId: string;
    /** the plan section (goal, at any depth) the action belongs to */
    goalId: string;
    code: string;
    title: string;
    description: string;
    /** focus points (aandachtspunten) of the plan, as tags */
    tags: string[];
    /** the action came from an idea of residents */
    citizenIdea: boolean;
  }
>;
export type ActionTitleChanged = Event<'ActionTitleChanged', { actionId: string; from: string; to: string }>;
export type ActionDescriptionChanged = Event<
  'ActionDescriptionChanged',
  { actionId: string; from: string; to: string }
>;
export type ActionTagsChanged = Event<
  'ActionTagsChanged',
  { actionId: string; from: string[]; to: string[] }
>;
export type ActionStatusChanged = Event<
  'ActionStatusChanged',
  { actionId: string; from: ActionStatus; to: ActionStatus; reason: string | null }
>;
/** the lead (trekker): a partner organisation id; null clears it */
export type ActionOwnerChanged = Event<
  'ActionOwnerChanged',
  { actionId: string; from: string | null; to: string | null }
>;
export type ActionPartnerAdded = Event<'ActionPartnerAdded', { actionId: string; partnerId: string }>;
export type ActionPartnerRemoved = Event<'ActionPartnerRemoved', { actionId: string; partnerId: string }>;
/** A note is never edited: a correction is a new note that references the one it corrects. */
export type ActionNoteAdded = Event<
  'ActionNoteAdded',
  { actionId: string; noteId: string; text: string; correctsNoteId: string | null }
>;
export type ActionSignalRecorded = Event<
  'ActionSignalRecorded',
  {
    actionId: string;
    signalId: string;
    /** the organisation the signal comes from (null: a citizen or an advisory council, named in `source`) */
    partnerId: string | null;
    source: string | null;
    text: string;
    urgency: 'low' | 'normal' | 'high';
  }
>;
export type ActionProgressReported = Event<
  'ActionProgressReported',
  { actionId: string; from: number | null; to: number; comment: string | null }
>;
/** set (from null), moved, or cleared (to null); dates are ISO calendar dates (YYYY-MM-DD) */
export type ActionDueDateChanged = Event<
  'ActionDueDateChanged',
  { actionId: string; from: string | null; to: string | null }
>;
/** dropped from the plan; the history stays */
export type ActionArchived = Event<'ActionArchived', { actionId: string; reason: string }>;
/** moved under another goal of its plan, possibly with a new code (the plan's ActionMoved) */
export type ActionGoalChanged = Event<
  'ActionGoalChanged',
  { actionId: string; fromGoalId: string; toGoalId: string; fromCode: string; toCode: string }
>;

export type ActionEvent =
  | ActionAdded
  | ActionTitleChanged
  | ActionDescriptionChanged
  | ActionTagsChanged
  | ActionStatusChanged
  | ActionOwnerChanged
  | ActionPartnerAdded
  | ActionPartnerRemoved
  | ActionNoteAdded
  | ActionSignalRecorded
  | ActionProgressReported
  | ActionDueDateChanged
  | ActionArchived
  | ActionGoalChanged;

export const ACTION_EVENT_TYPES = [
  'ActionAdded',
  'ActionTitleChanged',
  'ActionDescriptionChanged',
  'ActionTagsChanged',
  'ActionStatusChanged',
  'ActionOwnerChanged',
  'ActionPartnerAdded',
  'ActionPartnerRemoved',
  'ActionNoteAdded',
  'ActionSignalRecorded',
  'ActionProgressReported',
  'ActionDueDateChanged',
  'ActionArchived',
  'ActionGoalChanged',
] as const satisfies readonly ActionEvent['type'][];

export const actionStreamId = (actionId: string): string => `action-${actionId}`;
