import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../router';
import { asOfFrom, ISO_DATE } from '../as-of-url';
import { belgianDate } from './common';

export { asOfFrom } from '../as-of-url';

/** `path` with `?asOf=` set (or removed, for today), keeping the other parameters. */
export function withAsOf(path: string, search: URLSearchParams, asOf: string | null): string {
  const params = new URLSearchParams(search);
  if (asOf) params.set('asOf', asOf);
  else params.delete('asOf');
  params.delete('offset');
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * "Stand op": a date picker that shows the page as the plan stood at the end of that day (kept in the URL as
 * `?asOf=`), with a banner while viewing the past and a way back to today.
 */
export function AsOfPicker({
  path,
  search,
  planId,
}: {
  path: string;
  search: URLSearchParams;
  planId: string;
}) {
  const { t } = useTranslation();
  const asOf = asOfFrom(search);
  const [draft, setDraft] = useState(asOf ?? '');
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setDraft(asOf ?? ''), [asOf]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft && !ISO_DATE.test(draft)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    navigate(withAsOf(path, search, draft || null));
  };
  return (
    <div className="as-of">
      <form className="as-of-form" onSubmit={submit}>
        <label htmlFor="as-of-date">{t('asOf.label')}</label>{' '}
        <input
          id="as-of-date"
          type="date"
          value={draft}
          max="9999-12-31"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'as-of-error' : undefined}
          onChange={(event) => setDraft(event.target.value)}
        />{' '}
        <button type="submit">{t('asOf.apply')}</button>{' '}
        {asOf && (
          <button type="button" onClick={() => navigate(withAsOf(path, search, null))}>
            {t('asOf.today')}
          </button>
        )}
        {invalid && (
          <span id="as-of-error" role="alert" className="error">
            {t('asOf.invalid')}
          </span>
        )}
      </form>
      {asOf && (
        <div className="banner past" role="status" data-testid="as-of-banner">
          <p>{t('asOf.banner', { date: belgianDate(asOf) })}</p>
          <p>
            <Link href={withAsOf(path, search, null)}>{t('asOf.backToToday')}</Link>
            {' · '}
            <Link href={`/plans/${planId}/changes?from=${asOf}`}>{t('asOf.changesSince')}</Link>
          </p>
        </div>
      )}
    </div>
  );
}

/** a link to an action's page, as of the same date when the page shows the past (`?asOf=`) */
export function actionHref(actionId: string, asOf: string | null): string {
  return asOf ? `/actions/${actionId}?asOf=${asOf}` : `/actions/${actionId}`;
}

/**
 * The banner of a page that shows one action (or anything else than the whole plan) as it stood at the end of
 * a day: the date, and the way back to today's page (`todayHref`).
 */
export function AsOfBanner({ asOf, todayHref }: { asOf: string; todayHref: string }) {
  const { t } = useTranslation();
  return (
    <div className="banner past" role="status" data-testid="as-of-banner">
      <p>{t('asOf.actionBanner', { date: belgianDate(asOf) })}</p>
      <p>
        <Link href={todayHref}>{t('asOf.backToToday')}</Link>
      </p>
    </div>
  );
}
