import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { LiveEvent } from '#realtime-client';
import { ErrorMessage, Loading, StatusBadge, useFormat } from '../components/common';
import { IndicatorStatusBadge, PriorityBadge } from './reporting/Reporting';
import { PublicationToggle } from '../components/PublicationToggle';
import { AsOfPicker, actionHref, asOfFrom } from '../components/AsOf';
import { useDebounced, useResource } from '../hooks';
import { useErasures, useLiveRoom } from '../live';
import { Link } from '../router';
import {
  ACTION_STATUSES,
  type ActionList,
  type Dashboard,
  type PlanSummary,
  type StatusTrend,
} from '../types';

/** One line of the recent-changes feed: which action, who, what. */
interface FeedItem {
  key: string;
  at: string;
  actionId: string | null;
  who: string | null;
  summary: { nl: string; en: string };
  /** the action's code and title when the change came with them (the history read) */
  action?: { id: string; code: string; title: string };
}

/** GET /api/plans/:id/recent-changes */
interface RecentChanges {
  items: {
    position: string;
    occurredAt: string;
    action: { id: string; code: string; title: string };
    actor: { name: string | null };
    summary: { nl: string; en: string };
  }[];
}

const fromLive = (event: LiveEvent): FeedItem => ({
  key: event.position,
  at: event.metadata.occurredAt,
  actionId: event.streamId.startsWith('action-') ? event.streamId.slice('action-'.length) : null,
  who: event.metadata.actorName ?? null,
  summary: event.summary,
});

ChartJS.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Status colours: each has at least 3:1 contrast against white (WCAG 1.4.11 for graphics). */
export const STATUS_COLOURS: Record<string, string> = {
  not_started: '#6b7280',
  in_progress: '#1d4ed8',
  realised: '#15803d',
  postponed: '#b45309',
  stopped: '#b91c1c',
};

