// Setting up a working group from scratch (coordinator): name and plan, the scope chosen on the plan tree
// (whole themes, or single actions), and the members with their role in the group. One save creates the
// group with its scope, then adds the members; the group's own page follows.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorMessage, Loading } from '../components/common';
import { fieldAria, FormErrorRegion, useFormErrors } from '../forms/form-errors';
import { useWrite } from '../forms/write-form';
import { useResource } from '../hooks';
import { navigate } from '../router';
import type { PlanSummary, PlanTree, WriteResult } from '../types';
import { ScopeChoice } from './setup/ScopeChoice';

type UserItem = { id: string; name: string; email: string; role: string; disabled: boolean };
type GroupRole = 'chair' | 'secretary' | 'member';
const GROUP_ROLES: GroupRole[] = ['chair', 'secretary', 'member'];

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
  const errors = useFormErrors();
  const writing = useWrite(errors);

  const activeUsers = (users.data?.items ?? []).filter((user) => !user.disabled);
  const nameOf = (userId: string) => activeUsers.find((user) => user.id === userId)?.name ?? userId;

  const addMember = () => {
    if (!candidate || members.some((m) => m.userId === candidate)) return;
    setMembers([...members, { userId: candidate, role: candidateRole }]);
    setCandidate('');
    setCandidateRole('member');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    writing.run(
      async () => {
        const created = await api.write<WriteResult>('POST', '/api/working-groups', {
          planId: chosenPlan,
          name,
          description,
          themeIds,
          actionIds,
        });
        let position = created.position;
        for (const member of members) {
          position = (
            await api.write<WriteResult>('POST', `/api/working-groups/${created.id}/members`, member)
          ).position;
        }
        // the group's page reads the read model: wait until it holds the last write
        await api.get(`/api/working-groups/${created.id}`, { minPosition: position });
        return created;
      },
      (created) => navigate(`/working-groups/${created.id}`),
    );
  };

  /** a control the api named in its refusal: invalid, described by the form's error region */
  const aria = (field: string) => fieldAria(errors, 'setup-group-error', field);

  return (
    <form aria-labelledby="setup-group-heading" onSubmit={submit} className="setup-form">
      <h1 id="setup-group-heading">{t('setupGroup.title')}</h1>
      <ErrorMessage error={plans.error ?? users.error} />
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
          <ScopeChoice
            tree={tree.data}
            themeIds={themeIds}
            actionIds={actionIds}
            onThemes={setThemeIds}
            onActions={setActionIds}
          />
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

      <FormErrorRegion id="setup-group-error" errors={errors} />
      <button
        type="submit"
        className="primary"
        disabled={
          writing.busy ||
          name.trim() === '' ||
          !chosenPlan ||
          (themeIds.length === 0 && actionIds.length === 0)
        }
      >
        {t('setupGroup.create')}
      </button>
    </form>
  );
}
