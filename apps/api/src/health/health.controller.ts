import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type pg from 'pg';
import type { ProjectionRunner } from '#read-models';
import { EVENT_STORE, type EventStore } from '#event-store';
import type { AppConfig } from '#platform';
import {
  APP_CONFIG,
  LIFECYCLE,
  PROJECTION_RUNNER,
  READ_POOL,
  STORAGE_FAILURE_HOLD_MS,
  type Lifecycle,
} from '../injection-tokens.js';
import { Public } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';

/** How long a dependency may take to answer a readiness check. */
const CHECK_TIMEOUT_MS = 3_000;

const within = <T>(work: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(READ_POOL) private readonly pool: pg.Pool,
    @Inject(LIFECYCLE) private readonly lifecycle: Lifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Event store kind, head position and every projection with its position and lag' })
  async overview() {
    const [head, projections] = await Promise.all([this.store.headPosition(), this.runner.status()]);
    return {
      status: 'ok',
      eventStore: { kind: this.store.kind, head },
      projections: projections.map(({ name, position, lag, running, lastError }) => ({
        name,
        position,
        lag,
        running,
        lastError,
      })),
    };
  }

  @Public()
  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is asked; for the orchestrator)' })
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary:
      'Readiness: the database and the event store answer and the api is not shutting down (503 otherwise); ' +
      'projections far behind (HEALTH_MAX_PROJECTION_LAG) make it "degraded", still 200',
  })
  @ApiResponse({ status: 200, description: 'ready (status ok or degraded)' })
  @ApiResponse({ status: 503, description: '`HEALTH.NOT_READY` with the failing checks in details' })
  async ready() {
    try {
      return await this.health.check([
        () => {
          const check = this.indicators.check('lifecycle');
          return this.lifecycle.shuttingDown ? check.down({ message: 'shutting down' }) : check.up();
        },
        async () => {
          const check = this.indicators.check('database');
          try {
            await within(this.pool.query('select 1'), 'the database');
            return check.up();
          } catch (error) {
            return check.down({ message: (error as Error).message });
          }
        },
        async () => {
          const check = this.indicators.check('eventStore');
          try {
            const head = await within(this.store.headPosition(), 'the event store');
            return check.up({ kind: this.store.kind, head });
          } catch (error) {
            return check.down({ kind: this.store.kind, message: (error as Error).message });
          }
        },
        () => {
          const check = this.indicators.check('storage');
          const failure = this.lifecycle.storageFailure;
          return failure && Date.now() - failure.at < STORAGE_FAILURE_HOLD_MS
            ? check.down({ message: `the database refused a write: ${failure.message}` })
            : check.up();
        },
        async () => {
          const check = this.indicators.check('projections');
          // a check that fails or times out is "not ready" (503), never a 500
          try {
            const status = await within(this.runner.status(), 'the projection checkpoints');
            const lag = Object.fromEntries(status.map((projection) => [projection.name, projection.lag]));
            const behind = status.filter((projection) => projection.lag > this.config.healthMaxProjectionLag);
            return behind.length > 0
              ? check.degraded({ lag, behind: behind.map((projection) => projection.name) })
              : check.up({ lag });
          } catch (error) {
            return check.down({ message: (error as Error).message });
          }
        },
      ]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        throw new ApiError(503, 'HEALTH.NOT_READY', 'not ready', error.getResponse());
      }
      // whatever else went wrong while checking, the answer is "not ready", never a 500
      throw new ApiError(503, 'HEALTH.NOT_READY', 'not ready', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
