import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ACTION_STATUSES, SIGNAL_URGENCIES, type ActionStatus, type SignalUrgency } from '#domain';
import { ClientIdField, DATE_PATTERN, IdField, TextField, stacked } from '../http/common.dto.js';
import { VersionedDto } from '../http/common.dto.js';
import { SignalOriginDto } from '../signals/signal.dto.js';

/** An action's tags (focus points): distinct texts. */
const TagsField = (description?: string): PropertyDecorator =>
  stacked(
    ApiPropertyOptional({ type: [String], ...(description && { description }) }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    ArrayUnique(),
    IsString({ each: true }),
    MaxLength(100, { each: true }),
  );

export class AddActionDto {
  @ClientIdField()
  id?: string;

  @IdField({ doc: { description: 'the goal (at any depth) the action belongs to' } })
  goalId!: string;

  @TextField(40, { doc: { example: '3.2.1' } })
  code!: string;

  @TextField(500, { doc: { example: 'Housing First uitbreiden' } })
  title!: string;

  @TextField(20000, { optional: true, empty: true })
  description?: string;

  @TagsField('focus points (aandachtspunten)')
  tags?: string[];

  @ApiPropertyOptional({ description: 'the action comes from an idea of residents' })
  @IsOptional()
  @IsBoolean()
  citizenIdea?: boolean;
}

export class EditActionDto extends VersionedDto {
  @TextField(500, { optional: true })
  title?: string;

  @TextField(20000, { optional: true, empty: true })
  description?: string;

  @TagsField()
  tags?: string[];
}

export class ChangeStatusDto extends VersionedDto {
  @ApiProperty({ enum: ACTION_STATUSES })
  @IsIn(ACTION_STATUSES)
  status!: ActionStatus;

  @TextField(2000, { optional: true, empty: true, doc: { example: 'wachten op subsidie' } })
  reason?: string;
}

export class SetOwnerDto extends VersionedDto {
  @IdField({ nullable: true, doc: { description: 'the lead partner organisation; null removes the lead' } })
  ownerId!: string | null;
}

export class AddPartnerDto extends VersionedDto {
  @IdField()
  partnerId!: string;
}

export class AddNoteDto extends VersionedDto {
  @ClientIdField('client-chosen note id')
  id?: string;

  @TextField(10000)
  text!: string;

  @IdField({
    optional: true,
    doc: { description: 'the note this one corrects (notes are never edited)' },
  })
  correctsNoteId?: string;
}

/** A signal concerning one action (POST /api/actions/:id/signals). */
export class RecordSignalDto extends IntersectionType(VersionedDto, SignalOriginDto) {
  @ClientIdField('client-chosen signal id')
  id?: string;

  @ApiPropertyOptional({ enum: SIGNAL_URGENCIES, default: 'normal' })
  @IsOptional()
  @IsIn(SIGNAL_URGENCIES)
  urgency?: SignalUrgency;
}

export class ReportProgressDto extends VersionedDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;

  @TextField(2000, { optional: true, empty: true })
  comment?: string;
}

export class SetDueDateDto extends VersionedDto {
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-06-30' })
  @ValidateIf((_, value) => value !== null)
  @Matches(DATE_PATTERN, { message: 'dueDate must be a date as YYYY-MM-DD, or null' })
  @IsISO8601({ strict: true }, { message: 'dueDate must be a real calendar date' })
  dueDate!: string | null;
}

export class ArchiveActionDto extends VersionedDto {
  @TextField(2000, { doc: { example: 'samengevoegd met 3.2.4' } })
  reason!: string;
}
