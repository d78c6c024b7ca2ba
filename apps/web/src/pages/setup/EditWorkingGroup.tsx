// Editing an existing working group (coordinator): its name and description, its scope on the plan tree, its
// members and their role in the group, and archiving it. Each part is its own form with its own errors.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage, Loading } from '../../components/common';
import { useResource } from '../../hooks';
import { Link, navigate } from '../../router';
import type { PlanTree, WorkingGroup, WriteResult } from '../../types';
import { FormErrorRegion, useFormErrors } from '../../forms/form-errors';
import { Field, FieldError, WriteForm, useFieldAria, useWrite, useWriteForm } from '../../forms/write-form';
import { ScopeChoice, actionsOf } from './ScopeChoice';
import { SetupNav } from './setup-common';

type GroupRole = 'chair' | 'secretary' | 'member';
const GROUP_ROLES: GroupRole[] = ['chair', 'secretary', 'member'];
type UserItem = { id: string; name: string; email: string; disabled: boolean };

export function EditWorkingGroupPage({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const group = useResource<WorkingGroup>(`/api/working-groups/${groupId}`);
  const users = useResource<{ items: UserItem[] }>('/api/users');
  const planId = group.data?.planId ?? null;
  const tree = useResource<PlanTree>(planId ? `/api/plans/${planId}` : null);
  const [announce, setAnnounce] = useState('');
  const done = (result: WriteResult, text: string) => {
    group.reload(result.position);
    setAnnounce(text);
  };

  if (group.error) return <ErrorMessage error={group.error} />;
  const data = group.data;
  if (!data) return <Loading />;
  return (
    <div className="setup-page">
      <h1>{t('setup.group.title', { name: data.name })}</h1>
      <SetupNav current="groups" planId={planId} />
      <p>
        <Link href={`/working-groups/${groupId}`}>{t('setup.group.back', { name: data.name })}</Link>
      </p>
      <p role="status" className="sr-only" data-testid="setup-announce">
        {announce}
      </p>
      {data.archived && <p className="notice">{t('setup.group.archived')}</p>}
      <ErrorMessage error={users.error ?? tree.error} />
      <DetailsForm key={`${data.name}|${data.description}`} group={data} onDone={done} />
      {tree.data ? (
        <ScopeForm key={JSON.stringify(data.scope)} group={data} tree={tree.data} onDone={done} />
      ) : (
        <Loading />
      )}
      <MembersForms
        group={data}
        users={(users.data?.items ?? []).filter((user) => !user.disabled)}
        onDone={done}
      />
      {!data.archived && <ArchiveForm group={data} />}
    </div>
  );
}

function DetailsForm({
  group,
  onDone,
}: {
  group: WorkingGroup;
  onDone: (result: WriteResult, text: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const form = useWriteForm(
    () => {
      const body: Record<string, string> = {};
      if (name !== group.name) body.name = name;
      if (description !== group.description) body.description = description;
      return api.write<WriteResult>('PATCH', `/api/working-groups/${group.id}`, body);
    },
    (result) => onDone(result, t('setup.group.saved')),
    { fieldOf: { 'WORKING_GROUP.NO_CHANGE': 'name' } },
  );
  return (
    <WriteForm
      id="group-details"
      title={t('setup.group.details')}
      form={form}
      submit={t('setup.group.saveDetails')}
    >
      <Field label={t('setupGroup.name')} field="name">
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label={t('setupGroup.description')} field="description">
        <textarea value={description} onChange={(event) => setDescription(event.target.value)} />
      </Field>
    </WriteForm>
  );
}

function ScopeForm({
  group,
  tree,
  onDone,
}: {
  group: WorkingGroup;
  tree: PlanTree;
  onDone: (result: WriteResult, text: string) => void;
}) {
  const { t } = useTranslation();
  const [themeIds, setThemeIds] = useState(group.scope.themeIds);
  const [actionIds, setActionIds] = useState(group.scope.actionIds);
  const form = useWriteForm(
    () =>
      api.write<WriteResult>('PUT', `/api/working-groups/${group.id}/scope`, {
        themeIds,
        // single actions of a theme chosen as a whole are in scope anyway
        actionIds: actionIds.filter((id) =>
          tree.themes.every(
            (theme) => !themeIds.includes(theme.id) || !actionsOf(theme.goals).some((a) => a.id === id),
          ),
        ),
      }),
    (result) => onDone(result, t('setup.group.scopeSaved')),
    { fieldOf: { 'WORKING_GROUP.NO_CHANGE': 'scope', 'WORKING_GROUP.INVALID': 'scope' } },
  );
  return (
    <WriteForm id="group-scope" title={t('setupGroup.scope')} form={form} submit={t('setup.group.saveScope')}>
      <ScopeField
        tree={tree}
        themeIds={themeIds}
        actionIds={actionIds}
        onThemes={setThemeIds}
        onActions={setActionIds}
      />
      <FieldError field="scope" />
    </WriteForm>
  );
}

/** The scope's choice, described by the scope's error under it. */
function ScopeField(props: Parameters<typeof ScopeChoice>[0]) {
  const { t } = useTranslation();
  const aria = useFieldAria('scope');
  return (
    <fieldset aria-describedby={aria['aria-describedby']}>
      <legend>{t('setupGroup.scopeHelp')}</legend>
      <ScopeChoice {...props} />
    </fieldset>
  );
}

function MembersForms({
  group,
  users,
  onDone,
}: {
  group: WorkingGroup;
  users: UserItem[];
  onDone: (result: WriteResult, text: string) => void;
}) {
  const { t } = useTranslation();
  const members = group.members ?? [];
  const listId = 'group-members';
  const listErrors = useFormErrors();
  const list = useWrite(listErrors);
  const change = (write: () => Promise<WriteResult>, text: string) =>
    list.run(write, (result) => onDone(result, text));

  const [candidate, setCandidate] = useState('');
  const [role, setRole] = useState<GroupRole>('member');
  const add = useWriteForm(
    () =>
      api.write<WriteResult>('POST', `/api/working-groups/${group.id}/members`, { userId: candidate, role }),
    (result) => {
      const name = users.find((user) => user.id === candidate)?.name ?? candidate;
      setCandidate('');
      setRole('member');
      onDone(result, t('setup.group.memberAdded', { name }));
    },
    { fieldOf: { 'WORKING_GROUP.MEMBER_ALREADY_ADDED': 'userId', 'USER.NOT_FOUND': 'userId' } },
  );

  return (
    <section aria-labelledby={`${listId}-heading`} className="setup-form">
      <h2 id={`${listId}-heading`}>{t('setupGroup.members')}</h2>
      {members.length === 0 ? (
        <p className="muted">{t('setup.group.noMembers')}</p>
      ) : (
        <ul className="setup-list" data-testid="group-members">
          {members.map((member) => (
            <li key={member.userId}>
              <strong>{member.name}</strong>
              <label>
                {t('setup.group.roleOf', { name: member.name })}
                <select
                  value={member.role}
                  disabled={list.busy}
                  onChange={(event) =>
                    change(
                      () =>
                        api.write<WriteResult>(
                          'PATCH',
                          `/api/working-groups/${group.id}/members/${member.userId}`,
                          {
                            role: event.target.value,
                          },
                        ),
                      t('setup.group.roleChanged', {
                        name: member.name,
                        role: t(`groupRole.${event.target.value}`),
                      }),
                    )
                  }
                >
                  {GROUP_ROLES.map((value) => (
                    <option key={value} value={value}>
                      {t(`groupRole.${value}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="link-button"
                disabled={list.busy}
                onClick={() =>
                  change(
                    () =>
                      api.write<WriteResult>(
                        'DELETE',
                        `/api/working-groups/${group.id}/members/${member.userId}`,
                        {},
                      ),
                    t('setup.group.memberRemoved', { name: member.name }),
                  )
                }
              >
                {t('setupGroup.remove', { name: member.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormErrorRegion id={`${listId}-error`} errors={listErrors} />

      <WriteForm
        id="add-member"
        level={3}
        title={t('setupGroup.addMember')}
        form={add}
        submit={t('setupGroup.addMember')}
        submitClass="secondary"
      >
        <Field label={t('setupGroup.person')} field="userId">
          <select value={candidate} onChange={(event) => setCandidate(event.target.value)}>
            <option value="">{t('setupGroup.choosePerson')}</option>
            {users
              .filter((user) => !members.some((member) => member.userId === user.id))
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
          </select>
        </Field>
        <Field label={t('setupGroup.groupRole')} field="role">
          <select value={role} onChange={(event) => setRole(event.target.value as GroupRole)}>
            {GROUP_ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`groupRole.${value}`)}
              </option>
            ))}
          </select>
        </Field>
      </WriteForm>
    </section>
  );
}

function ArchiveForm({ group }: { group: WorkingGroup }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const form = useWriteForm(
    () => api.write<WriteResult>('POST', `/api/working-groups/${group.id}/archive`, { reason }),
    async (result) => {
      await api.get('/api/working-groups', { minPosition: result.position });
      navigate('/working-groups');
    },
  );
  return (
    <WriteForm
      id="archive-group"
      title={t('setup.group.archiveTitle')}
      form={form}
      submit={t('setup.group.archive')}
      submitClass="secondary"
    >
      <p className="muted">{t('setup.group.archiveHelp')}</p>
      <Field label={t('setup.group.reason')} field="reason">
        <input value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
    </WriteForm>
  );
}
