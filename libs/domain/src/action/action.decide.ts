import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNever, type DecisionContext } from '../shared/event.js';
import { SIGNAL_URGENCIES } from '../shared/labels.js';
import {
  boolean,
  distinctTexts,
  invalid,
  isoDate,
  oneOf,
  optionalId,
  optionalText,
  plainText,
  requiredText,
  sameMembers,
} from '../shared/validation.js';
import type { ActionCommand, AddAction, EditAction, RecordActionSignal } from './action.commands.js';
import { ACTION_STATUSES, actionStreamId, type ActionEvent } from './action.events.js';
import { allowedNextStatuses } from './action.lifecycle.js';
import { evolve, initialState, type ActionState, type ActiveAction } from './action.state.js';

const INVALID = 'ACTION.INVALID';

/**
 * Decides which events a command on one action produces. `_ctx` is accepted so every decider has the same
 * call shape; actor and time travel as event metadata, added by the application.
 */
export function decide(command: ActionCommand, state: ActionState, _ctx?: DecisionContext): ActionEvent[] {
  if (command.type === 'AddAction') return add(command, state);
  const action = requireActive(state);
  const { actionId } = action;

  switch (command.type) {
    case 'EditAction':
      return edit(command, action);
    case 'ChangeActionStatus': {
      const to = oneOf(INVALID, 'to', command.data.to, ACTION_STATUSES);
      const reason = optionalText(INVALID, 'reason', command.data.reason);
      const from = action.lifecycle;
      if (to === from) throw new DomainError('ACTION.NO_CHANGE', { field: 'status' });
      const allowed = allowedNextStatuses(from);
      if (!allowed.includes(to)) {
        throw new DomainError('ACTION.INVALID_STATUS_TRANSITION', { from, to, allowed: [...allowed] });
      }
      return [{ type: 'ActionStatusChanged', data: { actionId, from, to, reason } }];
    }
    case 'ChangeActionOwner': {
      const to = optionalId(INVALID, 'ownerId', command.data.ownerId);
      if (to === action.ownerId) throw new DomainError('ACTION.NO_CHANGE', { field: 'owner' });
      return [{ type: 'ActionOwnerChanged', data: { actionId, from: action.ownerId, to } }];
    }
    case 'AddActionPartner': {
      const partnerId = requiredText(INVALID, 'partnerId', command.data.partnerId);
      if (action.partnerIds.includes(partnerId))
        throw new DomainError('ACTION.PARTNER_ALREADY_ADDED', { partnerId });
      return [{ type: 'ActionPartnerAdded', data: { actionId, partnerId } }];
    }
    case 'RemoveActionPartner': {
      const partnerId = requiredText(INVALID, 'partnerId', command.data.partnerId);
      if (!action.partnerIds.includes(partnerId))
        throw new DomainError('ACTION.PARTNER_NOT_ON_ACTION', { partnerId });
      return [{ type: 'ActionPartnerRemoved', data: { actionId, partnerId } }];
    }
    case 'AddActionNote': {
      const noteId = requiredText(INVALID, 'noteId', command.data.noteId);
      const text = requiredText(INVALID, 'text', command.data.text);
      const correctsNoteId = optionalId(INVALID, 'correctsNoteId', command.data.correctsNoteId);
      if (action.noteIds.includes(noteId)) throw new DomainError('ACTION.NOTE_ALREADY_EXISTS', { noteId });
      if (correctsNoteId !== null && !action.noteIds.includes(correctsNoteId)) {
        throw new DomainError('ACTION.NOTE_NOT_FOUND', { correctsNoteId });
      }
      return [{ type: 'ActionNoteAdded', data: { actionId, noteId, text, correctsNoteId } }];
    }
    case 'RecordActionSignal':
      return recordSignal(command, action);
    case 'ReportActionProgress': {
      const percent: unknown = command.data.percent;
      if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100) {
        throw invalid(INVALID, 'percent', 'must be a whole number from 0 to 100');
      }
      const comment = optionalText(INVALID, 'comment', command.data.comment);
      // the same percentage with a comment is still news for the working group; without one it is not
      if (percent === action.progress && comment === null) {
        throw new DomainError('ACTION.NO_CHANGE', { field: 'progress' });
      }
      return [
        { type: 'ActionProgressReported', data: { actionId, from: action.progress, to: percent, comment } },
      ];
    }
    case 'SetActionDueDate': {
      const to = command.data.dueDate === null ? null : isoDate(INVALID, 'dueDate', command.data.dueDate);
      if (to === action.dueDate) throw new DomainError('ACTION.NO_CHANGE', { field: 'dueDate' });
      return [{ type: 'ActionDueDateChanged', data: { actionId, from: action.dueDate, to } }];
    }
    case 'ArchiveAction': {
      const reason = requiredText(INVALID, 'reason', command.data.reason);
      return [{ type: 'ActionArchived', data: { actionId, reason } }];
    }
    case 'ChangeActionGoal': {
      const toGoalId = requiredText(INVALID, 'goalId', command.data.goalId);
      const toCode = requiredText(INVALID, 'code', command.data.code);
      if (toGoalId === action.goalId && toCode === action.code) {
        throw new DomainError('ACTION.NO_CHANGE', { field: 'goalId' });
      }
      return [
        {
          type: 'ActionGoalChanged',
          data: { actionId, fromGoalId: action.goalId, toGoalId, fromCode: action.code, toCode },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function requireActive(state: ActionState): ActiveAction {
  switch (state.status) {
    case 'absent':
      throw new DomainError('ACTION.NOT_FOUND');
    case 'archived':
      throw new DomainError('ACTION.ARCHIVED', { actionId: state.actionId });
    case 'active':
      return state;
    default:
      return assertNever(state);
  }
}

function add({ data }: AddAction, state: ActionState): ActionEvent[] {
  if (state.status !== 'absent') throw new DomainError('ACTION.ALREADY_EXISTS', { actionId: state.actionId });
  return [
    {
      type: 'ActionAdded',
      data: {
        actionId: requiredText(INVALID, 'actionId', data.actionId),
        planId: requiredText(INVALID, 'planId', data.planId),
        goalId: requiredText(INVALID, 'goalId', data.goalId),
        code: requiredText(INVALID, 'code', data.code),
        title: requiredText(INVALID, 'title', data.title),
        description: plainText(INVALID, 'description', data.description),
        tags: distinctTexts(INVALID, 'tags', data.tags),
        citizenIdea: boolean(INVALID, 'citizenIdea', data.citizenIdea, false),
      },
    },
  ];
}

function edit({ data }: EditAction, action: ActiveAction): ActionEvent[] {
  const { actionId } = action;
  const events: ActionEvent[] = [];
  if (data.title !== undefined) {
    const to = requiredText(INVALID, 'title', data.title);
    if (to !== action.title)
      events.push({ type: 'ActionTitleChanged', data: { actionId, from: action.title, to } });
  }
  if (data.description !== undefined) {
    const to = plainText(INVALID, 'description', data.description);
    if (to !== action.description) {
      events.push({ type: 'ActionDescriptionChanged', data: { actionId, from: action.description, to } });
    }
  }
  if (data.tags !== undefined) {
    const to = distinctTexts(INVALID, 'tags', data.tags);
    // tags are a set: a new order alone is not a change worth a line in the history
    if (!sameMembers(to, action.tags)) {
      events.push({ type: 'ActionTagsChanged', data: { actionId, from: [...action.tags], to } });
    }
  }
  if (events.length === 0) throw new DomainError('ACTION.NO_CHANGE');
  return events;
}

function recordSignal({ data }: RecordActionSignal, action: ActiveAction): ActionEvent[] {
  const signalId = requiredText(INVALID, 'signalId', data.signalId);
  const partnerId = optionalId(INVALID, 'partnerId', data.partnerId);
  const source = optionalText(INVALID, 'source', data.source);
  if (partnerId === null && source === null)
    throw invalid(INVALID, 'source', 'a partner or a source is required');
  const text = requiredText(INVALID, 'text', data.text);
  const urgency =
    data.urgency === undefined ? 'normal' : oneOf(INVALID, 'urgency', data.urgency, SIGNAL_URGENCIES);
  if (action.signalIds.includes(signalId))
    throw new DomainError('ACTION.SIGNAL_ALREADY_RECORDED', { signalId });
  return [
    {
      type: 'ActionSignalRecorded',
      data: { actionId: action.actionId, signalId, partnerId, source, text, urgency },
    },
  ];
}

export const actionDecider: Decider<ActionState, ActionCommand, ActionEvent> = {
  name: 'action',
  streamId: actionStreamId,
  decide,
  evolve,
  initialState,
};
