import type { Server, Socket } from 'socket.io';
import {
  START,
  isPosition,
  type EventStore,
  type Position,
  type StoredEvent,
  type Subscription,
} from '#event-store';
import type { ProjectionRunner } from '#read-models';
import {
  SERVER_MESSAGES,
  type ErasureNotice,
  type LiveEvent,
  type LiveSnapshot,
  type SubscribeAck,
  type SocketError,
} from '#realtime-client';
import { mayReceive, type Audience } from './audience.js';
import type { AudienceResolver, Resolved } from './audience-resolver.js';
import { summarize, type NamesCache } from './names-cache.js';
import type { RoomAccess } from './room-access.js';
import type { SocketUser } from './socket-user.js';

export interface LiveHubOptions {
  store: EventStore;
  runner: ProjectionRunner;
  resolver: AudienceResolver;
  names: NamesCache;
  access: RoomAccess;
  /** the read model of a room, for a client whose position is too old to replay */
  snapshot(
    user: SocketUser,
    room: string,
    minPosition: Position,
  ): Promise<{ readModel: unknown; position: Position }>;
  logger: {
    log(message: string): void;
    warn(message: string): void;
    error(message: string, error?: unknown): void;
  };
  /** replays longer than this (events for the room) get a snapshot instead (default 5,000) */
  replayLimit?: number;
  /** log events read per replay before giving up on it and sending a snapshot (default 200,000) */
  scanLimit?: number;
  /** called per push (one event to one room's recipients) and per replayed event */
  onPush?(roomKind: string, recipients: number): void;
}

interface RoomSubscription {
  readonly user: SocketUser;
  readonly socketId: string;
  readonly room: string;
  /** last position delivered to this socket in this room: nothing at or before it is sent again */
  cursor: Position;
  /** while a replay runs, live events wait here (in order) */
  buffer: LiveEvent[] | null;
}

const PAGE_SIZE = 1000;

/** the tenant stream's record of an erasure: announced to the whole tenant as a position alone */
const ERASURE_RECORDED = 'ErasureRecorded';

/**
 * Fans the global log out to this process's sockets. It tails the store, works out who may see each event and
 * in which rooms (from facts kept in memory; only a batch that needs a fact not in memory waits until the
 * projections have applied it, then reads the read models), and broadcasts each event once per room to the
 * sockets allowed to see it, as soon as it is in the log. Every push carries its position: a client that
 * re-reads with `minPosition=<position>` sees at least what the push announced (reads wait for it). Every
 * room subscription keeps a cursor (the last position it delivered), which is what makes replay + live
 * gap-free and duplicate-free.
 */
export class LiveHub {
  private io: Server | null = null;
  private position: Position = START;
  /** the last position of the batch being pushed (ahead of `position` while it is pushed) */
  private seen: Position = START;
  private batchesAtOnce = 0;
  private batchesWaited = 0;
  private subscription: Subscription | null = null;
  /** `${tenantId}|${room}` -> subscriptions */
  private readonly rooms = new Map<string, Set<RoomSubscription>>();
  /** socket id -> its subscriptions by room */
  private readonly sockets = new Map<string, Map<string, RoomSubscription>>();
  private stopping = false;
  private readonly replayLimit: number;
  private readonly scanLimit: number;
  /** the last position each projection of this process committed (reported by the runner) */
  private readonly applied = new Map<string, Position>();
  private appliedWaiters: (() => void)[] = [];
  private readonly stopListening: () => void;
  /** user events passed through the feed (disabled, role changed, logged out): the gateway re-checks them */
  userChanged: ((userIds: string[]) => void) | null = null;

  constructor(private readonly options: LiveHubOptions) {
    this.replayLimit = options.replayLimit ?? 5_000;
    this.scanLimit = options.scanLimit ?? 200_000;
    this.stopListening = options.runner.onApplied((batch) => {
      const known = this.applied.get(batch.projection);
      // a rebuild restarts from zero: forget what was known, the checkpoints tell
      if (batch.rebuilding) this.applied.delete(batch.projection);
      else if (!known || batch.position > known) this.applied.set(batch.projection, batch.position);
      const waiters = this.appliedWaiters;
      this.appliedWaiters = [];
      for (const wake of waiters) wake();
    });
  }

  /** Starts tailing the log from its head (earlier events are replayed per subscription, from the store). */
  async start(io: Server): Promise<void> {
    this.io = io;
    this.stopping = false;
    this.position = await this.options.store.headPosition();
    this.seen = this.position;
    this.follow();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopListening();
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop().catch(() => undefined);
  }

  /** The position up to which this process has pushed every event. */
  get feedPosition(): Position {
    return this.position;
  }

