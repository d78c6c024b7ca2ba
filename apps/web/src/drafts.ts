import { useEffect, useState } from 'react';

/**
 * What a person typed into one edit form, next to the values it started from.
 *
 * A form shows the current values (after my own save and after live changes by others) until the person
 * changes something; from then on it shows her draft. `base` is what the form showed when she started, so a
 * change by someone else to the same values makes the draft stale: the form says so before anything is sent.
 */
interface Draft<T> {
  value: T;
  base: T;
  /** the aggregate version the form showed when the person started: sent as If-Match */
  baseVersion: number;
  /** set after a successful save: the draft is kept (read-only) until the read model reflects the write */
  savedVersion: number | null;
}

export interface DraftState<T> {
  /** what the form shows: the draft, or the current values when untouched */
  value: T;
  /** the draft differs from the current values: there is something to save */
  dirty: boolean;
  /** someone changed the values this form edits since the person started: she has to choose first */
  stale: boolean;
  /** saved, waiting for the read model to show the write */
  saved: boolean;
  /** the version to send as If-Match */
  baseVersion: number;
  set: (patch: Partial<T>) => void;
  /** drops the draft: the form shows the current values again */
  reset: () => void;
  /** keeps the draft on top of the current values (after a stale notice): saving is allowed again */
  rebase: () => void;
  /** the write succeeded with `version`: show the draft until the action reaches that version */
  markSaved: (version: number) => void;
}

/**
 * One form's draft. `current` are the values the action has now; `differs(a, b)` says whether two values of
 * the form differ in what the form changes (optional extras such as a reason do not count).
 */
export function useDraft<T extends object>(
  current: T,
  version: number,
  differs: (a: T, b: T) => boolean,
): DraftState<T> {
  const [draft, setDraft] = useState<Draft<T> | null>(null);

  // after my own save: back to the current values once the action shows my write (or a later one)
  const savedVersion = draft?.savedVersion ?? null;
  useEffect(() => {
    if (savedVersion !== null && version >= savedVersion) setDraft(null);
  }, [savedVersion, version]);

  const saved = draft?.savedVersion != null;
  const stale = !!draft && !saved && differs(draft.base, current);
  return {
    value: draft ? draft.value : current,
    dirty: !!draft && !saved && differs(draft.value, current),
    stale,
    saved,
    baseVersion: draft ? draft.baseVersion : version,
    set: (patch) =>
      setDraft((previous) =>
        previous && previous.savedVersion === null
          ? { ...previous, value: { ...previous.value, ...patch } }
          : { value: { ...current, ...patch }, base: current, baseVersion: version, savedVersion: null },
      ),
    reset: () => setDraft(null),
    rebase: () =>
      setDraft((previous) => (previous ? { ...previous, base: current, baseVersion: version } : previous)),
    markSaved: (savedAt) =>
      setDraft((previous) => (previous ? { ...previous, savedVersion: savedAt } : previous)),
  };
}
