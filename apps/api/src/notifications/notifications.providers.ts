import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { EVENT_STORE, type EventStore } from '#event-store';
import { NotificationQueries, NotificationSender } from '#notifications';
import type { AppConfig } from '#platform';
import { APP_CONFIG, NOTIFICATION_SENDER } from '../injection-tokens.js';

export interface NotificationsRuntime {
  config: Pick<AppConfig, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'notificationSender'>;
  jwtSecret: string;
  readPool: pg.Pool;
  store: EventStore;
}

/**
 * Starts the outbox's sender in this api process (docs/notifications.md): every api process runs one, a
 * lease makes one of them deliver. Links in mails point at PUBLIC_URL, or at this server's own address.
 */
@Injectable()
export class NotificationSenderLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'notificationSender'>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.notificationSender) this.sender.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sender.stop();
  }
}

export function notificationProviders(runtime: NotificationsRuntime): Provider[] {
  return [
    {
      provide: NotificationQueries,
      useFactory: () => new NotificationQueries(runtime.readPool, runtime.store),
    },
    {
      provide: NOTIFICATION_SENDER,
      inject: [HttpAdapterHost, EVENT_STORE],
      useFactory: (host: HttpAdapterHost, store: EventStore) => {
        const logger = new Logger('notifications');
        const ownAddress = (): string => {
          const server = host.httpAdapter?.getHttpServer() as import('node:http').Server | undefined;
          const address = server?.address() as AddressInfo | null | undefined;
          return address ? `http://localhost:${address.port}` : 'http://localhost';
        };
        return new NotificationSender({
          pool: runtime.readPool,
          connect: () => new pg.Client((runtime.readPool as pg.Pool & { options: pg.ClientConfig }).options),
          store,
          smtpUrl: runtime.config.smtpUrl,
          mailFrom: runtime.config.mailFrom,
          appUrl: () => runtime.config.publicUrl ?? ownAddress(),
          secret: runtime.jwtSecret,
          log: (line) => logger.log(line),
        });
      },
    },
    NotificationSenderLifecycle,
  ];
}
