import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorMessage, Loading, StatusBadge, useErrorText, useFormat } from '../components/common';
import { useDebounced, useResource, useUser } from '../hooks';
import { saveFile } from '../download';
import { useLiveRoom } from '../live';
import { Link } from '../router';
import { AsOfPicker, actionHref, asOfFrom } from '../components/AsOf';
import { ACTION_STATUSES, type ActionList, type Partner, type PlanTree, type PlanTreeGoal } from '../types';
import { useUrlFilters } from '../url-filters';
import { deleteView, loadViews, saveView, type SavedView } from './saved-views';

import { PriorityBadge } from './reporting/Reporting';

const PAGE_SIZE = 50;
const FILTERS = [
  'status',
  'themeId',
  'goalId',
  'ownerId',
  'partnerId',
  'tag',
  'overdue',
  'priority',
  'q',
  'mine',
] as const;
type Filter = (typeof FILTERS)[number];
const MINE = ['all', 'lead', 'partner', 'group'] as const;
/** The sortable columns (the api's `sort` keys); `-` before one sorts descending. */
const SORTABLE = {
  code: 'actions.code',
  title: 'actions.name',
  status: 'actions.status',
  owner: 'actions.lead',
  progress: 'actions.progress',
  dueDate: 'actions.due',
  signals: 'actions.signals',
} as const;
type SortKey = keyof typeof SORTABLE;

function flattenGoals(goals: PlanTreeGoal[], depth = 0): { id: string; label: string }[] {
  return goals.flatMap((goal) => [
    { id: goal.id, label: `${'\u00a0'.repeat(depth * 2)}${goal.code} ${goal.title}` },
    ...flattenGoals(goal.goals, depth + 1),
  ]);
}

/** The part of a text around the first match of the search, the match marked (null: no match). */
export function snippet(text: string, query: string, around = 60): ReactNode {
  const q = query.trim();
  if (!q) return null;
  const at = text.toLocaleLowerCase('nl-BE').indexOf(q.toLocaleLowerCase('nl-BE'));
  if (at < 0) return null;
  const start = Math.max(0, at - around);
  const end = Math.min(text.length, at + q.length + around);
  return (
    <>
      {start > 0 && '…'}
      {text.slice(start, at)}
      <mark>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length, end)}
      {end < text.length && '…'}
    </>
  );
}

