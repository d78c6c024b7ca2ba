import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import {
  ACTION_STATUSES,
  PERIOD_KINDS,
  PERIOD_SCOPES,
  type ActionStatus,
  type PeriodKind,
  type PeriodScope,
} from '#domain';
import { ClientIdField, DATE_PATTERN, IdField, TextField, VersionedDto } from '../http/common.dto.js';
import { ReadQueryDto } from '../http/read-query.dto.js';

export class OpenPeriodDto {
  @ClientIdField('client-chosen period id (makes the creation retry-safe)')
  id?: string;

  @ApiProperty({
    enum: PERIOD_KINDS,
    description: 'half_year (1/1-30/6 or 1/7-31/12), year, or custom dates',
  })
  @IsIn(PERIOD_KINDS)
  kind!: PeriodKind;

  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, description: 'for a half-year or a year' })
  @ValidateIf((dto: OpenPeriodDto) => dto.kind !== 'custom')
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    enum: [1, 2],
    minimum: 1,
    maximum: 2,
    description: 'for a half-year: 1 (1/1-30/6) or 2 (1/7-31/12)',
  })
  @ValidateIf((dto: OpenPeriodDto) => dto.kind === 'half_year')
  @IsIn([1, 2])
  half?: 1 | 2;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'first day, for a custom period' })
  @ValidateIf((dto: OpenPeriodDto) => dto.kind === 'custom')
  @Matches(DATE_PATTERN, { message: 'start must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'start must be a real calendar date' })
  start?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    description: 'last day (included), for a custom period',
  })
  @ValidateIf((dto: OpenPeriodDto) => dto.kind === 'custom')
  @Matches(DATE_PATTERN, { message: 'end must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'end must be a real calendar date' })
  end?: string;

  @TextField(120, {
    optional: true,
    doc: { description: 'a name for the period (default: 2025-H1, 2025, or its dates)' },
  })
  label?: string;
}

export class ClosePeriodDto extends VersionedDto {}

export class StartRoundDto {
  @ClientIdField('client-chosen round id (makes the creation retry-safe)')
  id?: string;

  @ApiProperty({
    type: String,
    format: 'date',
    example: '2025-07-15',
    description: 'the last day (Belgian) to answer',
  })
  @Matches(DATE_PATTERN, { message: 'deadline must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'deadline must be a real calendar date' })
  deadline!: string;

  @ApiPropertyOptional({ enum: PERIOD_SCOPES, default: 'priority', description: 'whose leads are asked' })
  @IsOptional()
  @IsIn(PERIOD_SCOPES)
  scope?: PeriodScope;
}

export class SubmitUpdateDto {
  @IdField()
  actionId!: string;

  @TextField(10000, {
    doc: { description: "the narrative for the period (the report's per-period comment)" },
  })
  narrative!: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES, description: 'the status for the period' })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'the progress (%) for the period' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;
}

export const REPORT_FORMATS = ['json', 'docx', 'html', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_LANGUAGES = ['nl', 'en'] as const;

export class ReportQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({
    enum: PERIOD_SCOPES,
    default: 'priority',
    description: 'priority actions only, or all',
  })
  @IsOptional()
  @IsIn(PERIOD_SCOPES)
  scope?: PeriodScope;

  @ApiPropertyOptional({ enum: REPORT_LANGUAGES, default: 'nl' })
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  lang?: (typeof REPORT_LANGUAGES)[number];
}