  /**
   * Batches pushed from memory alone, and batches that had to wait for the projections to read a fact from
   * the read models (a first sight of an action, a working-group or plan change, the groups' 30 s refresh).
   */
  get batchCounts(): { atOnce: number; waited: number } {
    return { atOnce: this.batchesAtOnce, waited: this.batchesWaited };
  }

  get subscriptionCount(): number {
    let count = 0;
    for (const subs of this.sockets.values()) count += subs.size;
    return count;
  }

  async subscribe(
    socket: Socket,
    user: SocketUser,
    room: string,
    fromPosition: unknown,
  ): Promise<SubscribeAck> {
    if (
      fromPosition !== undefined &&
      fromPosition !== null &&
      !(typeof fromPosition === 'string' && isPosition(fromPosition))
    ) {
      return refusal('REALTIME.INVALID_POSITION', 'fromPosition must be a position answered by the api');
    }
    const allowed = await this.options.access.authorize(user, room);
    if (!allowed.ok) return allowed;
    let subs = this.sockets.get(socket.id);
    if (!subs) this.sockets.set(socket.id, (subs = new Map<string, RoomSubscription>()));
    // subscribing again to a room (a client that lost an ack): the new subscription replaces the old one
    this.removeSubscription(socket.id, room);
    const live = typeof fromPosition !== 'string';
    const subscription: RoomSubscription = {
      user,
      socketId: socket.id,
      room,
      cursor: live ? this.position : fromPosition,
      buffer: live ? null : [],
    };
    subs.set(room, subscription);
    this.roomSet(user.tenantId, room).add(subscription);
    if (live) return { ok: true, room, position: subscription.cursor, mode: 'live', replayed: 0 };

    try {
      const result = await this.replay(socket, subscription);
      return { ok: true, room, position: subscription.cursor, ...result };
    } catch (error) {
      this.removeSubscription(socket.id, room);
      this.options.logger.error(`replay of ${room} for socket ${socket.id} failed`, error);
      return refusal('REALTIME.REPLAY_FAILED', 'the missed events could not be read; subscribe again');
    }
  }

  unsubscribe(socketId: string, room: string): boolean {
    return this.removeSubscription(socketId, room);
  }

  isSubscribed(socketId: string, room: string): boolean {
    return this.sockets.get(socketId)?.has(room) ?? false;
  }

  /** Forgets a socket; answers the rooms it was in. */
  detach(socketId: string): string[] {
    const subs = this.sockets.get(socketId);
    if (!subs) return [];
    const rooms = [...subs.keys()];
    for (const room of rooms) this.removeSubscription(socketId, room);
    this.sockets.delete(socketId);
    return rooms;
  }

  // ---------------------------------------------------------------------------------------------------

  private follow(): void {
    const subscription = this.options.store.subscribeToAll(this.position, (events, lastPosition) =>
      this.onBatch(events, lastPosition),
    );
    this.subscription = subscription;
    subscription.done.then(
      () => undefined,
      (error: unknown) => {
        if (this.stopping || this.subscription !== subscription) return;
        this.options.logger.error(`live feed stopped at ${this.position}; resuming in 1 s`, error);
        const timer = setTimeout(() => {
          if (!this.stopping && this.subscription === subscription) this.follow();
        }, 1000);
        timer.unref?.();
      },
    );
  }

  private async onBatch(events: StoredEvent[], lastPosition: Position): Promise<void> {
    if (events.length === 0) {
      this.position = lastPosition;
      return;
    }
    this.seen = lastPosition;
    // the read models are read (and so waited for) only for facts that are not in memory
    let waited = false;
    const caughtUp = async (projections?: readonly string[]): Promise<void> => {
      waited = true;
      await this.waitForProjections(lastPosition, projections);
    };
    // the periodic refreshes of facts in memory wait for the projections beside the feed, not in it
    const background = (projections?: readonly string[]): Promise<void> =>
      this.waitForProjections(lastPosition, projections);
    const resolved = await this.options.resolver.resolve(events, caughtUp, background);
    await this.options.names.refreshFor(events, caughtUp, background);
    if (waited) this.batchesWaited++;
    else this.batchesAtOnce++;
    const changedUsers = new Set<string>();
    for (let index = 0; index < events.length; index++) {
      const event = events[index]!;
      this.dispatch(event, resolved.audiences[index]!, resolved);
      if (event.streamId.startsWith('user-')) changedUsers.add(event.streamId.slice('user-'.length));
      if (event.type === ERASURE_RECORDED) this.announceErasure(event.metadata.tenantId, event.position);
    }
    this.position = lastPosition;
    if (changedUsers.size > 0) this.userChanged?.([...changedUsers]);
  }

