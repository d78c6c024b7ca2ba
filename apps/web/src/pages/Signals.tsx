import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { AsOfPicker, actionHref, asOfFrom } from '../components/AsOf';
import { ErrorMessage, Loading, useFormat } from '../components/common';
import { fieldAria, FormErrorRegion, useFormErrors } from '../forms/form-errors';
import { useWrite } from '../forms/write-form';
import { hasRole, useDebounced, useResource, useUser } from '../hooks';
import { useLiveRoom } from '../live';
import { Link } from '../router';
import { URGENCIES, type ActionList } from '../types';
import { EraseShownText, type TextTarget } from './EraseText';

/** A signal as `GET /api/signals` answers it (libs/read-models signal-queries). */
interface Signal {
  id: string;
  status: string;
  urgency: string;
  partner: { id: string; name: string } | null;
  source: string | null;
  text: string;
  actionIds: string[];
  meetingIds: string[];
  response: string | null;
  escalation: { to: string; text: string } | null;
  closeReason: string | null;
  /** the version of the change that wrote each free text (what erasing one names) */
  textVersions: {
    text: number;
    response: number | null;
    escalation: number | null;
    closeReason: number | null;
  };
  version: number;
  submittedAt: string;
  updatedAt: string;
}

const STATUSES = ['submitted', 'acknowledged', 'on_agenda', 'answered', 'escalated', 'closed'] as const;

/** What may follow each status (docs/signals.md); closing without an answer needs a reason. */
const NEXT: Record<string, readonly ('acknowledge' | 'answer' | 'escalate' | 'close')[]> = {
  submitted: ['acknowledge', 'answer', 'escalate', 'close'],
  acknowledged: ['answer', 'escalate', 'close'],
  on_agenda: ['answer', 'escalate', 'close'],
  answered: ['close'],
  escalated: ['answer', 'close'],
  closed: [],
};

/**
 * The signals inbox, by role (the api decides what each person sees): the coordinator all signals, a member
 * those in her working groups' scope, a partner her organisation's, with where each one stands. Coordinators and
 * members move them along (acknowledge, answer, escalate to a higher government, close). "Stand op" (`?asOf=`)
 * shows the inbox as it stood at the end of that day, read only.
 */
