import { assertNever } from '../shared/event.js';
import type { ActionEvent, ActionStatus } from './action.events.js';

/** What the decider needs to know about an action; read models keep richer views. */
export type ActionData = Readonly<{
  actionId: string;
  planId: string;
  goalId: string;
  code: string;
  title: string;
  description: string;
  tags: readonly string[];
  citizenIdea: boolean;
  lifecycle: ActionStatus;
  ownerId: string | null;
  partnerIds: readonly string[];
  noteIds: readonly string[];
  signalIds: readonly string[];
  progress: number | null;
  dueDate: string | null;
}>;

export type AbsentAction = Readonly<{ status: 'absent' }>;
export type ActiveAction = Readonly<{ status: 'active' }> & ActionData;
/** archived keeps the data so a read of the stream still shows what the action was */
export type ArchivedAction = Readonly<{ status: 'archived'; archivedReason: string }> & ActionData;
export type ActionState = AbsentAction | ActiveAction | ArchivedAction;

export const initialState = (): ActionState => ({ status: 'absent' });

export function evolve(state: ActionState, event: ActionEvent): ActionState {
  if (event.type === 'ActionAdded') {
    const { data } = event;
    return {
      status: 'active',
      actionId: data.actionId,
      planId: data.planId,
      goalId: data.goalId,
      code: data.code,
      title: data.title,
      description: data.description,
      tags: [...data.tags],
      citizenIdea: data.citizenIdea,
      lifecycle: 'not_started',
      ownerId: null,
      partnerIds: [],
      noteIds: [],
      signalIds: [],
      progress: null,
      dueDate: null,
    };
  }
  // Events are facts already stored: an event on an absent action would be a corrupt stream, so it is ignored
  // rather than thrown, to keep replays of old streams possible.
  if (state.status !== 'active') return state;
  switch (event.type) {
    case 'ActionTitleChanged':
      return { ...state, title: event.data.to };
    case 'ActionDescriptionChanged':
      return { ...state, description: event.data.to };
    case 'ActionTagsChanged':
      return { ...state, tags: [...event.data.to] };
    case 'ActionStatusChanged':
      return { ...state, lifecycle: event.data.to };
    case 'ActionOwnerChanged':
      return { ...state, ownerId: event.data.to };
    case 'ActionPartnerAdded':
      return { ...state, partnerIds: [...state.partnerIds, event.data.partnerId] };
    case 'ActionPartnerRemoved':
      return { ...state, partnerIds: state.partnerIds.filter((id) => id !== event.data.partnerId) };
    case 'ActionNoteAdded':
      return { ...state, noteIds: [...state.noteIds, event.data.noteId] };
    case 'ActionSignalRecorded':
      return { ...state, signalIds: [...state.signalIds, event.data.signalId] };
    case 'ActionProgressReported':
      return { ...state, progress: event.data.to };
    case 'ActionDueDateChanged':
      return { ...state, dueDate: event.data.to };
    case 'ActionArchived':
      return { ...state, status: 'archived', archivedReason: event.data.reason };
    case 'ActionGoalChanged':
      return { ...state, goalId: event.data.toGoalId, code: event.data.toCode };
    default:
      return assertNever(event);
  }
}
