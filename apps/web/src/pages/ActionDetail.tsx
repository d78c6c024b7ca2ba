import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { ErrorMessage, Loading, StatusBadge, useFormat } from '../components/common';
import { hasRole, useDebounced, useResource, useUser } from '../hooks';
import { liveClient, useErasures, useLiveRoom } from '../live';
import type {
  PlanTree,
  Action,
  ConflictDetails,
  History,
  HistoryEntry,
  Partner,
  WorkingGroup,
  WriteResult,
} from '../types';
import { AsOfBanner } from '../components/AsOf';
import { mayEdit, mayNote } from './action/action-access';
import { ActionSignals, type ActionSignal } from './action/ActionSignals';
import { Breadcrumb } from './action/Breadcrumb';
import { ConflictPanel } from './action/ConflictPanel';
import type { Change, FormContext, Outcome } from './action/form-kit';
import { DueDateForm } from './action/forms/DueDateForm';
import { EditForm } from './action/forms/EditForm';
import { LeadForm } from './action/forms/LeadForm';
import { NoteForm } from './action/forms/NoteForm';
import { PartnersForm } from './action/forms/PartnersForm';
import { ProgressForm } from './action/forms/ProgressForm';
import { SignalForm } from './action/forms/SignalForm';
import { StatusForm } from './action/forms/StatusForm';
import { Timeline } from './action/Timeline';
import { IndicatorsPanel, PriorityBadge, ReportingForm } from './reporting/Reporting';

