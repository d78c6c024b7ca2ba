import { ACTION_EVENT_TYPES, MEETING_EVENT_TYPES, changesOf, isDateOnly } from '#domain';
import type { StoredEvent } from '#event-store';
import { buildMinutes } from '../minutes/minutes.js';
import { emptyMeetingDoc, type MeetingDoc } from '../minutes/meeting-doc.js';
import type { Projection, ProjectionTx } from '../projection/projection.js';
import { type RowSet, upsertRows, type JsonRow } from '../projection/sql.js';
import { asDomainEvent, tenantOf } from '../projection/support.js';
import { rowSet } from '../projection/table.js';
import {
  meetingsTable,
  MEETINGS_TABLE,
  MEETING_MINUTES_TABLE,
  type MeetingMinutesRow,
  type MeetingRow,
} from './row.js';

export * from './row.js';

export const MEETINGS_PROJECTION = 'meetings';

/** a meeting whose minutes an event may have changed, and through which meeting's event */
interface Touch {
  tenant_id: string;
  meeting_id: string;
  stored: StoredEvent;
  source: string;
}

/**
 * Meetings and their minutes. Reads the meeting events and the action events tagged with a meeting
 * (`metadata.meetingId`, live edits in the meeting); a correction recorded at a later meeting changes the
 * earlier meeting's minutes. After every event the touched meetings' minutes are rebuilt, and a new revision
 * is stored when they differ from the last one (so the revisions never depend on how the log was batched).
 */
export function meetingsProjection(): Projection {
  return {
    name: MEETINGS_PROJECTION,
    // 2: the document carries the version of the change that wrote each free text (agenda notes, proposals,
    // decisions, next steps, corrections: what the meeting page's "erase this text" names), filled by the rebuild
    version: 2,
    eventTypes: [...MEETING_EVENT_TYPES, ...ACTION_EVENT_TYPES],
    tables: [MEETINGS_TABLE, MEETING_MINUTES_TABLE],
    async apply(tx: ProjectionTx, events: readonly StoredEvent[]) {
      const relevant = events.filter(
        (event) =>
          !ACTION_EVENT_TYPES.includes(event.type as never) || typeof event.metadata.meetingId === 'string',
      );
      if (relevant.length === 0) return;
      const meetings = rowSet(meetingsTable);
      const keys: JsonRow[] = [];
      for (const stored of relevant) {
        const tenant_id = tenantOf(stored);
        for (const id of meetingIdsOf(stored)) keys.push({ tenant_id, id });
      }
      await meetings.load(tx, keys);
      const last = await lastRevisions(tx, keys);
      const revisions: MeetingMinutesRow[] = [];
      // the minutes after every event, so the revisions do not depend on how the log was batched
      for (const stored of relevant) {
        for (const touch of applyToMeetings(meetings, stored)) {
          const revision = nextRevision(meetings, last, touch);
          if (revision) revisions.push(revision);
        }
      }
      await meetings.save(tx);
      await upsertRows(tx, MEETING_MINUTES_TABLE, ['tenant_id', 'meeting_id', 'revision'], revisions, {
        onConflict: 'nothing',
        appendOnly: true,
      });
    },
    async truncate(tx) {
      await tx.query(`truncate ${MEETINGS_TABLE}, ${MEETING_MINUTES_TABLE}`);
    },
  };
}

/** the `starts_at` column: the instant, or midnight UTC of a meeting's date (the date itself is in the doc) */
const startsAtColumn = (startsAt: string): string =>
  isDateOnly(startsAt) ? `${startsAt}T00:00:00.000Z` : startsAt;

function meetingIdsOf(stored: StoredEvent): string[] {
  if (!stored.type.startsWith('Meeting')) {
    return typeof stored.metadata.meetingId === 'string' ? [stored.metadata.meetingId] : [];
  }
  const data = stored.data as { meetingId: string; correctsMeetingId?: string | null };
  return data.correctsMeetingId ? [data.meetingId, data.correctsMeetingId] : [data.meetingId];
}

