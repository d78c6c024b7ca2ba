import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import {
  listRecentChanges,
  RECENT_CHANGES_SOURCES,
  waitForCheckpoints,
  type RecentChangesReader,
} from '#read-models';
import { Roles } from '../auth/roles.js';
import { notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors } from '../http/openapi.js';
import { CurrentCaller, type Caller } from '../http/request-context.js';
import { READ_POOL } from '../injection-tokens.js';
import { RecentChangesQueryDto } from './plan-recent-changes.dto.js';

/**
 * The latest changes to a plan's actions, for the dashboard's feed on load (docs/access.md): every role,
 * without notes and signals for viewers, only its organisation's actions for partner staff.
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanRecentChangesController {
  constructor(@Inject(READ_POOL) private readonly db: pg.Pool) {}

  @Get(':planId/recent-changes')
  @Roles('coordinator', 'member', 'partner', 'viewer')
  @ApiOperation({
    summary:
      "The latest changes to the plan's actions, newest first: action code and title, who, what (Dutch and English), when",
  })
  @ApiErrors(404)
  async recentChanges(
    @Param('planId', IdParam) planId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: RecentChangesQueryDto,
  ) {
    if (query.minPosition)
      await waitForCheckpoints(this.db, query.minPosition, RECENT_CHANGES_SOURCES, {
        timeoutMs: 2000,
        tenantId: caller.tenantId,
      });
    const reader: RecentChangesReader =
      caller.role === 'partner'
        ? { role: 'partner', partnerId: caller.partnerId }
        : caller.role === 'viewer'
          ? { role: 'viewer' }
          : { role: caller.role };
    const changes = await listRecentChanges(this.db, caller.tenantId, planId, reader, query.limit ?? 10);
    if (!changes) throw notFound('plan', planId);
    return changes;
  }
}
