// Editing an existing working group (coordinator): its name and description, its scope on the plan tree, its
// members and their role in the group, and archiving it. Each part is its own form with its own errors.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage, Loading } from '../../components/common';
import { useResource } from '../../hooks';
import { Link, navigate } from '../../router';
import type { PlanTree, PlanTreeGoal, WorkingGroup, WriteResult } from '../../types';
import { Field, FormErrorRegion, SetupNav, invalidProps, useFormErrors, useWriteForm } from './setup-common';

type GroupRole = 'chair' | 'secretary' | 'member';
const GROUP_ROLES: GroupRole[] = ['chair', 'secretary', 'member'];
type UserItem = { id: string; name: string; email: string; disabled: boolean };

const actionsOf = (goals: PlanTreeGoal[]): { id: string; code: string; title: string }[] =>
  goals.flatMap((goal) => [...goal.actions, ...actionsOf(goal.goals)]);

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
  const formId = 'group-details';
  const errors = useFormErrors({ 'WORKING_GROUP.NO_CHANGE': 'name' });
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const form = useWriteForm(
    errors,
    () => {
      const body: Record<string, string> = {};
      if (name !== group.name) body.name = name;
      if (description !== group.description) body.description = description;
      return api.write<WriteResult>('PATCH', `/api/working-groups/${group.id}`, body);
    },
    (result) => onDone(result, t('setup.group.saved')),
  );
  return (
    <form aria-labelledby={`${formId}-heading`} className="setup-form" onSubmit={form.onSubmit} noValidate>
      <h2 id={`${formId}-heading`}>{t('setup.group.details')}</h2>
      <Field label={t('setupGroup.name')} errors={errors} formId={formId} field="name">
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          {...invalidProps(errors, formId, 'name')}
        />
      </Field>
      <Field label={t('setupGroup.description')} errors={errors} formId={formId} field="description">
        <textarea
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          {...invalidProps(errors, formId, 'description')}
        />
      </Field>
      <FormErrorRegion errors={errors} formId={formId} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={form.busy}>
          {t('setup.group.saveDetails')}
        </button>
      </div>
    </form>
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
  const formId = 'group-scope';
  const errors = useFormErrors({ 'WORKING_GROUP.NO_CHANGE': 'scope', 'WORKING_GROUP.INVALID': 'scope' });
  const [themeIds, setThemeIds] = useState(group.scope.themeIds);
  const [actionIds, setActionIds] = useState(group.scope.actionIds);
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);
  const form = useWriteForm(
    errors,
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
  );
  const invalid = invalidProps(errors, formId, 'scope');
  return (
    <form aria-labelledby={`${formId}-heading`} className="setup-form" onSubmit={form.onSubmit} noValidate>
      <h2 id={`${formId}-heading`}>{t('setupGroup.scope')}</h2>
      <fieldset aria-describedby={invalid['aria-describedby']}>
        <legend>{t('setupGroup.scopeHelp')}</legend>
        <ul className="scope-tree">
          {tree.themes.map((theme) => {
            const wholeTheme = themeIds.includes(theme.id);
            const actions = actionsOf(theme.goals);
            const chosen = actions.filter((action) => actionIds.includes(action.id)).length;
            return (
              <li key={theme.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={wholeTheme}
                    onChange={(event) => setThemeIds(toggle(themeIds, theme.id, event.target.checked))}
                  />{' '}
                  {t('setupGroup.theme', { code: theme.code, title: theme.title })}
                </label>
                {!wholeTheme && actions.length > 0 && (
                  <details open={chosen > 0}>
                    <summary>{t('setupGroup.singleActions', { count: actions.length })}</summary>
                    <ul>
                      {actions.map((action) => (
                        <li key={action.id}>
                          <label>
                            <input
                              type="checkbox"
                              checked={actionIds.includes(action.id)}
                              onChange={(event) =>
                                setActionIds(toggle(actionIds, action.id, event.target.checked))
                              }
                            />{' '}
                            {action.code} {action.title}
                          </label>
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      {errors.byField.get('scope') && (
        <span id={`${formId}-scope-error`} className="error field-error">
          {errors.byField.get('scope')}
        </span>
      )}
      <FormErrorRegion errors={errors} formId={formId} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={form.busy}>
          {t('setup.group.saveScope')}
        </button>
      </div>
    </form>
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
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<WriteResult>, text: string) => {
    setBusy(true);
    listErrors.clear();
    try {
      onDone(await write(), text);
    } catch (error) {
      listErrors.show(error);
    } finally {
      setBusy(false);
    }
  };

  const addId = 'add-member';
  const addErrors = useFormErrors({
    'WORKING_GROUP.MEMBER_ALREADY_ADDED': 'userId',
    'USER.NOT_FOUND': 'userId',
  });
  const [candidate, setCandidate] = useState('');
  const [role, setRole] = useState<GroupRole>('member');
  const add = useWriteForm(
    addErrors,
    () =>
      api.write<WriteResult>('POST', `/api/working-groups/${group.id}/members`, { userId: candidate, role }),
    (result) => {
      const name = users.find((user) => user.id === candidate)?.name ?? candidate;
      setCandidate('');
      setRole('member');
      onDone(result, t('setup.group.memberAdded', { name }));
    },
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
                  disabled={busy}
                  onChange={(event) =>
                    void run(
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
                disabled={busy}
                onClick={() =>
                  void run(
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
      <FormErrorRegion errors={listErrors} formId={listId} />

      <form aria-labelledby={`${addId}-heading`} className="setup-form" onSubmit={add.onSubmit} noValidate>
        <h3 id={`${addId}-heading`}>{t('setupGroup.addMember')}</h3>
        <Field label={t('setupGroup.person')} errors={addErrors} formId={addId} field="userId">
          <select
            value={candidate}
            onChange={(event) => setCandidate(event.target.value)}
            {...invalidProps(addErrors, addId, 'userId')}
          >
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
        <Field label={t('setupGroup.groupRole')} errors={addErrors} formId={addId} field="role">
          <select
            value={role}
            onChange={(event) => setRole(event.target.value as GroupRole)}
            {...invalidProps(addErrors, addId, 'role')}
          >
            {GROUP_ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`groupRole.${value}`)}
              </option>
            ))}
          </select>
        </Field>
        <FormErrorRegion errors={addErrors} formId={addId} />
        <div className="buttons">
          <button type="submit" className="secondary" disabled={add.busy}>
            {t('setupGroup.addMember')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ArchiveForm({ group }: { group: WorkingGroup }) {
  const { t } = useTranslation();
  const formId = 'archive-group';
  const errors = useFormErrors();
  const [reason, setReason] = useState('');
  const form = useWriteForm(
    errors,
    () => api.write<WriteResult>('POST', `/api/working-groups/${group.id}/archive`, { reason }),
    async (result) => {
      await api.get('/api/working-groups', { minPosition: result.position });
      navigate('/working-groups');
    },
  );
  return (
    <form aria-labelledby={`${formId}-heading`} className="setup-form" onSubmit={form.onSubmit} noValidate>
      <h2 id={`${formId}-heading`}>{t('setup.group.archiveTitle')}</h2>
      <p className="muted">{t('setup.group.archiveHelp')}</p>
      <Field label={t('setup.group.reason')} errors={errors} formId={formId} field="reason">
        <input
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          {...invalidProps(errors, formId, 'reason')}
        />
      </Field>
      <FormErrorRegion errors={errors} formId={formId} />
      <div className="buttons">
        <button type="submit" className="secondary" disabled={form.busy}>
          {t('setup.group.archive')}
        </button>
      </div>
    </form>
  );
}
