import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading, StatusBadge, belgianDate, useFormat } from '../components/common';
import { useResource } from '../hooks';
import { Link, navigate } from '../router';
import { ACTION_STATUSES, type PlanChanges, type PlanTree, type PlanTreeGoal } from '../types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day in Belgium `days` days ago, as YYYY-MM-DD. */
const belgianDayAgo = (days: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(
    new Date(Date.now() - days * 86_400_000),
  );

function goalNames(goals: PlanTreeGoal[], into: Map<string, string>): Map<string, string> {
  for (const goal of goals) {
    into.set(goal.id, `${goal.code} ${goal.title}`);
    goalNames(goal.goals, into);
  }
  return into;
}

type Ref = { id: string; name: string };
const isRef = (value: unknown): value is Ref =>
  typeof value === 'object' && value !== null && 'name' in value && 'id' in value;

/** "Wat veranderde sinds ...": `GET /api/plans/:id/changes`, per action the fields before and after. */
export function ChangesPage({ planId, search }: { planId: string; search: URLSearchParams }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fromParam = search.get('from');
  const toParam = search.get('to');
  const from = fromParam && ISO_DATE.test(fromParam) ? fromParam : belgianDayAgo(30);
  const to = toParam && ISO_DATE.test(toParam) ? toParam : null;
  const [draft, setDraft] = useState({ from, to: to ?? '' });
  useEffect(() => setDraft({ from, to: to ?? '' }), [from, to]);
  const changes = useResource<PlanChanges>(`/api/plans/${planId}/changes`, { from, ...(to ? { to } : {}) });
  const tree = useResource<PlanTree>(`/api/plans/${planId}`);
  const themes = new Map(
    (tree.data?.themes ?? []).map((theme) => [theme.id, `${theme.code}. ${theme.title}`]),
  );
  const goals = goalNames(
    (tree.data?.themes ?? []).flatMap((theme) => theme.goals),
    new Map(),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (draft.from) params.set('from', draft.from);
    if (draft.to) params.set('to', draft.to);
    navigate(`/plans/${planId}/changes?${params.toString()}`);
  };

  const show = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '')
      return <em className="muted">{t('history.empty')}</em>;
    if (field === 'status' && typeof value === 'string') return t(`status.${value}`);
    if (field === 'dueDate' && typeof value === 'string') return belgianDate(value);
    if (field === 'goalId' && typeof value === 'string') return goals.get(value) ?? value;
    if (field === 'progress' && typeof value === 'number') return `${value} %`;
    if (typeof value === 'boolean') return value ? t('changes.yes') : t('changes.no');
    if (isRef(value)) return value.name;
    if (Array.isArray(value))
      return value.length ? (
        value.map((item) => (isRef(item) ? item.name : String(item))).join(', ')
      ) : (
        <em className="muted">{t('history.empty')}</em>
      );
    return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  };

  const data = changes.data;
  return (
    <div>
      <h1>{t('changes.title', { date: belgianDate(from) })}</h1>
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor="changes-from">{t('changes.from')}</label>
          <input
            id="changes-from"
            type="date"
            required
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="changes-to">{t('changes.to')}</label>
          <input
            id="changes-to"
            type="date"
            value={draft.to}
            aria-describedby="changes-to-hint"
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
          <small id="changes-to-hint" className="muted">
            {t('changes.toHint')}
          </small>
        </div>
        <button type="submit">{t('changes.show')}</button>
      </form>
      {changes.error ? (
        <ErrorMessage error={changes.error} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <p className="muted">
            {t('changes.period', { from: format.dateTime(data.from), to: format.dateTime(data.to) })}
          </p>
          <table className="data stack" data-testid="changes-counts">
            <caption>{t('changes.countsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('changes.theme')}</th>
                {ACTION_STATUSES.map((status) => (
                  <th scope="col" key={status}>
                    {t(`status.${status}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[
                {
                  id: 'all',
                  label: t('changes.whole'),
                  before: data.counts.before,
                  after: data.counts.after,
                },
                ...data.counts.themes.map((theme) => ({
                  id: theme.id,
                  label: `${theme.code}. ${theme.title}`,
                  before: theme.before,
                  after: theme.after,
                })),
              ].map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.label}</th>
                  {ACTION_STATUSES.map((status) => (
                    <td key={status} data-label={t(`status.${status}`)}>
                      <span className="sr-only">{t('changes.before')}: </span>
                      {row.before.byStatus[status]} → <span className="sr-only">{t('changes.after')}: </span>
                      {row.after.byStatus[status]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('changes.actionsHeading', { count: data.actions.length })}</h2>
          {data.actions.length === 0 && <p>{t('changes.none')}</p>}
          <ul className="plain" data-testid="changes-actions">
            {data.actions.map((action) => (
              <li key={action.actionId}>
                <h3>
                  <Link href={`/actions/${action.actionId}`}>
                    {action.code} {action.title}
                  </Link>{' '}
                  <StatusBadge status={action.status} />{' '}
                  {action.kind === 'added' && <span className="badge">{t('changes.added')}</span>}
                </h3>
                <p className="muted">
                  {action.themeId ? themes.get(action.themeId) : ''}
                  {action.themeId ? ' · ' : ''}
                  {t('changes.events', { count: action.events })}
                  {action.actors.length > 0 && ` · ${action.actors.map((actor) => actor.name).join(', ')}`}
                </p>
                {action.fields.length === 0 ? (
                  <p>{t('changes.noFieldChanges')}</p>
                ) : (
                  <table className="data changes-fields">
                    <thead>
                      <tr>
                        <th scope="col">{t('changes.field')}</th>
                        <th scope="col">{t('changes.before')}</th>
                        <th scope="col">{t('changes.after')}</th>
                        <th scope="col">{t('changes.by')}</th>
                        <th scope="col">{t('changes.at')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {action.fields.map((field) => (
                        <tr key={field.field} data-testid={`change-${action.code}-${field.field}`}>
                          <th scope="row">{t(`changes.fields.${field.field}`)}</th>
                          <td>{show(field.field, field.before)}</td>
                          <td>{show(field.field, field.after)}</td>
                          <td>{field.changedBy?.name ?? ''}</td>
                          <td>{format.dateTime(field.changedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