export function ActionDetailPage({
  actionId,
  meetingId,
  compact,
  asOf = null,
}: {
  actionId: string;
  meetingId?: string;
  compact?: boolean;
  /** `?asOf=`: the action as it stood at the end of that day (read only), or null for today */
  asOf?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const canReadHistory = hasRole(user, 'coordinator', 'member', 'partner');
  // "Stand op" (issue 16): the action, its history, signals and indicators as they stood then
  const at = asOf ? { asOf } : {};
  const action = useResource<Action>(`/api/actions/${actionId}`, at);
  const history = useResource<History>(canReadHistory ? `/api/actions/${actionId}/history` : null, at);
  const groups = useResource<{ items: WorkingGroup[] }>(
    hasRole(user, 'member') ? '/api/me/working-groups' : null,
  );
  const partners = useResource<{ items: Partner[] }>('/api/partners');
  // the plan tree names the theme and goal (breadcrumb) and gives the plan period (due-date warning)
  const planId = action.data?.planId ?? null;
  const plan = useResource<PlanTree>(planId ? `/api/plans/${planId}` : null, at);
  const signals = useResource<{ items: ActionSignal[] }>(canReadHistory ? '/api/signals' : null, {
    actionId,
    limit: 50,
    ...at,
  });
  const [announcement, setAnnouncement] = useState('');
  const [changedWhileEditing, setChangedWhileEditing] = useState<HistoryEntry['summary'] | null>(null);
  /** edit forms open one at a time */
  const [openForm, setOpenForm] = useState<string | null>(null);
  /** the person is in one of the forms (focus): changes by others are announced as they arrive */
  const editing = useRef(false);

  const refresh = useDebounced((position) => {
    // the past does not change: only today's page follows the live events
    if (asOf) return;
    action.reload(position);
    signals.reload(position);
    history.reload(position);
  });
  useLiveRoom(`action:${actionId}`, {
    onEvent: (event) => {
      if (event.type !== 'snapshot') {
        const summary = i18n.language === 'en' ? event.summary.en : event.summary.nl;
        setAnnouncement(t('action.liveChange', { summary }));
        if (editing.current && event.metadata.actorId !== user?.id) setChangedWhileEditing(event.summary);
      }
      refresh(event.position);
    },
  });
  // an erasure: a change announced from a push may hold what was erased (the resources are read again)
  useErasures(() => {
    setAnnouncement('');
    setChangedWhileEditing(null);
  });

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const partner of partners.data?.items ?? []) map.set(partner.id, partner.name);
    return map;
  }, [partners.data]);
  const actors = useMemo(() => {
    const map = new Map<string, string>();
    for (const entry of history.data?.items ?? [])
      if (entry.actor?.name) map.set(entry.actor.id, entry.actor.name);
    return map;
  }, [history.data]);

  const data = action.data;
  if (action.error) return <ErrorMessage error={action.error} />;
  if (!data) return <Loading />;
  const myGroups = groups.data?.items ?? [];
  // changes are made in today's action only
  const canEdit = !asOf && mayEdit(user, data, myGroups) && !data.archived;
  const canNote = !asOf && mayNote(user, data, myGroups) && !data.archived;
  const room = meetingId ? `meeting:${meetingId}` : null;

  const startEditing = (field: string) => {
    editing.current = true;
    if (room) liveClient().setEditing(room, { actionId, field });
  };
  const stopEditing = () => {
    editing.current = false;
    setChangedWhileEditing(null);
    if (room) liveClient().setEditing(room, null);
  };

  const send = async (change: Change, version: number): Promise<Outcome> => {
    try {
      const result = await api.write<WriteResult>(change.method, change.path, change.body, {
        version,
        meetingId,
      });
      setAnnouncement(t('action.saved'));
      // at once, not debounced: the forms show the saved values as soon as the read model has them
      action.reload(result.position);
      history.reload(result.position);
      return { ok: true, version: result.version };
    } catch (failure) {
      if (
        failure instanceof ApiError &&
        failure.status === 409 &&
        failure.code.endsWith('VERSION_CONFLICT')
      ) {
        const details = failure.details as ConflictDetails;
        // the history names the people behind the missed events
        refresh(details.missedEvents?.at(-1)?.position ?? data.position ?? '');
        return { ok: false, conflict: details };
      }
      return { ok: false, error: failure };
    }
  };
  const partnerOptions = (partners.data?.items ?? []).filter((partner) => !partner.mergedInto);
  const context: FormContext = {
    action: data,
    send,
    onStart: startEditing,
    onStop: stopEditing,
    openForm,
    setOpenForm,
    changedBy: (fields, sinceVersion) => {
      const entry = [...(history.data?.items ?? [])]
        .reverse()
        .find(
          (item) =>
            item.version > sinceVersion && item.changes.some((change) => fields.includes(change.field)),
        );
      if (!entry) return null;
      return {
        who: entry.actor?.name ?? (entry.actor ? t('history.someone') : t('history.system')),
        summary: i18n.language === 'en' ? entry.summary.en : entry.summary.nl,
      };
    },
    renderConflict: (details, { reapply, discard }) => (
      <ConflictPanel
        details={details}
        names={names}
        actors={actors}
        onReapply={reapply}
        onDiscard={() => {
          discard();
          refresh(data.position ?? '');
        }}
      />
    ),
  };

  return (
    <article className={compact ? 'action compact' : 'action'} aria-labelledby="action-title">
      {!compact && <Breadcrumb action={data} plan={plan.data} />}
      {asOf && <AsOfBanner asOf={asOf} todayHref={`/actions/${actionId}`} />}
      <h1 id="action-title">
        <span className="code">{data.code}</span> {data.title} <PriorityBadge node={data} />
      </h1>
      <div className="sr-only" aria-live="polite" data-testid="action-announcer">
        {announcement}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('actions.status')}</dt>
          <dd data-testid="action-status">
            <StatusBadge status={data.status} />
          </dd>
        </div>
        <div>
          <dt>{t('actions.lead')}</dt>
          <dd>{data.owner?.name ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('action.partners')}</dt>
          <dd>{data.partners.map((partner) => partner.name).join(', ') || '–'}</dd>
        </div>
        <div>
          <dt>{t('actions.progress')}</dt>
          <dd data-testid="action-progress">{data.progress === null ? '–' : `${data.progress} %`}</dd>
        </div>
        <div>
          <dt>{t('actions.due')}</dt>
          <dd className={data.overdue ? 'overdue' : undefined}>
            {format.date(data.dueDate) || '–'} {data.overdue && `(${t('actions.overdue')})`}
          </dd>
        </div>
        <div>
          <dt>{t('reporting.bbcCode')}</dt>
          <dd data-testid="action-bbc-code">{data.bbcCode ?? '–'}</dd>
        </div>
        {data.subReportingCode && (
          <div>
            <dt>{t('reporting.subReportingCode')}</dt>
            <dd>{data.subReportingCode}</dd>
          </div>
        )}
        <div>
          <dt>{t('action.version')}</dt>
          <dd data-testid="action-version">{data.version}</dd>
        </div>
      </dl>
      {data.description && <p className="description">{data.description}</p>}
      {data.archived && <p className="notice">{t('action.archived')}</p>}

      {changedWhileEditing && (
        <p className="notice" role="status">
          {t('action.changedWhileEditing', {
            summary: i18n.language === 'en' ? changedWhileEditing.en : changedWhileEditing.nl,
          })}
        </p>
      )}

      {(canEdit || canNote) && (
        <section aria-labelledby="edit-heading" className="edit">
          <h2 id="edit-heading">{t('action.change')}</h2>
          <div className="forms">
            {canEdit && (
              <>
                <StatusForm context={context} />
                <ProgressForm context={context} />
                <DueDateForm
                  context={context}
                  period={plan.data ? { start: plan.data.periodStart, end: plan.data.periodEnd } : null}
                />
                <LeadForm context={context} partners={partnerOptions} />
                <PartnersForm context={context} partners={partnerOptions} />
                <EditForm context={context} />
              </>
            )}
            {canNote && (
              <>
                <NoteForm context={context} />
                <SignalForm
                  context={context}
                  partnerId={hasRole(user, 'partner') ? (user?.partnerId ?? null) : null}
                />
              </>
            )}
          </div>
        </section>
      )}

      {!compact && (
        <section aria-labelledby="action-reporting" className="edit">
          <h2 id="action-reporting">{t('reporting.title')}</h2>
          {hasRole(user, 'coordinator') && !data.archived && !asOf && (
            // opened on demand, as the page's other edit forms: one form at a time in view
            <details className="disclosure">
              <summary>{t('reporting.editFields')}</summary>
              <ReportingForm
                key={`${data.bbcCode}|${data.priority}|${data.subReportingCode}|${data.weight}`}
                planId={data.planId}
                node={data}
                onDone={(result, text) => {
                  setAnnouncement(text);
                  action.reload(result.position);
                }}
              />
            </details>
          )}
          <IndicatorsPanel
            planId={data.planId}
            nodeId={data.id}
            canEdit={hasRole(user, 'coordinator') && !data.archived && !asOf}
            asOf={asOf}
          />
        </section>
      )}

      {canReadHistory && signals.data && <ActionSignals items={signals.data.items} />}

      {canReadHistory && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t('history.title')}</h2>
          <ErrorMessage error={history.error} />
          {history.data ? (
            <Timeline
              items={[...history.data.items].reverse()}
              names={names}
              eraseText={
                hasRole(user, 'coordinator')
                  ? {
                      aggregate: 'action',
                      aggregateId: actionId,
                      onErased: (position) => {
                        action.reload(position);
                        history.reload(position);
                      },
                    }
                  : undefined
              }
            />
          ) : (
            <Loading />
          )}
        </section>
      )}
    </article>
  );
}
