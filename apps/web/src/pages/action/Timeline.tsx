import { useTranslation } from 'react-i18next';
import { ChangeValue, useFormat } from '../../components/common';
import { holdsErasableText, type HistoryEntry } from '../../types';
import { EraseText, type TextTarget } from '../EraseText';

/**
 * An action's history (or the events a conflict missed): when, who, what, each changed field before → after.
 * With `eraseText` (coordinators), an entry that holds free text offers to erase that text alone.
 */
export function Timeline({
  items,
  names,
  eraseText,
}: {
  items: HistoryEntry[];
  names: ReadonlyMap<string, string>;
  eraseText?: TextTarget;
}) {
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
          {/* the api client reads an erased text as "gewist" / "erased" already */}
          {eraseText && holdsErasableText(entry.type, entry.data, t('erasure.erased')) && (
            <EraseText target={eraseText} version={entry.version} />
          )}
        </li>
      ))}
    </ol>
  );
}
