import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading, belgianDate, useFormat } from '../components/common';
import { hasRole, useResource, useUser } from '../hooks';
import { Link } from '../router';
import type { PeriodReport } from '../types';
import { EraseShownText, type TextTarget } from './EraseText';

type ReportAction = PeriodReport['groups'][number]['actions'][number];
type Correction = ReportAction['corrections'][number];

/**
 * A period's report on screen (docs/plan-cycle.md): what the DOCX, HTML and CSV hold, per theme and goal, per
 * action its status, progress, lead, the lead's narrative and the corrections after the close. A coordinator
 * erases a narrative where it is shown (docs/privacy.md): every version of it, the copy frozen at the close and
 * a correction after it are one text.
 */
export function PeriodReportPage({ planId, periodId }: { planId: string; periodId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const [scope, setScope] = useState<'priority' | 'all'>('all');
  const report = useResource<PeriodReport>(`/api/plans/${planId}/reports/${periodId}`, { scope });
  // a coordinator erases a narrative where it is shown; nobody else is offered it
  const eraseNarrative: TextTarget | undefined = hasRole(user, 'coordinator')
    ? { aggregate: 'period', aggregateId: periodId, onErased: (position) => report.reload(position) }
    : undefined;

  if (report.error) return <ErrorMessage error={report.error} />;
  const data = report.data;
  if (!data) return <Loading />;
  const { period } = data;
  return (
    <div className="period-report">
      <p>
        <Link href={`/plans/${planId}/periods`}>← {t('periods.title')}</Link>
      </p>
      <h1>{t('periodReport.title', { label: period.label })}</h1>
      <p>
        {t(`periods.kinds.${period.kind}`)}: {belgianDate(period.start)} - {belgianDate(period.end)}
      </p>
      <p className="muted" data-testid="report-state">
        {data.frozen
          ? t('periodReport.frozen', {
              closedAt: format.dateTime(period.closedAt),
              asOf: format.dateTime(data.asOf),
            })
          : t('periodReport.live', { asOf: format.dateTime(data.asOf) })}
      </p>
      {eraseNarrative ? <p className="hint">{t('periodReport.eraseHint')}</p> : null}
      <div className="filters">
        <div className="field">
          <label htmlFor="report-scope">{t('periods.scope')}</label>
          <select
            id="report-scope"
            value={scope}
            onChange={(event) => setScope(event.target.value === 'priority' ? 'priority' : 'all')}
          >
            <option value="all">{t('periods.scopes.all')}</option>
            <option value="priority">{t('periods.scopes.priority')}</option>
          </select>
        </div>
      </div>
      {data.groups.length === 0 ? <p>{t('periodReport.noActions')}</p> : null}
      {data.groups.map((group) => (
        <section key={group.path.map((step) => step.id).join('/')} className="report-group">
          <h2>{group.path.map((step) => `${step.code} ${step.title}`).join(' › ')}</h2>
          {group.actions.map((action) => (
            <ReportActionCard key={action.actionId} action={action} eraseNarrative={eraseNarrative} />
          ))}
        </section>
      ))}
    </div>
  );
}

function ReportActionCard({
  action,
  eraseNarrative,
}: {
  action: ReportAction;
  eraseNarrative: TextTarget | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = `report-action-${action.actionId}`;
  const none = t('periodReport.none');
  const value = (correction: Correction, shown: string | number | null): string => {
    if (shown === null || shown === '') return none;
    if (correction.field === 'status') return t(`status.${String(shown)}`);
    if (correction.field === 'progress') return `${shown}%`;
    return String(shown);
  };
  const indicatorName = (id: string | undefined) =>
    action.indicators.find((indicator) => indicator.indicatorId === id)?.name ??
    t('periodReport.fields.indicator');
  // one text: offered next to the narrative, or next to its correction when the report froze none
  const narrativeShown = !!action.narrative;
  return (
    <section className="card report-action" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {action.code} {action.title}
      </h3>
      <p>
        {t(`status.${action.status}`)} · {t('periodReport.progress')}:{' '}
        {action.progress === null ? none : `${action.progress}%`} · {t('periodReport.lead')}:{' '}
        {action.leadName ?? t('periods.round.noLead')}
      </p>
      <div className="narrative">
        <strong>{t('periodReport.narrative')}:</strong>{' '}
        <span data-testid="narrative">{action.narrative || none}</span>{' '}
        <EraseShownText target={eraseNarrative} version={action.narrativeVersion} text={action.narrative} />
      </div>
      {action.corrections.length > 0 ? (
        <ul className="corrections">
          {action.corrections.map((correction, index) => (
            <li key={`${correction.field}-${correction.indicatorId ?? ''}-${index}`}>
              {t('periodReport.corrected')}:{' '}
              {t('periodReport.correctedLine', {
                field:
                  correction.field === 'indicator'
                    ? indicatorName(correction.indicatorId)
                    : t(`periodReport.fields.${correction.field}`),
                frozen: value(correction, correction.frozen),
                value: value(correction, correction.value),
                at: format.dateTime(correction.at),
              })}{' '}
              {correction.field === 'narrative' && !narrativeShown ? (
                <EraseShownText
                  target={eraseNarrative}
                  version={action.narrativeVersion}
                  text={typeof correction.value === 'string' ? correction.value : null}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
