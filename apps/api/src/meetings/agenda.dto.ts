import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { AGENDA_ITEM_KINDS, type AgendaItemKind } from '#domain';
import { ClientIdField, IdListField, TextField } from '../http/common.dto.js';
import { VersionedDto } from '../http/common.dto.js';

export class AgendaItemDto extends VersionedDto {
  @ClientIdField()
  id?: string;

  @ApiProperty({ enum: AGENDA_ITEM_KINDS })
  @IsIn(AGENDA_ITEM_KINDS)
  kind!: AgendaItemKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'the action, signal or proposal (not for a topic)' })
  @ValidateIf((dto: AgendaItemDto) => dto.kind !== 'topic' || dto.refId !== undefined)
  @IsUUID()
  refId?: string;

  @ApiPropertyOptional({
    description:
      "required for a topic; default: the action's code and title, the signal's or proposal's text",
  })
  @ValidateIf((dto: AgendaItemDto) => dto.kind === 'topic' || dto.title !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @TextField(20000, { optional: true, empty: true, doc: { description: 'discussion notes (Markdown)' } })
  notes?: string;
}

export class AgendaNotesDto extends VersionedDto {
  @TextField(20000, {
    empty: true,
    doc: {
      description:
        'the discussion notes of the item (Markdown), replacing the earlier text; empty clears them',
      example: 'Het CAW ziet **meer jongeren** aankloppen.',
    },
  })
  notes!: string;
}

export class AgendaOrderDto extends VersionedDto {
  @IdListField({ max: 200, doc: { description: 'every agenda item id, in the new order' } })
  order!: string[];
}
