import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading, StatusBadge, belgianDate, useFormat } from '../components/common';
import { hasRole, useDebounced, useResource, useUser } from '../hooks';
import { useLiveRoom } from '../live';
import { Link } from '../router';
import { ERASED, type IndicatorStatus, type PeriodReport } from '../types';
import { EraseShownText, type TextTarget } from './EraseText';
import { IndicatorStatusBadge, PriorityBadge } from './reporting/Reporting';
import { ReportDownloads } from './report-download';

type ReportAction = PeriodReport['groups'][number]['actions'][number];
type Correction = ReportAction['corrections'][number];
type ReportStep = PeriodReport['groups'][number]['path'][number];

/**
 * A period's report on screen (docs/plan-cycle.md): everything the DOCX, HTML and CSV hold, in their order: the
 * plan, the period and the moment the report reflects (frozen or live), then per theme and goal (a heading the
 * first time each comes) each action with its codes, priority, status, progress, lead, partners, the lead's
 * narrative, its indicators (target against measured, the status in words), what changed in the period, its
 * open signals and the corrections after the close; the same report downloads as DOCX, HTML or CSV in the
 * language of the screen. A coordinator erases a narrative where it is shown (docs/privacy.md): every version
 * of it, the copy frozen at the close and a correction after it are one text.
 */
export function PeriodReportPage({ planId, periodId }: { planId: string; periodId: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const lang = i18n.language.startsWith('en') ? 'en' : 'nl';
  const [scope, setScope] = useState<'priority' | 'all'>('all');
  const report = useResource<PeriodReport>(`/api/plans/${planId}/reports/${periodId}`, { scope });
  // the open period's report is live: any change of the plan may change it. A frozen report changes only by
  // corrections after the close (this period's updates, measurements recorded late): the plan's other changes
  // leave it as it was, and do not read it again
  const refresh = useDebounced((position) => report.reload(position));
  useLiveRoom(`plan:${planId}`, {
    onEvent: (event) => {
      const correction = event.streamId === `period-${periodId}` || event.streamId.startsWith('indicator-');
      if (report.data?.frozen !== true || event.type === 'snapshot' || correction) refresh(event.position);
    },
  });
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
      <p>{t('periodReport.plan', { title: data.plan.title })}</p>
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
        {period.checkpoint
          ? ` · ${t('periods.checkpoint', { hash: period.checkpoint.headHash.slice(0, 16) })}`
          : ''}
      </p>
      <p data-testid="report-counts">
        {t('periodReport.counts', { actions: data.actionCount, corrections: data.correctionCount })}
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
      <ReportDownloads
        planId={planId}
        periodId={periodId}
        label={period.label}
        lang={lang}
        scope={scope}
        groupLabel={t('periodReport.downloads')}
      />
      {data.groups.length === 0 ? <p>{t('periodReport.noActions')}</p> : null}
      {data.groups.map((group, index) => (
        <section key={group.path.map((step) => step.id).join('/')} className="report-group">
          {/* a theme or goal gets its heading the first time it comes, as in the DOCX */}
          {group.path.map((step, depth) =>
            shownBefore(data.groups, index, step) ? null : (
              <StepHeading key={step.id} step={step} depth={depth} />
            ),
          )}
          {group.actions.map((action) => (
            <ReportActionCard
              key={action.actionId}
              action={action}
              lang={lang}
              eraseNarrative={eraseNarrative}
            />
          ))}
        </section>
      ))}
    </div>
  );
}

/** a theme or goal an earlier group already headed (the groups come in the tree's order) */
const shownBefore = (groups: PeriodReport['groups'], index: number, step: ReportStep): boolean =>
  groups.slice(0, index).some((group) => group.path.some((earlier) => earlier.id === step.id));

/**
 * a theme (h2) or goal (h3): its BBC code, its code and title, and the indicators on it itself (target against
 * measured) with their corrections after the close
 */
