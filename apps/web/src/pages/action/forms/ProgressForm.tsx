import { useTranslation } from 'react-i18next';
import { fieldAria, useFormErrors } from '../../../forms/form-errors';
import { useDraft } from '../../../drafts';
import { MiniForm, type FormContext } from '../form-kit';

export function ProgressForm({ context }: { context: FormContext }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft(
    { percent: String(action.progress ?? 0), comment: '' },
    action.version,
    (a, b) => a.percent !== b.percent || a.comment.trim() !== b.comment.trim(),
  );
  const errors = useFormErrors();
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
        {...fieldAria(errors, 'progress-error', 'percent')}
      />
      <label htmlFor="progress-comment">{t('form.comment')}</label>
      <input
        id="progress-comment"
        value={draft.value.comment}
        onChange={(event) => draft.set({ comment: event.target.value })}
        {...fieldAria(errors, 'progress-error', 'comment')}
      />
    </MiniForm>
  );
}
