import { assertNever } from '../shared/event.js';
import { ACTION_STATUS_LABELS, URGENCY_LABELS, type LocalizedText } from '../shared/labels.js';
import { formatDate, nameOf, quoted, withDetail, type FieldChange, type NameLookup } from '../shared/text.js';
import type { ActionEvent } from './action.events.js';

const list = (items: readonly string[]): string => items.join(', ');

function describeTags(from: readonly string[], to: readonly string[]): LocalizedText {
  const added = to.filter((tag) => !from.includes(tag));
  const removed = from.filter((tag) => !to.includes(tag));
  const nl = [
    added.length ? `toegevoegd ${list(added)}` : '',
    removed.length ? `verwijderd ${list(removed)}` : '',
  ];
  const en = [added.length ? `added ${list(added)}` : '', removed.length ? `removed ${list(removed)}` : ''];
  return {
    nl: withDetail('Aandachtspunten gewijzigd', nl.filter(Boolean).join('; ')),
    en: withDetail('Focus points changed', en.filter(Boolean).join('; ')),
  };
}

/** A one-line summary of an action event, for history views and minutes. */
export function describeActionEvent(event: ActionEvent, names?: NameLookup): LocalizedText {
  const partner = (id: string): string => nameOf(names, 'partner', id);
  switch (event.type) {
    case 'ActionAdded': {
      const { code, title, goalId } = event.data;
      const goal = nameOf(names, 'goal', goalId);
      return {
        nl: `Actie ${code} ${quoted(title)} toegevoegd onder doel ${goal}`,
        en: `Action ${code} ${quoted(title)} added under goal ${goal}`,
      };
    }
    case 'ActionTitleChanged': {
      const { from, to } = event.data;
      return {
        nl: `Titel gewijzigd van ${quoted(from)} naar ${quoted(to)}`,
        en: `Title changed from ${quoted(from)} to ${quoted(to)}`,
      };
    }
    case 'ActionDescriptionChanged':
      // descriptions are paragraphs: the summary names the change, changesOf carries the texts
      return { nl: 'Beschrijving gewijzigd', en: 'Description changed' };
    case 'ActionTagsChanged':
      return describeTags(event.data.from, event.data.to);
    case 'ActionStatusChanged': {
      const from = ACTION_STATUS_LABELS[event.data.from];
      const to = ACTION_STATUS_LABELS[event.data.to];
      return {
        nl: withDetail(`Status gewijzigd van ${from.nl} naar ${to.nl}`, event.data.reason),
        en: withDetail(`Status changed from ${from.en} to ${to.en}`, event.data.reason),
      };
    }
    case 'ActionOwnerChanged': {
      const { from, to } = event.data;
      if (to === null) {
        const was = from === null ? '' : ` (was ${partner(from)})`;
        return { nl: `Trekker verwijderd${was}`, en: `Lead removed${was}` };
      }
      if (from === null)
        return { nl: `Trekker toegewezen: ${partner(to)}`, en: `Lead assigned: ${partner(to)}` };
      return {
        nl: `Trekker gewijzigd van ${partner(from)} naar ${partner(to)}`,
        en: `Lead changed from ${partner(from)} to ${partner(to)}`,
      };
    }
    case 'ActionPartnerAdded':
      return {
        nl: `Partner toegevoegd: ${partner(event.data.partnerId)}`,
        en: `Partner added: ${partner(event.data.partnerId)}`,
      };
    case 'ActionPartnerRemoved':
      return {
        nl: `Partner verwijderd: ${partner(event.data.partnerId)}`,
        en: `Partner removed: ${partner(event.data.partnerId)}`,
      };
    case 'ActionNoteAdded': {
      const { text, correctsNoteId } = event.data;
      if (correctsNoteId === null) return { nl: `Notitie toegevoegd: ${text}`, en: `Note added: ${text}` };
      return {
        nl: `Correctie op notitie ${correctsNoteId}: ${text}`,
        en: `Correction of note ${correctsNoteId}: ${text}`,
      };
    }
    case 'ActionSignalRecorded': {
      const { partnerId, source, text, urgency } = event.data;
      const from = partnerId === null ? (source ?? '?') : partner(partnerId);
      const level = URGENCY_LABELS[urgency];
      return {
        nl: `Signaal van ${from} (urgentie ${level.nl}): ${text}`,
        en: `Signal from ${from} (urgency ${level.en}): ${text}`,
      };
    }
    case 'ActionProgressReported': {
      const { from, to, comment } = event.data;
      const was = from === null ? '' : ` (was ${from}%)`;
      return {
        nl: withDetail(`Voortgang ${to}%${was}`, comment),
        en: withDetail(`Progress ${to}%${was}`, comment),
      };
    }
    case 'ActionDueDateChanged': {
      const { from, to } = event.data;
      if (to === null) {
        const was =
          from === null ? { nl: '', en: '' } : { nl: ` (was ${formatDate(from).nl})`, en: ` (was ${from})` };
        return { nl: `Einddatum gewist${was.nl}`, en: `Due date cleared${was.en}` };
      }
      const date = formatDate(to);
      if (from === null) return { nl: `Einddatum ingesteld op ${date.nl}`, en: `Due date set to ${date.en}` };
      const old = formatDate(from);
      return {
        nl: `Einddatum verplaatst van ${old.nl} naar ${date.nl}`,
        en: `Due date moved from ${old.en} to ${date.en}`,
      };
    }
    case 'ActionArchived':
      return { nl: `Actie gearchiveerd: ${event.data.reason}`, en: `Action archived: ${event.data.reason}` };
    case 'ActionGoalChanged': {
      const { fromCode, toCode } = event.data;
      const to = nameOf(names, 'goal', event.data.toGoalId);
      const renumbered =
        fromCode === toCode ? null : { nl: `, nieuwe code ${toCode}`, en: `, new code ${toCode}` };
      return {
        nl: `Actie verplaatst naar doel ${to}${renumbered?.nl ?? ''}`,
        en: `Action moved to goal ${to}${renumbered?.en ?? ''}`,
      };
    }
    default:
      return assertNever(event);
  }
}

