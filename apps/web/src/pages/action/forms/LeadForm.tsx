import { useTranslation } from 'react-i18next';
import { fieldAria, useFormErrors } from '../../../forms/form-errors';
import { useDraft } from '../../../drafts';
import type { Partner } from '../../../types';
import { MiniForm, type FormContext } from '../form-kit';

export function LeadForm({ context, partners }: { context: FormContext; partners: Partner[] }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft(
    { ownerId: action.ownerId ?? '' },
    action.version,
    (a, b) => a.ownerId !== b.ownerId,
  );
  const errors = useFormErrors();
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
        {...fieldAria(errors, 'lead-error', 'ownerId')}
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
