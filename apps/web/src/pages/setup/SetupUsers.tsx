// The tenant's users (coordinator): invite a person by mail (she chooses her password through the link) or create
// an account with a first password handed over in person; change name, role or organisation, disable and enable,
// send a new invitation, set a new password. Every form has its errors next to its controls.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage, Loading } from '../../components/common';
import { useResource } from '../../hooks';
import type { Partner, WriteResult } from '../../types';
import { Field, FormErrorRegion, SetupNav, invalidProps, useFormErrors, useWriteForm } from './setup-common';

export const USER_ROLES = ['coordinator', 'member', 'partner', 'viewer'] as const;
type UserRole = (typeof USER_ROLES)[number];
const PASSWORD_MIN_LENGTH = 10;

export interface UserItem {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  partnerId: string | null;
  partner: { id: string; name: string } | null;
  disabled: boolean;
  version: number;
}

export function SetupUsersPage() {
  const { t } = useTranslation();
  const users = useResource<{ items: UserItem[]; position: string }>('/api/users');
  const partners = useResource<{ items: Partner[] }>('/api/partners');
  const [selected, setSelected] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const activePartners = (partners.data?.items ?? []).filter((partner) => !partner.mergedInto);
  const reload = (position: string, text: string) => {
    users.reload(position);
    setAnnounce(text);
  };
  const user = users.data?.items.find((item) => item.id === selected) ?? null;

  return (
    <div className="setup-page">
      <h1>{t('setup.users.title')}</h1>
      <SetupNav current="users" />
      <p className="muted">{t('setup.users.intro')}</p>
      <p role="status" className="sr-only" data-testid="setup-announce">
        {announce}
      </p>
      <ErrorMessage error={users.error ?? partners.error} />
      <NewUserForm partners={activePartners} onDone={(result, message) => reload(result.position, message)} />

      <section aria-labelledby="user-list-heading">
        <h2 id="user-list-heading">{t('setup.users.list')}</h2>
        {!users.data ? (
          <Loading />
        ) : (
          <ul className="setup-list" data-testid="user-list">
            {users.data.items.map((item) => (
              <li key={item.id} className={item.disabled ? 'disabled' : undefined}>
                <span>
                  <strong>{item.name}</strong> <span className="muted">{item.email}</span>
                </span>
                <span>
                  {t(`role.${item.role}`)}
                  {item.partner ? ` – ${item.partner.name}` : ''}
                  {item.disabled ? ` – ${t('setup.users.disabled')}` : ''}
                </span>
                <button
                  type="button"
                  className="secondary"
                  aria-expanded={selected === item.id}
                  aria-controls="user-editor"
                  onClick={() => setSelected(selected === item.id ? null : item.id)}
                >
                  {t('setup.users.edit', { name: item.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div id="user-editor">
        {user && (
          <UserEditor
            key={`${user.id}-${user.version}`}
            user={user}
            partners={activePartners}
            onDone={(result, text) => reload(result.position, text)}
          />
        )}
      </div>
    </div>
  );
}

function PartnerSelect({
  value,
  onChange,
  partners,
  ...rest
}: {
  value: string;
  onChange: (value: string) => void;
  partners: Partner[];
  id?: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation();
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)} {...rest}>
      <option value="">{t('setup.users.noPartner')}</option>
      {partners.map((partner) => (
        <option key={partner.id} value={partner.id}>
          {partner.name}
        </option>
      ))}
    </select>
  );
}

function NewUserForm({
  partners,
  onDone,
}: {
  partners: Partner[];
  onDone: (result: WriteResult, message: string) => void;
}) {
  const { t } = useTranslation();
  const formId = 'new-user';
  const errors = useFormErrors({ 'USER.PARTNER_REQUIRED': 'partnerId', 'USER.ALREADY_EXISTS': 'email' });
  const empty = { name: '', email: '', role: 'member' as UserRole, partnerId: '', password: '' };
  const [value, setValue] = useState(empty);
  // an invitation by mail unless the coordinator hands over a first password in person
  const [access, setAccess] = useState<'invite' | 'password'>('invite');
  const form = useWriteForm(
    errors,
    () => {
      const account = {
        name: value.name,
        email: value.email,
        role: value.role,
        ...(value.partnerId ? { partnerId: value.partnerId } : {}),
      };
      return access === 'invite'
        ? api.write<WriteResult>('POST', '/api/users/invitations', account)
        : api.write<WriteResult>('POST', '/api/users', { ...account, password: value.password });
    },
    (result) => {
      onDone(
        result,
        t(access === 'invite' ? 'setup.users.invited' : 'setup.users.created', { name: value.name }),
      );
      setValue(empty);
    },
  );
  const set = (patch: Partial<typeof value>) => setValue({ ...value, ...patch });
  return (
    <form aria-labelledby={`${formId}-heading`} className="setup-form" onSubmit={form.onSubmit} noValidate>
      <h2 id={`${formId}-heading`}>{t('setup.users.new')}</h2>
      <Field label={t('setup.users.name')} errors={errors} formId={formId} field="name">
        <input
          value={value.name}
          autoComplete="off"
          onChange={(event) => set({ name: event.target.value })}
          {...invalidProps(errors, formId, 'name')}
        />
      </Field>
      <Field label={t('setup.users.email')} errors={errors} formId={formId} field="email">
        <input
          type="email"
          autoComplete="off"
          value={value.email}
          onChange={(event) => set({ email: event.target.value })}
          {...invalidProps(errors, formId, 'email')}
        />
      </Field>
      <Field label={t('setup.users.role')} errors={errors} formId={formId} field="role">
        <select
          value={value.role}
          onChange={(event) => set({ role: event.target.value as UserRole })}
          {...invalidProps(errors, formId, 'role')}
        >
          {USER_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('setup.users.partner')} errors={errors} formId={formId} field="partnerId">
        <PartnerSelect
          value={value.partnerId}
          onChange={(partnerId) => set({ partnerId })}
          partners={partners}
          {...invalidProps(errors, formId, 'partnerId')}
        />
      </Field>
      <fieldset className="choice">
        <legend>{t('setup.users.access')}</legend>
        <label>
          <input
            type="radio"
            name="access"
            checked={access === 'invite'}
            onChange={() => setAccess('invite')}
          />
          {t('setup.users.accessInvite')}
        </label>
        <label>
          <input
            type="radio"
            name="access"
            checked={access === 'password'}
            onChange={() => setAccess('password')}
          />
          {t('setup.users.accessPassword')}
        </label>
      </fieldset>
      {access === 'invite' ? (
        <p className="muted">{t('setup.users.inviteHelp')}</p>
      ) : (
        <>
          <Field label={t('setup.users.password')} errors={errors} formId={formId} field="password">
            <input
              type="password"
              autoComplete="new-password"
              value={value.password}
              onChange={(event) => set({ password: event.target.value })}
              {...invalidProps(errors, formId, 'password')}
            />
          </Field>
          <p className="muted">{t('setup.users.passwordHelp', { count: PASSWORD_MIN_LENGTH })}</p>
        </>
      )}
      <FormErrorRegion errors={errors} formId={formId} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={form.busy}>
          {access === 'invite' ? t('setup.users.inviteButton') : t('setup.users.create')}
        </button>
      </div>
    </form>
  );
}

function UserEditor({
  user,
  partners,
  onDone,
}: {
  user: UserItem;
  partners: Partner[];
  onDone: (result: WriteResult, text: string) => void;
}) {
  const { t } = useTranslation();
  const editId = 'edit-user';
  const editErrors = useFormErrors({ 'USER.PARTNER_REQUIRED': 'partnerId', 'USER.NO_CHANGE': 'name' });
  const [edit, setEdit] = useState({ name: user.name, role: user.role, partnerId: user.partnerId ?? '' });
  const editForm = useWriteForm(
    editErrors,
    () => {
      const body: Record<string, unknown> = {};
      if (edit.name !== user.name) body.name = edit.name;
      if (edit.role !== user.role) body.role = edit.role;
      if (edit.partnerId !== (user.partnerId ?? '')) body.partnerId = edit.partnerId || null;
      if (edit.role !== user.role && body.partnerId === undefined && edit.partnerId)
        body.partnerId = edit.partnerId;
      return api.write<WriteResult>('PATCH', `/api/users/${user.id}`, body, { version: user.version });
    },
    (result) => onDone(result, t('setup.users.saved', { name: edit.name })),
  );

  const stateId = 'user-state';
  const stateErrors = useFormErrors();
  const [reason, setReason] = useState('');
  const stateForm = useWriteForm(
    stateErrors,
    () =>
      user.disabled
        ? api.write<WriteResult>('POST', `/api/users/${user.id}/enable`, {}, { version: user.version })
        : api.write<WriteResult>(
            'POST',
            `/api/users/${user.id}/disable`,
            { reason },
            { version: user.version },
          ),
    (result) =>
      onDone(
        result,
        t(user.disabled ? 'setup.users.enabledDone' : 'setup.users.disabledDone', { name: user.name }),
      ),
  );

  const inviteId = 'user-invite';
  const inviteErrors = useFormErrors();
  const inviteForm = useWriteForm(
    inviteErrors,
    () => api.write<WriteResult>('POST', `/api/users/${user.id}/invitation`, {}),
    (result) => onDone(result, t('setup.users.reinvited', { name: user.name, email: user.email })),
  );

  const passwordId = 'user-password';
  const passwordErrors = useFormErrors({}, { password: 'newPassword' });
  const [password, setPassword] = useState('');
  const passwordForm = useWriteForm(
    passwordErrors,
    () => api.write<WriteResult>('POST', `/api/users/${user.id}/password`, { newPassword: password }),
    (result) => {
      setPassword('');
      onDone(result, t('setup.users.passwordDone', { name: user.name }));
    },
  );

  return (
    <section aria-labelledby="user-editor-heading" className="setup-editor">
      <h2 id="user-editor-heading">{t('setup.users.editorTitle', { name: user.name })}</h2>
      <form
        aria-labelledby={`${editId}-heading`}
        className="setup-form"
        onSubmit={editForm.onSubmit}
        noValidate
      >
        <h3 id={`${editId}-heading`}>{t('setup.users.details')}</h3>
        <Field label={t('setup.users.name')} errors={editErrors} formId={editId} field="name">
          <input
            value={edit.name}
            onChange={(event) => setEdit({ ...edit, name: event.target.value })}
            {...invalidProps(editErrors, editId, 'name')}
          />
        </Field>
        <Field label={t('setup.users.role')} errors={editErrors} formId={editId} field="role">
          <select
            value={edit.role}
            onChange={(event) => setEdit({ ...edit, role: event.target.value as UserRole })}
            {...invalidProps(editErrors, editId, 'role')}
          >
            {USER_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('setup.users.partner')} errors={editErrors} formId={editId} field="partnerId">
          <PartnerSelect
            value={edit.partnerId}
            onChange={(partnerId) => setEdit({ ...edit, partnerId })}
            partners={partners}
            {...invalidProps(editErrors, editId, 'partnerId')}
          />
        </Field>
        <FormErrorRegion errors={editErrors} formId={editId} />
        <div className="buttons">
          <button type="submit" className="primary" disabled={editForm.busy}>
            {t('setup.users.save')}
          </button>
        </div>
      </form>

      <form
        aria-labelledby={`${stateId}-heading`}
        className="setup-form"
        onSubmit={stateForm.onSubmit}
        noValidate
      >
        <h3 id={`${stateId}-heading`}>
          {user.disabled ? t('setup.users.enableTitle') : t('setup.users.disableTitle')}
        </h3>
        {user.disabled ? (
          <p>{t('setup.users.enableHelp')}</p>
        ) : (
          <Field label={t('setup.users.reason')} errors={stateErrors} formId={stateId} field="reason">
            <input
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              {...invalidProps(stateErrors, stateId, 'reason')}
            />
          </Field>
        )}
        <FormErrorRegion errors={stateErrors} formId={stateId} />
        <div className="buttons">
          <button type="submit" className="secondary" disabled={stateForm.busy}>
            {user.disabled ? t('setup.users.enable') : t('setup.users.disable')}
          </button>
        </div>
      </form>

      <form
        aria-labelledby={`${passwordId}-heading`}
        className="setup-form"
        onSubmit={passwordForm.onSubmit}
        noValidate
      >
        <h3 id={`${passwordId}-heading`}>{t('setup.users.passwordTitle')}</h3>
        <Field
          label={t('setup.users.newPassword')}
          errors={passwordErrors}
          formId={passwordId}
          field="newPassword"
        >
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            {...invalidProps(passwordErrors, passwordId, 'newPassword')}
          />
        </Field>
        <p className="muted">{t('setup.users.passwordHelp', { count: PASSWORD_MIN_LENGTH })}</p>
        <FormErrorRegion errors={passwordErrors} formId={passwordId} />
        <div className="buttons">
          <button type="submit" className="secondary" disabled={passwordForm.busy}>
            {t('setup.users.setPassword')}
          </button>
        </div>
      </form>
      <form
        aria-labelledby={`${inviteId}-heading`}
        className="setup-form"
        onSubmit={inviteForm.onSubmit}
        noValidate
      >
        <h3 id={`${inviteId}-heading`}>{t('setup.users.reinviteTitle')}</h3>
        <p className="muted">{t('setup.users.reinviteHelp', { email: user.email })}</p>
        <FormErrorRegion errors={inviteErrors} formId={inviteId} />
        <div className="buttons">
          <button type="submit" className="secondary" disabled={inviteForm.busy}>
            {t('setup.users.reinvite')}
          </button>
        </div>
      </form>
    </section>
  );
}
