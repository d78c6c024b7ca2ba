import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFound } from '../http/api-error.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { IdParam } from '../http/id-param.pipe.js';
import { AsOfQueryDto, asOfOf } from '../http/read-query.dto.js';
import { ReadModelQueries } from '#read-models';
import { belgianToday } from '#domain';
import { CommandService, createdId, type WriteResult } from '#commands';
import type { ActionCommand } from '#domain';
import { ActionAccess, type ActionUse } from '../auth/action-access.js';
import { Roles } from '../auth/roles.js';
import { MeetingAccess, MeetingTagHeader } from '../meetings/meeting-access.js';
import { SignalAccess } from '../signals/signal-access.js';
import {
  AddNoteDto,
  AddPartnerDto,
  ArchiveActionDto,
  ChangeStatusDto,
  EditActionDto,
  RecordSignalDto,
  ReportProgressDto,
  SetDueDateDto,
  SetOwnerDto,
} from './action.dto.js';
import { VersionedDto } from '../http/common.dto.js';

@ApiTags('actions')
@ApiBearerAuth()
@MeetingTagHeader()
@Controller('actions/:actionId')
export class ActionsController {
  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
    private readonly access: ActionAccess,
    private readonly meetings: MeetingAccess,
    private readonly signalAccess: SignalAccess,
  ) {}

  @Get()
  @ApiOperation({ summary: 'One action with its version; `?asOf=` as it stood then' })
  @ApiErrors(400, 404)
  async get(
    @Param('actionId', IdParam) actionId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: AsOfQueryDto,
  ) {
    await this.access.check(caller, actionId, 'read');
    const asOf = asOfOf(query.asOf);
    const action = await this.reads.getAction(caller.tenantId, actionId, {
      minPosition: query.minPosition,
      today: belgianToday(asOf?.at ?? new Date()),
      asOf,
    });
    if (!action) throw notFound('action', actionId);
    return action;
  }

  @Get('history')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      'Every event of the action in order: who, when, what, before and after; `?asOf=` the events up to then',
  })
  @ApiErrors(400, 404)
  async history(
    @Param('actionId', IdParam) actionId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: AsOfQueryDto,
  ) {
    await this.access.check(caller, actionId, 'history');
    const history = await this.reads.getActionHistory(caller.tenantId, actionId, {
      minPosition: query.minPosition,
      asOf: asOfOf(query.asOf),
    });
    if (!history) throw notFound('action', actionId);
    return history;
  }

  @Patch()
  @ApiOperation({ summary: 'Edit title, description and tags (one event per changed field)' })
  @ApiWriteResult()
  @Roles('coordinator', 'member')
  edit(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: EditActionDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(write, 'edit', actionId, {
      type: 'EditAction',
      data: { actionId, title: body.title, description: body.description, tags: body.tags },
    });
  }

  @Post('status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the status along the lifecycle; an invalid move says what is allowed' })
  @ApiWriteResult()
  @Roles('coordinator', 'member')
  status(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: ChangeStatusDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(write, 'edit', actionId, {
      type: 'ChangeActionStatus',
      data: { actionId, to: body.status, reason: body.reason },
    });
  }

  @Put('owner')
  @ApiOperation({ summary: 'Set, change or clear (null) the lead partner organisation' })
  @ApiWriteResult()
  @Roles('coordinator', 'member')
  owner(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: SetOwnerDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(write, 'edit', actionId, {
      type: 'ChangeActionOwner',
      data: { actionId, ownerId: body.ownerId },
    });
  }

  @Post('partners')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a partner organisation' })
  @ApiWriteResult()
  @Roles('coordinator', 'member')
  addPartner(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: AddPartnerDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(write, 'edit', actionId, {
      type: 'AddActionPartner',
      data: { actionId, partnerId: body.partnerId },
    });
  }

  @Delete('partners/:partnerId')
  @ApiOperation({ summary: 'Remove a partner organisation' })
  @ApiWriteResult()
  @Roles('coordinator', 'member')
  removePartner(
    @Param('actionId', IdParam) actionId: string,
    @Param('partnerId', IdParam) partnerId: string,
    @Body() body: VersionedDto,
    @Write() write: WriteRequest,
  ) {
    void body;
    return this.run(write, 'edit', actionId, {
      type: 'RemoveActionPartner',
      data: { actionId, partnerId },
    });
  }

  @Post('notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a note (a correction is a new note that references the corrected one)' })
  @ApiWriteResult()
  @Roles('coordinator', 'member', 'partner')
  note(@Param('actionId', IdParam) actionId: string, @Body() body: AddNoteDto, @Write() write: WriteRequest) {
    return this.run(write, 'note', actionId, {
      type: 'AddActionNote',
      data: {
        actionId,
        noteId: body.id ?? createdId(write.context, 'note'),
        text: body.text,
        correctsNoteId: body.correctsNoteId ?? null,
      },
    });
  }

  @Post('signals')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Submit a signal from a partner (or a citizen, an advisory council) concerning this action (docs/signals.md); answers the action's write",
  })
  @ApiWriteResult()
  @Roles('coordinator', 'member', 'partner')
  async signal(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: RecordSignalDto,
    @Write() write: WriteRequest,
  ): Promise<WriteResult> {
    const { caller, context } = write;
    await this.access.check(caller, actionId, 'note');
    await this.meetings.checkTag(caller, context.meetingId, actionId);
    // a signal of its own (signal-<id>) concerning this action, linked on the action (docs/decisions.md "Signals")
    return this.commands.signals.submitForAction(
      actionId,
      {
        signalId: body.id ?? createdId(context, 'actionSignal'),
        // a partner user speaks for her own organisation (the same rule as POST /api/signals)
        partnerId: this.signalAccess.submitter(caller, body.partnerId, body.source),
        source: body.source ?? null,
        text: body.text,
        urgency: body.urgency ?? 'normal',
      },
      context,
      write.expectedVersion,
    );
  }

  @Post('progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report progress (0-100) with an optional comment' })
  @ApiWriteResult()
  @Roles('coordinator', 'member')
  progress(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: ReportProgressDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(write, 'edit', actionId, {
      type: 'ReportActionProgress',
      data: { actionId, percent: body.percent, comment: body.comment },
    });
  }

  @Put('due-date')
  @ApiOperation({ summary: 'Set, move or clear (null) the due date' })
  @ApiWriteResult()
  @Roles('coordinator', 'member')
  dueDate(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: SetDueDateDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(write, 'edit', actionId, {
      type: 'SetActionDueDate',
      data: { actionId, dueDate: body.dueDate },
    });
  }

  @Post('archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive the action (dropped from the plan); its history stays' })
  @ApiWriteResult()
  @Roles('coordinator')
  archive(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: ArchiveActionDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(write, 'archive', actionId, {
      type: 'ArchiveAction',
      data: { actionId, reason: body.reason },
    });
  }

  private async run(
    { caller, context, expectedVersion }: WriteRequest,
    use: ActionUse,
    actionId: string,
    command: ActionCommand,
  ): Promise<WriteResult> {
    await this.access.check(caller, actionId, use);
    // X-Meeting-Id: the change is made in that (open) meeting and its events carry the meeting's id
    await this.meetings.checkTag(caller, context.meetingId, actionId);
    return this.commands.action(actionId, command, context, expectedVersion);
  }
}