  /**
   * Resolves once every projection (`only`: the projections named) has applied `position`: a fact read from
   * their read models is then at least as new as the batch. The resolver names the projections each fact is
   * read from, so a push whose facts come from the action list waits for that projection alone, not for the
   * slowest of all (the history, the audit trail). Projections running in this process report each committed batch (no query); those
   * running elsewhere are seen through their checkpoints, read at most every 100 ms while nothing local moves.
   */
  private async waitForProjections(position: Position, only?: readonly string[]): Promise<void> {
    const all = this.options.runner.projectionNames;
    const names = only ? all.filter((name) => only.includes(name)) : all;
    if (names.length === 0) return;
    const reachedHere = (): boolean => names.every((name) => (this.applied.get(name) ?? START) >= position);
    const active = new Set(this.options.runner.activeProjections);
    // projections run by another process (a projector, another api) are seen through their checkpoints
    const elsewhere = names.some((name) => !active.has(name));
    const checkpoints = async (): Promise<boolean> => {
      const result = await this.options.runner.waitForPosition(position, {
        timeoutMs: 0,
        names,
        checkpointsOnly: true,
      });
      if (!result.reached && ++quiet % 600 === 0) {
        this.options.logger.warn(
          `pushes wait for the projections to reach ${position} (they are at ${result.position})`,
        );
      }
      return result.reached;
    };
    let quiet = 0;
    while (!this.stopping) {
      if (reachedHere()) return;
      if (elsewhere && (await checkpoints())) return;
      if (reachedHere()) return;
      // the waiter is registered in the same tick as the check above: a commit cannot slip in unnoticed
      const woken = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), elsewhere ? 50 : 100);
        this.appliedWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      // 100 ms without a local commit although the projections run here: the leases may have moved
      if (!woken && !elsewhere && (await checkpoints())) return;
    }
    throw new Error('live feed stopping');
  }

  private dispatch(event: StoredEvent, audience: Audience, resolved: Resolved): void {
    const io = this.io;
    if (!io) return;
    let base: Omit<LiveEvent, 'room'> | null = null;
    for (const room of audience.rooms) {
      const subs = this.rooms.get(`${audience.tenantId}|${room}`);
      if (!subs || subs.size === 0) continue;
      const socketIds: string[] = [];
      for (const sub of subs) {
        if (event.position <= sub.cursor) continue;
        const groups = resolved.groupsOfUser(sub.user.tenantId, sub.user.id);
        if (!mayReceive(sub.user, audience, groups)) continue;
        base ??= this.toPayload(event);
        sub.cursor = event.position;
        if (sub.buffer) sub.buffer.push({ ...base, room });
        else socketIds.push(sub.socketId);
      }
      if (socketIds.length === 0) continue;
      // one encoding per room, written to every allowed socket of this process
      io.local.to(socketIds).emit('event', { ...base!, room });
      this.options.onPush?.(kindOf(room), socketIds.length);
    }
  }

  /**
   * An erasure (docs/privacy.md) rewrites what many read models show, also what was pushed before: once every
   * projection holds it (the read models then show the marker), every socket of the tenant on this process is
   * told to re-read, whoever it belongs to and whatever rooms it is in. The notice holds the position alone:
   * `ErasureRecorded` names whose data went (its subject), which only coordinators may read. It does not hold
   * up the feed: later events are pushed meanwhile.
   */
  private announceErasure(tenantId: string, position: Position): void {
    this.waitForProjections(position)
      .then(() => this.waitForTenantReplays(tenantId, position))
      .then(
        () => {
          const io = this.io;
          if (!io || this.stopping) return;
          const socketIds: string[] = [];
          for (const socket of io.of('/').sockets.values()) {
            const user = (socket.data as { user?: SocketUser } | undefined)?.user;
            if (user?.tenantId === tenantId) socketIds.push(socket.id);
          }
          if (socketIds.length === 0) return;
          const notice: ErasureNotice = { position };
          io.local.to(socketIds).emit(SERVER_MESSAGES.erased, notice);
        },
        // the feed is stopping: the sockets are told to reconnect, and re-read then
        () => undefined,
      );
  }

  /**
   * The projections passed the erasure as soon as they recorded it; the tenant's rows show the marker once
   * each has replayed the tenant beside it (docs/decisions.md, "Erasure replays beside the projection").
   */
  private async waitForTenantReplays(tenantId: string, position: Position): Promise<void> {
    const names = this.options.runner.projectionNames;
    while (!this.stopping) {
      const result = await this.options.runner.waitForPosition(position, {
        names,
        tenantId,
        timeoutMs: 5_000,
      });
      if (result.reached) return;
    }
    throw new Error('the feed is stopping');
  }

  private toPayload(event: StoredEvent): Omit<LiveEvent, 'room'> {
    const metadata = event.metadata;
    return {
      position: event.position,
      streamId: event.streamId,
      version: event.version,
      type: event.type,
      data: event.data,
      metadata: {
        actorId: metadata.actorId,
        actorName: this.options.names.lookup(metadata.tenantId)('user', metadata.actorId) ?? null,
        occurredAt: metadata.occurredAt,
        meetingId: typeof metadata.meetingId === 'string' ? metadata.meetingId : null,
        correlationId: metadata.correlationId,
      },
      summary: summarize(event, this.options.names),
    };
  }

  /**
   * Sends what the room missed since the subscription's cursor, up to the feed's position, from the store
   * (or a snapshot when that is too much), then the live events that arrived meanwhile.
   */
  private async replay(
    socket: Socket,
    sub: RoomSubscription,
  ): Promise<{ mode: 'replay' | 'snapshot'; replayed: number }> {
    const upTo = this.position;
    const matched: LiveEvent[] = [];
    let from = sub.cursor;
    let scanned = 0;
    let tooMany = false;
    /** the last erasure among the missed events: the socket re-reads after it (see `announceErasure`) */
    let erasedAt: Position | null = null;
    while (from < upTo) {
      const page = await this.options.store.readAll(from, PAGE_SIZE, { tenantId: sub.user.tenantId });
      const events = page.events.filter((event) => event.position <= upTo);
      if (events.length === 0) break;
      scanned += events.length;
      // facts read for a replay are read after the projections reached what the feed has seen
      const caughtUp = (projections?: readonly string[]): Promise<void> =>
        this.waitForProjections(this.seen, projections);
      const resolved = await this.options.resolver.resolve(events, caughtUp);
      await this.options.names.refreshFor(events, caughtUp);
      for (let index = 0; index < events.length; index++) {
        const event = events[index]!;
        const audience = resolved.audiences[index]!;
        if (event.type === ERASURE_RECORDED) erasedAt = event.position;
        if (!audience.rooms.includes(sub.room)) continue;
        const groups = resolved.groupsOfUser(sub.user.tenantId, sub.user.id);
        if (!mayReceive(sub.user, audience, groups)) continue;
        matched.push({ ...this.toPayload(event), room: sub.room });
      }
      if (matched.length > this.replayLimit || scanned > this.scanLimit) {
        tooMany = true;
        break;
      }
      if (events.length < page.events.length || page.events.length < PAGE_SIZE) break;
      from = page.position;
    }

    let mode: 'replay' | 'snapshot';
    let replayed = 0;
    /** what the replay or the snapshot covered: buffered live events up to here are not sent again */
    let covered: Position = upTo;
    if (tooMany) {
      const snapshot = await this.options.snapshot(sub.user, sub.room, upTo);
      covered = snapshot.position > upTo ? snapshot.position : upTo;
      const message: LiveSnapshot = { room: sub.room, readModel: snapshot.readModel, position: covered };
      socket.emit('snapshot', message);
      mode = 'snapshot';
    } else {
      for (const event of matched) socket.emit('event', event);
      replayed = matched.length;
      mode = 'replay';
      if (replayed > 0) this.options.onPush?.(kindOf(sub.room), replayed);
    }
    // live events that arrived during the replay (all after `upTo`), minus what a snapshot already reflects
    const buffered = sub.buffer ?? [];
    sub.buffer = null;
    let cursor = covered > sub.cursor ? covered : sub.cursor;
    for (const event of buffered) {
      if (event.position <= covered) continue;
      socket.emit('event', event);
      if (event.position > cursor) cursor = event.position;
    }
    sub.cursor = cursor;
    // an erasure while this socket was away: what it showed before may hold the erased data
    if (erasedAt !== null) {
      const notice: ErasureNotice = { position: erasedAt };
      socket.emit(SERVER_MESSAGES.erased, notice);
    }
    return { mode, replayed };
  }

  private roomSet(tenantId: string, room: string): Set<RoomSubscription> {
    const key = `${tenantId}|${room}`;
    let subs = this.rooms.get(key);
    if (!subs) this.rooms.set(key, (subs = new Set()));
    return subs;
  }

  private removeSubscription(socketId: string, room: string): boolean {
    const subs = this.sockets.get(socketId);
    const sub = subs?.get(room);
    if (!subs || !sub) return false;
    subs.delete(room);
    const key = `${sub.user.tenantId}|${room}`;
    const roomSubs = this.rooms.get(key);
    roomSubs?.delete(sub);
    if (roomSubs?.size === 0) this.rooms.delete(key);
    return true;
  }
}

function refusal(code: string, message: string): SocketError {
  return { ok: false, code, message };
}

const kindOf = (room: string): string => (room.includes(':') ? room.slice(0, room.indexOf(':')) : room);
