import { Body, Controller, Delete, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createdId } from '#commands';
import { Roles } from '../auth/roles.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiWriteResult } from '../http/openapi.js';
import { Write, type WriteRequest } from '../http/request-context.js';
import { VersionedDto } from '../http/common.dto.js';
import { AgendaItemDto, AgendaNotesDto, AgendaOrderDto } from './agenda.dto.js';
import { MeetingWrites } from './meeting-writes.js';

/** A meeting's agenda (docs/meetings.md): actions, signals, proposals and topics, with discussion notes. */
@ApiTags('meetings')
@ApiBearerAuth()
@Roles('coordinator', 'member', 'partner')
@Controller('meetings/:meetingId/agenda')
export class MeetingAgendaController {
  constructor(private readonly writes: MeetingWrites) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Add an agenda item: an action, a signal (which is then marked as on this agenda), a proposal, or a topic',
  })
  @ApiWriteResult()
  add(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: AgendaItemDto,
    @Write() write: WriteRequest,
  ) {
    const itemId = body.id ?? createdId(write.context, 'item');
    return this.writes.add(write, meetingId, 'itemId', itemId, {
      type: 'AddAgendaItem',
      data: {
        meetingId,
        itemId,
        kind: body.kind,
        refId: body.refId ?? null,
        title: body.title ?? '',
        notes: body.notes ?? null,
      },
    });
  }

  @Put(':itemId/notes')
  @ApiOperation({
    summary:
      'Replace the discussion notes (Markdown) of an agenda item: they appear in the minutes under the item',
    description:
      'Send the version you saw (If-Match) so two people typing at once get a 409 instead of overwriting; ' +
      "announce `editing { room: 'meeting:<id>', actionId: null, agendaItemId, field: 'notes' }` on the live channel so others see who types.",
  })
  @ApiWriteResult()
  editNotes(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('itemId', IdParam) itemId: string,
    @Body() body: AgendaNotesDto,
    @Write() write: WriteRequest,
  ) {
    return this.writes.run(write, meetingId, {
      type: 'EditAgendaNotes',
      data: { meetingId, itemId, notes: body.notes },
    });
  }

  @Delete(':itemId')
  @ApiOperation({ summary: 'Remove an agenda item' })
  @ApiWriteResult()
  remove(
    @Param('meetingId', IdParam) meetingId: string,
    @Param('itemId', IdParam) itemId: string,
    @Body() _body: VersionedDto,
    @Write() write: WriteRequest,
  ) {
    return this.writes.run(write, meetingId, { type: 'RemoveAgendaItem', data: { meetingId, itemId } });
  }

  @Put('order')
  @ApiOperation({ summary: 'Reorder the agenda (every item once)' })
  @ApiWriteResult()
  reorder(
    @Param('meetingId', IdParam) meetingId: string,
    @Body() body: AgendaOrderDto,
    @Write() write: WriteRequest,
  ) {
    return this.writes.run(write, meetingId, {
      type: 'ReorderAgenda',
      data: { meetingId, order: body.order },
    });
  }
}
