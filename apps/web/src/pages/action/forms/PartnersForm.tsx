import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { fieldAria, useFormErrors } from '../../../forms/form-errors';
import { useDraft } from '../../../drafts';
import type { Partner } from '../../../types';
import { MiniForm, type FormContext } from '../form-kit';

export function PartnersForm({ context, partners }: { context: FormContext; partners: Partner[] }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft({ partnerId: '' }, action.version, (a, b) => a.partnerId !== b.partnerId);
  const errors = useFormErrors();
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
        {...fieldAria(errors, 'partners-error', 'partnerId')}
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
