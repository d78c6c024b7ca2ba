import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isActionInScope } from '../../../../libs/domain/src/working-group/working-group.scope';
import { api } from '../api';
import { ErrorMessage, Loading, StatusBadge, useFormat } from '../components/common';
import { fieldAria, FormErrorRegion, useFormErrors } from '../forms/form-errors';
import { useWrite } from '../forms/write-form';
import { hasRole, useDebounced, useResource, useUser } from '../hooks';
import { useLiveRoom } from '../live';
import { Link, navigate } from '../router';
import type { Action, ActionList, MeetingSummary, WorkingGroup, WriteResult } from '../types';

export function WorkingGroupsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const path = hasRole(user, 'coordinator') ? '/api/working-groups' : '/api/me/working-groups';
  const groups = useResource<{ items: WorkingGroup[] }>(path);
  return (
    <div>
      <h1>{t('groups.title')}</h1>
      {hasRole(user, 'coordinator') && <Link href="/setup/working-group">{t('setupGroup.link')}</Link>}
      <ErrorMessage error={groups.error} />
      {!groups.data ? (
        <Loading />
      ) : groups.data.items.length === 0 ? (
        <p>{t('groups.none')}</p>
      ) : (
        <ul className="cards-list">
          {groups.data.items.map((group) => (
            <li key={group.id} className="card">
              <h2>
                <Link href={`/working-groups/${group.id}`}>{group.name}</Link>
              </h2>
              <p>{group.description}</p>
              <p className="muted">{t('groups.members', { count: group.memberCount })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The group's actions (its scope: themes and single actions), their signals, members and meetings. */
export function WorkingGroupPage({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const canEdit = hasRole(useUser(), 'coordinator');
  const format = useFormat();
  const user = useUser();
  const group = useResource<WorkingGroup>(`/api/working-groups/${groupId}`);
  const meetings = useResource<{ items: MeetingSummary[] }>(`/api/working-groups/${groupId}/meetings`);
  const planId = group.data?.planId ?? null;
  const actions = useResource<ActionList>(planId ? `/api/plans/${planId}/actions` : null, { limit: 500 });
  const refresh = useDebounced((position) => {
    group.reload(position);
    meetings.reload(position);
    actions.reload(position);
  });
  useLiveRoom(`working-group:${groupId}`, { onEvent: (event) => refresh(event.position) });

  if (group.error) return <ErrorMessage error={group.error} />;
  const data = group.data;
  if (!data) return <Loading />;
  const inScope = (action: Action) => isActionInScope(data.scope, action);
  const scoped = (actions.data?.items ?? []).filter(inScope);
  const withSignals = scoped.filter((action) => action.signalCount > 0);
  // who schedules its meetings (docs/access.md, "Meetings"): a coordinator, the group's chair or secretary,
  // or a member (tenant role) of the group; nobody else is offered the form the api would refuse
  const mine = data.members?.find((member) => member.userId === user?.id);
  const maySchedule =
    hasRole(user, 'coordinator') ||
    mine?.role === 'chair' ||
    mine?.role === 'secretary' ||
    (!!mine && hasRole(user, 'member'));

  return (
    <div>
      <h1>{data.name}</h1>
      <p>{data.description}</p>
      {canEdit && <Link href={`/working-groups/${groupId}/edit`}>{t('setup.group.link')}</Link>}
      <div className="columns">
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{t('groups.memberList')}</h2>
          <ul className="plain">
            {data.members?.map((member) => (
              <li key={member.userId}>
                {member.name}{' '}
                <span className="muted">
                  ({t(`groupRole.${member.role}`, { defaultValue: member.role })})
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="meetings-heading">
          <h2 id="meetings-heading">{t('groups.meetings')}</h2>
          <ErrorMessage error={meetings.error} />
          <ul className="plain">
            {meetings.data?.items.map((meeting) => (
              <li key={meeting.id}>
                <Link href={`/meetings/${meeting.id}`}>{meeting.title}</Link>{' '}
                <span className="muted">
                  {format.dateTime(meeting.startsAt)} · {t(`meetingStatus.${meeting.status}`)}
                </span>
              </li>
            ))}
          </ul>
          {meetings.data?.items.length === 0 && <p>{t('groups.noMeetings')}</p>}
          {maySchedule && <ScheduleMeetingForm groupId={groupId} />}
        </section>
      </div>
      <section aria-labelledby="signals-heading">
        <h2 id="signals-heading">{t('groups.signals')}</h2>
        {withSignals.length === 0 ? (
          <p>{t('groups.noSignals')}</p>
        ) : (
          <ul className="plain">
            {withSignals.map((action) => (
              <li key={action.id}>
                <Link href={`/actions/${action.id}`}>
                  {action.code} {action.title}
                </Link>{' '}
                <span className="muted">{t('signals.count', { count: action.signalCount })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="group-actions-heading">
        <h2 id="group-actions-heading">{t('groups.actions', { count: scoped.length })}</h2>
        {!actions.data ? (
          <Loading />
        ) : (
          <table className="data stack">
            <thead>
              <tr>
                <th scope="col">{t('actions.code')}</th>
                <th scope="col">{t('actions.name')}</th>
                <th scope="col">{t('actions.status')}</th>
                <th scope="col">{t('actions.progress')}</th>
                <th scope="col">{t('actions.due')}</th>
              </tr>
            </thead>
            <tbody>
              {scoped.map((action) => (
                <tr key={action.id}>
                  <td data-label={t('actions.code')}>{action.code}</td>
                  <td data-label={t('actions.name')}>
                    <Link href={`/actions/${action.id}`}>{action.title}</Link>
                  </td>
                  <td data-label={t('actions.status')}>
                    <StatusBadge status={action.status} />
                  </td>
                  <td data-label={t('actions.progress')}>
                    {action.progress === null ? '–' : `${action.progress} %`}
                  </td>
                  <td data-label={t('actions.due')} className={action.overdue ? 'overdue' : undefined}>
                    {format.date(action.dueDate) || '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function ScheduleMeetingForm({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [location, setLocation] = useState('');
  const errors = useFormErrors();
  const writing = useWrite(errors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    writing.run(
      () =>
        api.write<WriteResult>('POST', `/api/working-groups/${groupId}/meetings`, {
          title,
          startsAt: new Date(startsAt).toISOString(),
          ...(location ? { location } : {}),
        }),
      (result) => navigate(`/meetings/${result.id}`),
    );
  };
  return (
    <form className="mini-form" aria-labelledby="schedule-title" onSubmit={submit}>
      <h3 id="schedule-title">{t('groups.schedule')}</h3>
      <label htmlFor="meeting-title">{t('meeting.titleLabel')}</label>
      <input
        id="meeting-title"
        required
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        {...fieldAria(errors, 'schedule-error', 'title')}
      />
      <label htmlFor="meeting-start">{t('meeting.startsAt')}</label>
      <input
        id="meeting-start"
        type="datetime-local"
        required
        value={startsAt}
        onChange={(event) => setStartsAt(event.target.value)}
        {...fieldAria(errors, 'schedule-error', 'startsAt')}
      />
      <label htmlFor="meeting-location">{t('meeting.location')}</label>
      <input
        id="meeting-location"
        value={location}
        onChange={(event) => setLocation(event.target.value)}
        {...fieldAria(errors, 'schedule-error', 'location')}
      />
      <FormErrorRegion id="schedule-error" errors={errors} />
      <button type="submit" className="primary" disabled={writing.busy}>
        {t('groups.scheduleSubmit')}
      </button>
    </form>
  );
}
