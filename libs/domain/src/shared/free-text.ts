/**
 * The event types whose free text is encrypted per text item and can be erased on its own, with those fields
 * (docs/privacy.md; `to.source`: the field `source` inside the data's object `to`): the same as the `freeText`
 * rules of `EVENT_TYPE_RULES` (a test holds them equal). Its own module (no imports), so the web app can offer
 * "erase this text" on exactly the history entries that hold one.
 */
export const FREE_TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ActionNoteAdded: ['text'],
  ActionStatusChanged: ['reason'],
  ActionProgressReported: ['comment'],
  ActionSignalRecorded: ['text'],
  SignalSubmitted: ['text'],
  SignalAnswered: ['response'],
  SignalEscalated: ['text'],
  SignalClosed: ['reason'],
  MeetingAgendaItemAdded: ['notes'],
  MeetingAgendaNotesEdited: ['notes'],
  MeetingMinutesCorrected: ['text'],
  MeetingDecisionRecorded: ['text'],
  MeetingNextStepRecorded: ['text'],
  MeetingProposalAdded: ['text', 'source'],
  ActionArchived: ['reason'],
  PeriodUpdateSubmitted: ['narrative'],
  IndicatorMeasurementRecorded: ['source', 'comment'],
  IndicatorMeasurementCorrected: ['to.source', 'to.comment', 'reason'],
  IndicatorArchived: ['reason'],
  MeetingCancelled: ['reason'],
  ThemeArchived: ['reason'],
  GoalArchived: ['reason'],
  ActionUnplaced: ['reason'],
  WorkingGroupArchived: ['reason'],
};

/** the value at `path` in an event's data: a top-level field, or `holder.field` inside an object of the data */
const valueAt = (data: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (holder, key) =>
        typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[key] : undefined,
      data,
    );

/** true when this event's data holds free text that can still be erased (a value, not yet the marker) */
export const holdsErasableText = (type: string, data: unknown, erased = '[erased]'): boolean =>
  (FREE_TEXT_FIELDS[type] ?? []).some((field) => {
    const value = valueAt(data, field);
    return typeof value === 'string' && value !== '' && value !== erased;
  });