/** Folds one event into the meeting rows in memory; answers the meetings whose minutes it touched. */
export function applyToMeetings(meetings: RowSet<MeetingRow>, stored: StoredEvent): Touch[] {
  const tenant_id = tenantOf(stored);
  const at = stored.metadata.occurredAt;
  const event = asDomainEvent(stored);

  if (!stored.type.startsWith('Meeting')) {
    // an action edit made in a meeting
    const meetingId = stored.metadata.meetingId;
    const row = typeof meetingId === 'string' ? meetings.get({ tenant_id, id: meetingId }) : undefined;
    if (!row || !meetingId) return [];
    const actionId = (stored.data as { actionId: string }).actionId;
    const changes = changesOf(event).map((change) => ({
      ...change,
      position: stored.position,
      at,
      actorId: stored.metadata.actorId,
      actionId,
      type: stored.type,
    }));
    const doc = { ...row.doc, changes: [...row.doc.changes, ...changes] };
    meetings.put({ ...row, doc, updated_at: at, last_position: stored.position });
    return [{ tenant_id, meeting_id: meetingId, stored, source: meetingId }];
  }

  if (event.type === 'MeetingScheduled') {
    const { meetingId, workingGroupId, title, startsAt, location } = event.data;
    meetings.put({
      tenant_id,
      id: meetingId,
      working_group_id: workingGroupId,
      title,
      starts_at: startsAtColumn(startsAt),
      location,
      status: 'scheduled',
      started_at: null,
      ended_at: null,
      cancelled_reason: null,
      doc: { ...emptyMeetingDoc(), ...(isDateOnly(startsAt) ? { startsOn: startsAt } : {}) },
      version: stored.version,
      created_at: at,
      updated_at: at,
      last_position: stored.position,
    });
    return [{ tenant_id, meeting_id: meetingId, stored, source: meetingId }];
  }
  if (!('meetingId' in event.data)) return [];
  const meetingId = event.data.meetingId;
  const row = meetings.get({ tenant_id, id: meetingId });
  if (!row) return []; // an event before MeetingScheduled cannot happen in a valid stream
  const next: MeetingRow = {
    ...row,
    version: stored.version,
    updated_at: at,
    last_position: stored.position,
  };
  const doc: MeetingDoc = { ...row.doc };
  const touches: Touch[] = [{ tenant_id, meeting_id: meetingId, stored, source: meetingId }];
  switch (event.type) {
    case 'MeetingRescheduled':
      next.title = event.data.to.title;
      next.starts_at = startsAtColumn(event.data.to.startsAt);
      next.location = event.data.to.location;
      doc.startsOn = isDateOnly(event.data.to.startsAt) ? event.data.to.startsAt : null;
      break;
    case 'MeetingStarted':
      next.status = 'open';
      next.started_at = at;
      break;
    case 'MeetingEnded':
      next.status = 'ended';
      next.ended_at = at;
      break;
    case 'MeetingCancelled':
      next.status = 'cancelled';
      next.cancelled_reason = event.data.reason;
      break;
    case 'MeetingAttendanceRecorded': {
      const { attendeeId, userId, guestName, partnerId, organisation, status } = event.data;
      const attendee = { attendeeId, userId, guestName, partnerId, organisation, status };
      doc.attendees = doc.attendees.some((a) => a.attendeeId === attendeeId)
        ? doc.attendees.map((a) => (a.attendeeId === attendeeId ? attendee : a))
        : [...doc.attendees, attendee];
      break;
    }
    case 'MeetingAgendaItemAdded': {
      const { itemId, kind, refId, title, notes } = event.data;
      doc.agenda = [
        ...doc.agenda,
        { itemId, kind, refId, title, notes: notes ?? null, notesVersion: notes ? stored.version : null },
      ];
      break;
    }
    case 'MeetingAgendaNotesEdited': {
      const { itemId, notes } = event.data;
      doc.agenda = doc.agenda.map((item) =>
        item.itemId === itemId
          ? {
              ...item,
              notes: notes === '' ? null : notes,
              notesVersion: notes === '' ? null : stored.version,
            }
          : item,
      );
      break;
    }
    case 'MeetingAgendaItemRemoved':
      doc.agenda = doc.agenda.filter((item) => item.itemId !== event.data.itemId);
      break;
    case 'MeetingAgendaReordered': {
      const byId = new Map(doc.agenda.map((item) => [item.itemId, item]));
      doc.agenda = event.data.order.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
      break;
    }
    case 'MeetingMinutesCorrected': {
      const { correctionId, correctsMeetingId, outsideMeeting, text } = event.data;
      doc.corrections = [
        ...doc.corrections,
        {
          correctionId,
          correctsMeetingId,
          outsideMeeting: outsideMeeting ?? null,
          text,
          at,
          version: stored.version,
        },
      ];
      const earlier = correctsMeetingId ? meetings.get({ tenant_id, id: correctsMeetingId }) : undefined;
      if (earlier && correctsMeetingId) {
        meetings.put({
          ...earlier,
          doc: {
            ...earlier.doc,
            correctedBy: [
              ...earlier.doc.correctedBy,
              { meetingId, correctionId, text, at, position: stored.position },
            ],
          },
          updated_at: at,
          last_position: stored.position,
        });
        touches.push({ tenant_id, meeting_id: correctsMeetingId, stored, source: meetingId });
      }
      break;
    }
    case 'MeetingDecisionRecorded': {
      const { decisionId, text, actionIds, agendaItemId } = event.data;
      doc.decisions = [
        ...doc.decisions,
        { decisionId, text, actionIds: [...actionIds], agendaItemId, at, version: stored.version },
      ];
      break;
    }
    case 'MeetingNextStepRecorded': {
      const { nextStepId, text, ownerUserId, ownerPartnerId, dueDate, linkedActionId } = event.data;
      doc.nextSteps = [
        ...doc.nextSteps,
        {
          nextStepId,
          text,
          ownerUserId,
          ownerPartnerId,
          dueDate,
          linkedActionId,
          at,
          version: stored.version,
        },
      ];
      break;
    }
    case 'MeetingProposalAdded': {
      const { proposalId, text, themeId, actionIds, proposedBy, source, category } = event.data;
      doc.proposals = [
        ...doc.proposals,
        {
          proposalId,
          text,
          themeId,
          actionIds: [...actionIds],
          proposedBy,
          addedAt: at,
          source: source ?? null,
          category: category ?? null,
          version: stored.version,
        },
      ];
      break;
    }
    case 'MeetingRoundOpened': {
      const { roundId, size, ranked, proposalIds } = event.data;
      doc.rounds = [
        ...doc.rounds,
        {
          roundId,
          size,
          ranked,
          proposalIds: [...proposalIds],
          ballots: [],
          closed: false,
          ranking: null,
          openedAt: at,
          closedAt: null,
        },
      ];
      break;
    }
    case 'MeetingBallotSubmitted': {
      const { roundId, voterId, proposalIds } = event.data;
      const ballot = { voterId, proposalIds: [...proposalIds], recordedBy: event.data.recordedBy ?? null };
      doc.rounds = doc.rounds.map((round) =>
        round.roundId === roundId
          ? {
              ...round,
              ballots: round.ballots.some((b) => b.voterId === voterId)
                ? round.ballots.map((b) => (b.voterId === voterId ? ballot : b))
                : [...round.ballots, ballot],
            }
          : round,
      );
      break;
    }
    case 'MeetingTallyRecorded': {
      const { roundId, scores, voters } = event.data;
      doc.rounds = doc.rounds.map((round) =>
        round.roundId === roundId
          ? { ...round, tally: { scores: scores.map((line) => ({ ...line })), voters } }
          : round,
      );
      break;
    }
    case 'MeetingRoundClosed': {
      const { roundId, ranking, method } = event.data;
      doc.rounds = doc.rounds.map((round) =>
        round.roundId === roundId
          ? {
              ...round,
              closed: true,
              ranking: [...ranking],
              closedAt: at,
              method: method ?? 'ballots',
            }
          : round,
      );
      break;
    }
    default:
      return [];
  }
  // the earlier meeting of a correction was put above; this meeting's own row last
  meetings.put({ ...next, doc });
  return touches;
}

