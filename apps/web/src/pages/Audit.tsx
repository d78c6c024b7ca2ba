import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ChangeValue, ErrorMessage, Loading, useErrorText, useFormat } from '../components/common';
import { saveFile } from '../download';
import { useResource } from '../hooks';
import { Link } from '../router';
import type { PlanTree, PlanTreeGoal } from '../types';
import { useUrlFilters } from '../url-filters';
import { EraseText, type TextTarget } from './EraseText';
import { ErasureForm } from './ErasureForm';

/** The kinds of record an audit entry can be about (GET /api/audit `kind`). */
const KINDS = [
  'plan',
  'action',
  'meeting',
  'signal',
  'working_group',
  'user',
  'partner',
  'tenant',
  'indicator',
  'period',
] as const;
type Kind = (typeof KINDS)[number];

const FILTERS = ['actorId', 'kind', 'themeId', 'actionId', 'meetingId', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

interface AuditEntry {
  position: string;
  type: string;
  kind: Kind;
  /** the id of the record whose stream holds the event (a plan's for a theme's archive reason) */
  aggregateId: string;
  /** the event's version in that stream */
  version: number;
  /** the event holds free text not erased yet (the api decides with `holdsErasableText`, as a history does) */
  erasableText: boolean;
  occurredAt: string;
  actor: { id: string; name: string };
  summary: { nl: string; en: string };
  changes: { field: string; from: unknown; to: unknown }[];
  target: { kind: Kind; id: string };
  meetingId?: string;
}

interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
  position: string;
}

/** Where an entry's "what it changed" link goes, when the app has a page for it. */
function targetHref(target: AuditEntry['target'], planId: string | null): string | null {
  switch (target.kind) {
    case 'action':
      return `/actions/${target.id}`;
    case 'plan':
      return `/plans/${target.id}`;
    case 'meeting':
      return `/meetings/${target.id}`;
    case 'working_group':
      return `/working-groups/${target.id}`;
    case 'signal':
      return planId ? `/plans/${planId}/signals` : null;
    case 'period':
      return planId ? `/plans/${planId}/periods` : null;
    default:
      return null;
  }
}

/** The erasure's `aggregate` (POST /api/erasures) of an entry's kind; the other kinds hold no free text. */
const TEXT_AGGREGATE_OF: Partial<Record<Kind, TextTarget['aggregate']>> = {
  action: 'action',
  signal: 'signal',
  meeting: 'meeting',
  period: 'period',
  indicator: 'indicator',
  plan: 'plan',
  working_group: 'working-group',
};

function actionsOf(goals: readonly PlanTreeGoal[]): { id: string; code: string; title: string }[] {
  return goals.flatMap((goal) => [...goal.actions, ...actionsOf(goal.goals)]);
}

/**
 * The tenant's audit trail for coordinators (issue 18): every change, newest first, with the filters of
 * GET /api/audit kept in the URL (shareable, the back button undoes), older pages by cursor, and the
 * filtered trail as CSV or JSON. Every read is itself recorded in the security log. Next to each entry that holds
 * free text not erased yet (of any kind of record: also a measurement's texts and the archive, cancellation and
 * unplacing reasons no other page shows), "Deze tekst wissen" erases that text alone; the trail then re-reads.
 */
