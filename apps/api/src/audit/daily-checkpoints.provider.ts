import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type pg from 'pg';
import {
  DailyChainCheckpoints,
  EVENT_STORE,
  PostgresChainCheckpoints,
  type ChainSource,
  type EventStore,
} from '#event-store';
import { READ_POOL } from '../injection-tokens.js';

/** Records each tenant's daily checkpoint of its hash chain (docs/audit.md) while the api runs. */
@Injectable()
export class DailyCheckpointsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('audit');
  private readonly daily: DailyChainCheckpoints;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_POOL) pool: pg.Pool) {
    this.daily = new DailyChainCheckpoints(
      store as EventStore & ChainSource,
      new PostgresChainCheckpoints(pool),
      {
        onError: (error) =>
          this.logger.warn(
            `daily checkpoint failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
      },
    );
  }

  onApplicationBootstrap(): void {
    this.daily.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.daily.stop();
  }
}
