import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayInit,
} from '@nestjs/websockets';
import pg from 'pg';
import type { Namespace, Socket } from 'socket.io';
import { IdentityStore } from '#identity';
import { authenticate } from '../auth/auth.guard.js';
import { ApiError } from '../http/api-error.js';
import { READ_POOL } from '../injection-tokens.js';

/** The room of one person's notifications in the `/notifications` namespace. */
export const userRoom = (tenantId: string, userId: string): string => `user:${tenantId}:${userId}`;

type Ack = { ok: true; room: string } | { ok: false; code: string; message: string };

/**
 * The bell, live (docs/notifications.md): socket.io namespace `/notifications`, the same access token as the
 * main channel. A client subscribes to `user:<its own id>` and gets `notifications` ({ changed: true }) when
 * its list changed; it reads the list over REST. Every api process LISTENs to the outbox's NOTIFY (sent by
 * the projection and by "mark read") and tells its own sockets, so it works with any number of processes.
 */
@WebSocketGateway({ namespace: '/notifications' })
export class NotificationsGateway implements OnGatewayInit, BeforeApplicationShutdown {
  @WebSocketServer() private namespace!: Namespace;
  private readonly logger = new Logger('notifications-live');
  private listener: pg.Client | null = null;
  private stopped = false;

  constructor(
    private readonly jwt: JwtService,
    private readonly identity: IdentityStore,
    @Inject(READ_POOL) private readonly pool: pg.Pool,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown };
      const token = typeof auth?.token === 'string' ? auth.token : '';
      authenticate(token ? `Bearer ${token}` : undefined, this.jwt, this.identity).then(
        (caller) => {
          Object.assign(socket.data as object, { tenantId: caller.tenantId, userId: caller.id });
          next();
        },
        (error: unknown) => {
          const code = error instanceof ApiError ? error.code : 'AUTH.TOKEN_INVALID';
          const message = error instanceof Error ? error.message : 'the access token is not valid';
          next(Object.assign(new Error(code), { data: { code, message } }));
        },
      );
    });
    void this.listen();
  }

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Ack {
    const { tenantId, userId } = socket.data as { tenantId: string; userId: string };
    const room = (body as { room?: unknown } | null)?.room;
    if (typeof room !== 'string' || !/^user:[A-Za-z0-9_-]{1,100}$/.test(room)) {
      return { ok: false, code: 'REALTIME.INVALID_ROOM', message: 'room must be "user:<your user id>"' };
    }
    if (room !== `user:${userId}`) {
      return {
        ok: false,
        code: 'AUTH.FORBIDDEN',
        message: "only your own notifications: another person's room",
      };
    }
    void socket.join(userRoom(tenantId, userId));
    return { ok: true, room };
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** LISTEN on a dedicated connection; when it drops, again a second later. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client((this.pool as pg.Pool & { options: pg.ClientConfig }).options);
    const retry = (): void => {
      if (this.listener !== client || this.stopped) return;
      this.listener = null;
      setTimeout(() => void this.listen(), 1000).unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (message) => {
      const [tenantId, userId] = (message.payload ?? '').split(' ');
      if (!tenantId || !userId) return;
      // this process's sockets only: every process hears the same NOTIFY
      this.namespace.local.to(userRoom(tenantId, userId)).emit('notifications', { changed: true });
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query('listen nf_outbox');
    } catch (error) {
      this.logger.warn(`listening for notifications failed: ${String(error)}`);
      retry();
    }
  }
}
