import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUS_TRANSITIONS } from '../../../../libs/domain/src/action/action.lifecycle';
import { ApiError } from '../api';
import { belgianDate } from '../components/common';
import { useFieldErrors, type FieldErrors } from '../components/field-errors';
import { useDraft, type DraftState } from '../drafts';
import { URGENCIES, type Action, type ConflictDetails, type HistoryEntry, type Partner } from '../types';

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
function MiniForm<T extends object>({
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
  errors: FieldErrors;
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
        <div id={`${id}-error`} className="form-error" aria-live="assertive" data-testid={`${id}-error`}>
          {errors.summary && <p className="error">{errors.summary}</p>}
        </div>
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

/** aria attributes of a control whose field may carry an error */
function invalid(errors: FieldErrors, formId: string, field: string) {
  const has = errors.byField.has(field);
  return {
    'aria-invalid': has || undefined,
    'aria-describedby': has ? `${formId}-error` : undefined,
  } as const;
}

export function StatusForm({ context }: { context: FormContext }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft<{ status: string; reason: string }>(
    { status: action.status, reason: '' },
    action.version,
    (a, b) => a.status !== b.status,
  );
  const errors = useFieldErrors();
  // one source: the domain's lifecycle rules say where a status may go from the current one
  const options = [action.status, ...ACTION_STATUS_TRANSITIONS[action.status]];
  if (!options.includes(draft.value.status as Action['status']))
    options.push(draft.value.status as Action['status']);
  return (
    <MiniForm
      id="status"
      title={t('form.status')}
      fields={['status']}
      draft={draft}
      context={context}
      errors={errors}
      build={({ status, reason }) => ({
        method: 'POST',
        path: `/api/actions/${action.id}/status`,
        body: { status, ...(reason.trim() ? { reason } : {}) },
      })}
    >
      <label htmlFor="status-select">{t('form.newStatus')}</label>
      <select
        id="status-select"
        value={draft.value.status}
        onChange={(event) => draft.set({ status: event.target.value })}
        {...invalid(errors, 'status', 'status')}
      >
        {options.map((value) => (
          <option key={value} value={value}>
            {value === action.status
              ? t('draft.currentStatus', { status: t(`status.${value}`) })
              : t(`status.${value}`)}
          </option>
        ))}
      </select>
      <label htmlFor="status-reason">{t('form.reason')}</label>
      <input
        id="status-reason"
        value={draft.value.reason}
        onChange={(event) => draft.set({ reason: event.target.value })}
        {...invalid(errors, 'status', 'reason')}
      />
    </MiniForm>
  );
}

export function ProgressForm({ context }: { context: FormContext }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft(
    { percent: String(action.progress ?? 0), comment: '' },
    action.version,
    (a, b) => a.percent !== b.percent || a.comment.trim() !== b.comment.trim(),
  );
  const errors = useFieldErrors();
  return (
    <MiniForm
      id="progress"
      title={t('form.progress')}
      fields={['progress']}
      draft={draft}
      context={context}
      errors={errors}
      build={({ percent, comment }) => ({
        method: 'POST',
        path: `/api/actions/${action.id}/progress`,
        body: { percent: Number(percent), ...(comment.trim() ? { comment } : {}) },
      })}
    >
      <label htmlFor="progress-percent">{t('form.percent')}</label>
      <input
        id="progress-percent"
        type="number"
        min={0}
        max={100}
        step={1}
        required
        value={draft.value.percent}
        onChange={(event) => draft.set({ percent: event.target.value })}
        {...invalid(errors, 'progress', 'percent')}
      />
      <label htmlFor="progress-comment">{t('form.comment')}</label>
      <input
        id="progress-comment"
        value={draft.value.comment}
        onChange={(event) => draft.set({ comment: event.target.value })}
        {...invalid(errors, 'progress', 'comment')}
      />
    </MiniForm>
  );
}

export function DueDateForm({
  context,
  period,
}: {
  context: FormContext;
  period: { start: string; end: string } | null;
}) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft(
    { dueDate: action.dueDate ?? '' },
    action.version,
    (a, b) => a.dueDate !== b.dueDate,
  );
  const errors = useFieldErrors();
  const value = draft.value.dueDate;
  const outside = !!period && !!value && (value < period.start || value > period.end);
  return (
    <MiniForm
      id="due"
      title={t('form.dueDate')}
      fields={['dueDate']}
      draft={draft}
      context={context}
      errors={errors}
      build={({ dueDate }) => ({
        method: 'PUT',
        path: `/api/actions/${action.id}/due-date`,
        body: { dueDate: dueDate || null },
      })}
    >
      <label htmlFor="due-date">{t('form.dueDateLabel')}</label>
      <input
        id="due-date"
        type="date"
        value={value}
        onChange={(event) => draft.set({ dueDate: event.target.value })}
        aria-describedby={outside ? 'due-date-hint due-date-warning' : 'due-date-hint'}
        aria-invalid={errors.byField.has('dueDate') || undefined}
      />
      <p className="hint" id="due-date-hint">
        {t('form.dueDateHint')}
      </p>
      {outside && period && (
        <p className="warning" id="due-date-warning" data-testid="due-date-warning">
          {t('draft.outsidePeriod', {
            start: formatIsoDate(period.start),
            end: formatIsoDate(period.end),
          })}
        </p>
      )}
    </MiniForm>
  );
}

export const formatIsoDate = belgianDate;

export function LeadForm({ context, partners }: { context: FormContext; partners: Partner[] }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft(
    { ownerId: action.ownerId ?? '' },
    action.version,
    (a, b) => a.ownerId !== b.ownerId,
  );
  const errors = useFieldErrors();
  return (
    <MiniForm
      id="lead"
      title={t('form.lead')}
      fields={['owner']}
      draft={draft}
      context={context}
      errors={errors}
      build={({ ownerId }) => ({
        method: 'PUT',
        path: `/api/actions/${action.id}/owner`,
        body: { ownerId: ownerId || null },
      })}
    >
      <label htmlFor="lead-select">{t('form.leadLabel')}</label>
      <select
        id="lead-select"
        value={draft.value.ownerId}
        onChange={(event) => draft.set({ ownerId: event.target.value })}
        {...invalid(errors, 'lead', 'ownerId')}
      >
        <option value="">{t('form.noLead')}</option>
        {partners.map((partner) => (
          <option key={partner.id} value={partner.id}>
            {partner.name}
          </option>
        ))}
      </select>
    </MiniForm>
  );
}

export function PartnersForm({ context, partners }: { context: FormContext; partners: Partner[] }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft({ partnerId: '' }, action.version, (a, b) => a.partnerId !== b.partnerId);
  const errors = useFieldErrors();
  const [removing, setRemoving] = useState<string | null>(null);
  const available = partners.filter((partner) => !action.partnerIds.includes(partner.id));
  const remove = async (partnerId: string) => {
    setRemoving(partnerId);
    errors.clear();
    try {
      const outcome = await context.send(
        { method: 'DELETE', path: `/api/actions/${action.id}/partners/${partnerId}`, body: {} },
        action.version,
      );
      if (!outcome.ok && 'error' in outcome) errors.show(outcome.error);
      else if (!outcome.ok) errors.show(new ApiError(409, 'ACTION.VERSION_CONFLICT', 'conflict'));
    } finally {
      setRemoving(null);
    }
  };
  return (
    <MiniForm
      id="partners"
      title={t('form.partners')}
      fields={['partners']}
      draft={draft}
      context={context}
      errors={errors}
      afterSave={() => draft.reset()}
      build={({ partnerId }) =>
        partnerId ? { method: 'POST', path: `/api/actions/${action.id}/partners`, body: { partnerId } } : null
      }
    >
      <ul className="plain">
        {action.partners.map((partner) => (
          <li key={partner.id}>
            {partner.name}{' '}
            <button
              type="button"
              className="link-button"
              disabled={removing !== null}
              onClick={() => void remove(partner.id)}
            >
              {t('form.removePartner', { name: partner.name })}
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor="partner-add">{t('form.addPartner')}</label>
      <select
        id="partner-add"
        value={draft.value.partnerId}
        onChange={(event) => draft.set({ partnerId: event.target.value })}
        {...invalid(errors, 'partners', 'partnerId')}
      >
        <option value="">{t('form.choose')}</option>
        {available.map((partner) => (
          <option key={partner.id} value={partner.id}>
            {partner.name}
          </option>
        ))}
      </select>
    </MiniForm>
  );
}

const splitTags = (tags: string) =>
  tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

export function EditForm({ context }: { context: FormContext }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft(
    { title: action.title, description: action.description, tags: action.tags.join(', ') },
    action.version,
    (a, b) =>
      a.title !== b.title ||
      a.description !== b.description ||
      splitTags(a.tags).join(',') !== splitTags(b.tags).join(','),
  );
  const errors = useFieldErrors();
  return (
    <MiniForm
      id="edit"
      title={t('form.edit')}
      fields={['title', 'description', 'tags']}
      draft={draft}
      context={context}
      errors={errors}
      build={({ title, description, tags }) => {
        const nextTags = splitTags(tags);
        return {
          method: 'PATCH',
          path: `/api/actions/${action.id}`,
          body: {
            ...(title !== action.title ? { title } : {}),
            ...(description !== action.description ? { description } : {}),
            ...(nextTags.join(',') !== action.tags.join(',') ? { tags: nextTags } : {}),
          },
        };
      }}
    >
      <label htmlFor="edit-title">{t('form.title')}</label>
      <input
        id="edit-title"
        value={draft.value.title}
        onChange={(event) => draft.set({ title: event.target.value })}
        {...invalid(errors, 'edit', 'title')}
      />
      <label htmlFor="edit-description">{t('form.description')}</label>
      <textarea
        id="edit-description"
        rows={3}
        value={draft.value.description}
        onChange={(event) => draft.set({ description: event.target.value })}
        {...invalid(errors, 'edit', 'description')}
      />
      <label htmlFor="edit-tags">{t('form.tags')}</label>
      <input
        id="edit-tags"
        value={draft.value.tags}
        onChange={(event) => draft.set({ tags: event.target.value })}
        {...invalid(errors, 'edit', 'tags')}
      />
    </MiniForm>
  );
}

export function NoteForm({ context }: { context: FormContext }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft({ text: '' }, action.version, (a, b) => a.text.trim() !== b.text.trim());
  const errors = useFieldErrors();
  return (
    <MiniForm
      id="note"
      title={t('form.note')}
      fields={['notes']}
      draft={draft}
      context={context}
      errors={errors}
      afterSave={() => draft.reset()}
      build={({ text }) => ({ method: 'POST', path: `/api/actions/${action.id}/notes`, body: { text } })}
    >
      <label htmlFor="note-text">{t('form.noteText')}</label>
      <textarea
        id="note-text"
        rows={3}
        required
        value={draft.value.text}
        onChange={(event) => draft.set({ text: event.target.value })}
        {...invalid(errors, 'note', 'text')}
      />
    </MiniForm>
  );
}

export function SignalForm({ context, partnerId }: { context: FormContext; partnerId: string | null }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft(
    { text: '', urgency: 'normal', source: '' },
    action.version,
    (a, b) => a.text.trim() !== b.text.trim(),
  );
  const errors = useFieldErrors();
  return (
    <MiniForm
      id="signal"
      title={t('form.signal')}
      fields={['signals']}
      draft={draft}
      context={context}
      errors={errors}
      afterSave={() => draft.reset()}
      build={({ text, urgency, source }) => ({
        method: 'POST',
        path: `/api/actions/${action.id}/signals`,
        body: { text, urgency, ...(source.trim() ? { source } : {}), ...(partnerId ? { partnerId } : {}) },
      })}
    >
      <label htmlFor="signal-text">{t('form.signalText')}</label>
      <textarea
        id="signal-text"
        rows={3}
        required
        value={draft.value.text}
        onChange={(event) => draft.set({ text: event.target.value })}
        {...invalid(errors, 'signal', 'text')}
      />
      <label htmlFor="signal-urgency">{t('form.urgency')}</label>
      <select
        id="signal-urgency"
        value={draft.value.urgency}
        onChange={(event) => draft.set({ urgency: event.target.value })}
      >
        {URGENCIES.map((value) => (
          <option key={value} value={value}>
            {t(`urgency.${value}`)}
          </option>
        ))}
      </select>
      {!partnerId && (
        <>
          <label htmlFor="signal-source">{t('form.source')}</label>
          <input
            id="signal-source"
            value={draft.value.source}
            onChange={(event) => draft.set({ source: event.target.value })}
            {...invalid(errors, 'signal', 'source')}
          />
        </>
      )}
    </MiniForm>
  );
}

export type { HistoryEntry };
