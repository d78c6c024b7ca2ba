import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/common';

/** A signal about this action, as the signals inbox answers it. */
export interface ActionSignal {
  id: string;
  status: string;
  urgency: string;
  partner: { id: string; name: string } | null;
  source: string | null;
  text: string;
  submittedAt: string;
}

/** The signals about this action (issue 15: the action page lists them), newest as the inbox sorts them. */
export function ActionSignals({ items }: { items: ActionSignal[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="signals-heading" data-testid="action-signals">
      <h2 id="signals-heading">{t('actionPage.signals')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('signals.none')}</p>
      ) : (
        <ul className="plain">
          {items.map((signal) => (
            <li key={signal.id} className={`signal urgency-${signal.urgency}`}>
              <span className="badge">
                {t(`signals.status.${signal.status}`, { defaultValue: signal.status })}
              </span>{' '}
              <span className={`badge urgency-${signal.urgency}`}>
                {t(`urgency.${signal.urgency}`, { defaultValue: signal.urgency })}
              </span>{' '}
              {signal.partner?.name ?? signal.source ?? ''} · {format.date(signal.submittedAt)}
              <p>{signal.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
