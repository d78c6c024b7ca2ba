import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorMessage, Loading, belgianDate, useFormat } from '../components/common';
import { fieldAria, FormErrorRegion, useFormErrors } from '../forms/form-errors';
import { hasRole, useDebounced, useResource, useUser } from '../hooks';
import { useLiveRoom } from '../live';
import { Link } from '../router';
import type { LiveEvent } from '#realtime-client';
import type { MyUpdateItem, MyUpdateList, PeriodItem, PeriodList } from '../types';
import { EraseShownText, type TextTarget } from './EraseText';
import { ReportDownloads } from './report-download';

const STATUSES = ['not_started', 'in_progress', 'realised', 'postponed', 'stopped'] as const;

/** a reporting period's event, or a snapshot (the feed's stand-in for events too many to replay) */
const isPeriodChange = (event: LiveEvent): boolean =>
  event.type === 'snapshot' || event.streamId.startsWith('period-');

/**
 * A plan's reporting periods (docs/plan-cycle.md): open a half-year, year or custom period; start its update
 * round and follow it (per cent done, who is late); close it (its report is frozen); download the report as
 * DOCX, printable HTML or CSV, in Dutch or English, for the priority actions or all.
 */
export function PeriodsPage({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const periods = useResource<PeriodList>(`/api/plans/${planId}/periods`);
  const coordinator = hasRole(user, 'coordinator');
  // a period opened or closed, a round started, a lead's update (the round's completion) by anyone: read again
  const refresh = useDebounced((position) => periods.reload(position));
  useLiveRoom(`plan:${planId}`, {
    onEvent: (event) => {
      if (isPeriodChange(event)) refresh(event.position);
    },
  });
  return (
    <div>
      <h1>{t('periods.title')}</h1>
      <p className="muted">{t('periods.intro')}</p>
      <ErrorMessage error={periods.error} />
      {coordinator ? (
        <OpenPeriodForm planId={planId} onDone={(position) => periods.reload(position)} />
      ) : null}
      {periods.data === null ? (
        <Loading />
      ) : periods.data.items.length === 0 ? (
        <p>{t('periods.none')}</p>
      ) : (
        <ul className="periods" aria-live="polite">
          {periods.data.items.map((period) => (
            <PeriodCard
              key={period.id}
              planId={planId}
              period={period}
              coordinator={coordinator}
              onDone={(position) => periods.reload(position)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function OpenPeriodForm({ planId, onDone }: { planId: string; onDone: (position: string) => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [kind, setKind] = useState<'half_year' | 'year' | 'custom'>('half_year');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [half, setHalf] = useState('1');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    errors.clear();
    try {
      const body =
        kind === 'custom'
          ? { kind, start, end }
          : kind === 'year'
            ? { kind, year: Number(year) }
            : { kind, year: Number(year), half: Number(half) };
      const result = await api.write<{ position: string }>('POST', `/api/plans/${planId}/periods`, body);
      onDone(result.position);
    } catch (failure) {
      errors.show(failure);
    } finally {
      setBusy(false);
    }
  };
  const errorId = 'open-period-error';
  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="open-period-title">
      <h2 id="open-period-title">{t('periods.open')}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="period-kind">{t('periods.kind')}</label>
          <select id="period-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="half_year">{t('periods.kinds.half_year')}</option>
            <option value="year">{t('periods.kinds.year')}</option>
            <option value="custom">{t('periods.kinds.custom')}</option>
          </select>
        </div>
        {kind === 'custom' ? (
          <>
            <div className="field">
              <label htmlFor="period-start">{t('periods.start')}</label>
              <input
                id="period-start"
                type="date"
                value={start}
                required
                onChange={(e) => setStart(e.target.value)}
                {...fieldAria(errors, errorId, 'start')}
              />
            </div>
            <div className="field">
              <label htmlFor="period-end">{t('periods.end')}</label>
              <input
                id="period-end"
                type="date"
                value={end}
                required
                onChange={(e) => setEnd(e.target.value)}
                {...fieldAria(errors, errorId, 'end')}
              />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor="period-year">{t('periods.year')}</label>
            <input
              id="period-year"
              inputMode="numeric"
              value={year}
              required
              onChange={(e) => setYear(e.target.value)}
              {...fieldAria(errors, errorId, 'year')}
            />
          </div>
        )}
        {kind === 'half_year' ? (
          <div className="field">
            <label htmlFor="period-half">{t('periods.half')}</label>
            <select
              id="period-half"
              value={half}
              onChange={(e) => setHalf(e.target.value)}
              {...fieldAria(errors, errorId, 'half')}
            >
              <option value="1">{t('periods.halves.1')}</option>
              <option value="2">{t('periods.halves.2')}</option>
            </select>
          </div>
        ) : null}
      </div>
      <FormErrorRegion id={errorId} errors={errors} />
      <button type="submit" disabled={busy}>
        {t('periods.openButton')}
      </button>
    </form>
  );
}

function PeriodCard({
  planId,
  period,
  coordinator,
  onDone,
}: {
  planId: string;
  period: PeriodItem;
  coordinator: boolean;
  onDone: (position: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const errors = useFormErrors();
  const [deadline, setDeadline] = useState('');
  const [scope, setScope] = useState<'priority' | 'all'>('priority');
  const [lang, setLang] = useState(i18n.language.startsWith('en') ? 'en' : 'nl');
  const [busy, setBusy] = useState(false);
  const run = async (path: string, body: object, version?: number) => {
    setBusy(true);
    errors.clear();
    try {
      const result = await api.write<{ position: string }>(
        'POST',
        `/api/plans/${planId}/periods/${period.id}/${path}`,
        body,
        { version },
      );
      onDone(result.position);
    } catch (failure) {
      errors.show(failure);
    } finally {
      setBusy(false);
    }
  };
  const errorId = `period-${period.id}-error`;
  const round = period.round;
  return (
    <li className="card period" data-testid={`period-${period.label}`}>
      <h2>
        {period.label} <span className="badge">{t(`periods.status.${period.status}`)}</span>
      </h2>
      <p>
        {t(`periods.kinds.${period.kind}`)}: {belgianDate(period.start)} - {belgianDate(period.end)}
      </p>
      {period.closedAt ? (
        <p className="muted">
          {t('periods.closedAt', { at: format.dateTime(period.closedAt), count: period.frozenActions })}
          {period.checkpoint
            ? ` · ${t('periods.checkpoint', { hash: period.checkpoint.headHash.slice(0, 16) })}`
            : ''}
        </p>
      ) : null}
      {round ? (
        <div className="round">
          <p>
            <strong>{t('periods.round.title')}</strong>{' '}
            {t('periods.round.progress', {
              percent: round.percent,
              submitted: round.submitted,
              requested: round.requested,
              deadline: belgianDate(round.deadline),
            })}
          </p>
          <progress max={100} value={round.percent} aria-label={t('periods.round.title')} />
          {round.missing.length > 0 ? (
            <>
              <p>{round.pastDeadline ? t('periods.round.late') : t('periods.round.waiting')}</p>
              <ul className="missing">
                {round.missing.map((item) => (
                  <li key={item.actionId} className={round.pastDeadline ? 'late' : undefined}>
                    <Link href={`/actions/${item.actionId}`}>
                      {item.code} {item.title}
                    </Link>
                    {' · '}
                    {item.leadName ?? t('periods.round.noLead')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <p>
        <Link href={`/plans/${planId}/periods/${period.id}`}>{t('periodReport.view')}</Link>
      </p>
      <div className="filters">
        <div className="field">
          <label htmlFor={`scope-${period.id}`}>{t('periods.scope')}</label>
          <select
            id={`scope-${period.id}`}
            value={scope}
            onChange={(e) => setScope(e.target.value as typeof scope)}
          >
            <option value="priority">{t('periods.scopes.priority')}</option>
            <option value="all">{t('periods.scopes.all')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`lang-${period.id}`}>{t('periods.language')}</label>
          <select id={`lang-${period.id}`} value={lang} onChange={(e) => setLang(e.target.value)}>
            <option value="nl">{t('language.nl')}</option>
            <option value="en">{t('language.en')}</option>
          </select>
        </div>
      </div>
      <ReportDownloads planId={planId} periodId={period.id} label={period.label} lang={lang} scope={scope} />
      {coordinator && period.status === 'open' ? (
        <div className="period-actions">
          {round === null ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void run('rounds', { deadline, scope });
              }}
            >
              <div className="field">
                <label htmlFor={`deadline-${period.id}`}>{t('periods.round.deadline')}</label>
                <input
                  id={`deadline-${period.id}`}
                  type="date"
                  required
                  value={deadline}
                  onChange={(e) => setDeadline(e.target.value)}
                  {...fieldAria(errors, errorId, 'deadline', 'scope')}
                />
              </div>
              <button type="submit" disabled={busy}>
                {t('periods.round.start')}
              </button>
            </form>
          ) : null}
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('periods.closeConfirm'))) void run('close', {}, period.version);
            }}
          >
            {t('periods.close')}
          </button>
        </div>
      ) : null}
      <FormErrorRegion id={errorId} errors={errors} />
    </li>
  );
}

/**
 * "Mijn updates": the actions of open periods' update rounds the user is asked to update (a partner: her
 * organisation's; a member: her groups'; a coordinator: all), with a form per action for the narrative, the
 * status and the progress of the period.
 */
export function MyUpdatesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const updates = useResource<MyUpdateList>('/api/me/updates');
  // a round started (new requests) or an update given (here or elsewhere), in any plan: read again
  const refresh = useDebounced((position) => updates.reload(position));
  useLiveRoom('tenant', {
    onEvent: (event) => {
      if (isPeriodChange(event)) refresh(event.position);
    },
  });
  // a coordinator erases a narrative where it is shown (docs/privacy.md); nobody else is offered it
  const coordinator = hasRole(user, 'coordinator');
  return (
    <div>
      <h1>{t('myUpdates.title')}</h1>
      <p className="muted">{t('myUpdates.intro')}</p>
      <ErrorMessage error={updates.error} />
      {updates.data === null ? (
        <Loading />
      ) : updates.data.items.length === 0 ? (
        <p>{t('myUpdates.none')}</p>
      ) : (
        <ul className="my-updates" aria-live="polite">
          {updates.data.items.map((item) => (
            <UpdateForm
              key={`${item.periodId}-${item.actionId}`}
              item={item}
              onDone={(p) => updates.reload(p)}
              erase={
                coordinator
                  ? { aggregate: 'period', aggregateId: item.periodId, onErased: (p) => updates.reload(p) }
                  : undefined
              }
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function UpdateForm({
  item,
  onDone,
  erase,
}: {
  item: MyUpdateItem;
  onDone: (position: string) => void;
  /** a coordinator's "erase this text" for the narrative given */
  erase: TextTarget | undefined;
}) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const given = item.submitted?.narrative ?? '';
  const [narrative, setNarrative] = useState(given);
  // the narrative given changed on the server (an erasure, a save elsewhere): shown unless the field was edited
  const [lastGiven, setLastGiven] = useState(given);
  if (given !== lastGiven) {
    setLastGiven(given);
    if (narrative === lastGiven) setNarrative(given);
  }
  const [status, setStatus] = useState<string>(item.submitted?.status ?? item.status);
  const [progress, setProgress] = useState(String(item.submitted?.progress ?? item.progress ?? ''));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const id = `update-${item.periodId}-${item.actionId}`;
  const errorId = `${id}-error`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    errors.clear();
    try {
      const body: Record<string, unknown> = { actionId: item.actionId, narrative, status };
      if (progress.trim() !== '') body.progress = Number(progress);
      const result = await api.write<{ position: string }>(
        'POST',
        `/api/plans/${item.planId}/periods/${item.periodId}/updates`,
        body,
      );
      setSaved(true);
      onDone(result.position);
    } catch (failure) {
      errors.show(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`card update${item.late ? ' late' : ''}`} data-testid={id}>
      <h2>
        <Link href={`/actions/${item.actionId}`}>
          {item.code} {item.title}
        </Link>
      </h2>
      <p className="muted">
        {t('myUpdates.period', { label: item.periodLabel, deadline: belgianDate(item.deadline) })}
        {item.late ? <strong className="error"> · {t('myUpdates.late')}</strong> : null}
        {item.submitted ? ` · ${t('myUpdates.given')}` : ''}
      </p>
      <form onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${id}-narrative`}>{t('myUpdates.narrative')}</label>
          <textarea
            id={`${id}-narrative`}
            value={narrative}
            required
            onChange={(e) => setNarrative(e.target.value)}
            {...fieldAria(errors, errorId, 'narrative')}
          />
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('myUpdates.status')}</label>
            <select
              id={`${id}-status`}
              value={status}
              onChange={(e) => setStatus(e.target.value)}
              {...fieldAria(errors, errorId, 'status')}
            >
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t(`status.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-progress`}>{t('myUpdates.progress')}</label>
            <input
              id={`${id}-progress`}
              inputMode="numeric"
              value={progress}
              onChange={(e) => setProgress(e.target.value)}
              {...fieldAria(errors, errorId, 'progress')}
            />
          </div>
        </div>
        <FormErrorRegion id={errorId} errors={errors} />
        <button type="submit" disabled={busy}>
          {t('myUpdates.submit')}
        </button>
        {saved ? <span role="status"> {t('myUpdates.saved')}</span> : null}
      </form>
      {/* the narrative given (not a draft in the field): outside the update's form, it has a form of its own */}
      <EraseShownText target={erase} version={item.submitted?.version} text={item.submitted?.narrative} />
    </li>
  );
}
