import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceMember } from '#realtime-client';
import { isActionInScope } from '../../../../libs/domain/src/working-group/working-group.scope';
import { api } from '../api';
import { ErrorMessage, Loading, useFormat } from '../components/common';
import { InlineError, invalidFields, namesField } from '../forms/form-errors';
import { saveFile } from '../download';
import { belgianDate as formatIsoDate } from '../components/common';
import { hasRole, useDebounced, useResource, useUser } from '../hooks';
import { liveClient, useErasures, useLiveRoom } from '../live';
import { Link } from '../router';
import type { ActionList, AttendanceStatus, Meeting, Partner, WorkingGroup, WriteResult } from '../types';
import { ActionDetailPage } from './ActionDetail';
import { EraseShownText, type TextTarget } from './EraseText';
import { summaryOf } from './Dashboard';

const ATTENDANCE: AttendanceStatus[] = ['present', 'excused', 'absent'];

/** aria attributes of a control whose api field may carry the panel's error (see `ariaAt`) */
type FieldAria = (...fields: string[]) => {
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};
/** action fields whose values are organisations' ids: shown by name */
const ORGANISATION_FIELDS = new Set(['owner', 'partners', 'ownerId', 'partnerId', 'partnerIds']);
const NO_ARIA: FieldAria = () => ({ 'aria-invalid': undefined, 'aria-describedby': undefined });

/** GET /api/meetings/:id/feed: the meeting's own events, newest first, summaries naming people */
interface MeetingFeed {
  items: { position: string; occurredAt: string; summary: { nl: string; en: string } }[];
}

interface MeetingChange {
  position: string;
  at: string;
  actorId: string;
  actionId: string;
  field: string;
  from: unknown;
  to: unknown;
}