export function SignalsPage({ planId, search }: { planId: string; search: URLSearchParams }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const [status, setStatus] = useState('');
  const [urgency, setUrgency] = useState('');
  // "Stand op": the signals as they stood at the end of that day (issue 16)
  const asOf = asOfFrom(search);
  const at = asOf ? { asOf } : {};
  const signals = useResource<{ items: Signal[]; total: number }>('/api/signals', {
    status: status || undefined,
    urgency: urgency || undefined,
    limit: 200,
    ...at,
  });
  const actions = useResource<ActionList>(`/api/plans/${planId}/actions`, { limit: 500, ...at });
  const refresh = useDebounced((position) => {
    // the past does not change: only today's inbox follows the live events
    if (!asOf) signals.reload(position);
  });
  useLiveRoom('tenant', {
    onEvent: (event) => event.streamId.startsWith('signal-') && refresh(event.position),
  });
  // changes are made in today's inbox only
  const handles = !asOf && (hasRole(user, 'coordinator') || hasRole(user, 'member'));
  // a coordinator erases one text of a signal where it is shown (docs/privacy.md), in today's inbox; nobody
  // else is offered it
  const eraseTarget = (signal: Signal): TextTarget | undefined =>
    !asOf && hasRole(user, 'coordinator')
      ? { aggregate: 'signal', aggregateId: signal.id, onErased: (position) => signals.reload(position) }
      : undefined;
  const actionById = new Map((actions.data?.items ?? []).map((action) => [action.id, action]));

  return (
    <div>
      <h1>{t('signals.title')}</h1>
      <p className="muted">{t(`signals.scope.${user?.roles[0] ?? 'viewer'}`)}</p>
      <AsOfPicker path={`/plans/${planId}/signals`} search={search} planId={planId} />
      <div className="filters">
        <div className="field">
          <label htmlFor="status-filter">{t('signals.statusLabel')}</label>
          <select id="status-filter" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`signals.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="urgency-filter">{t('form.urgency')}</label>
          <select id="urgency-filter" value={urgency} onChange={(event) => setUrgency(event.target.value)}>
            <option value="">{t('common.all')}</option>
            {URGENCIES.map((value) => (
              <option key={value} value={value}>
                {t(`urgency.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorMessage error={signals.error} />
      {signals.data === null ? (
        <Loading />
      ) : signals.data.items.length === 0 ? (
        <p>{t('signals.none')}</p>
      ) : (
        <ul className="signals" aria-live="polite">
          {signals.data.items.map((signal) => (
            <li key={signal.id} className={`signal urgency-${signal.urgency}`} data-testid="signal">
              <div>
                <span className="badge">
                  {t(`signals.status.${signal.status}`, { defaultValue: signal.status })}
                </span>{' '}
                <span className={`badge urgency-${signal.urgency}`}>
                  {t(`urgency.${signal.urgency}`, { defaultValue: signal.urgency })}
                </span>{' '}
                {signal.partner?.name ?? signal.source ?? ''}
              </div>
              <div className="signal-text">
                <p>{signal.text}</p>
                <EraseShownText
                  target={eraseTarget(signal)}
                  version={signal.textVersions.text}
                  text={signal.text}
                />
              </div>
              {signal.actionIds.length > 0 ? (
                <p>
                  {t('signals.concerns')}{' '}
                  {signal.actionIds.map((id, index) => {
                    const action = actionById.get(id);
                    return (
                      <span key={id}>
                        {index > 0 ? ', ' : ''}
                        <Link href={actionHref(id, asOf)}>
                          {action ? `${action.code} ${action.title}` : t('liveText.anAction')}
                        </Link>
                      </span>
                    );
                  })}
                </p>
              ) : null}
              {signal.response ? (
                <div className="signal-response">
                  <p>
                    <strong>{t('signals.response')}:</strong> {signal.response}
                  </p>
                  <EraseShownText
                    target={eraseTarget(signal)}
                    version={signal.textVersions.response}
                    text={signal.response}
                  />
                </div>
              ) : null}
              {signal.escalation ? (
                <div className="signal-escalation">
                  <p>
                    <strong>{t('signals.escalatedTo', { to: signal.escalation.to })}:</strong>{' '}
                    {signal.escalation.text}
                  </p>
                  <EraseShownText
                    target={eraseTarget(signal)}
                    version={signal.textVersions.escalation}
                    text={signal.escalation.text}
                  />
                </div>
              ) : null}
              {signal.closeReason ? (
                <div className="signal-close-reason">
                  <p>
                    <strong>{t('signals.reason')}:</strong> {signal.closeReason}
                  </p>
                  <EraseShownText
                    target={eraseTarget(signal)}
                    version={signal.textVersions.closeReason}
                    text={signal.closeReason}
                  />
                </div>
              ) : null}
              <p className="muted">
                {t('signals.submittedAt', { at: format.dateTime(signal.submittedAt) })} ·{' '}
                {t('signals.updatedAt', { at: format.dateTime(signal.updatedAt) })}
              </p>
              {handles ? (
                <SignalActions signal={signal} onDone={(position) => signals.reload(position)} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SignalActions({ signal, onDone }: { signal: Signal; onDone: (position: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'answer' | 'escalate' | 'close' | null>(null);
  const [text, setText] = useState('');
  const [to, setTo] = useState('');
  const errors = useFormErrors();
  const writing = useWrite(errors);
  const next = NEXT[signal.status] ?? [];
  if (next.length === 0) return null;

  const run = (step: 'acknowledge' | 'answer' | 'escalate' | 'close', body: object): void =>
    writing.run(
      () =>
        api.write<{ position: string }>('POST', `/api/signals/${signal.id}/${step}`, body, {
          version: signal.version,
        }),
      (result) => {
        setOpen(null);
        setText('');
        setTo('');
        onDone(result.position);
      },
    );
  const field = `signal-${signal.id}`;
  const errorId = `${field}-error`;
  /** the api's name of what the text box holds, per step */
  const textField = open === 'answer' ? 'response' : open === 'escalate' ? 'text' : 'reason';

  return (
    <div className="signal-actions">
      <div className="buttons">
        {next.includes('acknowledge') ? (
          <button type="button" disabled={writing.busy} onClick={() => run('acknowledge', {})}>
            {t('signals.acknowledge')}
          </button>
        ) : null}
        {next
          .filter((step): step is 'answer' | 'escalate' | 'close' => step !== 'acknowledge')
          .map((step) => (
            <button
              key={step}
              type="button"
              aria-expanded={open === step}
              onClick={() => setOpen(open === step ? null : step)}
            >
              {t(`signals.${step}`)}
            </button>
          ))}
      </div>
      {open ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            run(
              open,
              open === 'answer'
                ? { response: text }
                : open === 'escalate'
                  ? { to, text }
                  : text.trim()
                    ? { reason: text }
                    : {},
            );
          }}
        >
          {open === 'escalate' ? (
            <div className="field">
              <label htmlFor={`${field}-to`}>{t('signals.escalateTo')}</label>
              <input
                id={`${field}-to`}
                value={to}
                required
                onChange={(event) => setTo(event.target.value)}
                {...fieldAria(errors, errorId, 'to')}
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${field}-text`}>
              {t(
                open === 'answer'
                  ? 'signals.response'
                  : open === 'escalate'
                    ? 'signals.escalateText'
                    : 'signals.reason',
              )}
            </label>
            <textarea
              id={`${field}-text`}
              value={text}
              required={open !== 'close'}
              onChange={(event) => setText(event.target.value)}
              {...fieldAria(errors, errorId, textField)}
            />
          </div>
          <FormErrorRegion id={errorId} errors={errors} />
          <button type="submit" disabled={writing.busy}>
            {t(`signals.${open}`)}
          </button>
        </form>
      ) : (
        <FormErrorRegion id={errorId} errors={errors} />
      )}
    </div>
  );
}