const ADDED_FIELDS = ['planId', 'goalId', 'code', 'title', 'description', 'tags', 'citizenIdea'] as const;

/** The fields an action event changed, with before and after (null before: the value is new). */
export function actionChangesOf(event: ActionEvent): FieldChange[] {
  switch (event.type) {
    case 'ActionAdded': {
      const { data } = event;
      return ADDED_FIELDS.map((field) => ({ field, from: null, to: data[field] }));
    }
    case 'ActionTitleChanged':
      return [{ field: 'title', from: event.data.from, to: event.data.to }];
    case 'ActionDescriptionChanged':
      return [{ field: 'description', from: event.data.from, to: event.data.to }];
    case 'ActionTagsChanged':
      return [{ field: 'tags', from: event.data.from, to: event.data.to }];
    case 'ActionStatusChanged':
      return [{ field: 'status', from: event.data.from, to: event.data.to }];
    case 'ActionOwnerChanged':
      return [{ field: 'owner', from: event.data.from, to: event.data.to }];
    case 'ActionPartnerAdded':
      return [{ field: 'partners', from: null, to: event.data.partnerId }];
    case 'ActionPartnerRemoved':
      return [{ field: 'partners', from: event.data.partnerId, to: null }];
    case 'ActionNoteAdded':
      return [{ field: 'notes', from: null, to: event.data.text }];
    case 'ActionSignalRecorded':
      return [{ field: 'signals', from: null, to: event.data.text }];
    case 'ActionProgressReported':
      return [{ field: 'progress', from: event.data.from, to: event.data.to }];
    case 'ActionDueDateChanged':
      return [{ field: 'dueDate', from: event.data.from, to: event.data.to }];
    case 'ActionArchived':
      return [{ field: 'archived', from: false, to: true }];
    case 'ActionGoalChanged': {
      const { fromGoalId, toGoalId, fromCode, toCode } = event.data;
      const changes: FieldChange[] = [{ field: 'goalId', from: fromGoalId, to: toGoalId }];
      if (fromCode !== toCode) changes.push({ field: 'code', from: fromCode, to: toCode });
      return changes;
    }
    default:
      return assertNever(event);
  }
}