export function MeetingPage({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const meeting = useResource<Meeting>(`/api/meetings/${meetingId}`);
  const groupId = meeting.data?.workingGroupId ?? null;
  const group = useResource<WorkingGroup>(groupId ? `/api/working-groups/${groupId}` : null);
  const planId = group.data?.planId ?? null;
  const actions = useResource<ActionList>(planId ? `/api/plans/${planId}/actions` : null, { limit: 500 });
  const [presence, setPresence] = useState<PresenceMember[]>([]);
  /** the meeting's history (attendance, agenda, notes, proposals, rounds, decisions), rebuilt on every load */
  const history = useResource<MeetingFeed>(`/api/meetings/${meetingId}/feed`, { limit: 50 });
  /** the meeting's events pushed live since the feed was read (shown at once, before its reload answers) */
  const [feed, setFeed] = useState<{ position: string; text: string; at: string }[]>([]);
  const partners = useResource<{ items: Partner[] }>('/api/partners');
  const [announcement, setAnnouncement] = useState('');
  /** the last failed write, and where it came from: shown next to that control */
  const [failed, setFailed] = useState<{ at: string; error: unknown } | null>(null);
  const errorAt = (at: string) => (failed?.at === at ? failed.error : null);
  /** per control: invalid while the last failed write of its panel names one of its fields */
  const ariaAt =
    (at: string): FieldAria =>
    (...fields) => {
      const has =
        failed?.at === at &&
        invalidFields(failed.error).some((item) => fields.some((field) => namesField(item.field, field)));
      return { 'aria-invalid': has || undefined, 'aria-describedby': has ? `${at}-error` : undefined };
    };
  const [openAction, setOpenAction] = useState<string | null>(null);
  const [minutesLang, setMinutesLang] = useState<'nl' | 'en'>(i18n.language === 'en' ? 'en' : 'nl');
  const [minutesText, setMinutesText] = useState<string | null>(null);

  const refresh = useDebounced((position) => {
    meeting.reload(position);
    history.reload(position);
    if (minutesText !== null) void loadMinutes(minutesLang, position);
  });
  useLiveRoom(`meeting:${meetingId}`, {
    onEvent: (event) => {
      if (event.type !== 'snapshot') {
        const text = summaryOf(event, i18n.language);
        if (event.streamId.startsWith('meeting-'))
          setFeed((previous) =>
            [{ position: event.position, text, at: event.metadata.occurredAt }, ...previous].slice(0, 15),
          );
        setAnnouncement(text);
      }
      refresh(event.position);
    },
    onPresence: (update) => setPresence(update.members),
  });
  // an erasure: the pushed summaries and the minutes preview may hold what was erased; read them again
  useErasures((position) => {
    setFeed([]);
    setAnnouncement('');
    if (minutesText !== null) void loadMinutes(minutesLang, position);
  });

  const loadMinutes = async (lang: 'nl' | 'en', minPosition?: string) => {
    try {
      // the api renders the minutes (every text escaped): the preview shows them as a document, not Markdown;
      // after a push, at least at its position (pushes do not wait for the projections)
      const at = minPosition ? `&minPosition=${encodeURIComponent(minPosition)}` : '';
      const html = await api.text(`/api/meetings/${meetingId}/minutes?format=html&lang=${lang}${at}`);
      const body = new DOMParser().parseFromString(html, 'text/html').body;
      for (const unsafe of body.querySelectorAll('script, style, link, iframe, object, embed'))
        unsafe.remove();
      setMinutesText(body.innerHTML);
    } catch (failure) {
      setFailed({ at: 'minutes', error: failure });
    }
  };
  const downloadPdf = async () => {
    try {
      const blob = await api.blob(`/api/meetings/${meetingId}/minutes?format=pdf&lang=${minutesLang}`);
      saveFile(blob, `${t('meeting.minutesFile')}-${meetingId.slice(0, 8)}.pdf`);
    } catch (failure) {
      setFailed({ at: 'minutes', error: failure });
    }
  };
  const download = async (formatName: 'md' | 'html') => {
    try {
      const text = await api.text(
        `/api/meetings/${meetingId}/minutes?format=${formatName}&lang=${minutesLang}`,
      );
      const blob = new Blob([text], { type: formatName === 'md' ? 'text/markdown' : 'text/html' });
      saveFile(blob, `${t('meeting.minutesFile')}-${meetingId.slice(0, 8)}.${formatName}`);
    } catch (failure) {
      setFailed({ at: 'minutes', error: failure });
    }
  };

  if (meeting.error) return <ErrorMessage error={meeting.error} />;
  const data = meeting.data;
  if (!data) return <Loading />;
  const members = group.data?.members ?? [];
  const mine = members.find((member) => member.userId === user?.id);
  // the group's chair and secretary run its meetings whatever their role; partner staff in the group vote
  const runsMeeting = hasRole(user, 'coordinator') || mine?.role === 'chair' || mine?.role === 'secretary';
  const canChange = runsMeeting || (!!mine && hasRole(user, 'member'));
  const isOpen = data.status === 'open';
  // a coordinator erases one text of the meeting where it is shown (docs/privacy.md); nobody else is offered it
  const eraseText: TextTarget | undefined = hasRole(user, 'coordinator')
    ? { aggregate: 'meeting', aggregateId: meetingId, onErased: (position) => refresh(position) }
    : undefined;
  const editable = canChange && (data.status === 'open' || data.status === 'scheduled');
  const write = async (
    at: string,
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    version?: number,
  ): Promise<boolean> => {
    setFailed(null);
    try {
      const result = await api.write<WriteResult>(method, `/api/meetings/${meetingId}${path}`, body, {
        version,
      });
      refresh(result.position);
      return true;
    } catch (failure) {
      setFailed({ at, error: failure });
      return false;
    }
  };
  const attendanceOf = (userId: string) =>
    data.attendees.find((attendee) => attendee.user?.id === userId)?.status ?? '';
  const openRound = data.rounds.find((round) => round.open);
  // a ballot is a present member's own (docs/meetings.md): nobody else is shown one the api would refuse
  const mayVote =
    !!user &&
    isOpen &&
    members.some((member) => member.userId === user.id) &&
    attendanceOf(user.id) === 'present';
  // the chair, the secretary or a coordinator records a ballot for any present attendee, present or not
  // herself (docs/meetings.md, "Ballots on behalf"); her own ballot only when she is a present member
  const behalfVoters: OnBehalf[] =
    runsMeeting && isOpen
      ? data.attendees
          .filter((attendee) => attendee.status === 'present' && attendee.user?.id !== user?.id)
          .map((attendee) => ({
            key: attendee.attendeeId,
            label: attendee.user?.name ?? attendee.guestName ?? '',
            body: attendee.user ? { voterId: attendee.user.id } : { guestName: attendee.guestName ?? '' },
          }))
      : [];
  const actionLabel = (id: string | null) => {
    const action = actions.data?.items.find((candidate) => candidate.id === id);
    // never an id in text people read: an action not (yet) in the list is "een actie"
    return action ? `${action.code} ${action.title}` : t('liveText.anAction');
  };
  const onAgenda = new Set(data.agenda.map((item) => item.refId));
  const scope = group.data?.scope;
  const candidates = (actions.data?.items ?? []).filter(
    (action) => !onAgenda.has(action.id) && !!scope && isActionInScope(scope, action),
  );

  const personName = (id: string) =>
    members.find((member) => member.userId === id)?.name ??
    data.attendees.find((attendee) => attendee.user?.id === id)?.user?.name ??
    t('history.someone');
  const partnerName = new Map((partners.data?.items ?? []).map((partner) => [partner.id, partner.name]));
  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('history.empty');
    if (field === 'status' && typeof value === 'string') return t(`status.${value}`);
    if (typeof value === 'string') {
      if (ORGANISATION_FIELDS.has(field)) return partnerName.get(value) ?? t('liveText.anOrganisation');
      return field === 'dueDate' ? formatIsoDate(value) : value;
    }
    if (Array.isArray(value)) return value.map((item) => valueText(field, item)).join(', ');
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  };
  // the feed: the meeting's own history (server summaries with names) and the action changes made in it
  const seen = new Set<string>();
  const traced = [
    ...feed,
    ...(history.data?.items ?? []).map((item) => ({
      position: item.position,
      at: item.occurredAt,
      text: summaryOf(item, i18n.language),
    })),
  ].filter((item) => !seen.has(item.position) && !!seen.add(item.position));
  const changed = (data.changes as MeetingChange[]).map((change, index) => ({
    position: `change-${change.position}-${index}`,
    at: change.at,
    text: t('meetingFeed.change', {
      who: personName(change.actorId),
      action: actionLabel(change.actionId),
      field: t(`field.${change.field}`, { defaultValue: change.field }),
      from: valueText(change.field, change.from),
      to: valueText(change.field, change.to),
    }),
  }));
  const shownFeed = [...traced, ...changed].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 30);

  return (
    <div className="meeting">
      <p>
        {groupId && (
          <Link href={`/working-groups/${groupId}`}>← {group.data?.name ?? t('groups.title')}</Link>
        )}
      </p>
      <h1>{data.title}</h1>
      <p>
        <span className={`badge meeting-${data.status}`} data-testid="meeting-status">
          {t(`meetingStatus.${data.status}`)}
        </span>{' '}
        {/^\d{4}-\d{2}-\d{2}$/.test(data.startsAt)
          ? format.date(data.startsAt)
          : format.dateTime(data.startsAt)}
        {data.location ? ` · ${data.location}` : ''}
      </p>
      <div className="sr-only" aria-live="polite">
        {announcement}
      </div>
      {canChange && (
        <div className="buttons">
          {data.status === 'scheduled' && (
            <button
              type="button"
              className="primary"
              onClick={() => void write('meeting', 'POST', '/start', {})}
            >
              {t('meeting.start')}
            </button>
          )}
          {isOpen && (
            <button type="button" onClick={() => void write('meeting', 'POST', '/end', {})}>
              {t('meeting.end')}
            </button>
          )}
        </div>
      )}

      <InlineError id="meeting-error" error={errorAt('meeting')} />

      <div className="columns">
        <Panel id="presence" title={t('meeting.presence')}>
          <ul className="plain" data-testid="presence">
            {presence.map((member) => (
              <li key={member.userId}>
                <span className="live-dot" aria-hidden="true" /> {member.displayName}
                {member.editing?.agendaItemId && (
                  <span className="muted">
                    {' '}
                    –{' '}
                    {t('meeting.isEditingNotes', {
                      item:
                        data.agenda.find((item) => item.itemId === member.editing?.agendaItemId)?.title ?? '',
                    })}
                  </span>
                )}
                {member.editing && !member.editing.agendaItemId && (
                  <span className="muted">
                    {' '}
                    –{' '}
                    {t('meeting.isEditing', {
                      field: t(`field.${member.editing.field ?? 'action'}`, {
                        defaultValue: member.editing.field ?? '',
                      }),
                    })}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {presence.length === 0 && <p className="muted">{t('meeting.nobody')}</p>}
        </Panel>
        <Panel id="attendance" error={errorAt('attendance')} title={t('meeting.attendance')}>
          <table className="data">
            <tbody>
              {members.map((member) => (
                <tr key={member.userId}>
                  <th scope="row">{member.name}</th>
                  <td>
                    <label className="sr-only" htmlFor={`att-${member.userId}`}>
                      {t('meeting.attendanceOf', { name: member.name })}
                    </label>
                    <select
                      id={`att-${member.userId}`}
                      disabled={!editable}
                      value={attendanceOf(member.userId)}
                      onChange={(event) =>
                        void write('attendance', 'POST', '/attendance', {
                          userId: member.userId,
                          status: event.target.value,
                        })
                      }
                    >
                      <option value="" disabled>
                        {t('meeting.unknownAttendance')}
                      </option>
                      {ATTENDANCE.map((status) => (
                        <option key={status} value={status}>
                          {t(`attendance.${status}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
              {data.attendees
                .filter((attendee) => attendee.guestName)
                .map((guest) => (
                  <tr key={guest.attendeeId}>
                    <th scope="row">
                      {guest.guestName}
                      {guest.organisation ? ` (${guest.organisation})` : ''}, {t('meeting.guest')}
                    </th>
                    <td>{t(`attendance.${guest.status}`)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          {editable && (
            <>
              <button
                type="button"
                onClick={() =>
                  void write('attendance', 'POST', '/attendance', {
                    attendees: members
                      .filter((member) => attendanceOf(member.userId) !== 'present')
                      .map((member) => ({ userId: member.userId, status: 'present' })),
                  })
                }
              >
                {t('meeting.allPresent')}
              </button>
              <GuestForm
                aria={ariaAt('attendance')}
                onSubmit={(guestName, organisation) =>
                  write('attendance', 'POST', '/attendance', {
                    guestName,
                    ...(organisation ? { organisation } : {}),
                    status: 'present',
                  })
                }
              />
            </>
          )}
        </Panel>
      </div>

      <div className="columns">
        <Panel id="agenda" error={errorAt('agenda')} title={t('meeting.agenda')}>
          <ol>
            {data.agenda.map((item) => (
              <li key={item.itemId}>
                <span className="muted">{t(`agendaKind.${item.kind}`, { defaultValue: item.kind })}:</span>{' '}
                {item.title ?? actionLabel(item.refId)}
                {item.kind === 'action' && item.refId && (
                  <>
                    {' '}
                    <button type="button" className="link-button" onClick={() => setOpenAction(item.refId)}>
                      {t('meeting.editAction')}
                    </button>
                  </>
                )}
                {editable && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void write('agenda', 'DELETE', `/agenda/${item.itemId}`, {})}
                    >
                      {t('meeting.remove')}
                    </button>
                  </>
                )}
                {editable ? (
                  <NotesForm
                    aria={ariaAt('agenda')}
                    id={`notes-${item.itemId}`}
                    label={t('meeting.notesOf', { item: item.title ?? actionLabel(item.refId) })}
                    notes={item.notes ?? ''}
                    onEditing={(editing) =>
                      liveClient().setEditing(
                        `meeting:${meetingId}`,
                        editing ? { agendaItemId: item.itemId, field: 'notes' } : null,
                      )
                    }
                    onSubmit={(notes) =>
                      write('agenda', 'PUT', `/agenda/${item.itemId}/notes`, { notes }, data.version)
                    }
                  />
                ) : (
                  item.notes && <p className="notes">{item.notes}</p>
                )}
                <EraseShownText target={eraseText} version={item.notesVersion} text={item.notes} />
              </li>
            ))}
          </ol>
          {editable && (
            <TextForm
              id="agenda-add"
              field="title"
              aria={ariaAt('agenda')}
              label={t('meeting.addTopic')}
              onSubmit={(title) => write('agenda', 'POST', '/agenda', { kind: 'topic', title })}
            />
          )}
          {editable && candidates.length > 0 && (
            <SelectForm
              id="agenda-action"
              field="refId"
              aria={ariaAt('agenda')}
              label={t('meeting.addAction')}
              options={candidates.map((action) => ({
                value: action.id,
                label: `${action.code} ${action.title}`,
              }))}
              onSubmit={(refId) => write('agenda', 'POST', '/agenda', { kind: 'action', refId })}
            />
          )}
        </Panel>
        <Panel id="changes" title={t('meeting.liveChanges')}>
          <ol className="plain feed" data-testid="meeting-feed">
            {shownFeed.map((item) => (
              <li key={item.position}>
                <span className="live-dot" aria-hidden="true" /> {item.text}{' '}
                <span className="muted">{format.dateTime(item.at)}</span>
              </li>
            ))}
          </ol>
          {shownFeed.length === 0 && <p className="muted">{t('meeting.noChanges')}</p>}
        </Panel>
      </div>

      {openAction && (
        <section className="panel" aria-label={t('meeting.actionInMeeting')}>
          <button type="button" className="link-button" onClick={() => setOpenAction(null)}>
            {t('meeting.closeAction')}
          </button>
          <ActionDetailPage actionId={openAction} meetingId={isOpen ? meetingId : undefined} compact />
        </section>
      )}

      <div className="columns">
        <Panel id="proposals" error={errorAt('proposals')} title={t('meeting.proposals')}>
          <ol>
            {data.proposals.map((proposal) => (
              <li key={proposal.proposalId}>
                {proposal.text} <span className="muted">({proposal.proposedBy?.name})</span>
                {(proposal.category || proposal.source) && (
                  <span className="muted">
                    {' '}
                    · {[proposal.category, proposal.source].filter(Boolean).join(' · ')}
                  </span>
                )}{' '}
                <EraseShownText target={eraseText} version={proposal.version} text={proposal.text} />
              </li>
            ))}
          </ol>
          {editable && (
            <ProposalForm
              aria={ariaAt('proposals')}
              onSubmit={(text, category, source) =>
                write('proposals', 'POST', '/proposals', {
                  text,
                  ...(category ? { category } : {}),
                  ...(source ? { source } : {}),
                })
              }
            />
          )}
        </Panel>
        <Panel id="round" error={errorAt('round')} title={t('meeting.round')}>
          {openRound ? (
            <>
              <p>
                {t('meeting.roundOpen', { size: openRound.size })}{' '}
                {t('meeting.voters', { count: openRound.voters.length })}
              </p>
              <table className="data" data-testid="tally">
                <caption className="sr-only">{t('meeting.tally')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('meeting.rank')}</th>
                    <th scope="col">{t('meeting.proposal')}</th>
                    <th scope="col">{t('meeting.points')}</th>
                  </tr>
                </thead>
                <tbody>
                  {openRound.ranking.map((row) => (
                    <tr key={row.proposalId}>
                      <td>{row.rank}</td>
                      <td>{row.text}</td>
                      <td>{row.score}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {openRound.voters.some((voter) => voter.recordedBy) && (
                <ul className="plain muted">
                  {openRound.voters
                    .filter((voter) => voter.recordedBy)
                    .map((voter) => (
                      <li key={voter.id}>
                        {voter.name}: {t('meeting.recordedBy', { name: voter.recordedBy?.name ?? '' })}
                      </li>
                    ))}
                </ul>
              )}
              {openRound.method === 'tally' && (
                <p>{t('meeting.heldOnPaper', { count: openRound.tallyVoters ?? 0 })}</p>
              )}
              {!mayVote && openRound.method !== 'tally' && (
                <p className="muted" data-testid="ballot-rule">
                  {t('meetingRules.voteOnlyPresentMembers')}
                  {behalfVoters.length > 0 && <> {t('meetingBallot.behalfRule')}</>}
                </p>
              )}
              {(mayVote || behalfVoters.length > 0) && openRound.method !== 'tally' && (
                <BallotForm
                  aria={ariaAt('round')}
                  size={openRound.size}
                  proposals={openRound.ranking}
                  own={mayVote}
                  voters={behalfVoters}
                  onSubmit={(proposalIds, onBehalf) =>
                    write('round', 'POST', `/rounds/${openRound.roundId}/ballots`, {
                      proposalIds,
                      ...onBehalf,
                    })
                  }
                />
              )}
              {runsMeeting && openRound.voters.length === 0 && (
                <TallyForm
                  aria={ariaAt('round')}
                  proposals={openRound.ranking}
                  onSubmit={(scores, voters) =>
                    write('round', 'POST', `/rounds/${openRound.roundId}/tally`, { scores, voters })
                  }
                />
              )}
              {canChange && (
                <button
                  type="button"
                  onClick={() => void write('round', 'POST', `/rounds/${openRound.roundId}/close`, {})}
                >
                  {t('meeting.closeRound')}
                </button>
              )}
            </>
          ) : (
            <>
              {data.rounds
                .filter((round) => !round.open)
                .slice(-1)
                .map((round) => (
                  <ol key={round.roundId}>
                    {round.ranking.slice(0, round.size).map((row) => (
                      <li key={row.proposalId}>
                        {row.text} ({t('meeting.pointsCount', { count: row.score })})
                      </li>
                    ))}
                  </ol>
                ))}
              {canChange && isOpen && data.proposals.length > 0 && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => void write('round', 'POST', '/rounds', { size: 5, ranked: true })}
                >
                  {t('meeting.openRound')}
                </button>
              )}
            </>
          )}
        </Panel>
      </div>

      <div className="columns">
        <Panel id="decisions" error={errorAt('decisions')} title={t('meeting.decisions')}>
          <ul>
            {data.decisions.map((decision, index) => (
              <li key={decision.decisionId ?? index}>
                {decision.text}{' '}
                <EraseShownText target={eraseText} version={decision.version} text={decision.text} />
              </li>
            ))}
          </ul>
          {canChange && isOpen && (
            <TextForm
              id="decision-add"
              field="text"
              aria={ariaAt('decisions')}
              label={t('meeting.addDecision')}
              onSubmit={(text) => write('decisions', 'POST', '/decisions', { text })}
            />
          )}
        </Panel>
        <Panel id="next-steps" error={errorAt('next-steps')} title={t('meeting.nextSteps')}>
          <ul>
            {data.nextSteps.map((step, index) => (
              <li key={step.nextStepId ?? index}>
                {step.text}{' '}
                {step.dueDate ? <span className="muted">({format.date(step.dueDate)})</span> : null}{' '}
                <EraseShownText target={eraseText} version={step.version} text={step.text} />
              </li>
            ))}
          </ul>
          {canChange && isOpen && (
            <TextForm
              id="step-add"
              field="text"
              aria={ariaAt('next-steps')}
              label={t('meeting.addNextStep')}
              onSubmit={(text) => write('next-steps', 'POST', '/next-steps', { text, ownerUserId: user?.id })}
            />
          )}
        </Panel>
      </div>

      {(data.corrections.length > 0 || data.correctedBy.length > 0) && (
        <div className="columns">
          {data.corrections.length > 0 && (
            <Panel id="corrections" title={t('meeting.corrections')}>
              <ul>
                {data.corrections.map((correction) => (
                  <li key={correction.correctionId}>
                    <span className="muted">
                      {correction.correctsMeeting ? (
                        <Link href={`/meetings/${correction.correctsMeeting.id}`}>
                          {t('meeting.correctionOf', {
                            date: format.date(correction.correctsMeeting.startsAt),
                            title: correction.correctsMeeting.title,
                          })}
                        </Link>
                      ) : correction.outsideMeeting ? (
                        t('meeting.correctionOfOutside', {
                          date: format.date(correction.outsideMeeting.date),
                          title: correction.outsideMeeting.title,
                        })
                      ) : (
                        t('meeting.correctionOfUnknown')
                      )}
                      :
                    </span>{' '}
                    {correction.text}{' '}
                    <span className="muted">
                      ({t('meeting.recordedOn', { at: format.date(correction.at) })})
                    </span>{' '}
                    <EraseShownText target={eraseText} version={correction.version} text={correction.text} />
                  </li>
                ))}
              </ul>
            </Panel>
          )}
          {data.correctedBy.length > 0 && (
            <Panel id="corrected-by" title={t('meeting.correctedBy')}>
              <ul>
                {data.correctedBy.map((correction) => (
                  <li key={correction.correctionId}>
                    <span className="muted">
                      {correction.meeting ? (
                        <Link href={`/meetings/${correction.meeting.id}`}>
                          {t('meeting.correctedAt', {
                            date: format.date(correction.meeting.startsAt),
                            title: correction.meeting.title,
                          })}
                        </Link>
                      ) : (
                        t('meeting.correctedAtUnknown')
                      )}
                      :
                    </span>{' '}
                    {correction.text}{' '}
                    <span className="muted">
                      ({t('meeting.recordedOn', { at: format.date(correction.at) })})
                    </span>{' '}
                    {/* recorded at the later meeting: its history holds the change that wrote it */}
                    <EraseShownText
                      target={eraseText && { ...eraseText, aggregateId: correction.meetingId }}
                      version={correction.version}
                      text={correction.text}
                    />
                  </li>
                ))}
              </ul>
            </Panel>
          )}
        </div>
      )}

      <Panel id="minutes" error={errorAt('minutes')} title={t('meeting.minutes')}>
        <div className="buttons">
          <label htmlFor="minutes-lang">{t('meeting.minutesLanguage')}</label>
          <select
            id="minutes-lang"
            value={minutesLang}
            onChange={(event) => {
              const lang = event.target.value === 'en' ? 'en' : 'nl';
              setMinutesLang(lang);
              if (minutesText !== null) void loadMinutes(lang);
            }}
          >
            <option value="nl">{t('language.nl')}</option>
            <option value="en">{t('language.en')}</option>
          </select>
          <button type="button" onClick={() => void loadMinutes(minutesLang)}>
            {t('meeting.preview')}
          </button>
          <button type="button" onClick={() => void download('md')}>
            {t('meeting.downloadMd')}
          </button>
          <button type="button" onClick={() => void download('html')}>
            {t('meeting.downloadHtml')}
          </button>
          <button type="button" onClick={() => void downloadPdf()}>
            {t('meeting.downloadPdf')}
          </button>
        </div>
        {minutesText !== null && (
          <div
            className="minutes"
            tabIndex={0}
            role="document"
            aria-label={t('meeting.minutes')}
            data-testid="minutes"
            dangerouslySetInnerHTML={{ __html: minutesText }}
          />
        )}
      </Panel>
    </div>
  );
}

function Panel({
  id,
  title,
  children,
  error = null,
}: {
  id: string;
  title: string;
  children: ReactNode;
  /** a failed write from this panel: shown in it, next to its controls */
  error?: unknown;
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
      <InlineError id={`${id}-error`} error={error} />
    </section>
  );
}

function TextForm({
  id,
  field,
  aria = NO_ARIA,
  label,
  onSubmit,
}: {
  id: string;
  /** the api's name of the text (for its error) */
  field: string;
  aria?: FieldAria;
  label: string;
  onSubmit: (text: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    if (await onSubmit(text.trim())) setText('');
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={text} onChange={(event) => setText(event.target.value)} {...aria(field)} />
      <button type="submit">{t('common.add')}</button>
    </form>
  );
}

function SelectForm({
  id,
  field,
  aria = NO_ARIA,
  label,
  options,
  onSubmit,
}: {
  id: string;
  field: string;
  aria?: FieldAria;
  label: string;
  options: { value: string; label: string }[];
  onSubmit: (value: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (value && (await onSubmit(value))) setValue('');
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => setValue(event.target.value)} {...aria(field)}>
        <option value="">{t('form.choose')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <button type="submit">{t('common.add')}</button>
    </form>
  );
}

/** a present attendee the chair or secretary may record a ballot for */
interface OnBehalf {
  key: string;
  label: string;
  body: { voterId: string } | { guestName: string };
}

function BallotForm({
  aria = NO_ARIA,
  size,
  proposals,
  own,
  voters = [],
  onSubmit,
}: {
  size: number;
  proposals: { proposalId: string; text: string }[];
  /** the caller may cast her own ballot (a present member of the group) */
  own: boolean;
  aria?: FieldAria;
  /** present attendees she may record a ballot for (the chair, secretary or a coordinator); empty: none */
  voters?: OnBehalf[];
  onSubmit: (proposalIds: string[], onBehalf: OnBehalf['body'] | Record<string, never>) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const places = Math.min(size, proposals.length);
  const [choice, setChoice] = useState<string[]>(() => Array.from({ length: places }, () => ''));
  const [picked, setVoter] = useState('');
  // without an own vote the form records for someone: the first present attendee unless another is picked
  const voter = own || voters.some((candidate) => candidate.key === picked) ? picked : (voters[0]?.key ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ids = choice.filter(Boolean);
    const onBehalf = voters.find((candidate) => candidate.key === voter)?.body ?? {};
    if (ids.length > 0) void onSubmit([...new Set(ids)], onBehalf);
  };
  return (
    <form className="mini-form" aria-labelledby="ballot-title" onSubmit={submit}>
      <h3 id="ballot-title">
        {own ? t('meeting.ballot', { count: places }) : t('meetingBallot.onBehalf', { count: places })}
      </h3>
      {voters.length > 0 && (
        <div className="field">
          <label htmlFor="ballot-voter">{t('meeting.voteFor')}</label>
          <select
            id="ballot-voter"
            value={voter}
            onChange={(event) => setVoter(event.target.value)}
            {...aria('voterId', 'guestName')}
          >
            {own && <option value="">{t('meeting.ownVote')}</option>}
            {voters.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {candidate.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {Array.from({ length: places }, (_, index) => (
        <div key={index} className="field">
          <label htmlFor={`ballot-${index}`}>{t('meeting.place', { place: index + 1 })}</label>
          <select
            id={`ballot-${index}`}
            value={choice[index] ?? ''}
            {...aria('proposalIds')}
            onChange={(event) =>
              setChoice(choice.map((value, at) => (at === index ? event.target.value : value)))
            }
          >
            <option value="">{t('form.choose')}</option>
            {proposals.map((proposal) => (
              <option key={proposal.proposalId} value={proposal.proposalId}>
                {proposal.text}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit" className="primary">
        {own ? t('meeting.vote') : t('meetingBallot.record')}
      </button>
    </form>
  );
}

/** the discussion notes of an agenda item: typed by the secretary, others see who is typing */
function NotesForm({
  aria = NO_ARIA,
  id,
  label,
  notes,
  onEditing,
  onSubmit,
}: {
  id: string;
  label: string;
  notes: string;
  onEditing: (editing: boolean) => void;
  onSubmit: (notes: string) => Promise<boolean>;
  aria?: FieldAria;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text === null) return;
    if (await onSubmit(text)) setText(null);
  };
  return (
    <form className="mini-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={text ?? notes}
        onFocus={() => onEditing(true)}
        onBlur={() => onEditing(false)}
        onChange={(event) => setText(event.target.value)}
        {...aria('notes')}
      />
      {text !== null && <button type="submit">{t('meeting.saveNotes')}</button>}
    </form>
  );
}

function GuestForm({
  aria = NO_ARIA,
  onSubmit,
}: {
  aria?: FieldAria;
  onSubmit: (name: string, organisation: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    if (await onSubmit(name.trim(), organisation.trim())) {
      setName('');
      setOrganisation('');
    }
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor="guest-name">{t('meeting.guestName')}</label>
      <input
        id="guest-name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        {...aria('guestName')}
      />
      <label htmlFor="guest-organisation">{t('meeting.guestOrganisation')}</label>
      <input
        id="guest-organisation"
        value={organisation}
        onChange={(event) => setOrganisation(event.target.value)}
        {...aria('organisation')}
      />
      <button type="submit">{t('meeting.addGuest')}</button>
    </form>
  );
}

function ProposalForm({
  aria = NO_ARIA,
  onSubmit,
}: {
  aria?: FieldAria;
  onSubmit: (text: string, category: string, source: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const [source, setSource] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    if (await onSubmit(text.trim(), category.trim(), source.trim())) {
      setText('');
      setSource('');
    }
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor="proposal-add">{t('meeting.addProposal')}</label>
      <input
        id="proposal-add"
        value={text}
        onChange={(event) => setText(event.target.value)}
        {...aria('text')}
      />
      <label htmlFor="proposal-category">{t('meeting.proposalCategory')}</label>
      <input
        id="proposal-category"
        value={category}
        onChange={(event) => setCategory(event.target.value)}
        {...aria('category')}
      />
      <label htmlFor="proposal-source">{t('meeting.proposalSource')}</label>
      <input
        id="proposal-source"
        value={source}
        onChange={(event) => setSource(event.target.value)}
        {...aria('source')}
      />
      <button type="submit">{t('common.add')}</button>
    </form>
  );
}

/** the points counted on paper, per proposal, and the number of voters */
function TallyForm({
  aria = NO_ARIA,
  proposals,
  onSubmit,
}: {
  aria?: FieldAria;
  proposals: { proposalId: string; text: string }[];
  onSubmit: (scores: { proposalId: string; points: number }[], voters: number) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [points, setPoints] = useState<Record<string, string>>({});
  const [voters, setVoters] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scores = proposals
      .map((proposal) => ({
        proposalId: proposal.proposalId,
        points: Number(points[proposal.proposalId] ?? 0),
      }))
      .filter((line) => line.points > 0);
    void onSubmit(scores, Number(voters));
  };
  return (
    <form className="mini-form" aria-labelledby="tally-title" onSubmit={submit}>
      <h3 id="tally-title">{t('meeting.paperTally')}</h3>
      {proposals.map((proposal) => (
        <div key={proposal.proposalId} className="field">
          <label htmlFor={`tally-${proposal.proposalId}`}>{proposal.text}</label>
          <input
            id={`tally-${proposal.proposalId}`}
            type="number"
            min={0}
            value={points[proposal.proposalId] ?? ''}
            {...aria('scores')}
            onChange={(event) => setPoints({ ...points, [proposal.proposalId]: event.target.value })}
          />
        </div>
      ))}
      <div className="field">
        <label htmlFor="tally-voters">{t('meeting.paperVoters')}</label>
        <input
          id="tally-voters"
          type="number"
          min={1}
          required
          value={voters}
          onChange={(event) => setVoters(event.target.value)}
          {...aria('voters')}
        />
      </div>
      <button type="submit">{t('meeting.saveTally')}</button>
    </form>
  );
}
