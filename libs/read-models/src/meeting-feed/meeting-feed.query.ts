import { describeEvent, type DomainEvent, type NameLookup } from '#domain';
import type { EventStore, StoredEvent } from '#event-store';
import type { Queryable } from '../projection/sql.js';

/** One line of a meeting's feed: what happened, who did it, when; the text names people, never ids. */
export interface MeetingFeedItem {
  position: string;
  type: string;
  occurredAt: string;
  actor: { id: string; name: string | null };
  summary: { nl: string; en: string };
}

export interface MeetingFeed {
  meetingId: string;
  /** newest first */
  items: MeetingFeedItem[];
}

/** The fields of meeting events that name a person or an organisation (the summaries resolve them). */
const USER_FIELDS = ['userId', 'proposedBy', 'ownerUserId', 'voterId', 'recordedBy'] as const;
const PARTNER_FIELDS = ['partnerId', 'ownerPartnerId'] as const;

/**
 * The history of a meeting as its feed (docs/meetings.md, "The meeting's feed"): every event of the meeting's
 * own stream (scheduling, attendance, agenda, notes, proposals, decisions, next steps, rounds and ballots),
 * newest first, at most `limit`, each with its time, its actor's name and a Dutch and English summary that
 * names people and organisations by their current names. Read from the event store, because the meeting's
 * read model keeps no time per attendance, agenda or round change. Null for an unknown meeting or one of
 * another tenant. What a ballot contains is never in it (the summaries say who voted, not what).
 */
export async function getMeetingFeed(
  store: Pick<EventStore, 'readStream'>,
  db: Queryable,
  tenantId: string,
  meetingId: string,
  limit = 50,
): Promise<MeetingFeed | null> {
  const events = await store.readStream(`meeting-${meetingId}`);
  if (events.length === 0 || events[0]!.metadata.tenantId !== tenantId) return null;
  const shown = events.slice(-limit).reverse();
  const names = await namesFor(db, tenantId, shown);
  const lookup: NameLookup = (kind, id) => names.get(`${kind === 'user' ? 'user' : 'other'}:${id}`);
  return {
    meetingId,
    items: shown.map((event) => ({
      position: event.position,
      type: event.type,
      occurredAt: new Date(event.metadata.occurredAt).toISOString(),
      actor: { id: event.metadata.actorId, name: names.get(`user:${event.metadata.actorId}`) ?? null },
      summary: summaryOf(event, lookup),
    })),
  };
}

function summaryOf(event: StoredEvent, names: NameLookup): { nl: string; en: string } {
  try {
    const text = describeEvent({ type: event.type, data: event.data } as DomainEvent, names);
    return { nl: text.nl, en: text.en };
  } catch {
    // an event this version cannot describe still shows, by its type
    return { nl: event.type, en: event.type };
  }
}

/** Current names of the people (rm_users) and organisations, themes, goals (rm_history_names) named. */
async function namesFor(
  db: Queryable,
  tenantId: string,
  events: readonly StoredEvent[],
): Promise<Map<string, string>> {
  const users = new Set<string>();
  const others = new Set<string>();
  for (const event of events) {
    users.add(event.metadata.actorId);
    const data = (event.data ?? {}) as Record<string, unknown>;
    for (const field of USER_FIELDS) if (typeof data[field] === 'string') users.add(data[field]);
    for (const field of PARTNER_FIELDS) if (typeof data[field] === 'string') others.add(data[field]);
  }
  const { rows } = await db.query<{ kind: string; id: string; name: string }>(
    `select 'user' as kind, id, name from rm_users where tenant_id = $1 and id = any($2::text[])
     union all
     select 'other' as kind, id, name from rm_history_names where tenant_id = $1 and id = any($3::text[])`,
    [tenantId, [...users], [...others]],
  );
  return new Map(rows.map((row) => [`${row.kind}:${row.id}`, row.name]));
}
