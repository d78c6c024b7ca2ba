// The tenant's users (coordinator): invite a person by mail (she chooses her password through the link) or create
// an account with a first password handed over in person; change name, role or organisation, disable and enable,
// send a new invitation, set a new password. Every form has its errors next to its controls.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage, Loading } from '../../components/common';
import { useResource } from '../../hooks';
import type { Partner, WriteResult } from '../../types';
import { Field, WriteForm, useWriteForm } from '../../forms/write-form';
import { SetupNav } from './setup-common';

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
  const empty = { name: '', email: '', role: 'member' as UserRole, partnerId: '', password: '' };
  const [value, setValue] = useState(empty);
  // an invitation by mail unless the coordinator hands over a first password in person
  const [access, setAccess] = useState<'invite' | 'password'>('invite');
  const form = useWriteForm(
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
    { fieldOf: { 'USER.PARTNER_REQUIRED': 'partnerId', 'USER.ALREADY_EXISTS': 'email' } },
  );
  const set = (patch: Partial<typeof value>) => setValue({ ...value, ...patch });
  return (
    <WriteForm
      id="new-user"
      title={t('setup.users.new')}
      form={form}
      submit={access === 'invite' ? t('setup.users.inviteButton') : t('setup.users.create')}
    >
      <Field label={t('setup.users.name')} field="name">
        <input
          value={value.name}
          autoComplete="off"
          onChange={(event) => set({ name: event.target.value })}
        />
      </Field>
      <Field label={t('setup.users.email')} field="email">
        <input
          type="email"
          autoComplete="off"
          value={value.email}
          onChange={(event) => set({ email: event.target.value })}
        />
      </Field>
      <Field label={t('setup.users.role')} field="role">
        <select value={value.role} onChange={(event) => set({ role: event.target.value as UserRole })}>
          {USER_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('setup.users.partner')} field="partnerId">
        <PartnerSelect
          value={value.partnerId}
          onChange={(partnerId) => set({ partnerId })}
          partners={partners}
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
          <Field label={t('setup.users.password')} field="password">
            <input
              type="password"
              autoComplete="new-password"
              value={value.password}
              onChange={(event) => set({ password: event.target.value })}
            />
          </Field>
          <p className="muted">{t('setup.users.passwordHelp', { count: PASSWORD_MIN_LENGTH })}</p>
        </>
      )}
    </WriteForm>
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
  const [edit, setEdit] = useState({ name: user.name, role: user.role, partnerId: user.partnerId ?? '' });
  const editForm = useWriteForm(
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
    { fieldOf: { 'USER.PARTNER_REQUIRED': 'partnerId', 'USER.NO_CHANGE': 'name' } },
  );

  const [reason, setReason] = useState('');
  const stateForm = useWriteForm(
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

  const inviteForm = useWriteForm(
    () => api.write<WriteResult>('POST', `/api/users/${user.id}/invitation`, {}),
    (result) => onDone(result, t('setup.users.reinvited', { name: user.name, email: user.email })),
  );

  const [password, setPassword] = useState('');
  const passwordForm = useWriteForm(
    () => api.write<WriteResult>('POST', `/api/users/${user.id}/password`, { newPassword: password }),
    (result) => {
      setPassword('');
      onDone(result, t('setup.users.passwordDone', { name: user.name }));
    },
    { aliases: { password: 'newPassword' } },
  );

  return (
    <section aria-labelledby="user-editor-heading" className="setup-editor">
      <h2 id="user-editor-heading">{t('setup.users.editorTitle', { name: user.name })}</h2>
      <WriteForm
        id="edit-user"
        level={3}
        title={t('setup.users.details')}
        form={editForm}
        submit={t('setup.users.save')}
      >
        <Field label={t('setup.users.name')} field="name">
          <input value={edit.name} onChange={(event) => setEdit({ ...edit, name: event.target.value })} />
        </Field>
        <Field label={t('setup.users.role')} field="role">
          <select
            value={edit.role}
            onChange={(event) => setEdit({ ...edit, role: event.target.value as UserRole })}
          >
            {USER_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('setup.users.partner')} field="partnerId">
          <PartnerSelect
            value={edit.partnerId}
            onChange={(partnerId) => setEdit({ ...edit, partnerId })}
            partners={partners}
          />
        </Field>
      </WriteForm>

      <WriteForm
        id="user-state"
        level={3}
        title={user.disabled ? t('setup.users.enableTitle') : t('setup.users.disableTitle')}
        form={stateForm}
        submit={user.disabled ? t('setup.users.enable') : t('setup.users.disable')}
        submitClass="secondary"
      >
        {user.disabled ? (
          <p>{t('setup.users.enableHelp')}</p>
        ) : (
          <Field label={t('setup.users.reason')} field="reason">
            <input value={reason} onChange={(event) => setReason(event.target.value)} />
          </Field>
        )}
      </WriteForm>

      <WriteForm
        id="user-password"
        level={3}
        title={t('setup.users.passwordTitle')}
        form={passwordForm}
        submit={t('setup.users.setPassword')}
        submitClass="secondary"
      >
        <Field label={t('setup.users.newPassword')} field="newPassword">
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <p className="muted">{t('setup.users.passwordHelp', { count: PASSWORD_MIN_LENGTH })}</p>
      </WriteForm>
      <WriteForm
        id="user-invite"
        level={3}
        title={t('setup.users.reinviteTitle')}
        form={inviteForm}
        submit={t('setup.users.reinvite')}
        submitClass="secondary"
      >
        <p className="muted">{t('setup.users.reinviteHelp', { email: user.email })}</p>
      </WriteForm>
    </section>
  );
}
