/**
 * The realtime protocol (docs/realtime.md), shared by the api's gateway and the client helper. Types only:
 * the server imports them without depending on socket.io-client.
 */

/** Rooms a client may join; the server checks each against the caller's role and scope. */
export type RoomName =
  'tenant' | `plan:${string}` | `action:${string}` | `working-group:${string}` | `meeting:${string}`;

export const ROOM_KINDS = ['tenant', 'plan', 'action', 'working-group', 'meeting'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** Rooms whose members are announced to each other (presence and "is editing" hints). */
export const PRESENCE_ROOM_KINDS: readonly RoomKind[] = ['working-group', 'meeting'];

export interface LocalizedSummary {
  nl: string;
  en: string;
}

/**
 * Server -> client `event`: one stored event, pushed as soon as it is in the log. A read with
 * `minPosition=<position>` sees at least what it announces (the projections may not have applied it yet).
 */
export interface LiveEvent {
  /** the room this push is for (a client in two rooms gets the event once per room) */
  room: string;
  position: string;
  streamId: string;
  /** 1-based version of the event in its stream */
  version: number;
  type: string;
  data: unknown;
  metadata: {
    actorId: string;
    /** the acting person's name, when the actor is a user of the tenant */
    actorName?: string | null;
    occurredAt: string;
    meetingId?: string | null;
    correlationId?: string;
  };
  summary: LocalizedSummary;
}

/** Server -> client `snapshot`: the room's read model, sent instead of a replay that would be too long. */
export interface LiveSnapshot {
  room: string;
  readModel: unknown;
  /** the position the read model reflects; later events follow as `event` */
  position: string;
}

/**
 * What a person is editing: an action (`actionId`), or in a meeting room an agenda item's discussion notes
 * (`agendaItemId`, `field: 'notes'`); at least one of the two.
 */
export interface EditingHint {
  actionId?: string;
  agendaItemId?: string;
  field?: string;
}

export interface PresenceMember {
  userId: string;
  displayName: string;
  role: string;
  /** what this person is editing in the room right now, if anything */
  editing: EditingHint | null;
  /** how many connections (tabs, devices) the person has in the room */
  connections: number;
}

/** Server -> client `presence`: everyone in a working-group or meeting room, on every change. */
export interface PresenceUpdate {
  room: string;
  members: PresenceMember[];
  /** server time of the update; a client ignores an update older than the one it has */
  at: string;
}

/** Client -> server `subscribe`. */
export interface SubscribeRequest {
  room: string;
  /** the last position the client saw in this room; omitted: live from now */
  fromPosition?: string;
}

export type SubscribeAck =
  | {
      ok: true;
      room: string;
      /** the client is now current up to here: replayed events (or a snapshot) came before the ack */
      position: string;
      /** `replay`: the missed events were sent; `snapshot`: too many, a snapshot was sent; `live`: no fromPosition */
      mode: 'replay' | 'snapshot' | 'live';
      replayed: number;
    }
  | SocketError;

/** Client -> server `unsubscribe`. */
export interface UnsubscribeRequest {
  room: string;
}

/** Client -> server `editing`: `actionId` null clears the hint. */
export interface EditingRequest {
  room: string;
  actionId: string | null;
  field?: string;
}

export type Ack = { ok: true } | SocketError;

/** Every refusal: an ack `{ ok: false, code, message }`, or an `error` message for what had no ack. */
export interface SocketError {
  ok: false;
  code: string;
  message: string;
}

/**
 * Server -> client `erased`: personal data of the tenant was erased (docs/privacy.md) and the read models now
 * show the marker where it was; what a client shows may hold it, so it re-reads with `minPosition=<position>`.
 * Sent to every socket of the tenant, whatever its role and rooms, and after a replay that passed an erasure.
 * Nothing but the position: whose data went is for coordinators (the `ErasureRecorded` event in `tenant`).
 */
export interface ErasureNotice {
  position: string;
}

/** Server -> client `bye` before the server closes the connection on purpose. */
export interface ByeMessage {
  code: string;
  message: string;
  /** true: connect again (to this or another api process), resubscribing from the last positions */
  reconnect: boolean;
}

export const CLIENT_MESSAGES = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  editing: 'editing',
} as const;

export const SERVER_MESSAGES = {
  event: 'event',
  snapshot: 'snapshot',
  presence: 'presence',
  error: 'error',
  bye: 'bye',
  erased: 'erased',
} as const;

/** Largest message a client may send (bytes); larger ones close the connection. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export function roomKind(room: string): RoomKind | null {
  if (room === 'tenant') return 'tenant';
  const colon = room.indexOf(':');
  if (colon < 0) return null;
  const kind = room.slice(0, colon);
  return (ROOM_KINDS as readonly string[]).includes(kind) && kind !== 'tenant' ? (kind as RoomKind) : null;
}
