import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { AUDIT_KINDS, AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, type AuditKind } from '#read-models';
import { DATE_PATTERN } from '../http/common.dto.js';
import { POSITION_PATTERN, ReadQueryDto } from '../http/read-query.dto.js';

/** ids of this product are uuids; the pattern also admits the ids of system actors and tests */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export class AuditFilterDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'only what this user did' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'actorId must be an id' })
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_KINDS, description: 'only events of this kind of record' })
  @IsOptional()
  @IsIn(AUDIT_KINDS)
  kind?: AuditKind;

  @ApiPropertyOptional({ description: "an action's events (and its placement in the plan)" })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'actionId must be an id' })
  actionId?: string;

  @ApiPropertyOptional({ description: "a theme's events, its goals' and its actions'" })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'themeId must be an id' })
  themeId?: string;

  @ApiPropertyOptional({ description: "a meeting's events and every change made during it" })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'meetingId must be an id' })
  meetingId?: string;

  @ApiPropertyOptional({ example: '2025-01-01', description: 'first day, inclusive (Belgian time)' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'last day, inclusive (Belgian time)' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

/**
 * A page of the trail: newest first, older pages by `before` (a cursor, the previous page's `nextCursor`), so
 * not `PageQueryDto`'s offset.
 */
export class AuditPageQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page: only older events' })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: 'before must be a position (nextCursor of a page)' })
  before?: string;

  @ApiPropertyOptional({ default: AUDIT_PAGE_DEFAULT, maximum: AUDIT_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;
}

const EXPORT_FORMATS = ['csv', 'json'] as const;

export class AuditExportQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}
