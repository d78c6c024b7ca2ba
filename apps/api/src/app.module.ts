import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { IdentityStore } from '#identity';
import { ActionAccess } from './auth/action-access.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import type pg from 'pg';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ReadModelQueries, type ProjectionRunner } from '#read-models';
import type { AppConfig } from '#platform';
import { ActionsController } from './actions/actions.controller.js';
import { HealthController } from './health/health.controller.js';
import { ErrorFilter } from './http/error.filter.js';
import { createValidationPipe } from './http/validation.js';
import { PartnersController } from './partners/partners.controller.js';
import { PlanImportController } from './plans/plan-import.controller.js';
import { PlanImportJobsController } from './plans/plan-import-jobs.controller.js';
import { PlansController } from './plans/plans.controller.js';
import { PlanTreeController } from './plans/plan-tree.controller.js';
import { IndicatorsController } from './plans/indicators.controller.js';
import { PlanTransferController } from './plans/plan-transfer.controller.js';
import { ActionListDownloadController } from './plans/action-list-download.controller.js';
import { PublicController } from './public/public.controller.js';
import { APP_CONFIG, LIFECYCLE, PROJECTION_RUNNER, READ_POOL, type Lifecycle } from './injection-tokens.js';
import { CommandService, ErasureService, UserAdmin } from '#commands';
import { UsersController } from './users/users.controller.js';
import { InvitationsController } from './users/invitations.controller.js';
import { WorkingGroupsController } from './working-groups/working-groups.controller.js';
import { MeetingAccess } from './meetings/meeting-access.js';
import { MeetingsController } from './meetings/meetings.controller.js';
import { MeetingAttendanceController } from './meetings/attendance.controller.js';
import { MeetingAgendaController } from './meetings/agenda.controller.js';
import { MeetingRoundsController } from './meetings/rounds.controller.js';
import { MeetingMinutesController } from './meetings/minutes.controller.js';
import { MeetingWrites } from './meetings/meeting-writes.js';
import { MeetingFeedController } from './meetings/meeting-feed.controller.js';
import { PlanRecentChangesController } from './plans/plan-recent-changes.controller.js';
import { PlanChangesController } from './plans/plan-changes.controller.js';
import { SignalAccess } from './signals/signal-access.js';
import { SignalsController } from './signals/signals.controller.js';
import { FirstRun } from './setup/first-run.js';
import { SetupController } from './setup/setup.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { realtimeProviders } from './realtime/realtime.providers.js';
import type { LiveMetrics } from './realtime/live-metrics.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { NotificationsGateway } from './notifications/notifications.gateway.js';
import { notificationProviders } from './notifications/notifications.providers.js';
import { AuditVerifyController } from './audit/audit-verify.controller.js';
import { ErasuresController } from './erasures/erasures.controller.js';
import { DailyCheckpointsService } from './audit/daily-checkpoints.provider.js';
import { PeriodsController } from './periods/periods.controller.js';

export interface AppRuntime {
  config: AppConfig;
  jwtSecret: string;
  identity: IdentityStore;
  commands: CommandService;
  userAdmin: UserAdmin;
  erasures: ErasureService;
  store: EventStore;
  readPool: pg.Pool;
  runner: ProjectionRunner;
  lifecycle: Lifecycle;
  liveMetrics?: LiveMetrics;
  /** the first-run setup of an empty deployment (docs/onboarding.md) */
  firstRun: FirstRun;
}

@Module({})
export class AppModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        JwtModule.register({
          // a key object, not the string: given a string, jsonwebtoken first tries to read it as a PEM public
          // key on every verify (createPublicKey throws, then createSecretKey), 367 against 10 µs, 5 % of the
          // api's CPU in bench:live (docs/benchmarks.md "Live pushes: fewer transactions, shared reads").
          // Same HMAC key, same tokens.
          secret: createSecretKey(Buffer.from(runtime.jwtSecret, 'utf8')),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        AuthController,
        HealthController,
        PlanImportJobsController,
        PlanImportController,
        PlansController,
        PlanTreeController,
        IndicatorsController,
        PlanTransferController,
        ActionListDownloadController,
        PublicController,
        ActionsController,
        PartnersController,
        UsersController,
        InvitationsController,
        WorkingGroupsController,
        MeetingsController,
        MeetingAttendanceController,
        MeetingAgendaController,
        MeetingRoundsController,
        MeetingMinutesController,
        MeetingFeedController,
        PlanRecentChangesController,
        PlanChangesController,
        SignalsController,
        SetupController,
        NotificationsController,
        AuditVerifyController,
        ErasuresController,
        AuditController,
        PeriodsController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: IdentityStore, useValue: runtime.identity },
        AuthService,
        ActionAccess,
        MeetingAccess,
        MeetingWrites,
        SignalAccess,
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: LIFECYCLE, useValue: runtime.lifecycle },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: READ_POOL, useValue: runtime.readPool },
        { provide: PROJECTION_RUNNER, useValue: runtime.runner },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: CommandService, useValue: runtime.commands },
        { provide: UserAdmin, useValue: runtime.userAdmin },
        { provide: ErasureService, useValue: runtime.erasures },
        { provide: FirstRun, useValue: runtime.firstRun },
        {
          provide: ReadModelQueries,
          // in-process projections wake waiting reads directly; otherwise reads poll the checkpoints
          useFactory: () =>
            new ReadModelQueries(runtime.readPool, {
              ...(runtime.config.embeddedProjector
                ? {
                    waitForPosition: (
                      minPosition: string,
                      names: readonly string[],
                      timeoutMs: number,
                      tenantId?: string,
                    ) =>
                      runtime.runner.waitForPosition(minPosition, {
                        names,
                        timeoutMs,
                        ...(tenantId === undefined ? {} : { tenantId }),
                      }),
                  }
                : {}),
            }),
        },
        DailyCheckpointsService,
        ...realtimeProviders(runtime),
        ...notificationProviders(runtime),
        NotificationsGateway,
      ],
    };
  }
}