interface LastRevision {
  revision: number;
  canonical: string;
}

const revisionKey = (tenantId: string, meetingId: string): string => `${tenantId}\u0000${meetingId}`;

/** the latest minutes revision of each meeting a batch touches */
async function lastRevisions(tx: ProjectionTx, keys: readonly JsonRow[]): Promise<Map<string, LastRevision>> {
  const last = new Map<string, LastRevision>();
  if (keys.length === 0) return last;
  const { rows } = await tx.query<{
    tenant_id: string;
    meeting_id: string;
    revision: number;
    minutes: unknown;
  }>(
    `select distinct on (m.tenant_id, m.meeting_id) m.tenant_id, m.meeting_id, m.revision, m.minutes
       from ${MEETING_MINUTES_TABLE} m
       join (select distinct * from jsonb_to_recordset($1::jsonb) as k(tenant_id text, id text)) k
         on k.tenant_id = m.tenant_id and k.id = m.meeting_id
      order by m.tenant_id, m.meeting_id, m.revision desc`,
    [JSON.stringify(keys)],
  );
  for (const row of rows)
    last.set(revisionKey(row.tenant_id, row.meeting_id), {
      revision: row.revision,
      canonical: canonical(row.minutes),
    });
  return last;
}

/** a new revision of the touched meeting's minutes, or null when they did not change */
function nextRevision(
  meetings: RowSet<MeetingRow>,
  last: Map<string, LastRevision>,
  touch: Touch,
): MeetingMinutesRow | null {
  const row = meetings.get({ tenant_id: touch.tenant_id, id: touch.meeting_id });
  if (!row) return null;
  const minutes = buildMinutes(
    {
      meetingId: row.id,
      workingGroupId: row.working_group_id,
      title: row.title,
      startsAt: row.doc.startsOn ?? new Date(row.starts_at).toISOString(),
      location: row.location,
      status: row.status,
    },
    row.doc,
  );
  const key = revisionKey(touch.tenant_id, touch.meeting_id);
  const before = last.get(key);
  const text = canonical(minutes);
  if (before?.canonical === text) return null;
  const revision = (before?.revision ?? 0) + 1;
  last.set(key, { revision, canonical: text });
  return {
    tenant_id: touch.tenant_id,
    meeting_id: touch.meeting_id,
    revision,
    position: touch.stored.position,
    occurred_at: touch.stored.metadata.occurredAt,
    actor_id: touch.stored.metadata.actorId,
    event_type: touch.stored.type,
    source_meeting_id: touch.source,
    minutes,
  };
}

/**
 * JSON with sorted keys, so a jsonb round trip (which reorders keys) compares equal. Only compared with itself
 * (never stored), so any fixed order does: code units, and an object already in that order is not copied (the
 * minutes of a long meeting are compared at every event of it: `localeCompare` and a copy of every object took
 * 4 s of a 300,000-event rebuild).
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, withSortedKeys);
}

function withSortedKeys(_key: string, inner: unknown): unknown {
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return inner;
  const keys = Object.keys(inner);
  let sorted = true;
  for (let index = 1; index < keys.length && sorted; index++) sorted = keys[index - 1]! < keys[index]!;
  if (sorted) return inner;
  keys.sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = (inner as Record<string, unknown>)[key];
  return out;
}