export function AuditPage({ search, planId }: { search: URLSearchParams; planId: string | null }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { filters, draft, set, queryOf: filterQuery, go, submit } = useUrlFilters(FILTERS, '/audit', search);
  const before = search.get('before') ?? '';
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const users = useResource<{ items: { id: string; name: string }[] }>('/api/users');
  const plan = useResource<PlanTree>(planId ? `/api/plans/${planId}` : null);
  const trail = useResource<AuditPage>('/api/audit', { ...filters, before: before || undefined });

  /** the trail's query: its filters, then the cursor of an older page */
  const queryOf = (next: Record<Filter, string>, cursor = '') => filterQuery(next, { before: cursor });
  const download = async (type: 'csv' | 'json') => {
    setDownloadError(null);
    try {
      const params = new URLSearchParams(queryOf(filters));
      params.set('format', type);
      const blob = await api.blob(`/api/audit/export?${params.toString()}`);
      saveFile(blob, `audittrail.${type}`);
    } catch (error) {
      setDownloadError(error);
    }
  };

  const themes = plan.data?.themes ?? [];
  const actions = themes.flatMap((theme) => actionsOf(theme.goals));
  const language = i18n.language === 'en' ? 'en' : 'nl';

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <ErasureForm onErased={(position) => trail.reload(position)} />
      <form className="filters" onSubmit={submit()} role="search" aria-label={t('audit.filters')}>
        <div className="field">
          <label htmlFor="audit-actor">{t('audit.actor')}</label>
          <select id="audit-actor" value={draft.actorId} onChange={set('actorId')}>
            <option value="">{t('audit.anyone')}</option>
            {(users.data?.items ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-kind">{t('audit.kind')}</label>
          <select id="audit-kind" value={draft.kind} onChange={set('kind')}>
            <option value="">{t('audit.anyKind')}</option>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`audit.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-theme">{t('audit.theme')}</label>
          <select id="audit-theme" value={draft.themeId} onChange={set('themeId')}>
            <option value="">{t('audit.anyTheme')}</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.code} {theme.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" value={draft.actionId} onChange={set('actionId')}>
            <option value="">{t('audit.anyAction')}</option>
            {draft.actionId && !actions.some((action) => action.id === draft.actionId) && (
              <option value={draft.actionId}>{draft.actionId}</option>
            )}
            {actions.map((action) => (
              <option key={action.id} value={action.id}>
                {action.code} {action.title}
              </option>
            ))}
          </select>
        </div>
        {(draft.meetingId || filters.meetingId) && (
          <div className="field">
            <label htmlFor="audit-meeting">{t('audit.meeting')}</label>
            <select id="audit-meeting" value={draft.meetingId} onChange={set('meetingId')}>
              <option value="">{t('audit.anyMeeting')}</option>
              <option value={filters.meetingId || draft.meetingId}>{t('audit.thisMeeting')}</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input id="audit-from" type="date" value={draft.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input id="audit-to" type="date" value={draft.to} onChange={set('to')} />
        </div>
        <div className="buttons">
          <button type="submit" className="primary">
            {t('audit.apply')}
          </button>
          <button type="button" onClick={() => go('')}>
            {t('audit.clear')}
          </button>
        </div>
      </form>
      <div className="buttons">
        <span>{t('audit.download')}</span>
        <button type="button" onClick={() => void download('csv')}>
          CSV
        </button>
        <button type="button" onClick={() => void download('json')}>
          JSON
        </button>
      </div>
      {downloadError !== null && (
        <p role="alert" className="error">
          {errorText(downloadError)}
        </p>
      )}
      <ErrorMessage error={trail.error} />
      {!trail.data ? (
        trail.error ? null : (
          <Loading />
        )
      ) : trail.data.items.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <ol className="timeline audit-trail" data-testid="audit-trail">
          {trail.data.items.map((entry) => {
            const href = targetHref(entry.target, planId);
            const textAggregate = entry.erasableText ? TEXT_AGGREGATE_OF[entry.kind] : undefined;
            return (
              <li key={entry.position} data-position={entry.position}>
                <div className="when">
                  <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time> ·{' '}
                  <span className="who">{entry.actor.name}</span>{' '}
                  <span className="badge">{t(`audit.kinds.${entry.kind}`)}</span>
                  {entry.meetingId && (
                    <Link
                      className="badge meeting"
                      href={`/audit?${queryOf({ ...filters, meetingId: entry.meetingId })}`}
                    >
                      {t('history.inMeeting')}
                    </Link>
                  )}
                </div>
                <div className="what">{entry.summary[language]}</div>
                {entry.changes.length > 0 && (
                  <ul className="changes">
                    {entry.changes.map((change, index) => (
                      <li key={`${change.field}-${index}`}>
                        <span className="field">
                          {t(`field.${change.field}`, { defaultValue: change.field })}
                        </span>
                        : <ChangeValue field={change.field} value={change.from} /> →{' '}
                        <ChangeValue field={change.field} value={change.to} />
                      </li>
                    ))}
                  </ul>
                )}
                {href && (
                  <Link href={href} className="audit-target">
                    {t(`audit.open.${entry.target.kind}`)}
                  </Link>
                )}
                {textAggregate && (
                  <EraseText
                    target={{
                      aggregate: textAggregate,
                      aggregateId: entry.aggregateId,
                      onErased: (position) => trail.reload(position),
                    }}
                    version={entry.version}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      <nav className="pager" aria-label={t('audit.pages')}>
        {before && <Link href={`/audit?${queryOf(filters)}`}>{t('audit.newest')}</Link>}
        {trail.data?.nextCursor && (
          <Link href={`/audit?${queryOf(filters, trail.data.nextCursor)}`}>{t('audit.older')}</Link>
        )}
      </nav>
    </>
  );
}