function StepHeading({ step, depth }: { step: ReportStep; depth: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('periodReport.none');
  const text = (
    <>
      {step.bbcCode ? <span className="bbc-code">[{step.bbcCode}] </span> : null}
      {step.code} {step.title}
    </>
  );
  const name = (id: string | undefined) =>
    step.indicators.find((indicator) => indicator.indicatorId === id)?.name ??
    t('periodReport.fields.indicator');
  const shown = (value: string | number | null) => (value === null ? none : String(value));
  return (
    <>
      {depth === 0 ? <h2>{text}</h2> : <h3>{text}</h3>}
      {step.indicators.length > 0 ? (
        <ReportIndicators
          indicators={step.indicators}
          caption={t('periodReport.stepIndicators', { code: step.bbcCode ?? step.code })}
          testId={`step-indicators-${step.code}`}
        />
      ) : null}
      {step.corrections.length > 0 ? (
        <ul className="corrections">
          {step.corrections.map((correction, index) => (
            <li key={`${correction.indicatorId ?? ''}-${index}`}>
              {t('periodReport.corrected')}:{' '}
              {t('periodReport.correctedLine', {
                field: name(correction.indicatorId),
                frozen: shown(correction.frozen),
                value: shown(correction.value),
                at: format.dateTime(correction.at),
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function ReportActionCard({
  action,
  lang,
  eraseNarrative,
}: {
  action: ReportAction;
  /** the language of the screen: the one of a change's two summaries shown */
  lang: 'nl' | 'en';
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
      <h4>
        <span id={headingId}>
          {action.code} {action.title}
        </span>
        {action.bbcCode ? <span className="bbc-code"> [{action.bbcCode}]</span> : null}{' '}
        <PriorityBadge node={action} />
      </h4>
      <dl className="facts report-facts">
        <div>
          <dt>{t('periodReport.status')}</dt>
          <dd>
            <StatusBadge status={action.status} />
          </dd>
        </div>
        <div>
          <dt>{t('periodReport.progress')}</dt>
          <dd>{action.progress === null ? none : `${action.progress}%`}</dd>
        </div>
        <div>
          <dt>{t('periodReport.lead')}</dt>
          <dd>{action.leadName ?? t('periods.round.noLead')}</dd>
        </div>
        <div>
          <dt>{t('periodReport.partners')}</dt>
          <dd>{action.partnerNames.length > 0 ? action.partnerNames.join(', ') : none}</dd>
        </div>
        {action.bbcCode ? (
          <div>
            <dt>{t('periodReport.bbcCode')}</dt>
            <dd>{action.bbcCode}</dd>
          </div>
        ) : null}
      </dl>
      <div className="narrative">
        <strong>{t('periodReport.narrative')}:</strong>{' '}
        <span data-testid="narrative">{action.narrative || none}</span>{' '}
        <EraseShownText target={eraseNarrative} version={action.narrativeVersion} text={action.narrative} />
      </div>
      {action.indicators.length === 0 ? (
        <>
          <h5>{t('periodReport.indicators')}</h5>
          <p className="muted">{t('periodReport.noIndicators')}</p>
        </>
      ) : (
        <ReportIndicators
          indicators={action.indicators}
          caption={t('periodReport.indicators')}
          testId="indicators"
        />
      )}
      <h5>{t('periodReport.changes')}</h5>
      {action.changes.length === 0 ? (
        <p className="muted">{t('periodReport.noChanges')}</p>
      ) : (
        <ul className="plain report-changes" data-testid="changes">
          {action.changeCount > action.changes.length ? (
            <li className="muted">
              {t('periodReport.moreChanges', { count: action.changeCount - action.changes.length })}
            </li>
          ) : null}
          {action.changes.map((change, index) => (
            <li key={`${change.at}-${index}`}>
              <time dateTime={change.at}>{format.dateTime(change.at)}</time>{' '}
              {change.summary[lang].split(ERASED).join(t('erasure.erased'))}
            </li>
          ))}
        </ul>
      )}
      <h5>{t('periodReport.openSignals')}</h5>
      {action.openSignals.length === 0 ? (
        <p className="muted">{t('periodReport.noSignals')}</p>
      ) : (
        <ul className="plain report-signals" data-testid="open-signals">
          {action.openSignals.map((signal) => (
            <li key={signal.signalId}>
              {signal.text}{' '}
              <span className="muted">
                (
                {t('periodReport.signalState', {
                  status: t(`signals.status.${signal.status}`, { defaultValue: signal.status }),
                  urgency: t(`urgency.${signal.urgency}`, { defaultValue: signal.urgency }),
                })}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
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

/** the indicators of an action, goal or theme: a small table of target against measured, the status in words */
function ReportIndicators({
  indicators,
  caption,
  testId,
}: {
  indicators: ReportAction['indicators'];
  caption: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('periodReport.none');
  const number = (value: number | null) => (value === null ? none : format.number(value));
  return (
    <table className="data stack report-indicators" data-testid={testId}>
      <caption>
        <h5>{caption}</h5>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('periodReport.indicator.name')}</th>
          <th scope="col">{t('periodReport.indicator.unit')}</th>
          <th scope="col">{t('periodReport.indicator.target')}</th>
          <th scope="col">{t('periodReport.indicator.measured')}</th>
          <th scope="col">{t('periodReport.indicator.status')}</th>
        </tr>
      </thead>
      <tbody>
        {indicators.map((indicator) => (
          <tr key={indicator.indicatorId}>
            <td data-label={t('periodReport.indicator.name')}>{indicator.name}</td>
            <td data-label={t('periodReport.indicator.unit')}>{indicator.unit || none}</td>
            <td data-label={t('periodReport.indicator.target')}>{number(indicator.target)}</td>
            <td data-label={t('periodReport.indicator.measured')}>
              {indicator.measured !== null && indicator.measuredOn
                ? t('periodReport.indicator.measuredOn', {
                    value: number(indicator.measured),
                    date: belgianDate(indicator.measuredOn),
                  })
                : number(indicator.measured)}
            </td>
            <td data-label={t('periodReport.indicator.status')}>
              <IndicatorStatusBadge status={(indicator.status ?? 'no_data') as IndicatorStatus} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