export function DashboardPage({ planId, search }: { planId: string; search: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  // "Stand op": the dashboard as the plan stood at the end of that day (issue 16)
  const asOf = asOfFrom(search);
  const at = asOf ? { asOf } : {};
  const dashboard = useResource<Dashboard>(`/api/plans/${planId}/dashboard`, at);
  const overdue = useResource<ActionList>(`/api/plans/${planId}/actions`, {
    overdue: 'true',
    limit: 8,
    ...at,
  });
  const recent = useResource<ActionList>(`/api/plans/${planId}/actions`, { limit: 500, ...at });
  const trend = useResource<StatusTrend>(`/api/plans/${planId}/trend`);
  const plans = useResource<{ items: PlanSummary[] }>('/api/plans');
  const plan = plans.data?.items.find((candidate) => candidate.id === planId) ?? null;
  const [feed, setFeed] = useState<FeedItem[]>([]);
  // on load the feed is rebuilt from the plan's history, for every role; live events are added as they come
  const recentChanges = useResource<RecentChanges>(`/api/plans/${planId}/recent-changes`, { limit: 10 });
  const [announcement, setAnnouncement] = useState('');

  const refresh = useDebounced((position) => {
    trend.reload(position);
    // the past does not change: only today's figures follow the live events
    if (asOf) return;
    dashboard.reload(position);
    overdue.reload(position);
    recent.reload(position);
  });
  useLiveRoom(`plan:${planId}`, {
    onEvent: (event) => {
      if (event.type !== 'snapshot') {
        setFeed((previous) => [fromLive(event), ...previous].slice(0, 10));
        setAnnouncement(t('dashboard.updated', { summary: summaryOf(event, i18n.language) }));
      }
      refresh(event.position);
    },
  });
  // an erasure: the pushed summaries may hold what was erased; the feed is read again (with the marker)
  useErasures((position) => {
    setFeed([]);
    setAnnouncement('');
    recentChanges.reload(position);
  });

  if (dashboard.error) return <ErrorMessage error={dashboard.error} />;
  const data = dashboard.data;
  if (!data) return <Loading />;

  const themes = data.themes;
  const chartData = {
    labels: themes.map((theme) => `${theme.code}. ${theme.title}`),
    datasets: ACTION_STATUSES.map((status) => ({
      label: t(`status.${status}`),
      data: themes.map((theme) => theme.byStatus[status]),
      backgroundColor: STATUS_COLOURS[status],
    })),
  };
  const actionById = new Map((recent.data?.items ?? []).map((action) => [action.id, action]));
  const past = (recentChanges.data?.items ?? []).map((change): FeedItem => ({
    key: change.position,
    at: change.occurredAt,
    actionId: change.action.id,
    action: change.action,
    who: change.actor.name,
    summary: change.summary,
  }));
  const seen = new Set<string>();
  const shownFeed = [...feed, ...past]
    .filter((item) => !seen.has(item.key) && !!seen.add(item.key))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 10);
  const recentlyUpdated = [...(recent.data?.items ?? [])]
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, 6);

  return (
    <div className="dashboard">
      <h1>{t('dashboard.title')}</h1>
      {plan && (
        <p className="plan-name" data-testid="plan-name">
          <strong>{plan.title}</strong>{' '}
          <span className="muted">
            {t('dashboardPlan.period', {
              start: format.date(plan.periodStart),
              end: format.date(plan.periodEnd),
            })}
          </span>
        </p>
      )}
      <AsOfPicker path={`/plans/${planId}`} search={search} planId={planId} />
      <p>
        <Link href={`/plans/${planId}/changes${asOf ? `?from=${asOf}` : ''}`} data-testid="changes-link">
          {t('changes.link')}
        </Link>
      </p>
      <div className="sr-only" aria-live="polite" data-testid="live-announcer">
        {announcement}
      </div>
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="sr-only">
          {t('dashboard.summary')}
        </h2>
        <dl className="cards">
          <div className="card">
            <dt>{t('dashboard.total')}</dt>
            <dd data-testid="total">{data.total}</dd>
          </div>
          <div className="card">
            <dt>{t('dashboard.progress')}</dt>
            <dd>
              {data.progress === null ? '–' : `${format.number(data.progress)} %`}
              <progress max={100} value={data.progress ?? 0} aria-label={t('dashboard.progress')} />
            </dd>
          </div>
          <div className="card">
            <dt>{t('dashboard.overdue')}</dt>
            <dd>{data.overdue}</dd>
          </div>
          <div className="card">
            <dt>{t('dashboard.openSignals')}</dt>
            <dd>{data.openSignals}</dd>
          </div>
          {ACTION_STATUSES.map((status) => (
            <div className="card small" key={status}>
              <dt>{t(`status.${status}`)}</dt>
              <dd data-testid={`count-${status}`}>{data.byStatus[status]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="themes-heading">
        <h2 id="themes-heading">{t('dashboard.byTheme')}</h2>
        <div className="chart">
          <Bar
            role="img"
            aria-label={t('dashboard.chartLabel')}
            fallbackContent={<p>{t('dashboard.chartLabel')}</p>}
            data={chartData}
            options={{
              indexAxis: 'y',
              animation: false,
              responsive: true,
              maintainAspectRatio: false,
              scales: {
                x: { stacked: true, ticks: { precision: 0 } },
                y: {
                  stacked: true,
                  // a narrow chart (a phone) names the themes by their code: the full names would be clipped
                  ticks: {
                    callback(value, index) {
                      const theme = themes[index];
                      if (!theme) return String(value);
                      return this.chart.width < 520 ? theme.code : `${theme.code}. ${theme.title}`;
                    },
                  },
                },
              },
              plugins: { legend: { position: 'bottom' } },
            }}
          />
        </div>
        <table className="data stack">
          <caption>{t('dashboard.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.theme')}</th>
              {ACTION_STATUSES.map((status) => (
                <th scope="col" key={status}>
                  {t(`status.${status}`)}
                </th>
              ))}
              <th scope="col">{t('dashboard.progress')}</th>
              <th scope="col">{t('reporting.weightedProgress')}</th>
              <th scope="col">{t('reporting.indicators')}</th>
              <th scope="col">{t('dashboard.overdue')}</th>
              <th scope="col">{t('dashboard.openSignals')}</th>
            </tr>
          </thead>
          <tbody>
            {themes.map((theme) => (
              <tr key={theme.id}>
                <th scope="row">
                  <Link href={`/plans/${planId}/actions?themeId=${theme.id}`}>
                    {theme.code}. {theme.title}
                  </Link>
                  {theme.bbcCode && <span className="bbc-code"> [{theme.bbcCode}]</span>}{' '}
                  <PriorityBadge node={theme} />
                </th>
                {ACTION_STATUSES.map((status) => (
                  <td
                    key={status}
                    data-testid={`theme-${theme.code}-${status}`}
                    data-label={t(`status.${status}`)}
                  >
                    {theme.byStatus[status]}
                  </td>
                ))}
                <td data-label={t('dashboard.progress')}>
                  {theme.progress === null ? '–' : `${format.number(theme.progress)} %`}
                </td>
                <td data-label={t('reporting.weightedProgress')}>
                  {theme.weightedProgress === null ? '–' : `${format.number(theme.weightedProgress)} %`}
                </td>
                <td data-label={t('reporting.indicators')} data-testid={`theme-${theme.code}-indicators`}>
                  <IndicatorStatusBadge status={theme.indicators.status} />
                </td>
                <td data-label={t('dashboard.overdue')}>{theme.overdue}</td>
                <td data-label={t('dashboard.openSignals')}>{theme.openSignals}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted rule" data-testid="dashboard-rules">
          {t('reporting.priorityActions', { count: data.priorityActions })} ·{' '}
          {t('reporting.rollUp', { status: t(`reporting.status.${data.indicators.status}`) })}.{' '}
          {i18n.language === 'en' ? data.rules.progress.en : data.rules.progress.nl}{' '}
          {i18n.language === 'en' ? data.rules.indicatorRollUp.en : data.rules.indicatorRollUp.nl}
        </p>
      </section>

      {trend.data && <TrendChart trend={trend.data} />}

      <div className="columns">
        <section aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">{t('dashboard.overdueActions')}</h2>
          {overdue.data && overdue.data.items.length === 0 && <p>{t('dashboard.noneOverdue')}</p>}
          <ul className="plain">
            {overdue.data?.items.map((action) => (
              <li key={action.id}>
                <Link href={actionHref(action.id, asOf)}>
                  {action.code} {action.title}
                </Link>{' '}
                <span className="muted">
                  {t('actions.due')}: {format.date(action.dueDate)}
                </span>
              </li>
            ))}
          </ul>
          {overdue.data && overdue.data.total > overdue.data.items.length && (
            <Link href={`/plans/${planId}/actions?overdue=true`}>
              {t('dashboard.allOverdue', { count: overdue.data.total })}
            </Link>
          )}
        </section>
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">{t('dashboard.recent')}</h2>
          <ol className="plain feed" data-testid="live-feed" hidden={!!asOf}>
            {shownFeed.map((item) => {
              const action = (item.actionId ? actionById.get(item.actionId) : undefined) ?? item.action;
              return (
                <li key={item.key}>
                  <span className="live-dot" aria-hidden="true" />{' '}
                  {action && (
                    <>
                      <Link href={actionHref(action.id, asOf)}>
                        {action.code} {action.title}
                      </Link>
                      {' · '}
                    </>
                  )}
                  {item.who && <span className="who">{item.who}: </span>}
                  {summaryOf(item, i18n.language)} <span className="muted">{format.dateTime(item.at)}</span>
                </li>
              );
            })}
          </ol>
          <ul className="plain">
            {recentlyUpdated.map((action) => (
              <li key={action.id}>
                <Link href={actionHref(action.id, asOf)}>
                  {action.code} {action.title}
                </Link>{' '}
                <StatusBadge status={action.status} />{' '}
                <span className="muted">{format.dateTime(action.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <PublicationToggle planId={planId} />
    </div>
  );
}

/** The status counts at the end of each month of the plan period (a stacked bar per month, and a table). */
function TrendChart({ trend }: { trend: StatusTrend }) {
  const { t } = useTranslation();
  const month = (key: string) => `${key.slice(5, 7)}/${key.slice(0, 4)}`;
  const data = {
    labels: trend.months.map((m) => month(m.month)),
    datasets: ACTION_STATUSES.map((status) => ({
      label: t(`status.${status}`),
      data: trend.months.map((m) => m.byStatus[status]),
      backgroundColor: STATUS_COLOURS[status],
    })),
  };
  return (
    <section aria-labelledby="trend-heading" data-testid="trend">
      <h2 id="trend-heading">{t('trend.title')}</h2>
      {trend.months.length === 0 ? (
        <p>{t('trend.empty')}</p>
      ) : (
        <>
          <div className="chart trend">
            <Bar
              role="img"
              aria-label={t('trend.chartLabel')}
              fallbackContent={<p>{t('trend.chartLabel')}</p>}
              data={data}
              options={{
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } },
                plugins: { legend: { position: 'bottom' } },
              }}
            />
          </div>
          <details>
            <summary>{t('trend.tableToggle')}</summary>
            <table className="data" data-testid="trend-table">
              <caption>{t('trend.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('trend.month')}</th>
                  {ACTION_STATUSES.map((status) => (
                    <th scope="col" key={status}>
                      {t(`status.${status}`)}
                    </th>
                  ))}
                  <th scope="col">{t('trend.total')}</th>
                </tr>
              </thead>
              <tbody>
                {trend.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{month(m.month)}</th>
                    {ACTION_STATUSES.map((status) => (
                      <td key={status}>{m.byStatus[status]}</td>
                    ))}
                    <td>{m.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

export const summaryOf = (event: { summary: { nl: string; en: string } }, language: string): string =>
  language === 'en' ? event.summary.en : event.summary.nl;
