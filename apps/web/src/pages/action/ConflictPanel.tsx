import { useTranslation } from 'react-i18next';
import type { ConflictDetails } from '../../types';
import { Timeline } from './Timeline';

/** A version conflict: what the others changed meanwhile (by whom), and the choice to apply mine again or drop it. */
export function ConflictPanel({
  details,
  names,
  actors,
  onReapply,
  onDiscard,
}: {
  details: ConflictDetails;
  names: ReadonlyMap<string, string>;
  actors: ReadonlyMap<string, string>;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const missed = (details?.missedEvents ?? []).map((entry) => ({
    ...entry,
    actor: entry.actor
      ? { id: entry.actor.id, name: entry.actor.name ?? actors.get(entry.actor.id) ?? null }
      : null,
  }));
  const who = [...new Set(missed.map((entry) => entry.actor?.name ?? t('history.someone')))].join(', ');
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-heading" data-testid="conflict">
      <h2 id="conflict-heading">{t('conflict.title', { who: who || t('history.someone') })}</h2>
      <p>{t('conflict.explain')}</p>
      <Timeline items={missed} names={names} />
      <div className="buttons">
        <button type="button" className="primary" onClick={onReapply}>
          {t('conflict.reapply')}
        </button>
        <button type="button" onClick={onDiscard}>
          {t('conflict.discard')}
        </button>
      </div>
    </section>
  );
}
