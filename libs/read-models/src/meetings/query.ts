import { rankScores, tally, type SignalUrgency } from '#domain';
import type { Position } from '#event-store';
import type { Minutes } from '../minutes/minutes.js';
import type { MinutesNames, MinutesSignal } from '../minutes/render.js';
import type { Queryable } from '../projection/sql.js';
import { ACTION_LIST_PROJECTION } from '../action-list/projection.js';
import { MEETINGS_PROJECTION } from './projection.js';
import type { MeetingRow } from './row.js';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { SIGNALS_PROJECTION } from '../signals/projection.js';
import { USERS_PROJECTION } from '../users/projection.js';
import { WORKING_GROUPS_PROJECTION } from '../working-groups/projection.js';
import { inSnapshot, isoInstant, type ReadDb } from '../queries/snapshot.js';
import type { MeetingDetail, MeetingDoc, MeetingItem, MeetingList, MeetingRef, NamedRef } from '#contracts';

export type {
  MeetingItem,
  MeetingList,
  NamedRef,
  MeetingRanking,
  MeetingRoundView,
  MeetingDetail,
} from '#contracts';

export const MEETING_SOURCES = [MEETINGS_PROJECTION, USERS_PROJECTION, PARTNERS_PROJECTION] as const;
export const MINUTES_SOURCES = [
  MEETINGS_PROJECTION,
  USERS_PROJECTION,
  PARTNERS_PROJECTION,
  ACTION_LIST_PROJECTION,
  WORKING_GROUPS_PROJECTION,
  SIGNALS_PROJECTION,
] as const;

export interface MeetingMinutes {
  meetingId: string;
  revision: number;
  /** the position of the event that made this revision */
  revisionPosition: string;
  /** when the event that made this revision happened */
  revisionAt: string;
  minutes: Minutes;
  names: MinutesNames;
  position: Position;
}

export interface MinutesRevisionItem {
  revision: number;
  position: string;
  occurredAt: string;
  actor: NamedRef;
  eventType: string;
  /** the meeting whose event changed these minutes (another meeting for a correction) */
  sourceMeetingId: string;
}

export interface MinutesRevisionList {
  meetingId: string;
  items: MinutesRevisionItem[];
  position: Position;
}

/** A meeting as the reads see it: the projection's row (without its document for a list). */
interface MeetingRead<R = Omit<MeetingRow, 'doc'>> {
  row: R;
}

/** the row without the meeting's document (a list needs only its `startsOn`, kept in `starts_on`) */
const LIST_ROW = `to_jsonb(m) - 'doc' || jsonb_build_object('starts_on', m.doc->'startsOn') as row`;

/** The one mapping from a meeting row to the item the api answers. */
const toItem = (row: Omit<MeetingRow, 'doc'> & { starts_on?: string | null }): MeetingItem => ({
  id: row.id,
  workingGroupId: row.working_group_id,
  title: row.title,
  /** a meeting without a time of day: its date */
  startsAt: row.starts_on ?? isoInstant(row.starts_at)!,
  location: row.location,
  status: row.status,
  startedAt: isoInstant(row.started_at),
  endedAt: isoInstant(row.ended_at),
  cancelledReason: row.cancelled_reason,
  version: row.version,
  createdAt: isoInstant(row.created_at)!,
  updatedAt: isoInstant(row.updated_at)!,
});

/** The meetings of a working group, latest first; null when the group is unknown in the tenant. */
export async function listMeetings(
  db: ReadDb,
  tenantId: string,
  workingGroupId: string,
): Promise<MeetingList | null> {
  return inSnapshot(db, [MEETINGS_PROJECTION, WORKING_GROUPS_PROJECTION], async (tx, position) => {
    const group = await tx.query(`select 1 from rm_working_groups where tenant_id = $1 and id = $2`, [
      tenantId,
      workingGroupId,
    ]);
    if (group.rowCount === 0) return null;
    const { rows } = await tx.query<MeetingRead<Omit<MeetingRow, 'doc'> & { starts_on: string | null }>>(
      `select ${LIST_ROW} from rm_meetings m where m.tenant_id = $1 and m.working_group_id = $2
        order by m.starts_at desc, m.id`,
      [tenantId, workingGroupId],
    );
    return { workingGroupId, items: rows.map((read) => toItem(read.row)), position };
  });
}

