import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandService, createdId, type WriteResult } from '#commands';
import { ReadModelQueries, inInbox, type SignalFilters } from '#read-models';
import { Roles } from '../auth/roles.js';
import { notFound } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { AsOfQueryDto, ReadQueryDto, asOfOf } from '../http/read-query.dto.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { SignalAccess } from './signal-access.js';
import {
  AnswerSignalDto,
  CloseSignalDto,
  EscalateSignalDto,
  ListSignalsQueryDto,
  SignalVersionedDto,
  SubmitSignalDto,
} from './signal.dto.js';

/**
 * Partner signals (docs/signals.md): submitted by a partner for its organisation or recorded by a
 * coordinator, then acknowledged, put on a meeting's agenda (through the meeting's agenda), answered or
 * escalated, closed. Inboxes per tenant, working group and partner; who sees and handles what is in
 * docs/access.md ("Signals").
 */
@ApiTags('signals')
@ApiBearerAuth()
@Controller()
export class SignalsController {
  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
    private readonly access: SignalAccess,
  ) {}

  @Get('signals')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      "The caller's signal inbox, most recently changed first: a coordinator all, a member her groups', a partner its organisation's; `?asOf=` as they stood then",
  })
  async list(@CurrentCaller() caller: Caller, @Query() query: ListSignalsQueryDto) {
    return this.reads.listSignals(
      caller.tenantId,
      await this.access.inbox(caller),
      filtersOf(query),
      { limit: query.limit, offset: query.offset },
      { minPosition: query.minPosition, asOf: asOfOf(query.asOf) },
    );
  }

  @Post('signals')
  @Roles('coordinator', 'partner')
  @ApiOperation({
    summary:
      'Submit a signal: a partner for its own organisation, a coordinator for a partner or a citizen, an advisory council (source)',
  })
  @ApiWriteResult()
  submit(@Body() body: SubmitSignalDto, @Write({ versioned: false }) { caller, context }: WriteRequest) {
    const partnerId = this.access.submitter(caller, body.partnerId, body.source);
    return this.commands.signals.submit(
      {
        signalId: body.id ?? createdId(context, 'signal'),
        partnerId,
        source: body.source ?? null,
        text: body.text,
        urgency: body.urgency ?? 'normal',
        themeIds: body.themeIds ?? [],
        actionIds: body.actionIds ?? [],
      },
      context,
    );
  }

  @Get('signals/:signalId')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({
    summary:
      'One signal: where it stands, what it concerns, the working groups it belongs to; `?asOf=` as it stood then',
  })
  @ApiErrors(404)
  async get(
    @Param('signalId', IdParam) signalId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: AsOfQueryDto,
  ) {
    const asOf = asOfOf(query.asOf);
    const inbox = await this.access.inbox(caller);
    const signal = await this.reads.getSignal(caller.tenantId, signalId, {
      minPosition: query.minPosition,
      asOf,
    });
    if (!signal || !inInbox(signal, inbox)) throw notFound('signal', signalId);
    // access is today's (docs/access.md "As of a past date"): a signal in the inbox then must be in it today too
    if (asOf) {
      const today = await this.reads.getSignal(caller.tenantId, signalId, { minPosition: query.minPosition });
      if (!today || !inInbox(today, inbox)) throw notFound('signal', signalId);
    }
    return signal;
  }

  @Get('signals/:signalId/history')
  @Roles('coordinator', 'member', 'partner')
  @ApiOperation({ summary: 'Every event of the signal in order: who, when, what' })
  @ApiErrors(404)
  async history(
    @Param('signalId', IdParam) signalId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ) {
    const read = { minPosition: query.minPosition };
    const signal = await this.reads.getSignal(caller.tenantId, signalId, read);
    if (!signal || !inInbox(signal, await this.access.inbox(caller))) throw notFound('signal', signalId);
    const history = await this.reads.getSignalHistory(caller.tenantId, signalId, read);
    if (!history) throw notFound('signal', signalId);
    return history;
  }

  @Post('signals/:signalId/acknowledge')
  @HttpCode(200)
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'Acknowledge the signal: it was received and will be handled' })
  @ApiWriteResult()
  async acknowledge(
    @Param('signalId', IdParam) signalId: string,
    @Body() _body: SignalVersionedDto,
    @Write() { caller, context, expectedVersion }: WriteRequest,
  ): Promise<WriteResult> {
    await this.access.handle(caller, signalId);
    return this.commands.signals.acknowledge(signalId, context, expectedVersion);
  }

  @Post('signals/:signalId/answer')
  @HttpCode(200)
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'Answer the signal (the response the partner, citizen or council gets)' })
  @ApiWriteResult()
  async answer(
    @Param('signalId', IdParam) signalId: string,
    @Body() body: AnswerSignalDto,
    @Write() { caller, context, expectedVersion }: WriteRequest,
  ): Promise<WriteResult> {
    await this.access.handle(caller, signalId);
    return this.commands.signals.answer(signalId, body.response, context, expectedVersion);
  }

  @Post('signals/:signalId/escalate')
  @HttpCode(200)
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'Escalate the signal to a higher government (to whom, what is asked)' })
  @ApiWriteResult()
  async escalate(
    @Param('signalId', IdParam) signalId: string,
    @Body() body: EscalateSignalDto,
    @Write() { caller, context, expectedVersion }: WriteRequest,
  ): Promise<WriteResult> {
    await this.access.handle(caller, signalId);
    return this.commands.signals.escalate(
      signalId,
      { to: body.to, text: body.text },
      context,
      expectedVersion,
    );
  }

  @Post('signals/:signalId/close')
  @HttpCode(200)
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'Close the signal (with a reason when it never got an answer)' })
  @ApiWriteResult()
  async close(
    @Param('signalId', IdParam) signalId: string,
    @Body() body: CloseSignalDto,
    @Write() { caller, context, expectedVersion }: WriteRequest,
  ): Promise<WriteResult> {
    await this.access.handle(caller, signalId);
    return this.commands.signals.close(signalId, body.reason ?? null, context, expectedVersion);
  }

  @Get('working-groups/:groupId/signals')
  @Roles('coordinator', 'member')
  @ApiOperation({
    summary:
      "A working group's signal inbox: the signals concerning actions or themes in its scope; `?asOf=` as they stood then",
  })
  @ApiErrors(404)
  async workingGroupInbox(
    @Param('groupId', IdParam) groupId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ListSignalsQueryDto,
  ) {
    await this.access.workingGroup(caller, groupId);
    return this.reads.listSignals(
      caller.tenantId,
      { kind: 'groups', workingGroupIds: [groupId] },
      filtersOf(query),
      { limit: query.limit, offset: query.offset },
      { minPosition: query.minPosition, asOf: asOfOf(query.asOf) },
      // in a read of the past: what the caller may see today (docs/access.md "As of a past date")
      query.asOf ? await this.access.inbox(caller) : undefined,
    );
  }

  @Get('partners/:partnerId/signals')
  @Roles('coordinator', 'partner')
  @ApiOperation({
    summary: "A partner organisation's signals and where they stand; `?asOf=` as they stood then",
  })
  @ApiErrors(404)
  async partnerInbox(
    @Param('partnerId', IdParam) partnerId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ListSignalsQueryDto,
  ) {
    await this.access.partner(caller, partnerId);
    return this.reads.listSignals(
      caller.tenantId,
      { kind: 'partner', partnerId },
      filtersOf(query),
      { limit: query.limit, offset: query.offset },
      { minPosition: query.minPosition, asOf: asOfOf(query.asOf) },
      // in a read of the past: what the caller may see today (docs/access.md "As of a past date")
      query.asOf ? await this.access.inbox(caller) : undefined,
    );
  }
}

function filtersOf(query: ListSignalsQueryDto): SignalFilters {
  return {
    ...(query.status ? { status: [query.status] } : {}),
    ...(query.urgency ? { urgency: [query.urgency] } : {}),
    ...(query.themeId ? { themeId: query.themeId } : {}),
    ...(query.actionId ? { actionId: query.actionId } : {}),
    ...(query.workingGroupId ? { workingGroupId: query.workingGroupId } : {}),
    ...(query.partnerId ? { partnerId: query.partnerId } : {}),
  };
}
