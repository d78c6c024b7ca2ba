import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { EVENT_STORE, type EventStore } from '#event-store';
import { getMeetingFeed } from '#read-models';
import { Roles } from '../auth/roles.js';
import { notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors } from '../http/openapi.js';
import { CurrentCaller, type Caller } from '../http/request-context.js';
import { READ_POOL } from '../injection-tokens.js';
import { MeetingAccess } from './meeting-access.js';
import { MeetingFeedQueryDto } from './meeting-feed.dto.js';

/**
 * A meeting's feed rebuilt from its history (docs/meetings.md, "The meeting's feed"): the meeting screen
 * shows it on load, so attendance, agenda and round changes made before a reload are still listed, with
 * names and times. Who may read it: whoever may read the meeting (docs/access.md).
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingFeedController {
  constructor(
    private readonly access: MeetingAccess,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_POOL) private readonly db: pg.Pool,
  ) {}

  @Get('meetings/:meetingId/feed')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      "The meeting's events, newest first, with time, actor and a Dutch and English summary naming people (never ids)",
  })
  @ApiErrors(404)
  async feed(
    @Param('meetingId', IdParam) meetingId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: MeetingFeedQueryDto,
  ) {
    await this.access.read(caller, meetingId);
    const feed = await getMeetingFeed(this.store, this.db, caller.tenantId, meetingId, query.limit ?? 50);
    if (!feed) throw notFound('meeting', meetingId);
    return feed;
  }
}