async function namesOf(
  tx: Queryable,
  table: 'rm_users' | 'rm_partners',
  tenantId: string,
  ids: Iterable<string>,
) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return {} as Record<string, string>;
  const { rows } = await tx.query<{ id: string; name: string }>(
    `select id, name from ${table} where tenant_id = $1 and id = any($2::text[])`,
    [tenantId, unique],
  );
  return Object.fromEntries(rows.map((row) => [row.id, row.name])) as Record<string, string>;
}

/**
 * The other meetings a meeting's corrections name (those it corrects, those that corrected it), with their
 * corrections: a correction's version is the one of the meeting that recorded it.
 */
async function correctionMeetings(
  tx: Queryable,
  tenantId: string,
  doc: MeetingDoc,
): Promise<Map<string, { ref: MeetingRef; corrections: MeetingDoc['corrections'] }>> {
  const ids = [
    ...doc.corrections.flatMap((c) => (c.correctsMeetingId ? [c.correctsMeetingId] : [])),
    ...doc.correctedBy.map((c) => c.meetingId),
  ];
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{
    id: string;
    title: string;
    starts_at: Date;
    starts_on: string | null;
    corrections: MeetingDoc['corrections'] | null;
  }>(
    `select id, title, starts_at, doc->>'startsOn' as starts_on, doc->'corrections' as corrections
       from rm_meetings where tenant_id = $1 and id = any($2::text[])`,
    [tenantId, [...new Set(ids)]],
  );
  return new Map(
    rows.map((m) => [
      m.id,
      {
        ref: { id: m.id, title: m.title, startsAt: m.starts_on ?? isoInstant(m.starts_at)! },
        corrections: m.corrections ?? [],
      },
    ]),
  );
}

/** One meeting with everything it holds and the live tally of an open round; null when unknown. */
export async function getMeeting(
  db: ReadDb,
  tenantId: string,
  meetingId: string,
): Promise<MeetingDetail | null> {
  return inSnapshot(db, MEETING_SOURCES, async (tx, position) => {
    const { rows } = await tx.query<MeetingRead<MeetingRow>>(
      `select to_jsonb(m) as row from rm_meetings m where m.tenant_id = $1 and m.id = $2`,
      [tenantId, meetingId],
    );
    const row = rows[0]?.row;
    if (!row) return null;
    const { doc } = row;
    const users = await namesOf(tx, 'rm_users', tenantId, [
      ...doc.attendees.flatMap((a) => (a.userId ? [a.userId] : [])),
      ...doc.proposals.map((p) => p.proposedBy),
      ...doc.rounds.flatMap((r) =>
        r.ballots.flatMap((b) => [b.voterId, ...(b.recordedBy ? [b.recordedBy] : [])]),
      ),
    ]);
    const guests = new Map(
      doc.attendees.flatMap((a) => (a.guestName ? [[a.attendeeId, a.guestName] as const] : [])),
    );
    const partners = await namesOf(
      tx,
      'rm_partners',
      tenantId,
      doc.attendees.flatMap((a) => (a.partnerId ? [a.partnerId] : [])),
    );
    const user = (id: string): NamedRef => ({ id, name: users[id] ?? guests.get(id) ?? id });
    const text = new Map(doc.proposals.map((p) => [p.proposalId, p.text]));
    const others = await correctionMeetings(tx, tenantId, doc);
    return {
      ...toItem({ ...row, starts_on: row.doc.startsOn ?? null }),
      attendees: doc.attendees.map((a) => ({
        attendeeId: a.attendeeId,
        user: a.userId ? user(a.userId) : null,
        guestName: a.guestName,
        partner: a.partnerId ? { id: a.partnerId, name: partners[a.partnerId] ?? a.partnerId } : null,
        organisation: a.organisation,
        status: a.status,
      })),
      agenda: doc.agenda.map((item) => ({
        ...item,
        notes: item.notes ?? null,
        notesVersion: item.notes ? (item.notesVersion ?? null) : null,
      })),
      proposals: doc.proposals.map((p) => ({
        ...p,
        version: p.version ?? null,
        proposedBy: user(p.proposedBy),
        source: p.source ?? null,
        category: p.category ?? null,
      })),
      rounds: doc.rounds.map((round) => ({
        roundId: round.roundId,
        size: round.size,
        ranked: round.ranked,
        open: !round.closed,
        voters: round.ballots.map((b) => ({
          ...user(b.voterId),
          recordedBy: b.recordedBy ? user(b.recordedBy) : null,
        })),
        method: round.tally ? ('tally' as const) : ('ballots' as const),
        tallyVoters: round.tally?.voters ?? null,
        ranking: (
          round.ranking ??
          (round.tally
            ? rankScores(
                round.proposalIds,
                new Map(round.tally.scores.map((line) => [line.proposalId, line.points])),
              )
            : tally(
                round,
                round.proposalIds,
                round.ballots.map((b) => b.proposalIds),
              ))
        ).map((line) => ({
          ...line,
          text: text.get(line.proposalId) ?? line.proposalId,
        })),
        openedAt: round.openedAt,
        closedAt: round.closedAt,
      })),
      decisions: doc.decisions,
      nextSteps: doc.nextSteps,
      corrections: doc.corrections.map((c) => ({
        ...c,
        correctsMeeting: c.correctsMeetingId ? (others.get(c.correctsMeetingId)?.ref ?? null) : null,
        version: c.version ?? null,
      })),
      correctedBy: doc.correctedBy.map((c) => {
        const other = others.get(c.meetingId);
        return {
          ...c,
          meeting: other?.ref ?? null,
          version: other?.corrections.find((k) => k.correctionId === c.correctionId)?.version ?? null,
        };
      }),
      changes: doc.changes,
      position,
    };
  });
}

