import { useTranslation } from 'react-i18next';
import { fieldAria, useFormErrors } from '../../../forms/form-errors';
import { useDraft } from '../../../drafts';
import { URGENCIES } from '../../../types';
import { MiniForm, type FormContext } from '../form-kit';

export function SignalForm({ context, partnerId }: { context: FormContext; partnerId: string | null }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft(
    { text: '', urgency: 'normal', source: '' },
    action.version,
    (a, b) => a.text.trim() !== b.text.trim(),
  );
  const errors = useFormErrors();
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
        {...fieldAria(errors, 'signal-error', 'text')}
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
            {...fieldAria(errors, 'signal-error', 'source')}
          />
        </>
      )}
    </MiniForm>
  );
}
