import { useTranslation } from 'react-i18next';
import { ACTION_STATUS_TRANSITIONS } from '../../../../../../libs/domain/src/action/action.lifecycle';
import { fieldAria, useFormErrors } from '../../../forms/form-errors';
import { useDraft } from '../../../drafts';
import type { Action } from '../../../types';
import { MiniForm, type FormContext } from '../form-kit';

export function StatusForm({ context }: { context: FormContext }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft<{ status: string; reason: string }>(
    { status: action.status, reason: '' },
    action.version,
    (a, b) => a.status !== b.status,
  );
  const errors = useFormErrors();
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
        {...fieldAria(errors, 'status-error', 'status')}
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
        {...fieldAria(errors, 'status-error', 'reason')}
      />
    </MiniForm>
  );
}
