/**
 * `ReportingPeriodActionFrozen` v2 -> v3 (docs/event-versioning.md): the close used to copy the free text of the
 * period's changes and open signals into the frozen action; since v3 it keeps references (docs/decisions.md, "The
 * frozen report refers to its texts"). An older event is brought to the v3 shape as far as its data allows:
 *
 * - a change keeps its plain-text summary (it names no event to read it from): `event: null`;
 * - an open signal drops its copy of the signal's text: that text never changes after the signal's submission,
 *   so the report reads it from the signal, as for a v3 event (an erased signal text then reads as erased).
 *
 * Pure; the rest of the data (the narrative's `$pd` marker of the step before) is passed on untouched.
 */
export function frozenActionAsReferences(data: Record<string, unknown>): Record<string, unknown> {
  const action = data.action;
  if (typeof action !== 'object' || action === null) return data;
  const { changes, openSignals } = action as { changes?: unknown; openSignals?: unknown };
  const entries = (list: unknown): Record<string, unknown>[] =>
    Array.isArray(list)
      ? list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
      : [];
  return {
    ...data,
    action: {
      ...action,
      changes: entries(changes).map((change) =>
        'event' in change ? change : { at: change.at, event: null, summary: change.summary },
      ),
      openSignals: entries(openSignals).map(({ signalId, status, urgency }) => ({
        signalId,
        status,
        urgency,
      })),
    },
  };
}
