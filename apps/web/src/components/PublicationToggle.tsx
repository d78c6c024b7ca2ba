import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { hasRole, useResource, useUser } from '../hooks';
import { useFormError, useWrite } from '../forms/write-form';
import { ErrorMessage } from './common';

/** The coordinator's switch for the plan's public page (PlanPublicationChanged); others see nothing. */
export function PublicationToggle({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const coordinator = hasRole(user, 'coordinator');
  const plan = useResource<{ public: boolean }>(coordinator ? `/api/plans/${planId}` : null);
  const failure = useFormError();
  const { busy, run } = useWrite(failure);
  if (!coordinator || !plan.data) return null;
  const isPublic = plan.data.public;
  const toggle = () =>
    run(
      () => api.write<{ position: string }>('PUT', `/api/plans/${planId}/publication`, { public: !isPublic }),
      (result) => plan.reload(result.position),
    );
  return (
    <section className="panel" aria-labelledby="publication-heading">
      <h2 id="publication-heading">{t('public.switchLabel')}</h2>
      <p role="status">{isPublic ? t('public.isOn') : t('public.isOff')}</p>
      <div className="buttons">
        <button type="button" disabled={busy} onClick={toggle}>
          {isPublic ? t('public.turnOff') : t('public.turnOn')}
        </button>
        {isPublic && (
          <a href={`/publiek/${planId}`} target="_blank" rel="noopener">
            {t('public.open')}
          </a>
        )}
      </div>
      <ErrorMessage error={failure.error} />
    </section>
  );
}
