import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MAX_INT } from '../http/input-guard.js';
import { ACTION_STATUSES, type ActionStatus } from '#domain';

const URGENCIES = ['low', 'normal', 'high'] as const;

/** Every write may carry the version the client saw (or send it as If-Match). */
export class VersionedDto {
  @ApiPropertyOptional({
    description: 'the version the client saw; a mismatch is 409 ACTION.VERSION_CONFLICT',
    minimum: 0,
    maximum: MAX_INT,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  expectedVersion?: number;
}

export class AddActionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes the creation retry-safe)' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ format: 'uuid', description: 'the goal (at any depth) the action belongs to' })
  @IsUUID()
  goalId!: string;

  @ApiProperty({ example: '3.2.1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code!: string;

  @ApiProperty({ example: 'Housing First uitbreiden' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'focus points (aandachtspunten)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'the action comes from an idea of residents' })
  @IsOptional()
  @IsBoolean()
  citizenIdea?: boolean;
}

export class EditActionDto extends VersionedDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];
}

export class ChangeStatusDto extends VersionedDto {
  @ApiProperty({ enum: ACTION_STATUSES })
  @IsIn(ACTION_STATUSES)
  status!: ActionStatus;

  @ApiPropertyOptional({ example: 'wachten op subsidie' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class SetOwnerDto extends VersionedDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description: 'the lead partner organisation; null removes the lead',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  ownerId!: string | null;
}

export class AddPartnerDto extends VersionedDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId!: string;
}

export class AddNoteDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen note id' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the note this one corrects (notes are never edited)' })
  @IsOptional()
  @IsUUID()
  correctsNoteId?: string;
}

export class RecordSignalDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen signal id' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the partner organisation the signal comes from' })
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

  @ApiPropertyOptional({ enum: URGENCIES, default: 'normal' })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: (typeof URGENCIES)[number];
}

export class ReportProgressDto extends VersionedDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class SetDueDateDto extends VersionedDto {
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-06-30' })
  @ValidateIf((_, value) => value !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date as YYYY-MM-DD, or null' })
  @IsISO8601({ strict: true }, { message: 'dueDate must be a real calendar date' })
  dueDate!: string | null;
}

export class ArchiveActionDto extends VersionedDto {
  @ApiProperty({ example: 'samengevoegd met 3.2.4' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
