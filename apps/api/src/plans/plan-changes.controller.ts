import { Controller, Get, Param, Query } from '@nestjs/common';
import { belgianToday } from '#domain';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModelQueries } from '#read-models';
import { Roles } from '../auth/roles.js';
import { notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors } from '../http/openapi.js';
import { ReadQueryDto, asOfOf } from '../http/read-query.dto.js';
import { CurrentCaller, type Caller } from '../http/request-context.js';
import { PlanChangesQueryDto } from './plan-changes.dto.js';

/** No organisation: a uuid no partner has, so a partner without one sees nothing. */
const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

/**
 * What changed in a plan between two moments, and its status counts per month (issue 16): every role that
 * reads the plan. In the changes, partner staff see only the actions their organisation leads or partners on
 * (at either moment), as in the action list; the trend is the whole plan's, as the dashboard is.
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanChangesController {
  constructor(private readonly reads: ReadModelQueries) {}

  @Get(':planId/changes')
  @Roles('coordinator', 'member', 'partner', 'viewer')
  @ApiOperation({
    summary: 'What changed in the plan between two moments',
    description:
      'Per action the fields before (at `from`) and after (at `to`), who last changed each and when (names as ' +
      'the history shows them), and the counts per status and per theme at both ends. `to` defaults to now.',
  })
  @ApiErrors(400, 404)
  async changes(
    @Param('planId', IdParam) planId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: PlanChangesQueryDto,
  ) {
    const from = asOfOf(query.from)!;
    const to = asOfOf(query.to) ?? { at: new Date() };
    const changes = await this.reads.getPlanChanges(
      caller.tenantId,
      planId,
      from,
      to,
      caller.role === 'partner' ? { partnerId: caller.partnerId ?? NO_PARTNER } : {},
      { minPosition: query.minPosition },
    );
    if (!changes) throw notFound('plan', planId);
    return changes;
  }

  @Get(':planId/trend')
  @Roles('coordinator', 'member', 'partner', 'viewer')
  @ApiOperation({
    summary: "The plan's actions per status at the end of each month of its period, up to today",
    description:
      "For the dashboard's trend chart: each month as the plan stood at its end in Belgian time (the running " +
      'month: now), with the position the log stood at. Archived actions are left out, as on the dashboard.',
  })
  @ApiErrors(404)
  async trend(
    @Param('planId', IdParam) planId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ) {
    const now = new Date();
    const trend = await this.reads.getStatusTrend(caller.tenantId, planId, now, belgianToday(now), {
      minPosition: query.minPosition,
    });
    if (!trend) throw notFound('plan', planId);
    return trend;
  }
}
