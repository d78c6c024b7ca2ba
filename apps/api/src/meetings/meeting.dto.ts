import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { ClientIdField, TextField } from '../http/common.dto.js';
import { VersionedDto } from '../http/common.dto.js';

const INSTANT_EXAMPLE = '2024-03-05T14:00:00+01:00';

export class ScheduleMeetingDto extends VersionedDto {
  @ClientIdField()
  id?: string;

  @TextField(200, { doc: { example: 'Werkgroep dak- en thuislozen, maart' } })
  title!: string;

  @ApiProperty({
    example: INSTANT_EXAMPLE,
    description:
      'date and time with offset, or a date alone (2024-01-19) for a meeting without a time of day',
  })
  @IsISO8601(
    { strict: true },
    { message: `startsAt must be a date and time with offset, e.g. ${INSTANT_EXAMPLE}, or a date` },
  )
  startsAt!: string;

  @TextField(500, {
    optional: true,
    empty: true,
    doc: { example: 'Stadhuis, zaal 2', description: 'a place or a link', nullable: true },
  })
  location?: string | null;
}

export class RescheduleMeetingDto extends VersionedDto {
  @TextField(200, { optional: true })
  title?: string;

  @ApiPropertyOptional({ example: INSTANT_EXAMPLE })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: `startsAt must be a date and time with offset, e.g. ${INSTANT_EXAMPLE}` },
  )
  startsAt?: string;

  @TextField(500, { optional: true, empty: true, doc: { nullable: true, description: 'null clears it' } })
  location?: string | null;
}

export class CancelMeetingDto extends VersionedDto {
  @TextField(2000)
  reason!: string;
}
