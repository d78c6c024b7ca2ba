import { useTranslation } from 'react-i18next';
import { belgianDate } from '../../../components/common';
import { useFormErrors } from '../../../forms/form-errors';
import { useDraft } from '../../../drafts';
import { MiniForm, type FormContext } from '../form-kit';

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
  const errors = useFormErrors();
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
            start: belgianDate(period.start),
            end: belgianDate(period.end),
          })}
        </p>
      )}
    </MiniForm>
  );
}
