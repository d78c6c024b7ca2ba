import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { IdentityStore } from '#identity';
import { ActionAccess } from './auth/action-access.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { CqrsModule } from '@nestjs/cqrs';
import type pg from 'pg';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ReadModelQueries, type ProjectionRunner } from '#read-models';
import type { AppConfig } from '#platform';
import { ActionsController } from './actions/actions.controller.js';
import { HealthController } from './health/health.controller.js';
import { ErrorFilter } from './http/error.filter.js';
import { createValidationPipe } from './http/validation.js';
import { PartnersController } from './partners/partners.controller.js';
import { PlansController } from './plans/plans.controller.js';
import { APP_CONFIG, PROJECTION_RUNNER, READ_POOL } from './tokens.js';
import { COMMAND_HANDLERS } from './write/command-handlers.js';
import { CommandService } from '#commands';

export interface AppRuntime {
  config: AppConfig;
  jwtSecret: string;
  identity: IdentityStore;
  store: EventStore;
  readPool: pg.Pool;
  runner: ProjectionRunner;
}

/** Requests are counted per client address; logins per address and email, so one office does not lock out another. */
function throttleKey(request: Record<string, unknown>): string {
  const ip = typeof request.ip === 'string' ? request.ip : 'unknown';
  const body = request.body as { email?: unknown } | undefined;
  const url = typeof request.url === 'string' ? request.url : '';
  return url.startsWith('/api/auth/login') && typeof body?.email === 'string' ? `${ip}|${body.email.toLowerCase()}` : ip;
}

@Module({})
export class AppModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        JwtModule.register({ secret: runtime.jwtSecret, signOptions: { algorithm: 'HS256' } }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: runtime.config.rateLimitPerMinute }],
          getTracker: throttleKey,
        }),
      ],
      controllers: [AuthController, HealthController, PlansController, ActionsController, PartnersController],
      providers: [
        // throttling first, so a flood of bad tokens costs no database lookups
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: IdentityStore, useValue: runtime.identity },
        AuthService,
        ActionAccess,
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: READ_POOL, useValue: runtime.readPool },
        { provide: PROJECTION_RUNNER, useValue: runtime.runner },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: CommandService, useValue: new CommandService(runtime.store) },
        {
          provide: ReadModelQueries,
          // in-process projections wake waiting reads directly; otherwise reads poll the checkpoints
          useFactory: () =>
            new ReadModelQueries(runtime.readPool, {
              ...(runtime.config.embeddedProjector
                ? {
                    waitForPosition: (minPosition: string, names: readonly string[], timeoutMs: number) =>
                      runtime.runner.waitForPosition(minPosition, { names, timeoutMs }),
                  }
                : {}),
            }),
        },
        ...COMMAND_HANDLERS,
      ],
    };
  }
}
