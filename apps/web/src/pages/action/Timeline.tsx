import { useTranslation } from 'react-i18next';
import { ChangeValue, useFormat } from '../../components/common';
import type { HistoryEntry } from '../../types';

/** An action's history (or the events a conflict missed): when, who, what, each changed field before → after. */
export function Timeline({ items, names }: { items: HistoryEntry[]; names: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <ol className="timeline" data-testid="history">
      {items.map((entry) => (
        <li key={entry.position}>
          <div className="when">
            <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time> ·{' '}
            <span className="who">
              {entry.actor?.name ?? (entry.actor ? t('history.someone') : t('history.system'))}
            </span>
            {entry.meetingId && <span className="badge meeting">{t('history.inMeeting')}</span>}
          </div>
          <div className="what">{i18n.language === 'en' ? entry.summary.en : entry.summary.nl}</div>
          {entry.changes.length > 0 && entry.type !== 'ActionAdded' && (
            <ul className="changes">
              {entry.changes.map((change, index) => (
                <li key={`${change.field}-${index}`}>
                  <span className="field">{t(`field.${change.field}`, { defaultValue: change.field })}</span>:{' '}
                  <ChangeValue field={change.field} value={change.from} names={names} /> →{' '}
                  <ChangeValue field={change.field} value={change.to} names={names} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
