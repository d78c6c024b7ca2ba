import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { ProjectionRunner } from '#read-models';
import { startProjector, type RunningProjector, type StartProjectorOptions } from './projector.js';

/** The running projector (see `startProjector`). */
export const RUNNING_PROJECTOR = Symbol('RUNNING_PROJECTOR');
/** Its `ProjectionRunner`: status(), waitForPosition(), onApplied(), rebuild(). */
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');

@Injectable()
class ProjectorShutdown implements OnApplicationShutdown {
  constructor(@Inject(RUNNING_PROJECTOR) private readonly projector: RunningProjector) {}

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}

/**
 * Runs the projections inside a Nest application (the api in embedded mode) and stops them, at a batch
 * boundary, when the application shuts down.
 */
@Module({})
export class ProjectorModule {
  static forRoot(options: StartProjectorOptions): DynamicModule {
    return ProjectorModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(config: {
    useFactory: (...deps: never[]) => StartProjectorOptions | Promise<StartProjectorOptions>;
    inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
    imports?: DynamicModule['imports'];
  }): DynamicModule {
    return {
      module: ProjectorModule,
      imports: config.imports ?? [],
      providers: [
        {
          provide: RUNNING_PROJECTOR,
          useFactory: async (...deps: never[]) => startProjector(await config.useFactory(...deps)),
          inject: config.inject ?? [],
        },
        {
          provide: PROJECTION_RUNNER,
          useFactory: (projector: RunningProjector): ProjectionRunner => projector.runner,
          inject: [RUNNING_PROJECTOR],
        },
        ProjectorShutdown,
      ],
      exports: [RUNNING_PROJECTOR, PROJECTION_RUNNER],
    };
  }
}
