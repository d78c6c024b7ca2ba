import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CommandService, systemContext } from '#commands';
import { ReadModelQueries, type PublicSection } from '#read-models';
import { Public } from '../auth/roles.js';
import { notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors } from '../http/openapi.js';
import { PublicFeedbackDto } from './public.dto.js';

/** Who a citizen's feedback is from, as the signal says it (no personal data is asked). */
export const CITIZEN_SOURCE = 'een inwoner';

/**
 * The public page of a plan (issue 15): no login, cacheable, only what the plan says and how far it got, for
 * a plan whose page a coordinator switched on. Citizens leave feedback per action; it arrives as a signal from
 * "een inwoner" in the working group's and coordinators' inboxes (rate-limited per address in bootstrap.ts).
 */
@ApiTags('public')
@Controller('public/plans/:planId')
export class PublicController {
  constructor(
    private readonly reads: ReadModelQueries,
    private readonly commands: CommandService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'A published plan: themes, goals, actions with status, progress and due date (no login)',
    description:
      'Never notes, signals, partners or people. 404 when the plan is unknown or its public page is off. ' +
      'Cacheable: `Cache-Control: public, max-age=60` and an `ETag` (send `If-None-Match` for a 304).',
  })
  @ApiErrors(404)
  async plan(@Param('planId', IdParam) planId: string, @Res({ passthrough: true }) response: Response) {
    const found = await this.reads.getPublicPlan(planId);
    if (!found) throw notFound('plan', planId);
    response.setHeader('Cache-Control', 'public, max-age=60, stale-while-revalidate=300');
    return found.plan;
  }

  @Post('actions/:actionId/feedback')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Feedback of a citizen on an action of a published plan: becomes a signal from "een inwoner"',
  })
  @ApiResponse({ status: 202, description: '{ received: true }' })
  @ApiErrors(400, 404, 429)
  async feedback(
    @Param('planId', IdParam) planId: string,
    @Param('actionId', IdParam) actionId: string,
    @Body() body: PublicFeedbackDto,
  ): Promise<{ received: true }> {
    const found = await this.reads.getPublicPlan(planId);
    if (!found || !hasAction(found.plan.themes, actionId)) throw notFound('action', actionId);
    // the honeypot: people never see the field, so whoever filled it is a bot: thanked, nothing recorded
    if (body.website) return { received: true };
    await this.commands.signals.submitForAction(
      actionId,
      {
        signalId: randomUUID(),
        partnerId: null,
        source: CITIZEN_SOURCE,
        text: body.text.trim(),
        urgency: 'normal',
      },
      systemContext(found.tenantId),
    );
    return { received: true };
  }
}

function hasAction(sections: PublicSection[], actionId: string): boolean {
  return sections.some(
    (section) =>
      section.actions.some((action) => action.id === actionId) || hasAction(section.goals, actionId),
  );
}