/** The names a rendering of these minutes needs, from the read models. */
async function minutesNames(tx: Queryable, tenantId: string, minutes: Minutes): Promise<MinutesNames> {
  const people = [...minutes.present, ...minutes.excused, ...minutes.absent];
  const users = await namesOf(tx, 'rm_users', tenantId, [
    ...people.flatMap((p) => (p.userId ? [p.userId] : [])),
    ...minutes.nextSteps.flatMap((s) => (s.ownerUserId ? [s.ownerUserId] : [])),
  ]);
  const signalIds = minutes.agenda.flatMap((item) =>
    item.kind === 'signal' && item.refId ? [item.refId] : [],
  );
  const signalRows = await tx.query<{
    id: string;
    partner_id: string | null;
    source: string | null;
    urgency: SignalUrgency;
    action_ids: string[];
  }>(
    `select id, partner_id, source, urgency, action_ids from rm_signals where tenant_id = $1 and id = any($2::text[])`,
    [tenantId, signalIds],
  );
  const actionIds = [
    ...signalRows.rows.flatMap((row) => row.action_ids),
    ...minutes.agenda.flatMap((item) => (item.kind === 'action' && item.refId ? [item.refId] : [])),
    ...minutes.otherChanges.map((c) => c.actionId),
    ...minutes.decisions.flatMap((d) => d.actionIds),
    ...minutes.nextSteps.flatMap((s) => (s.linkedActionId ? [s.linkedActionId] : [])),
  ];
  const owners = [
    ...minutes.agenda.flatMap((i) => (i.action ? [i.action] : [])),
    ...minutes.otherChanges,
  ].flatMap((c) =>
    c.changes.filter((f) => f.field === 'owner' || f.field === 'partners').flatMap((f) => [f.from, f.to]),
  );
  const partners = await namesOf(tx, 'rm_partners', tenantId, [
    ...people.flatMap((p) => (p.partnerId ? [p.partnerId] : [])),
    ...minutes.nextSteps.flatMap((s) => (s.ownerPartnerId ? [s.ownerPartnerId] : [])),
    ...owners.filter((id): id is string => typeof id === 'string'),
    ...signalRows.rows.flatMap((row) => (row.partner_id ? [row.partner_id] : [])),
  ]);
  const signals: Record<string, MinutesSignal> = Object.fromEntries(
    signalRows.rows.map((row) => [
      row.id,
      {
        from: row.partner_id ? (partners[row.partner_id] ?? row.partner_id) : row.source,
        urgency: row.urgency,
        actionIds: row.action_ids,
      },
    ]),
  );
  const actions = await tx.query<{ id: string; code: string; title: string }>(
    `select id, code, title from rm_actions where tenant_id = $1 and id = any($2::text[])`,
    [tenantId, [...new Set(actionIds)]],
  );
  const meetings = await tx.query<{ id: string; title: string; starts_at: Date; starts_on: string | null }>(
    `select id, title, starts_at, doc->>'startsOn' as starts_on from rm_meetings
      where tenant_id = $1 and id = any($2::text[])`,
    [
      tenantId,
      [
        ...minutes.corrections.flatMap((c) => (c.correctsMeetingId ? [c.correctsMeetingId] : [])),
        ...minutes.correctedBy.map((c) => c.meetingId),
      ],
    ],
  );
  const group = await tx.query<{ name: string }>(
    `select name from rm_working_groups where tenant_id = $1 and id = $2`,
    [tenantId, minutes.workingGroupId],
  );
  return {
    workingGroup: group.rows[0]?.name ?? null,
    users,
    partners,
    actions: Object.fromEntries(actions.rows.map((a) => [a.id, { code: a.code, title: a.title }])),
    meetings: Object.fromEntries(
      meetings.rows.map((m) => [m.id, { title: m.title, startsAt: m.starts_on ?? isoInstant(m.starts_at)! }]),
    ),
    signals,
  };
}

