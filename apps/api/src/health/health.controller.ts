import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProjectionRunner } from '#read-models';
import { EVENT_STORE, type EventStore } from '#event-store';
import { PROJECTION_RUNNER } from '../tokens.js';
import { Public } from '../auth/roles.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Event store kind, head position and every projection with its position and lag' })
  async health() {
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
}
