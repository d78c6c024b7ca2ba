import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { ChangeValue, ErrorMessage, Loading, StatusBadge, useFormat } from '../components/common';
import { hasRole, useDebounced, useResource, useUser } from '../hooks';
import { liveClient, useLiveRoom } from '../live';
import { Link } from '../router';
import {
  ACTION_STATUSES,
  URGENCIES,
  type Action,
  type ConflictDetails,
  type History,
  type HistoryEntry,
  type Partner,
  type User,
  type WorkingGroup,
  type WriteResult,
} from '../types';

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Change {
  method: Method;
  path: string;
  body: unknown;
}
interface Conflict {
  details: ConflictDetails;
  change: Change;
}

/** The user may change the action (coordinator; member when a group of hers has it in scope). */
export function mayEdit(user: User | null, action: Action, groups: WorkingGroup[]): boolean {
  if (hasRole(user, 'coordinator')) return true;
  if (!hasRole(user, 'member')) return false;
  return groups.some(
    (group) =>
      !group.archived &&
      (group.scope.actionIds.includes(action.id) || group.scope.themeIds.includes(action.themeId)),
  );
}

/** Notes and signals: editors, and a partner on the actions its organisation leads or partners on. */
export function mayNote(user: User | null, action: Action, groups: WorkingGroup[]): boolean {
  if (mayEdit(user, action, groups)) return true;
  if (!hasRole(user, 'partner') || !user?.partnerId) return false;
  return action.ownerId === user.partnerId || action.partnerIds.includes(user.partnerId);
}

