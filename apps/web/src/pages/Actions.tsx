import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading, StatusBadge, useFormat } from '../components/common';
import { useDebounced, useResource } from '../hooks';
import { useLiveRoom } from '../live';
import { Link, navigate } from '../router';
import { ACTION_STATUSES, type ActionList, type Partner, type PlanTree, type PlanTreeGoal } from '../types';

const PAGE_SIZE = 50;
const FILTERS = ['status', 'themeId', 'goalId', 'ownerId', 'partnerId', 'tag', 'overdue', 'q'] as const;
type Filter = (typeof FILTERS)[number];

function flattenGoals(goals: PlanTreeGoal[], depth = 0): { id: string; label: string }[] {
  return goals.flatMap((goal) => [
    { id: goal.id, label: `${'\u00a0'.repeat(depth * 2)}${goal.code} ${goal.title}` },
    ...flattenGoals(goal.goals, depth + 1),
  ]);
}

export function ActionsPage({ planId, search }: { planId: string; search: URLSearchParams }) {
  const { t } = useTranslation();
  const format = useFormat();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, search.get(name) ?? ''])) as Record<
    Filter,
    string
  >;
  const offset = Number(search.get('offset') ?? 0) || 0;
  const [draft, setDraft] = useState(filters);
  const searchKey = search.toString();
  useEffect(
    () =>
      setDraft(
        Object.fromEntries(
          FILTERS.map((name) => [name, new URLSearchParams(searchKey).get(name) ?? '']),
        ) as Record<Filter, string>,
      ),
    [searchKey],
  );
  const plan = useResource<PlanTree>(`/api/plans/${planId}`);
  const partners = useResource<{ items: Partner[] }>('/api/partners');
  const list = useResource<ActionList>(`/api/plans/${planId}/actions`, {
    ...filters,
    limit: PAGE_SIZE,
    offset,
  });
  const refresh = useDebounced((position) => list.reload(position));
  useLiveRoom(`plan:${planId}`, { onEvent: (event) => refresh(event.position) });

  const apply = (next: Record<Filter, string>, nextOffset = 0) => {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (next[name]) params.set(name, next[name]);
    if (nextOffset) params.set('offset', String(nextOffset));
    const query = params.toString();
    navigate(`/plans/${planId}/actions${query ? `?${query}` : ''}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const set = (name: Filter) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [name]: event.target.value });
  const themes = plan.data?.themes ?? [];
  const goals = themes
    .filter((theme) => !draft.themeId || theme.id === draft.themeId)
    .flatMap((theme) => flattenGoals(theme.goals));
  const activePartners = (partners.data?.items ?? []).filter((partner) => !partner.mergedInto);

  return (
    <div>
      <h1>{t('actions.title')}</h1>
      <form className="filters" onSubmit={submit} role="search" aria-label={t('actions.filters')}>
        <div className="field">
          <label htmlFor="f-q">{t('actions.search')}</label>
          <input id="f-q" type="search" value={draft.q} onChange={set('q')} />
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
        <div className="buttons">
          <button type="submit" className="primary">
            {t('actions.apply')}
          </button>
          <button
            type="button"
            onClick={() =>
              apply(Object.fromEntries(FILTERS.map((name) => [name, ''])) as Record<Filter, string>)
            }
          >
            {t('actions.reset')}
          </button>
        </div>
      </form>
      <ErrorMessage error={list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <>
          <p role="status" data-testid="result-count">
            {t('actions.count', { count: list.data.total })}
          </p>
          <table className="data actions-table">
            <caption className="sr-only">{t('actions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('actions.code')}</th>
                <th scope="col">{t('actions.name')}</th>
                <th scope="col">{t('actions.status')}</th>
                <th scope="col">{t('actions.lead')}</th>
                <th scope="col">{t('actions.progress')}</th>
                <th scope="col">{t('actions.due')}</th>
                <th scope="col">{t('actions.signals')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((action) => (
                <tr key={action.id}>
                  <td>{action.code}</td>
                  <td>
                    <Link href={`/actions/${action.id}`}>{action.title}</Link>
                  </td>
                  <td>
                    <StatusBadge status={action.status} />
                  </td>
                  <td>{action.owner?.name ?? '–'}</td>
                  <td>{action.progress === null ? '–' : `${action.progress} %`}</td>
                  <td className={action.overdue ? 'overdue' : undefined}>
                    {format.date(action.dueDate) || '–'}
                    {action.overdue && <span className="sr-only"> ({t('actions.overdue')})</span>}
                  </td>
                  <td>{action.signalCount}</td>
                </tr>
              ))}
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
