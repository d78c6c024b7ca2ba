import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_OFFSET } from '../http/input-guard.js';
import { SIGNAL_STATUSES, SIGNAL_URGENCIES, type SignalStatus, type SignalUrgency } from '#domain';
import { VersionedDto } from '../actions/action.dto.js';
import { ReadQueryDto } from '../http/read-query.dto.js';

export class SubmitSignalDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'client-chosen signal id (makes the submission retry-safe)',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "the partner organisation it comes from; a partner user's own organisation when left out (a partner may name no other)",
  })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({
    description: 'who else it comes from (a citizen, an advisory council), without a partner',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  text!: string;

  @ApiPropertyOptional({ enum: SIGNAL_URGENCIES, default: 'normal' })
  @IsOptional()
  @IsIn(SIGNAL_URGENCIES)
  urgency?: SignalUrgency;

  @ApiPropertyOptional({ type: [String], description: 'the themes it concerns' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  themeIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'the actions it concerns' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  actionIds?: string[];
}

export class SignalVersionedDto extends VersionedDto {}

export class AnswerSignalDto extends VersionedDto {
  @ApiProperty({ description: 'the answer the partner (or citizen, council) gets' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  response!: string;
}

export class EscalateSignalDto extends VersionedDto {
  @ApiProperty({ description: 'the higher government it is passed on to', example: 'Vlaamse overheid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  to!: string;

  @ApiProperty({ description: 'what is asked of it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  text!: string;
}

export class CloseSignalDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'why it closes; required when it never got an answer' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ListSignalsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: SIGNAL_STATUSES })
  @IsOptional()
  @IsIn(SIGNAL_STATUSES)
  status?: SignalStatus;

  @ApiPropertyOptional({ enum: SIGNAL_URGENCIES })
  @IsOptional()
  @IsIn(SIGNAL_URGENCIES)
  urgency?: SignalUrgency;

  @ApiPropertyOptional({ format: 'uuid', description: 'concerns this theme, directly or through an action' })
  @IsOptional()
  @IsUUID()
  themeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "in this working group's scope" })
  @IsOptional()
  @IsUUID()
  workingGroupId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'from this partner organisation' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;
}