export function ActionsPage({ planId, search }: { planId: string; search: URLSearchParams }) {
  const { t } = useTranslation();
  const format = useFormat();
  const {
    filters,
    draft,
    setDraft,
    set,
    queryOf: filterQuery,
    go,
    submit,
    empty,
  } = useUrlFilters(FILTERS, `/plans/${planId}/actions`, search);
  const offset = Number(search.get('offset') ?? 0) || 0;
  const sort = search.get('sort') ?? '';
  // "Stand op": the list as the plan stood at the end of that day (issue 16), kept in the URL
  const asOf = asOfFrom(search);
  const user = useUser();
  const errorText = useErrorText();
  const [views, setViews] = useState<SavedView[]>(() => loadViews(user?.id ?? '', planId));
  const [viewName, setViewName] = useState('');
  useEffect(() => setViews(loadViews(user?.id ?? '', planId)), [user?.id, planId]);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const plan = useResource<PlanTree>(`/api/plans/${planId}`, asOf ? { asOf } : {});
  const partners = useResource<{ items: Partner[] }>('/api/partners');
  const list = useResource<ActionList>(`/api/plans/${planId}/actions`, {
    ...filters,
    sort,
    limit: PAGE_SIZE,
    offset,
    ...(asOf ? { asOf } : {}),
  });
  // the past does not change: only today's list follows the live events
  const refresh = useDebounced((position) => {
    if (!asOf) list.reload(position);
  });
  useLiveRoom(`plan:${planId}`, { onEvent: (event) => refresh(event.position) });

  /** The list's state lives in the URL (useUrlFilters): its filters, then its sort, page and "as of" date. */
  const queryOf = (next: Record<Filter, string>, nextSort = sort, nextOffset = 0) =>
    filterQuery(next, { sort: nextSort, offset: nextOffset, asOf });
  const apply = (next: Record<Filter, string>, nextOffset = 0) => go(queryOf(next, sort, nextOffset));
  const sortBy = (key: SortKey) => go(queryOf(filters, sort === key ? `-${key}` : key));
  const ariaSort = (key: SortKey) =>
    sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined;
  const currentQuery = queryOf(filters);
  const download = async (format: 'xlsx' | 'csv') => {
    setDownloadError(null);
    try {
      const params = new URLSearchParams(currentQuery);
      params.set('format', format);
      const blob = await api.blob(`/api/plans/${planId}/actions/download?${params.toString()}`);
      saveFile(blob, `acties.${format}`);
    } catch (error) {
      setDownloadError(error);
    }
  };
  const storeView = (event: FormEvent) => {
    event.preventDefault();
    if (!user || !viewName.trim()) return;
    setViews(saveView(user.id, planId, viewName.trim(), currentQuery));
    setViewName('');
  };
  const themes = plan.data?.themes ?? [];
  const goals = themes
    .filter((theme) => !draft.themeId || theme.id === draft.themeId)
    .flatMap((theme) => flattenGoals(theme.goals));
  const activePartners = (partners.data?.items ?? []).filter((partner) => !partner.mergedInto);

  return (
    <div>
      <h1>{t('actions.title')}</h1>
      <AsOfPicker path={`/plans/${planId}/actions`} search={search} planId={planId} />
      <form
        className="filters"
        onSubmit={submit({ sort, asOf })}
        role="search"
        aria-label={t('actions.filters')}
      >
        <div className="field">
          <label htmlFor="f-q">{t('actions.search')}</label>
          <input id="f-q" type="search" value={draft.q} onChange={set('q')} />
        </div>
        <div className="field">
          <label htmlFor="f-mine">{t('actions.mine')}</label>
          <select id="f-mine" value={draft.mine} onChange={set('mine')}>
            <option value="">{t('actions.mineNone')}</option>
            {MINE.map((relation) => (
              <option key={relation} value={relation}>
                {t(`actions.mine_${relation}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t('actions.status')}</label>
          <select id="f-status" value={draft.status} onChange={set('status')}>
            <option value="">{t('common.all')}</option>
            {ACTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-theme">{t('actions.theme')}</label>
          <select
            id="f-theme"
            value={draft.themeId}
            onChange={(event) => setDraft({ ...draft, themeId: event.target.value, goalId: '' })}
          >
            <option value="">{t('common.all')}</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.code}. {theme.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-goal">{t('actions.goal')}</label>
          <select id="f-goal" value={draft.goalId} onChange={set('goalId')}>
            <option value="">{t('common.all')}</option>
            {goals.map((goal) => (
              <option key={goal.id} value={goal.id}>
                {goal.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-owner">{t('actions.lead')}</label>
          <select id="f-owner" value={draft.ownerId} onChange={set('ownerId')}>
            <option value="">{t('common.all')}</option>
            {activePartners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-partner">{t('actions.partner')}</label>
          <select id="f-partner" value={draft.partnerId} onChange={set('partnerId')}>
            <option value="">{t('common.all')}</option>
            {activePartners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-tag">{t('actions.tag')}</label>
          <input id="f-tag" value={draft.tag} onChange={set('tag')} />
        </div>
        <div className="field checkbox">
          <input
            id="f-overdue"
            type="checkbox"
            checked={draft.overdue === 'true'}
            onChange={(event) => setDraft({ ...draft, overdue: event.target.checked ? 'true' : '' })}
          />
          <label htmlFor="f-overdue">{t('actions.onlyOverdue')}</label>
        </div>
        <div className="field checkbox">
          <input
            id="f-priority"
            type="checkbox"
            checked={draft.priority === 'true'}
            onChange={(event) => setDraft({ ...draft, priority: event.target.checked ? 'true' : '' })}
          />
          <label htmlFor="f-priority">{t('reporting.onlyPriority')}</label>
        </div>
        <div className="buttons">
          <button type="submit" className="primary">
            {t('actions.apply')}
          </button>
          <button type="button" onClick={() => apply(empty)}>
            {t('actions.reset')}
          </button>
        </div>
      </form>
      <section className="views" aria-labelledby="views-heading">
        <h2 id="views-heading">{t('actions.views')}</h2>
        {views.length === 0 ? (
          <p className="hint">{t('actions.noViews')}</p>
        ) : (
          <ul className="plain view-list">
            {views.map((view) => (
              <li key={view.name}>
                <Link
                  href={`/plans/${planId}/actions${view.query ? `?${view.query}` : ''}`}
                  aria-current={view.query === currentQuery ? 'true' : undefined}
                >
                  {view.name}
                </Link>{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('actions.deleteView', { name: view.name })}
                  onClick={() => user && setViews(deleteView(user.id, planId, view.name))}
                >
                  {t('actions.delete')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="inline-form" onSubmit={storeView}>
          <label htmlFor="view-name">{t('actions.viewName')}</label>
          <input
            id="view-name"
            value={viewName}
            maxLength={60}
            onChange={(event) => setViewName(event.target.value)}
          />
          <button type="submit" disabled={!viewName.trim()}>
            {t('actions.saveView')}
          </button>
        </form>
        <div className="buttons">
          <span>{t('actions.download')}</span>
          <button type="button" onClick={() => void download('xlsx')}>
            {t('actions.downloadXlsx')}
          </button>
          <button type="button" onClick={() => void download('csv')}>
            {t('actions.downloadCsv')}
          </button>
        </div>
        {downloadError !== null && (
          <p role="alert" className="error">
            {errorText(downloadError)}
          </p>
        )}
      </section>
      <ErrorMessage error={list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <>
          <p role="status" data-testid="result-count">
            {t('actions.count', { count: list.data.total })}
          </p>
          <table className="data actions-table stack">
            <caption className="sr-only">{t('actions.title')}</caption>
            <thead>
              <tr>
                {(Object.keys(SORTABLE) as SortKey[]).map((key) => (
                  <th scope="col" key={key} aria-sort={ariaSort(key)}>
                    <button type="button" className="sort" onClick={() => sortBy(key)}>
                      {t(SORTABLE[key])}
                      <span aria-hidden="true">{sort === key ? ' ▲' : sort === `-${key}` ? ' ▼' : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((action) => {
                const match = filters.q ? snippet(action.description, filters.q) : null;
                return (
                  <tr key={action.id}>
                    <td data-label={t('actions.code')}>
                      {action.code}
                      {action.bbcCode && <span className="bbc-code"> [{action.bbcCode}]</span>}{' '}
                      <PriorityBadge node={action} />
                    </td>
                    <td data-label={t('actions.name')}>
                      <span>
                        <Link href={actionHref(action.id, asOf)}>{action.title}</Link>
                        {match && (
                          <span className="snippet" data-testid="snippet">
                            {match}
                          </span>
                        )}
                      </span>
                    </td>
                    <td data-label={t('actions.status')}>
                      <StatusBadge status={action.status} />
                    </td>
                    <td data-label={t('actions.lead')}>{action.owner?.name ?? '–'}</td>
                    <td data-label={t('actions.progress')}>
                      {action.progress === null ? '–' : `${action.progress} %`}
                    </td>
                    <td data-label={t('actions.due')} className={action.overdue ? 'overdue' : undefined}>
                      {format.date(action.dueDate) || '–'}
                      {action.overdue && <span className="sr-only"> ({t('actions.overdue')})</span>}
                    </td>
                    <td data-label={t('actions.signals')}>{action.signalCount}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <nav className="pager" aria-label={t('actions.pages')}>
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => apply(filters, Math.max(0, offset - PAGE_SIZE))}
            >
              {t('actions.previous')}
            </button>
            <span>
              {t('actions.range', {
                from: list.data.total === 0 ? 0 : offset + 1,
                to: Math.min(offset + PAGE_SIZE, list.data.total),
                total: list.data.total,
              })}
            </span>
            <button
              type="button"
              disabled={offset + PAGE_SIZE >= list.data.total}
              onClick={() => apply(filters, offset + PAGE_SIZE)}
            >
              {t('actions.next')}
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