/**
 * The minutes of a meeting: the latest revision, or the one asked for, with the names to render them;
 * null when the meeting (or that revision) is unknown.
 */
export async function getMeetingMinutes(
  db: ReadDb,
  tenantId: string,
  meetingId: string,
  revision?: number,
): Promise<MeetingMinutes | null> {
  return inSnapshot(db, MINUTES_SOURCES, async (tx, position) => {
    const { rows } = await tx.query<{
      revision: number;
      position: string;
      occurred_at: Date;
      minutes: Minutes;
    }>(
      `select revision, position, occurred_at, minutes from rm_meeting_minutes
        where tenant_id = $1 and meeting_id = $2 and ($3::int is null or revision = $3)
        order by revision desc limit 1`,
      [tenantId, meetingId, revision ?? null],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      meetingId,
      revision: row.revision,
      revisionPosition: row.position,
      revisionAt: isoInstant(row.occurred_at)!,
      minutes: row.minutes,
      names: await minutesNames(tx, tenantId, row.minutes),
      position,
    };
  });
}

/** Every revision of a meeting's minutes, oldest first: when, by whom and through which event. */
export async function listMinutesRevisions(
  db: ReadDb,
  tenantId: string,
  meetingId: string,
): Promise<MinutesRevisionList | null> {
  return inSnapshot(db, [MEETINGS_PROJECTION, USERS_PROJECTION], async (tx, position) => {
    const meeting = await tx.query(`select 1 from rm_meetings where tenant_id = $1 and id = $2`, [
      tenantId,
      meetingId,
    ]);
    if (meeting.rowCount === 0) return null;
    const { rows } = await tx.query<{
      revision: number;
      position: string;
      occurred_at: Date;
      actor_id: string;
      actor_name: string | null;
      event_type: string;
      source_meeting_id: string;
    }>(
      `select r.revision, r.position, r.occurred_at, r.actor_id, u.name as actor_name, r.event_type, r.source_meeting_id
         from rm_meeting_minutes r
         left join rm_users u on u.tenant_id = r.tenant_id and u.id = r.actor_id
        where r.tenant_id = $1 and r.meeting_id = $2
        order by r.revision`,
      [tenantId, meetingId],
    );
    return {
      meetingId,
      items: rows.map((row) => ({
        revision: row.revision,
        position: row.position,
        occurredAt: isoInstant(row.occurred_at)!,
        actor: { id: row.actor_id, name: row.actor_name ?? row.actor_id },
        eventType: row.event_type,
        sourceMeetingId: row.source_meeting_id,
      })),
      position,
    };
  });
}