export function ActionDetailPage({
  actionId,
  meetingId,
  compact,
}: {
  actionId: string;
  meetingId?: string;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const canReadHistory = hasRole(user, 'coordinator', 'member', 'partner');
  const action = useResource<Action>(`/api/actions/${actionId}`);
  const history = useResource<History>(canReadHistory ? `/api/actions/${actionId}/history` : null);
  const groups = useResource<{ items: WorkingGroup[] }>(
    hasRole(user, 'member') ? '/api/me/working-groups' : null,
  );
  const partners = useResource<{ items: Partner[] }>('/api/partners');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const [changedWhileEditing, setChangedWhileEditing] = useState<HistoryEntry['summary'] | null>(null);
  /** the version the user saw when she started editing: sent with the change */
  const baseVersion = useRef<number | null>(null);
  const [formKey, setFormKey] = useState(0);

  const refresh = useDebounced((position) => {
    action.reload(position);
    history.reload(position);
  });
  useLiveRoom(`action:${actionId}`, {
    onEvent: (event) => {
      if (event.type !== 'snapshot') {
        const summary = i18n.language === 'en' ? event.summary.en : event.summary.nl;
        setAnnouncement(t('action.liveChange', { summary }));
        if (baseVersion.current !== null && event.metadata.actorId !== user?.id)
          setChangedWhileEditing(event.summary);
      }
      refresh(event.position);
    },
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
  const canEdit = mayEdit(user, data, myGroups) && !data.archived;
  const canNote = mayNote(user, data, myGroups) && !data.archived;
  const room = meetingId ? `meeting:${meetingId}` : null;

  const startEditing = (field: string) => {
    if (baseVersion.current === null) baseVersion.current = data.version;
    if (room) liveClient().setEditing(room, { actionId, field });
  };
  const stopEditing = () => {
    baseVersion.current = null;
    setChangedWhileEditing(null);
    if (room) liveClient().setEditing(room, null);
  };

  const send = async (change: Change, version: number): Promise<boolean> => {
    setError(null);
    try {
      const result = await api.write<WriteResult>(change.method, change.path, change.body, {
        version,
        meetingId,
      });
      setConflict(null);
      stopEditing();
      setFormKey((key) => key + 1);
      setAnnouncement(t('action.saved'));
      refresh(result.position);
      return true;
    } catch (failure) {
      if (
        failure instanceof ApiError &&
        failure.status === 409 &&
        failure.code.endsWith('VERSION_CONFLICT')
      ) {
        const details = failure.details as ConflictDetails;
        setConflict({ details, change });
        // the history names the people behind the missed events
        refresh(details.missedEvents?.at(-1)?.position ?? data.position ?? '');
      } else setError(failure);
      return false;
    }
  };
  const submit = (change: Change) => send(change, baseVersion.current ?? data.version);
  const base = `/api/actions/${actionId}`;
  const partnerOptions = (partners.data?.items ?? []).filter((partner) => !partner.mergedInto);

  return (
    <article className={compact ? 'action compact' : 'action'} aria-labelledby="action-title">
      {!compact && (
        <p>
          <Link href={`/plans/${data.planId}/actions`}>← {t('action.back')}</Link>
        </p>
      )}
      <h1 id="action-title">
        <span className="code">{data.code}</span> {data.title}
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
          <dt>{t('action.version')}</dt>
          <dd data-testid="action-version">{data.version}</dd>
        </div>
      </dl>
      {data.description && <p className="description">{data.description}</p>}
      {data.archived && <p className="notice">{t('action.archived')}</p>}

      {conflict && (
        <ConflictPanel
          conflict={conflict}
          names={names}
          actors={actors}
          onReapply={() => void send(conflict.change, conflict.details.currentVersion)}
          onDiscard={() => {
            setConflict(null);
            stopEditing();
            setFormKey((key) => key + 1);
            refresh(data.position ?? '');
          }}
        />
      )}
      {changedWhileEditing && !conflict && (
        <p className="notice" role="status">
          {t('action.changedWhileEditing', {
            summary: i18n.language === 'en' ? changedWhileEditing.en : changedWhileEditing.nl,
          })}
        </p>
      )}
      <ErrorMessage error={error} />

      {(canEdit || canNote) && (
        <section aria-labelledby="edit-heading" className="edit" key={formKey}>
          <h2 id="edit-heading">{t('action.change')}</h2>
          <div className="forms">
            {canEdit && (
              <>
                <StatusForm
                  current={data.status}
                  onStart={startEditing}
                  onSubmit={(body) => submit({ method: 'POST', path: `${base}/status`, body })}
                />
                <ProgressForm
                  current={data.progress}
                  onStart={startEditing}
                  onSubmit={(body) => submit({ method: 'POST', path: `${base}/progress`, body })}
                />
                <DueDateForm
                  current={data.dueDate}
                  onStart={startEditing}
                  onSubmit={(body) => submit({ method: 'PUT', path: `${base}/due-date`, body })}
                />
                <LeadForm
                  current={data.ownerId}
                  partners={partnerOptions}
                  onStart={startEditing}
                  onSubmit={(body) => submit({ method: 'PUT', path: `${base}/owner`, body })}
                />
                <PartnersForm
                  action={data}
                  partners={partnerOptions}
                  onStart={startEditing}
                  onAdd={(partnerId) =>
                    submit({ method: 'POST', path: `${base}/partners`, body: { partnerId } })
                  }
                  onRemove={(partnerId) =>
                    submit({ method: 'DELETE', path: `${base}/partners/${partnerId}`, body: {} })
                  }
                />
                <EditForm
                  action={data}
                  onStart={startEditing}
                  onSubmit={(body) => submit({ method: 'PATCH', path: base, body })}
                />
              </>
            )}
            {canNote && (
              <>
                <NoteForm
                  onStart={startEditing}
                  onSubmit={(body) => submit({ method: 'POST', path: `${base}/notes`, body })}
                />
                <SignalForm
                  partnerId={hasRole(user, 'partner') ? (user?.partnerId ?? null) : null}
                  onStart={startEditing}
                  onSubmit={(body) => submit({ method: 'POST', path: `${base}/signals`, body })}
                />
              </>
            )}
          </div>
        </section>
      )}

      {canReadHistory && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t('history.title')}</h2>
          <ErrorMessage error={history.error} />
          {history.data ? <Timeline items={[...history.data.items].reverse()} names={names} /> : <Loading />}
        </section>
      )}
    </article>
  );
}

export function Timeline({ items, names }: { items: HistoryEntry[]; names: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <ol className="timeline" data-testid="history">
      {items.map((entry) => (
        <li key={entry.position}>
          <div className="when">
            <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time> ·{' '}
            <span className="who">
              {entry.actor?.name ?? (entry.actor ? t('history.someone') : t('history.system'))}
            </span>
            {entry.meetingId && <span className="badge meeting">{t('history.inMeeting')}</span>}
          </div>
          <div className="what">{i18n.language === 'en' ? entry.summary.en : entry.summary.nl}</div>
          {entry.changes.length > 0 && entry.type !== 'ActionAdded' && (
            <ul className="changes">
              {entry.changes.map((change, index) => (
                <li key={`${change.field}-${index}`}>
                  <span className="field">{t(`field.${change.field}`, { defaultValue: change.field })}</span>:{' '}
                  <ChangeValue field={change.field} value={change.from} names={names} /> →{' '}
                  <ChangeValue field={change.field} value={change.to} names={names} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

function ConflictPanel({
  conflict,
  names,
  actors,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict;
  names: ReadonlyMap<string, string>;
  actors: ReadonlyMap<string, string>;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const missed = (conflict.details?.missedEvents ?? []).map((entry) => ({
    ...entry,
    actor: entry.actor
      ? { id: entry.actor.id, name: entry.actor.name ?? actors.get(entry.actor.id) ?? null }
      : null,
  }));
  const who = [...new Set(missed.map((entry) => entry.actor?.name ?? t('history.someone')))].join(', ');
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-heading" data-testid="conflict">
      <h2 id="conflict-heading">{t('conflict.title', { who: who || t('history.someone') })}</h2>
      <p>{t('conflict.explain')}</p>
      <Timeline items={missed} names={names} />
      <div className="buttons">
        <button type="button" className="primary" onClick={onReapply}>
          {t('conflict.reapply')}
        </button>
        <button type="button" onClick={onDiscard}>
          {t('conflict.discard')}
        </button>
      </div>
    </section>
  );
}

interface FormProps<T> {
  onStart: (field: string) => void;
  onSubmit: (body: T) => Promise<boolean>;
}

function MiniForm({
  id,
  title,
  children,
  onSubmit,
  onStart,
}: {
  id: string;
  title: string;
  children: ReactNode;
  onSubmit: () => void;
  onStart: () => void;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="mini-form"
      aria-labelledby={`${id}-form-heading`}
      onFocusCapture={onStart}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={`${id}-form-heading`}>{title}</h3>
      {children}
      <button type="submit" className="primary">
        {t('common.save')}
      </button>
    </form>
  );
}

function StatusForm({
  current,
  onStart,
  onSubmit,
}: FormProps<{ status: string; reason?: string }> & { current: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(current);
  const [reason, setReason] = useState('');
  return (
    <MiniForm
      id="status"
      title={t('form.status')}
      onStart={() => onStart('status')}
      onSubmit={() => void onSubmit({ status, ...(reason ? { reason } : {}) })}
    >
      <label htmlFor="status-select">{t('form.newStatus')}</label>
      <select id="status-select" value={status} onChange={(event) => setStatus(event.target.value)}>
        {ACTION_STATUSES.map((value) => (
          <option key={value} value={value}>
            {t(`status.${value}`)}
          </option>
        ))}
      </select>
      <label htmlFor="status-reason">{t('form.reason')}</label>
      <input id="status-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
    </MiniForm>
  );
}

function ProgressForm({
  current,
  onStart,
  onSubmit,
}: FormProps<{ percent: number; comment?: string }> & { current: number | null }) {
  const { t } = useTranslation();
  const [percent, setPercent] = useState(String(current ?? 0));
  const [comment, setComment] = useState('');
  return (
    <MiniForm
      id="progress"
      title={t('form.progress')}
      onStart={() => onStart('progress')}
      onSubmit={() => void onSubmit({ percent: Number(percent), ...(comment ? { comment } : {}) })}
    >
      <label htmlFor="progress-percent">{t('form.percent')}</label>
      <input
        id="progress-percent"
        type="number"
        min={0}
        max={100}
        step={1}
        required
        value={percent}
        onChange={(event) => setPercent(event.target.value)}
      />
      <label htmlFor="progress-comment">{t('form.comment')}</label>
      <input id="progress-comment" value={comment} onChange={(event) => setComment(event.target.value)} />
    </MiniForm>
  );
}

function DueDateForm({
  current,
  onStart,
  onSubmit,
}: FormProps<{ dueDate: string | null }> & { current: string | null }) {
  const { t } = useTranslation();
  const [dueDate, setDueDate] = useState(current ?? '');
  return (
    <MiniForm
      id="due"
      title={t('form.dueDate')}
      onStart={() => onStart('dueDate')}
      onSubmit={() => void onSubmit({ dueDate: dueDate || null })}
    >
      <label htmlFor="due-date">{t('form.dueDateLabel')}</label>
      <input id="due-date" type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
      <p className="hint">{t('form.dueDateHint')}</p>
    </MiniForm>
  );
}

function LeadForm({
  current,
  partners,
  onStart,
  onSubmit,
}: FormProps<{ ownerId: string | null }> & { current: string | null; partners: Partner[] }) {
  const { t } = useTranslation();
  const [ownerId, setOwnerId] = useState(current ?? '');
  return (
    <MiniForm
      id="lead"
      title={t('form.lead')}
      onStart={() => onStart('owner')}
      onSubmit={() => void onSubmit({ ownerId: ownerId || null })}
    >
      <label htmlFor="lead-select">{t('form.leadLabel')}</label>
      <select id="lead-select" value={ownerId} onChange={(event) => setOwnerId(event.target.value)}>
        <option value="">{t('form.noLead')}</option>
        {partners.map((partner) => (
          <option key={partner.id} value={partner.id}>
            {partner.name}
          </option>
        ))}
      </select>
    </MiniForm>
  );
}

function PartnersForm({
  action,
  partners,
  onStart,
  onAdd,
  onRemove,
}: {
  action: Action;
  partners: Partner[];
  onStart: (field: string) => void;
  onAdd: (partnerId: string) => Promise<boolean>;
  onRemove: (partnerId: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [partnerId, setPartnerId] = useState('');
  const available = partners.filter((partner) => !action.partnerIds.includes(partner.id));
  return (
    <MiniForm
      id="partners"
      title={t('form.partners')}
      onStart={() => onStart('partners')}
      onSubmit={() => partnerId && void onAdd(partnerId)}
    >
      <ul className="plain">
        {action.partners.map((partner) => (
          <li key={partner.id}>
            {partner.name}{' '}
            <button type="button" className="link-button" onClick={() => void onRemove(partner.id)}>
              {t('form.removePartner', { name: partner.name })}
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor="partner-add">{t('form.addPartner')}</label>
      <select id="partner-add" value={partnerId} onChange={(event) => setPartnerId(event.target.value)}>
        <option value="">{t('form.choose')}</option>
        {available.map((partner) => (
          <option key={partner.id} value={partner.id}>
            {partner.name}
          </option>
        ))}
      </select>
    </MiniForm>
  );
}

function EditForm({
  action,
  onStart,
  onSubmit,
}: FormProps<{ title?: string; description?: string; tags?: string[] }> & { action: Action }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(action.title);
  const [description, setDescription] = useState(action.description);
  const [tags, setTags] = useState(action.tags.join(', '));
  const submit = () => {
    const nextTags = tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    void onSubmit({
      ...(title !== action.title ? { title } : {}),
      ...(description !== action.description ? { description } : {}),
      ...(nextTags.join(',') !== action.tags.join(',') ? { tags: nextTags } : {}),
    });
  };
  return (
    <MiniForm id="edit" title={t('form.edit')} onStart={() => onStart('title')} onSubmit={submit}>
      <label htmlFor="edit-title">{t('form.title')}</label>
      <input id="edit-title" value={title} onChange={(event) => setTitle(event.target.value)} />
      <label htmlFor="edit-description">{t('form.description')}</label>
      <textarea
        id="edit-description"
        rows={3}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <label htmlFor="edit-tags">{t('form.tags')}</label>
      <input id="edit-tags" value={tags} onChange={(event) => setTags(event.target.value)} />
    </MiniForm>
  );
}

function NoteForm({ onStart, onSubmit }: FormProps<{ text: string }>) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <MiniForm
      id="note"
      title={t('form.note')}
      onStart={() => onStart('notes')}
      onSubmit={() => text.trim() && void onSubmit({ text })}
    >
      <label htmlFor="note-text">{t('form.noteText')}</label>
      <textarea
        id="note-text"
        rows={3}
        required
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </MiniForm>
  );
}

function SignalForm({
  partnerId,
  onStart,
  onSubmit,
}: FormProps<{ text: string; urgency: string; source?: string; partnerId?: string }> & {
  partnerId: string | null;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [urgency, setUrgency] = useState('normal');
  const [source, setSource] = useState('');
  return (
    <MiniForm
      id="signal"
      title={t('form.signal')}
      onStart={() => onStart('signals')}
      onSubmit={() =>
        text.trim() &&
        void onSubmit({ text, urgency, ...(source ? { source } : {}), ...(partnerId ? { partnerId } : {}) })
      }
    >
      <label htmlFor="signal-text">{t('form.signalText')}</label>
      <textarea
        id="signal-text"
        rows={3}
        required
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <label htmlFor="signal-urgency">{t('form.urgency')}</label>
      <select id="signal-urgency" value={urgency} onChange={(event) => setUrgency(event.target.value)}>
        {URGENCIES.map((value) => (
          <option key={value} value={value}>
            {t(`urgency.${value}`)}
          </option>
        ))}
      </select>
      {!partnerId && (
        <>
          <label htmlFor="signal-source">{t('form.source')}</label>
          <input id="signal-source" value={source} onChange={(event) => setSource(event.target.value)} />
        </>
      )}
    </MiniForm>
  );
}
