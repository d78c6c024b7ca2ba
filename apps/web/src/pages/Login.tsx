import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { DemoBanner, LanguageSwitch } from '../components/SiteChrome';
import { ErrorMessage } from '../components/common';
import { useFormError, useWrite } from '../forms/write-form';
import { navigate, returnPath } from '../router';
import { loadSignedInShell } from '../shell';
import type { ServerInfo } from '../types';

const DEMO_ACCOUNTS = ['coordinator', 'member', 'partner', 'viewer'] as const;

export function LoginPage({ info }: { info: ServerInfo | null }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const failure = useFormError();
  const { error } = failure;
  const { busy, run } = useWrite(failure);
  // the signed-in shell (its own chunk) comes while the person types, not after she pressed the button
  useEffect(() => {
    loadSignedInShell().catch(() => undefined);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(
      () => api.login(email.trim(), password),
      // back to the page that was asked for (App checks it is a path of this app)
      () => navigate(returnPath(new URLSearchParams(window.location.search).get('next'))),
    );
  };

  // wrong e-mail address or password: both fields are invalid, and say why
  const credentials = {
    'aria-invalid': error !== null || undefined,
    'aria-describedby': error !== null ? 'login-error' : undefined,
  } as const;
  return (
    <>
      <DemoBanner info={info} />
      <main id="main" className="login">
        <div className="login-card">
          <div className="login-top">
            <h1>{t('login.title')}</h1>
            <LanguageSwitch />
          </div>
          <p className="muted">{t('login.intro')}</p>
          <form onSubmit={submit} noValidate>
            <label htmlFor="email">{t('login.email')}</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              {...credentials}
            />
            <label htmlFor="password">{t('login.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              {...credentials}
            />
            <div id="login-error">
              <ErrorMessage error={error} />
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('login.busy') : t('login.submit')}
            </button>
          </form>
          {info?.demo && (
            <section aria-labelledby="demo-accounts" className="demo-accounts">
              <h2 id="demo-accounts">{t('demo.accounts')}</h2>
              <p>{t('demo.password')}</p>
              <ul>
                {DEMO_ACCOUNTS.map((role) => (
                  <li key={role}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setEmail(`${role}@demo.local`);
                        setPassword('demo');
                      }}
                    >
                      {t(`role.${role}`)}: {role}@demo.local
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </main>
    </>
  );
}
