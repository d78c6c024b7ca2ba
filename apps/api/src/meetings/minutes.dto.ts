import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_INT } from '../http/input-guard.js';
import { ClientIdField, DATE_PATTERN, IdField, IdListField, TextField } from '../http/common.dto.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { VersionedDto } from '../http/common.dto.js';

export class OutsideMeetingDto {
  @ApiProperty({ example: '2023-12-08', description: 'the date of that meeting' })
  @Matches(DATE_PATTERN, { message: 'date must be a date written as YYYY-MM-DD' })
  date!: string;

  @TextField(200, { doc: { example: 'Werkgroep dak- en thuislozen, december' } })
  title!: string;
}

export class CorrectionDto extends VersionedDto {
  @ClientIdField()
  id?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'an ended meeting of the same working group (or send outsideMeeting)',
  })
  @ValidateIf((dto: CorrectionDto) => dto.outsideMeeting === undefined || dto.correctsMeetingId !== undefined)
  @IsUUID()
  correctsMeetingId?: string;

  @ApiPropertyOptional({
    type: () => OutsideMeetingDto,
    description: 'an earlier meeting whose minutes were kept outside the product (or send correctsMeetingId)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OutsideMeetingDto)
  outsideMeeting?: OutsideMeetingDto;

  @TextField(5000, { doc: { example: 'CAW was verontschuldigd, niet afwezig.' } })
  text!: string;
}

export class DecisionDto extends VersionedDto {
  @ClientIdField()
  id?: string;

  @TextField(5000)
  text!: string;

  @IdListField({ optional: true, max: 100 })
  actionIds?: string[];

  @IdField({ optional: true, doc: { description: 'the agenda item the decision belongs to' } })
  agendaItemId?: string;
}

export class NextStepDto extends VersionedDto {
  @ClientIdField()
  id?: string;

  @TextField(5000)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the person who does it (and/or ownerPartnerId)' })
  @ValidateIf((dto: NextStepDto) => dto.ownerPartnerId === undefined || dto.ownerUserId !== undefined)
  @IsUUID()
  ownerUserId?: string;

  @IdField({ optional: true, doc: { description: 'the organisation that does it (and/or ownerUserId)' } })
  ownerPartnerId?: string;

  @ApiPropertyOptional({ example: '2024-04-30' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'dueDate must be a date written as YYYY-MM-DD' })
  dueDate?: string;

  @IdField({ optional: true, doc: { description: 'the action the step is about' } })
  actionId?: string;
}

export const MINUTES_FORMATS = ['md', 'html', 'pdf', 'json'] as const;

export class MinutesQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: MINUTES_FORMATS, default: 'md' })
  @IsOptional()
  @IsIn(MINUTES_FORMATS)
  format?: (typeof MINUTES_FORMATS)[number];

  @ApiPropertyOptional({ enum: ['nl', 'en'], default: 'nl' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  lang?: 'nl' | 'en';

  @ApiPropertyOptional({ description: 'an earlier revision (default: the latest)', maximum: MAX_INT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  revision?: number;
}
