import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { notFound } from '../http/api-error.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { Ctx, CurrentCaller, ExpectedVersion, type Caller } from '../http/request-context.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { ReadModelQueries } from '#read-models';
import { belgianToday } from '../reads/today.js';
import type { CommandContext, WriteResult } from '../write/command-context.js';
import { RunActionCommand } from '../write/commands.js';
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
  VersionedDto,
} from './action.dto.js';

@ApiTags('actions')
@Controller('actions/:actionId')
export class ActionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reads: ReadModelQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: 'One action with its version' })
  @ApiErrors(404)
  async get(
    @Param('actionId', IdParam) actionId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ) {
    const action = await this.reads.getAction(caller.tenantId, actionId, {
      minPosition: query.minPosition,
      today: belgianToday(),
    });
    if (!action) throw notFound('action', actionId);
    return action;
  }

  @Get('history')
  @ApiOperation({ summary: 'Every event of the action in order: who, when, what, before and after' })
  @ApiErrors(404)
  async history(
    @Param('actionId', IdParam) actionId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ) {
    const history = await this.reads.getActionHistory(caller.tenantId, actionId, {
      minPosition: query.minPosition,
    });
    if (!history) throw notFound('action', actionId);
    return history;
  }

  @Patch()
  @ApiOperation({ summary: 'Edit title, description and tags (one event per changed field)' })
  @ApiWriteResult()
  edit(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: EditActionDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(actionId, ctx, expected, {
      type: 'EditAction',
      data: { actionId, title: body.title, description: body.description, tags: body.tags },
    });
  }

  @Post('status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the status along the lifecycle; an invalid move says what is allowed' })
  @ApiWriteResult()
  status(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: ChangeStatusDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(actionId, ctx, expected, {
      type: 'ChangeActionStatus',
      data: { actionId, to: body.status, reason: body.reason },
    });
  }

  @Put('owner')
  @ApiOperation({ summary: 'Set, change or clear (null) the lead partner organisation' })
  @ApiWriteResult()
  owner(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: SetOwnerDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(actionId, ctx, expected, {
      type: 'ChangeActionOwner',
      data: { actionId, ownerId: body.ownerId },
    });
  }

  @Post('partners')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a partner organisation' })
  @ApiWriteResult()
  addPartner(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: AddPartnerDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(actionId, ctx, expected, {
      type: 'AddActionPartner',
      data: { actionId, partnerId: body.partnerId },
    });
  }

  @Delete('partners/:partnerId')
  @ApiOperation({ summary: 'Remove a partner organisation' })
  @ApiWriteResult()
  removePartner(
    @Param('actionId', IdParam) actionId: string,
    @Param('partnerId', IdParam) partnerId: string,
    @Body() body: VersionedDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    void body;
    return this.run(actionId, ctx, expected, { type: 'RemoveActionPartner', data: { actionId, partnerId } });
  }

  @Post('notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a note (a correction is a new note that references the corrected one)' })
  @ApiWriteResult()
  note(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: AddNoteDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(actionId, ctx, expected, {
      type: 'AddActionNote',
      data: {
        actionId,
        noteId: body.id ?? randomUUID(),
        text: body.text,
        correctsNoteId: body.correctsNoteId ?? null,
      },
    });
  }

  @Post('signals')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a signal from a partner (or a citizen, an advisory council) about this action',
  })
  @ApiWriteResult()
  signal(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: RecordSignalDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(actionId, ctx, expected, {
      type: 'RecordActionSignal',
      data: {
        actionId,
        signalId: body.id ?? randomUUID(),
        partnerId: body.partnerId ?? null,
        source: body.source ?? null,
        text: body.text,
        urgency: body.urgency ?? 'normal',
      },
    });
  }

  @Post('progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report progress (0-100) with an optional comment' })
  @ApiWriteResult()
  progress(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: ReportProgressDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(actionId, ctx, expected, {
      type: 'ReportActionProgress',
      data: { actionId, percent: body.percent, comment: body.comment },
    });
  }

  @Put('due-date')
  @ApiOperation({ summary: 'Set, move or clear (null) the due date' })
  @ApiWriteResult()
  dueDate(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: SetDueDateDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(actionId, ctx, expected, {
      type: 'SetActionDueDate',
      data: { actionId, dueDate: body.dueDate },
    });
  }

  @Post('archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive the action (dropped from the plan); its history stays' })
  @ApiWriteResult()
  archive(
    @Param('actionId', IdParam) actionId: string,
    @Body() body: ArchiveActionDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(actionId, ctx, expected, {
      type: 'ArchiveAction',
      data: { actionId, reason: body.reason },
    });
  }

  private run(
    actionId: string,
    ctx: CommandContext,
    expected: number | undefined,
    command: RunActionCommand['command'],
  ): Promise<WriteResult> {
    return this.commands.execute(new RunActionCommand(actionId, command, ctx, expected));
  }
}
