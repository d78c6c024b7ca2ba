// Setting up a working group from scratch (coordinator): name and plan, the scope chosen on the plan tree
// (whole themes, or single actions), and the members with their role in the group. One save creates the
// group with its scope, then adds the members; the group's own page follows.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorMessage, Loading } from '../components/common';
import { invalidFields, namesField } from '../components/field-errors';
import { useResource } from '../hooks';
import { navigate } from '../router';
import type { PlanSummary, PlanTree, PlanTreeGoal, WriteResult } from '../types';

type UserItem = { id: string; name: string; email: string; role: string; disabled: boolean };
type GroupRole = 'chair' | 'secretary' | 'member';
const GROUP_ROLES: GroupRole[] = ['chair', 'secretary', 'member'];

const actionsOf = (goals: PlanTreeGoal[]): { id: string; code: string; title: string }[] =>
  goals.flatMap((goal) => [...goal.actions, ...actionsOf(goal.goals)]);

export function SetupWorkingGroupPage() {
  const { t } = useTranslation();
  const plans = useResource<{ items: PlanSummary[] }>('/api/plans');
  const users = useResource<{ items: UserItem[] }>('/api/users');
  const [planId, setPlanId] = useState('');
  const chosenPlan = planId || plans.data?.items[0]?.id || '';
  const tree = useResource<PlanTree>(chosenPlan ? `/api/plans/${chosenPlan}` : null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [themeIds, setThemeIds] = useState<string[]>([]);
  const [actionIds, setActionIds] = useState<string[]>([]);
  const [members, setMembers] = useState<{ userId: string; role: GroupRole }[]>([]);
  const [candidate, setCandidate] = useState('');
  const [candidateRole, setCandidateRole] = useState<GroupRole>('member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);
  const activeUsers = (users.data?.items ?? []).filter((user) => !user.disabled);
  const nameOf = (userId: string) => activeUsers.find((user) => user.id === userId)?.name ?? userId;

  const addMember = () => {
    if (!candidate || members.some((m) => m.userId === candidate)) return;
    setMembers([...members, { userId: candidate, role: candidateRole }]);
    setCandidate('');
    setCandidateRole('member');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.write<WriteResult>('POST', '/api/working-groups', {
        planId: chosenPlan,
        name,
        description,
        themeIds,
        actionIds,
      });
      let position = created.position;
      for (const member of members) {
        position = (await api.write<WriteResult>('POST', `/api/working-groups/${created.id}/members`, member))
          .position;
      }
      // the group's page reads the read model: wait until it holds the last write
      await api.get(`/api/working-groups/${created.id}`, { minPosition: position });
      navigate(`/working-groups/${created.id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  /** a control the api named in its refusal: invalid, described by the error above the form */
  const named = invalidFields(error).map((item) => item.field);
  const aria = (field: string) =>
    ({
      'aria-invalid': named.some((path) => namesField(path, field)) || undefined,
      'aria-describedby': named.some((path) => namesField(path, field)) ? 'setup-group-error' : undefined,
    }) as const;

  return (
    <form
      aria-labelledby="setup-group-heading"
      onSubmit={(event) => void submit(event)}
      className="setup-form"
    >
      <h1 id="setup-group-heading">{t('setupGroup.title')}</h1>
      <div id="setup-group-error">
        <ErrorMessage error={error ?? plans.error ?? users.error} />
      </div>
      <label>
        {t('setupGroup.name')}
        <input required value={name} onChange={(event) => setName(event.target.value)} {...aria('name')} />
      </label>
      <label>
        {t('setupGroup.description')}
        <textarea
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          {...aria('description')}
        />
      </label>
      <label>
        {t('setupGroup.plan')}
        <select
          value={chosenPlan}
          onChange={(event) => {
            setPlanId(event.target.value);
            setThemeIds([]);
            setActionIds([]);
          }}
        >
          {plans.data?.items.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.title}
            </option>
          ))}
        </select>
      </label>

      <fieldset>
        <legend>{t('setupGroup.scope')}</legend>
        <p className="muted">{t('setupGroup.scopeHelp')}</p>
        {!tree.data ? (
          <Loading />
        ) : (
          <ul className="scope-tree">
            {tree.data.themes.map((theme) => {
              const wholeTheme = themeIds.includes(theme.id);
              const actions = actionsOf(theme.goals);
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
                    <details>
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
        )}
      </fieldset>

      <fieldset>
        <legend>{t('setupGroup.members')}</legend>
        {members.length === 0 ? (
          <p className="muted">{t('setupGroup.noMembers')}</p>
        ) : (
          <ul data-testid="setup-members">
            {members.map((member) => (
              <li key={member.userId}>
                {nameOf(member.userId)} ({t(`groupRole.${member.role}`)}){' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setMembers(members.filter((m) => m.userId !== member.userId))}
                >
                  {t('setupGroup.remove', { name: nameOf(member.userId) })}
                </button>
              </li>
            ))}
          </ul>
        )}
        <label>
          {t('setupGroup.person')}
          <select value={candidate} onChange={(event) => setCandidate(event.target.value)}>
            <option value="">{t('setupGroup.choosePerson')}</option>
            {activeUsers
              .filter((user) => !members.some((m) => m.userId === user.id))
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('setupGroup.groupRole')}
          <select
            value={candidateRole}
            onChange={(event) => setCandidateRole(event.target.value as GroupRole)}
          >
            {GROUP_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`groupRole.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={addMember} disabled={!candidate}>
          {t('setupGroup.addMember')}
        </button>
      </fieldset>

      <button
        type="submit"
        className="primary"
        disabled={
          busy || name.trim() === '' || !chosenPlan || (themeIds.length === 0 && actionIds.length === 0)
        }
      >
        {t('setupGroup.create')}
      </button>
    </form>
  );
}
