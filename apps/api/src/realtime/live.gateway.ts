import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Server, Socket } from 'socket.io';
import { IdentityStore } from '#identity';
import {
  CLIENT_MESSAGES,
  roomKind,
  type Ack,
  type ByeMessage,
  type SocketError,
  type SubscribeAck,
} from '#realtime-client';
import { authenticate } from '../auth/auth.guard.js';
import { ApiError } from '../http/api-error.js';
import { unavailableBody } from '../http/error.filter.js';
import { LiveHub } from './live-hub.js';
import { hasPresence, Presence, type PresenceData } from './presence.js';
import { LIVE_METRICS, type LiveMetrics } from './live-metrics.js';
import type { SocketUser } from './socket-user.js';

const KNOWN_MESSAGES = new Set<string>(Object.values(CLIENT_MESSAGES));
/** messages per second per socket (sustained), with a burst of the same size */
const MESSAGES_PER_SECOND = 20;
/** refused messages in a row after which the socket is closed */
const MAX_VIOLATIONS = 100;
/** how often the sessions behind the open sockets are checked (logout, disabled account) */
const SESSION_CHECK_MS = 30_000;

/** `socket.data` travels to other processes (presence): only plain data in it, local state beside it. */
type SocketState = PresenceData & { user: SocketUser };
interface LocalState {
  violations: number;
  expiry: NodeJS.Timeout | null;
}

/**
 * The socket.io gateway of docs/realtime.md: authenticates the handshake with the access token, authorises
 * every `subscribe` by the REST matrix (RoomAccess), hands rooms to the LiveHub (replay + live pushes), runs
 * presence, limits messages per socket, and closes sockets whose token expired or whose session ended.
 */
@WebSocketGateway()
export class LiveGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown
{
  @WebSocketServer() private server!: Server;
  private readonly logger = new Logger('realtime');
  private readonly limiter = new RateLimiterMemory({ points: MESSAGES_PER_SECOND, duration: 1 });
  private readonly presence = new Presence(() => this.server);
  private sessionTimer: NodeJS.Timeout | null = null;
  private started: Promise<void> = Promise.resolve();
  private shuttingDown = false;
  private readonly local = new WeakMap<Socket, LocalState>();

