import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading, StatusBadge } from '../components/common';
import { api, ApiError } from '../api';
import type { ActionStatus } from '../types';

interface PublicAction {
  id: string;
  code: string;
  title: string;
  description: string;
  status: ActionStatus;
  progress: number | null;
  dueDate: string | null;
}
interface PublicSection {
  id: string;
  code: string;
  title: string;
  goals: PublicSection[];
  actions: PublicAction[];
}
interface PublicPlan {
  id: string;
  title: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  updatedAt: string;
  themes: PublicSection[];
}

/** 2025-12-31 → 31/12/2025 */
const belgian = (iso: string | null): string => (iso ? iso.split('-').reverse().join('/') : '');
/** The anchor of an action on the page: its link for citizens, council members and the press. */
export const actionAnchor = (action: { code: string }): string => `actie-${action.code}`;

/** GET without a session: the page is public (no login). */
/**
 * A plan's public page (for citizens, council members and the press), in Dutch, without login: themes,
 * goals and actions with status, progress and due date; each action has its own link and a short feedback
 * form whose answer reaches the working group as a signal from "een inwoner".
 */
export function PublicPlanPage({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const [plan, setPlan] = useState<PublicPlan | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // the page is for the Dutch-speaking public: always in Dutch
    if (!i18n.language.startsWith('nl')) void i18n.changeLanguage('nl');
    api
      .anonymous<PublicPlan>('GET', `/api/public/plans/${encodeURIComponent(planId)}`)
      .then(setPlan, setError);
  }, [planId, i18n]);
  useEffect(() => {
    if (plan) document.title = `${plan.title} – ${t('public.title')}`;
    // an action's link: scroll to it once the page is there
    const target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
    target?.scrollIntoView();
  }, [plan, t]);

  return (
    <>
      <header className="site-header">
        <div className="brand">{t('public.title')}</div>
      </header>
      <main id="main" tabIndex={-1} className="public-plan">
        {error ? (
          error instanceof ApiError && error.status === 404 ? (
            <p role="alert">{t('public.notFound')}</p>
          ) : (
            <ErrorMessage error={error} />
          )
        ) : !plan ? (
          <Loading />
        ) : (
          <>
            <h1>{plan.title}</h1>
            <p className="muted">
              {t('public.period', { from: belgian(plan.periodStart), to: belgian(plan.periodEnd) })}
            </p>
            {plan.description && <p>{plan.description}</p>}
            <nav aria-label={t('public.themes')}>
              <ul className="plain">
                {plan.themes.map((theme) => (
                  <li key={theme.id}>
                    <a href={`#thema-${theme.code}`}>
                      {theme.code}. {theme.title}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {plan.themes.map((theme) => (
              <section key={theme.id} id={`thema-${theme.code}`} aria-labelledby={`thema-${theme.code}-h`}>
                <h2 id={`thema-${theme.code}-h`}>
                  {theme.code}. {theme.title}
                </h2>
                <Goals planId={planId} goals={theme.goals} level={3} />
              </section>
            ))}
          </>
        )}
      </main>
    </>
  );
}

function Goals({ planId, goals, level }: { planId: string; goals: PublicSection[]; level: 3 | 4 }) {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <>
      {goals.map((goal) => (
        <div key={goal.id} className="public-goal">
          <Heading>
            {goal.code} {goal.title}
          </Heading>
          <ul className="public-actions">
            {goal.actions.map((action) => (
              <PublicActionItem key={action.id} planId={planId} action={action} />
            ))}
          </ul>
          <Goals planId={planId} goals={goal.goals} level={4} />
        </div>
      ))}
    </>
  );
}

function PublicActionItem({ planId, action }: { planId: string; action: PublicAction }) {
  const { t } = useTranslation();
  const anchor = actionAnchor(action);
  return (
    <li id={anchor} className="public-action">
      <p className="public-action-title">
        <strong>{action.code}</strong> {action.title}
      </p>
      {action.description && <p className="muted">{action.description}</p>}
      <p>
        <StatusBadge status={action.status} />{' '}
        {action.progress !== null && (
          <>
            <progress
              max={100}
              value={action.progress}
              aria-label={t('public.progressOf', { code: action.code })}
            />{' '}
            {action.progress} %{' '}
          </>
        )}
        {action.dueDate && (
          <span className="muted">{t('public.due', { date: belgian(action.dueDate) })}</span>
        )}{' '}
        <a href={`#${anchor}`}>{t('public.link', { code: action.code })}</a>
      </p>
      <Feedback planId={planId} action={action} />
    </li>
  );
}

function Feedback({ planId, action }: { planId: string; action: PublicAction }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [website, setWebsite] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'limited' | 'invalid' | 'failed'>('idle');
  const id = `feedback-${action.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setState('sending');
    try {
      const response = await fetch(
        `/api/public/plans/${encodeURIComponent(planId)}/actions/${encodeURIComponent(action.id)}/feedback`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ text: text.trim(), ...(website ? { website } : {}) }),
        },
      );
      setState(
        response.ok
          ? 'sent'
          : response.status === 429
            ? 'limited'
            : response.status === 400
              ? 'invalid'
              : 'failed',
      );
      if (response.ok) setText('');
    } catch {
      setState('failed');
    }
  };
  return (
    <details className="public-feedback">
      <summary>{t('public.react', { code: action.code })}</summary>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor={id}>{t('public.feedbackLabel')}</label>
        <textarea
          id={id}
          rows={3}
          maxLength={1000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={state === 'invalid' || undefined}
          aria-describedby={state === 'invalid' ? `${id}-status ${id}-hint` : `${id}-hint`}
        />
        <p className="hint" id={`${id}-hint`}>
          {t('public.feedbackHint')}
        </p>
        {/* a field people never see: a bot that fills it is thanked and ignored */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={`${id}-website`}>Website</label>
          <input
            id={`${id}-website`}
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(event) => setWebsite(event.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={state === 'sending' || !text.trim()}>
          {t('public.send')}
        </button>
        <p role="status" aria-live="polite" id={`${id}-status`}>
          {state === 'sent'
            ? t('public.thanks')
            : state === 'limited'
              ? t('public.limited')
              : state === 'failed' || state === 'invalid'
                ? t('public.failed')
                : ''}
        </p>
      </form>
    </details>
  );
}
