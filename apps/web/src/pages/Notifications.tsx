import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorMessage, Loading, useFormat } from '../components/common';
import { FormErrorRegion, fieldAria, useFormErrors } from '../forms/form-errors';
import { useWrite } from '../forms/write-form';
import { useResource } from '../hooks';
import { NOTIFICATION_MODES, useNotifications } from '../notifications';
import { Link } from '../router';
import type { MailPreference, NotificationItem, NotificationMode, SentMail, SentMails } from '../types';

const SIGNAL_KINDS = new Set(['signal_answered', 'signal_closed']);

/** Where a notification leads in the app: its own link, or the plan's signals for a signal's answer. */
function target(item: NotificationItem, planId: string | null): string | null {
  if (SIGNAL_KINDS.has(item.kind)) return planId ? `/plans/${planId}/signals` : null;
  return item.link && item.link !== '/notifications' ? item.link : null;
}

/** My notifications (the bell's list): newest first, each with a link to what it is about. */
export function NotificationsPage({ planId }: { planId: string | null }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { data, error, markRead, markAllRead } = useNotifications();
  const [actionError, setActionError] = useState<unknown>(null);
  const language = i18n.language === 'en' ? 'en' : 'nl';

  const run = (work: () => Promise<void>) => {
    setActionError(null);
    work().catch(setActionError);
  };

  return (
    <>
      <h1>{t('notifications.title')}</h1>
      <p className="buttons">
        <Link href="/notifications/preferences">{t('notifications.preferencesLink')}</Link>
        {data && data.unread > 0 && (
          <button type="button" onClick={() => run(markAllRead)}>
            {t('notifications.markAllRead')}
          </button>
        )}
      </p>
      <ErrorMessage error={error ?? actionError} />
      {!data ? (
        error ? null : (
          <Loading />
        )
      ) : data.items.length === 0 ? (
        <p>{t('notifications.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('notifications.unreadCount', { count: data.unread })}</p>
          <ul className="plain notification-list" aria-label={t('notifications.title')}>
            {data.items.map((item) => {
              const href = target(item, planId);
              const title = item.title[language];
              return (
                <li key={item.id} className={item.read ? 'notification read' : 'notification unread'}>
                  {!item.read && <span className="badge unread-badge">{t('notifications.unread')}</span>}{' '}
                  {href ? (
                    <Link
                      href={href}
                      onClick={() => {
                        if (!item.read) void markRead(item.id).catch(() => undefined);
                      }}
                    >
                      {title}
                    </Link>
                  ) : (
                    <span>{title}</span>
                  )}{' '}
                  <span className="muted">
                    {format.dateTime(item.occurredAt)} · {t(`notifications.delivery.${item.delivery}`)}
                  </span>{' '}
                  {!item.read && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => run(() => markRead(item.id))}
                      aria-label={t('notifications.markReadOne', { title })}
                    >
                      {t('notifications.markRead')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}

/** My mail preference: how notifications reach me by mail (none, instant, daily, weekly) and in which language. */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  const current = useResource<MailPreference>('/api/notifications/preferences');
  const [mode, setMode] = useState<NotificationMode>('instant');
  const [language, setLanguage] = useState<'nl' | 'en'>('nl');
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors();
  const writing = useWrite(errors);

  useEffect(() => {
    if (current.data) {
      setMode(current.data.mode);
      setLanguage(current.data.language);
    }
  }, [current.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    writing.run(
      () => api.write('PUT', '/api/notifications/preferences', { mode, language }),
      () => setSaved(true),
    );
  };
  /** the hint always describes the control; its error too while there is one */
  const invalid = (field: string) => {
    const aria = fieldAria(errors, `pref-${field}-error`, field);
    return {
      'aria-invalid': aria['aria-invalid'],
      'aria-describedby': [`pref-${field}-hint`, aria['aria-describedby']].filter(Boolean).join(' '),
    };
  };

  if (current.error) return <ErrorMessage error={current.error} />;
  if (!current.data) return <Loading />;
  return (
    <>
      <h1>{t('notifications.preferences.title')}</h1>
      <p>
        <Link href="/notifications">{t('notifications.backToList')}</Link>
      </p>
      <form className="panel preferences-form" onSubmit={submit} noValidate>
        <fieldset {...invalid('mode')}>
          <legend>{t('notifications.preferences.mode')}</legend>
          <p className="hint" id="pref-mode-hint">
            {t('notifications.preferences.modeHint')}
          </p>
          {NOTIFICATION_MODES.map((value) => (
            <div className="field checkbox" key={value}>
              <input
                type="radio"
                id={`pref-mode-${value}`}
                name="mode"
                value={value}
                checked={mode === value}
                onChange={() => {
                  setMode(value);
                  setSaved(false);
                }}
              />
              <label htmlFor={`pref-mode-${value}`}>{t(`notifications.mode.${value}`)}</label>
            </div>
          ))}
          <p id="pref-mode-error" className="error" aria-live="polite">
            {errors.byField.get('mode') ?? ''}
          </p>
        </fieldset>
        <label htmlFor="pref-language">{t('notifications.preferences.language')}</label>
        <select
          id="pref-language"
          value={language}
          onChange={(event) => {
            setLanguage(event.target.value === 'en' ? 'en' : 'nl');
            setSaved(false);
          }}
          {...invalid('language')}
        >
          <option value="nl">{t('language.nl')}</option>
          <option value="en">{t('language.en')}</option>
        </select>
        <p className="hint" id="pref-language-hint">
          {t('notifications.preferences.languageHint')}
        </p>
        <p id="pref-language-error" className="error" aria-live="polite">
          {errors.byField.get('language') ?? ''}
        </p>
        <FormErrorRegion id="pref-error" errors={errors} />
        <p role="status" aria-live="polite" data-testid="pref-saved">
          {saved ? t('notifications.preferences.saved') : ''}
        </p>
        <button type="submit" className="primary" disabled={writing.busy}>
          {t('notifications.preferences.save')}
        </button>
      </form>
    </>
  );
}

/** Coordinators: every mail of the city's outbox, sent or not ("Verzonden e-mails"). */
export function SentMailsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const mails = useResource<SentMails>('/api/notifications/mails');
  if (mails.error) return <ErrorMessage error={mails.error} />;
  if (!mails.data) return <Loading />;
  return (
    <>
      <h1>{t('notifications.mails.title')}</h1>
      <p className="muted">
        {mails.data.transport === 'local'
          ? t('notifications.mails.transportLocal')
          : t('notifications.mails.transportSmtp')}
      </p>
      <p className="buttons">
        <button type="button" onClick={() => mails.reload()}>
          {t('notifications.mails.refresh')}
        </button>
      </p>
      {mails.data.items.length === 0 ? (
        <p>{t('notifications.mails.empty')}</p>
      ) : (
        <table className="data stack">
          <caption>{t('notifications.mails.caption', { count: mails.data.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notifications.mails.subject')}</th>
              <th scope="col">{t('notifications.mails.to')}</th>
              <th scope="col">{t('notifications.mails.status')}</th>
              <th scope="col">{t('notifications.mails.time')}</th>
              <th scope="col">{t('notifications.mails.attachments')}</th>
            </tr>
          </thead>
          <tbody>
            {mails.data.items.map((mail) => (
              <tr key={mail.notificationId}>
                <th scope="row">
                  <Link href={`/notifications/mails/${encodeURIComponent(mail.notificationId)}`}>
                    {mail.subject}
                  </Link>
                </th>
                <td data-label={t('notifications.mails.to')}>{mail.to}</td>
                <td data-label={t('notifications.mails.status')}>
                  <MailStatusBadge status={mail.status} />
                </td>
                <td data-label={t('notifications.mails.time')}>
                  {format.dateTime(mail.sentAt ?? mail.createdAt)}
                </td>
                <td data-label={t('notifications.mails.attachments')}>
                  {mail.attachments.length ? mail.attachments.join(', ') : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function MailStatusBadge({ status }: { status: SentMail['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge mail-${status}`}>{t(`notifications.mailStatus.${status}`)}</span>;
}

/** One mail of the outbox: to whom, when, its attachments' names and its text as it was sent. */
export function SentMailPage({ notificationId }: { notificationId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const mails = useResource<SentMails>('/api/notifications/mails');
  const mail = mails.data?.items.find((item) => item.notificationId === notificationId) ?? null;
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const sent = mail?.status === 'delivered';

  useEffect(() => {
    if (!sent) return;
    let active = true;
    api.text(`/api/notifications/mails/${encodeURIComponent(notificationId)}`).then(
      (text) => active && setHtml(text),
      (failure: unknown) => active && setError(failure),
    );
    return () => {
      active = false;
    };
  }, [sent, notificationId]);

  if (mails.error) return <ErrorMessage error={mails.error} />;
  if (!mails.data) return <Loading />;
  if (!mail)
    return (
      <>
        <p role="alert">{t('notifications.mails.notFound')}</p>
        <Link href="/notifications/mails">{t('notifications.mails.back')}</Link>
      </>
    );
  return (
    <>
      <h1>{mail.subject}</h1>
      <p>
        <Link href="/notifications/mails">{t('notifications.mails.back')}</Link>
      </p>
      <dl className="facts mail-facts">
        <dt>{t('notifications.mails.to')}</dt>
        <dd>{mail.to}</dd>
        <dt>{t('notifications.mails.status')}</dt>
        <dd>
          <MailStatusBadge status={mail.status} />
          {mail.error ? <span className="muted"> {mail.error}</span> : null}
        </dd>
        <dt>{t('notifications.mails.time')}</dt>
        <dd>{format.dateTime(mail.sentAt ?? mail.createdAt)}</dd>
        <dt>{t('notifications.mails.attachments')}</dt>
        <dd>
          {mail.attachments.length ? (
            <ul className="plain" aria-label={t('notifications.mails.attachments')}>
              {mail.attachments.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          ) : (
            t('notifications.mails.noAttachments')
          )}
        </dd>
      </dl>
      <h2>{t('notifications.mails.text')}</h2>
      <ErrorMessage error={error} />
      {!sent ? (
        <p>{t('notifications.mails.notSent')}</p>
      ) : html === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        // the mail as it was sent, in a sandbox: it runs nothing and cannot reach the app
        <iframe className="mail-frame" sandbox="" srcDoc={html} title={t('notifications.mails.frame')} />
      )}
    </>
  );
}
