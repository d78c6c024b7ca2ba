// The page of the link in an invitation mail (no login): the person chooses her password once, then is signed
// in. The link's token is checked first, so a used, replaced or expired link says so before anything is typed.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { LanguageSwitch } from '../components/SiteChrome';
import { ErrorMessage, Loading, useFormat } from '../components/common';
import { useFormError, useWrite } from '../forms/write-form';
import { navigate } from '../router';

interface OpenInvitation {
  email: string;
  name: string;
  expiresAt: string;
}

export function InvitationPage({ token }: { token: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [invitation, setInvitation] = useState<OpenInvitation | null>(null);
  const failure = useFormError();
  const { error } = failure;
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const writing = useWrite(failure);

  useEffect(() => {
    if (!token) return;
    api
      .anonymous<OpenInvitation>('POST', '/api/invitations/check', { token })
      .then(setInvitation, failure.show);
  }, [token]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token || !invitation) return;
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    writing.run(
      async () => {
        await api.anonymous('POST', '/api/invitations/accept', { token, password });
        await api.login(invitation.email, password);
      },
      () => navigate('/'),
    );
  };

  return (
    <main id="main" className="login" tabIndex={-1}>
      <form className="login-card setup-form" onSubmit={submit} noValidate>
        <div className="login-top">
          <h1>{t('invitation.title')}</h1>
          <LanguageSwitch />
        </div>
        <div aria-live="assertive" data-testid="invitation-error">
          {!token ? <p className="error">{t('invitation.noToken')}</p> : <ErrorMessage error={error} />}
        </div>
        {token && !invitation && !error && <Loading />}
        {invitation && (
          <>
            <p>
              {t('invitation.intro', {
                name: invitation.name,
                email: invitation.email,
                until: format.dateTime(invitation.expiresAt),
              })}
            </p>
            <input type="hidden" autoComplete="username" value={invitation.email} readOnly />
            <label>
              {t('invitation.password')}
              <input
                type="password"
                required
                minLength={10}
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </label>
            <label>
              {t('invitation.repeat')}
              <input
                type="password"
                required
                autoComplete="new-password"
                value={repeat}
                aria-invalid={mismatch}
                aria-describedby={mismatch ? 'invitation-mismatch' : undefined}
                onChange={(event) => setRepeat(event.target.value)}
              />
            </label>
            {mismatch && (
              <p id="invitation-mismatch" className="error">
                {t('invitation.mismatch')}
              </p>
            )}
            <button type="submit" className="primary" disabled={writing.busy}>
              {t('invitation.submit')}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
