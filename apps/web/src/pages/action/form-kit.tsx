import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorRegion, type FormErrors } from '../../forms/form-errors';
import type { DraftState } from '../../drafts';
import type { Action, ConflictDetails } from '../../types';

export type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface Change {
  method: Method;
  path: string;
  body: unknown;
}

/** How a write ended: the new version, a version conflict (shown in the form), or an error. */
export type Outcome =
  { ok: true; version: number } | { ok: false; conflict: ConflictDetails } | { ok: false; error: unknown };

/** What the action page gives each form. */
export interface FormContext {
  action: Action;
  /** sends a change with `version` as If-Match */
  send(change: Change, version: number): Promise<Outcome>;
  /** who changed `fields` after `sinceVersion`, and how (from the history), for a stale form */
  changedBy(fields: readonly string[], sinceVersion: number): { who: string; summary: string } | null;
  /** the person started editing `field` (meeting presence) */
  onStart(field: string): void;
  /** the person left the form (saved or discarded) */
  onStop(): void;
  /** the one edit form that is open (the others show their title only) */
  openForm: string | null;
  setOpenForm: (id: string | null) => void;
  /** renders the missed events of a version conflict */
  renderConflict(conflict: ConflictDetails, actions: { reapply: () => void; discard: () => void }): ReactNode;
}

/**
 * One edit form: its fields, its own error region (next to the controls, aria-live), a notice when someone
 * else changed what it edits, and a Save button that only works when something changed.
 */
export function MiniForm<T extends object>({
  id,
  title,
  fields,
  draft,
  context,
  errors,
  build,
  children,
  afterSave,
}: {
  id: string;
  title: string;
  /** the history fields this form changes (for the stale notice) */
  fields: readonly string[];
  draft: DraftState<T>;
  context: FormContext;
  errors: FormErrors;
  build: (value: T) => Change | null;
  children: ReactNode;
  /** the write went through (note and signal forms start empty again) */
  afterSave?: (version: number) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<{ details: ConflictDetails; change: Change } | null>(null);

  const run = async (change: Change, version: number) => {
    setBusy(true);
    errors.clear();
    try {
      const outcome = await context.send(change, version);
      if (outcome.ok) {
        setConflict(null);
        if (afterSave) afterSave(outcome.version);
        else draft.markSaved(outcome.version);
        context.onStop();
      } else if ('conflict' in outcome) setConflict({ details: outcome.conflict, change });
      else errors.show(outcome.error);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.dirty || draft.stale || busy) return;
    const change = build(draft.value);
    if (change) void run(change, draft.baseVersion);
  };
  const staleBy = draft.stale ? context.changedBy(fields, draft.baseVersion) : null;

  const open = context.openForm === id;
  return (
    <div className={open ? 'mini-form open' : 'mini-form'}>
      <h3 id={`${id}-form-heading`}>
        <button
          type="button"
          className="form-toggle"
          aria-expanded={open}
          aria-controls={`${id}-form`}
          onClick={() => context.setOpenForm(open ? null : id)}
        >
          <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
          {title}
          {draft.dirty && <span className="sr-only"> {t('draft.unsaved')}</span>}
          {draft.dirty && <span aria-hidden="true"> •</span>}
        </button>
      </h3>
      <form
        id={`${id}-form`}
        aria-labelledby={`${id}-form-heading`}
        hidden={!open}
        onFocusCapture={() => context.onStart(fields[0] ?? id)}
        onSubmit={submit}
        noValidate
      >
        <fieldset disabled={draft.saved || busy} className="plain">
          {children}
        </fieldset>
        {draft.stale && (
          <div className="notice stale" data-testid={`${id}-stale`}>
            <p>
              {staleBy
                ? t('draft.staleBy', { who: staleBy.who, summary: staleBy.summary })
                : t('draft.stale')}
            </p>
            <div className="buttons">
              <button type="button" onClick={draft.rebase}>
                {t('draft.keepMine')}
              </button>
              <button
                type="button"
                onClick={() => {
                  draft.reset();
                  context.onStop();
                }}
              >
                {t('draft.takeTheirs')}
              </button>
            </div>
          </div>
        )}
        {conflict &&
          context.renderConflict(conflict.details, {
            reapply: () => void run(conflict.change, conflict.details.currentVersion),
            discard: () => {
              setConflict(null);
              draft.reset();
              context.onStop();
            },
          })}
        <FormErrorRegion id={`${id}-error`} errors={errors} />
        <div className="buttons">
          <button
            type="submit"
            className="primary"
            disabled={!draft.dirty || draft.stale || busy}
            aria-describedby={`${id}-error`}
          >
            {draft.saved ? t('draft.saved') : t('common.save')}
          </button>
          {draft.dirty && !busy && (
            <button
              type="button"
              onClick={() => {
                draft.reset();
                errors.clear();
                context.onStop();
              }}
            >
              {t('draft.undo')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