  constructor(
    private readonly hub: LiveHub,
    private readonly jwt: JwtService,
    private readonly identity: IdentityStore,
    @Inject(LIVE_METRICS) private readonly metrics: LiveMetrics,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.authenticateHandshake(socket).then(
        () => next(),
        (error: unknown) => {
          // a database that is away is not a bad token: the client keeps reconnecting
          const unavailable = unavailableBody(error);
          const code = error instanceof ApiError ? error.code : (unavailable?.code ?? 'AUTH.TOKEN_INVALID');
          const message =
            unavailable?.message ??
            (error instanceof Error ? error.message : 'the access token is not valid');
          next(Object.assign(new Error(code), { data: { code, message } }));
        },
      );
    });
    this.hub.userChanged = (userIds) => void this.recheckUsers(userIds);
    this.started = this.hub.start(server).catch((error: unknown) => {
      this.logger.error(`the live feed did not start: ${String(error)}`);
      throw error;
    });
    this.sessionTimer = setInterval(() => void this.checkSessions(), SESSION_CHECK_MS);
    this.sessionTimer.unref();
  }

  handleConnection(socket: Socket): void {
    const state = socket.data as SocketState;
    if (!state.user) {
      socket.disconnect(true);
      return;
    }
    this.metrics.connected(1);
    const local: LocalState = { violations: 0, expiry: null };
    this.local.set(socket, local);
    const untilExpiry = state.user.expiresAt - Date.now();
    local.expiry = setTimeout(
      () =>
        this.bye(socket, {
          code: 'AUTH.TOKEN_EXPIRED',
          message: 'the access token has expired: refresh it and connect again',
          reconnect: true,
        }),
      Math.max(0, Math.min(untilExpiry, 2 ** 31 - 1)),
    );
    local.expiry.unref();
    // every incoming message: known, within the rate, from a socket still allowed to talk
    socket.use(([event, ...args], next) => {
      const ack = typeof args.at(-1) === 'function' ? (args.at(-1) as (answer: unknown) => void) : null;
      const refuse = (error: SocketError): void => {
        if (ack) ack(error);
        else socket.emit('error', error);
      };
      if (!KNOWN_MESSAGES.has(event)) {
        refuse({
          ok: false,
          code: 'REALTIME.UNKNOWN_MESSAGE',
          message: `unknown message "${String(event)}"`,
        });
        return;
      }
      this.limiter.consume(socket.id).then(
        () => {
          local.violations = 0;
          next();
        },
        (rejection: unknown) => {
          if (!(rejection instanceof RateLimiterRes)) {
            next(rejection instanceof Error ? rejection : new Error(String(rejection)));
            return;
          }
          local.violations++;
          refuse({
            ok: false,
            code: 'REALTIME.RATE_LIMITED',
            message: `more than ${MESSAGES_PER_SECOND} messages a second; retry in ${rejection.msBeforeNext} ms`,
          });
          if (local.violations >= MAX_VIOLATIONS) {
            this.bye(socket, {
              code: 'REALTIME.RATE_LIMITED',
              message: 'too many messages',
              reconnect: false,
            });
          }
        },
      );
    });
  }

  handleDisconnect(socket: Socket): void {
    const state = socket.data as SocketState;
    if (!state.user) return;
    this.metrics.connected(-1);
    const local = this.local.get(socket);
    if (local?.expiry) clearTimeout(local.expiry);
    void this.limiter.delete(socket.id);
    const rooms = this.hub.detach(socket.id);
    if (this.shuttingDown) return;
    this.presence.gone(state.user.tenantId, rooms).catch((error: unknown) => {
      this.logger.warn(`presence after a disconnect: ${String(error)}`);
    });
  }

  @SubscribeMessage(CLIENT_MESSAGES.subscribe)
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const state = socket.data as SocketState;
    if (!isObject(body)) return invalid('subscribe needs { room, fromPosition? }');
    await this.started;
    try {
      const ack = await this.hub.subscribe(socket, state.user, body.room as string, body.fromPosition);
      if (ack.ok && hasPresence(ack.room) && socket.connected) {
        await this.presence.join(socket, state.user.tenantId, ack.room);
      }
      return ack;
    } catch (error) {
      // the room's access check needs the database: while it is away, "not now" (the client asks again)
      const unavailable = unavailableBody(error);
      if (!unavailable) throw error;
      this.hub.unsubscribe(socket.id, body.room as string);
      return { ok: false, code: unavailable.code, message: unavailable.message };
    }
  }

  @SubscribeMessage(CLIENT_MESSAGES.unsubscribe)
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const state = socket.data as SocketState;
    if (!isObject(body) || typeof body.room !== 'string') return invalid('unsubscribe needs { room }');
    const was = this.hub.unsubscribe(socket.id, body.room);
    if (was && hasPresence(body.room)) await this.presence.leave(socket, state.user.tenantId, body.room);
    return { ok: true };
  }

  @SubscribeMessage(CLIENT_MESSAGES.editing)
  async editing(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const state = socket.data as SocketState;
    if (!isObject(body) || typeof body.room !== 'string') {
      return invalid('editing needs { room, actionId, field? }');
    }
    const { room, actionId, agendaItemId, field } = body;
    if (!hasPresence(room)) return invalid('editing hints exist in working-group and meeting rooms only');
    if (!this.hub.isSubscribed(socket.id, room)) {
      return { ok: false, code: 'REALTIME.NOT_SUBSCRIBED', message: `subscribe to ${room} first` };
    }
    if (actionId !== null && (typeof actionId !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(actionId))) {
      return invalid('actionId must be an action id or null');
    }
    if (field !== undefined && (typeof field !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]{0,59}$/.test(field))) {
      return invalid('field must be a field name such as "status"');
    }
    // a meeting's agenda item (its discussion notes): in meeting rooms only
    if (
      agendaItemId !== undefined &&
      (typeof agendaItemId !== 'string' ||
        !/^[A-Za-z0-9_-]{1,100}$/.test(agendaItemId) ||
        roomKind(room) !== 'meeting')
    ) {
      return invalid('agendaItemId must be an agenda item id, in a meeting room');
    }
    const hint =
      actionId === null && agendaItemId === undefined
        ? null
        : {
            ...(actionId !== null ? { actionId } : {}),
            ...(agendaItemId !== undefined ? { agendaItemId } : {}),
            ...(field ? { field } : {}),
          };
    await this.presence.setEditing(socket, state.user.tenantId, room, hint);
    return { ok: true };
  }

  /** Closing down: every socket is told to reconnect (to another process), the feed stops. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.sessionTimer) clearInterval(this.sessionTimer);
    const bye: ByeMessage = {
      code: 'SERVER.SHUTTING_DOWN',
      message: 'this server is shutting down: connect again',
      reconnect: true,
    };
    if (this.server) {
      this.server.local.emit('bye', bye);
      this.server.local.disconnectSockets(true);
    }
    await this.hub.stop();
  }

  /** The users whose events passed through the feed (disabled, role changed, logged out): check them now. */
  async recheckUsers(userIds: readonly string[]): Promise<void> {
    const wanted = new Set(userIds);
    await this.checkSessions((state) => wanted.has(state.user.id));
  }

  private async authenticateHandshake(socket: Socket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown };
    const token = typeof auth?.token === 'string' ? auth.token : '';
    const caller = await authenticate(token ? `Bearer ${token}` : undefined, this.jwt, this.identity);
    const claims = this.jwt.decode<{ exp?: number } | null>(token);
    const user: SocketUser = {
      id: caller.id,
      name: caller.name,
      tenantId: caller.tenantId,
      role: caller.role,
      partnerId: caller.partnerId,
      sessionId: caller.sessionId,
      expiresAt: (claims?.exp ?? 0) * 1000,
    };
    const state: SocketState = { user, editing: {} };
    Object.assign(socket.data as object, state);
  }

  private async checkSessions(filter: (state: SocketState) => boolean = () => true): Promise<void> {
    if (!this.server || this.shuttingDown) return;
    const sockets = [...this.server.of('/').sockets.values()].filter((socket) => {
      const state = socket.data as SocketState;
      return state.user !== undefined && filter(state);
    });
    if (sockets.length === 0) return;
    try {
      const sessionIds = [...new Set(sockets.map((socket) => (socket.data as SocketState).user.sessionId))];
      const live = await this.identity.liveSessionIds(sessionIds);
      for (const socket of sockets) {
        if (!live.has((socket.data as SocketState).user.sessionId)) {
          this.bye(socket, {
            code: 'AUTH.SESSION_ENDED',
            message: 'the session has ended (logged out, expired or the account was disabled)',
            reconnect: false,
          });
        }
      }
    } catch (error) {
      this.logger.warn(`session check failed: ${String(error)}`);
    }
  }

  private bye(socket: Socket, bye: ByeMessage): void {
    socket.emit('bye', bye);
    socket.disconnect(true);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (message: string): SocketError => ({ ok: false, code: 'REALTIME.INVALID_MESSAGE', message });
