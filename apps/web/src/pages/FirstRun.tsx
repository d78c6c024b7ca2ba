// The first-run page of an empty deployment: the city and its first coordinator, protected by the one-time
// setup code the server printed in its log (docs/onboarding.md).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { LanguageSwitch } from '../components/SiteChrome';
import { ErrorMessage } from '../components/common';
import { invalidFields } from '../forms/form-errors';
import { useFormError, useWrite } from '../forms/write-form';
import { navigate } from '../router';

export function FirstRunPage() {
  const { t } = useTranslation();
  const [fields, setFields] = useState({
    code: '',
    tenantName: '',
    tenantId: '',
    name: '',
    email: '',
    password: '',
  });
  const failure = useFormError();
  const { error } = failure;
  const { busy, run } = useWrite(failure);
  const named = invalidFields(error, { 'SETUP.INVALID_CODE': 'code' }).map((item) => item.field);
  const field = (name: keyof typeof fields) => ({
    'aria-invalid': named.includes(name) || undefined,
    'aria-describedby': named.includes(name) ? 'setup-error' : undefined,
    value: fields[name],
    onChange: (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(
      async () => {
        await api.anonymous('POST', '/api/setup', { ...fields, email: fields.email.trim() });
        await api.login(fields.email.trim(), fields.password);
      },
      () => navigate('/'),
    );
  };

  return (
    <main id="main" className="login">
      <form className="login-card setup-form" onSubmit={submit}>
        <div className="login-top">
          <h1>{t('firstRun.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('firstRun.intro')}</p>
        <div id="setup-error">
          <ErrorMessage error={error} />
        </div>
        <label>
          {t('firstRun.code')}
          <input required autoComplete="off" {...field('code')} />
        </label>
        <label>
          {t('firstRun.tenantName')}
          <input
            required
            {...field('tenantName')}
            onChange={(event) => {
              const tenantName = event.target.value;
              const derived = tenantName
                .toLowerCase()
                .normalize('NFD')
                .replace(/\p{M}/gu, '')
                .replace(/^(?:stad|gemeente)\s+/, '')
                .replace(/[^a-z0-9]+/g, '-')
                .replace(/^-|-$/g, '');
              setFields({ ...fields, tenantName, tenantId: derived });
            }}
          />
        </label>
        <label>
          {t('firstRun.tenantId')}
          <input required pattern="[a-z0-9][a-z0-9-]{1,39}" {...field('tenantId')} />
        </label>
        <label>
          {t('firstRun.name')}
          <input required {...field('name')} />
        </label>
        <label>
          {t('firstRun.email')}
          <input required type="email" autoComplete="username" {...field('email')} />
        </label>
        <label>
          {t('firstRun.password')}
          <input required type="password" minLength={10} autoComplete="new-password" {...field('password')} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('firstRun.submit')}
        </button>
      </form>
    </main>
  );
}
