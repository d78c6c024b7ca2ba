import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_OFFSET } from './input-guard.js';

export const POSITION_PATTERN = /^\d{20}-\d{20}$/;

/** Reads accept `?minPosition=`: wait briefly until the read model has caught up with it. */
export class ReadQueryDto {
  @ApiPropertyOptional({
    description:
      'a position from a write result or an event; the read waits (up to 2 s) until it reflects it',
    example: '00000000000000000761-00000000000000000042',
  })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: 'minPosition must be a position as returned by a write' })
  minPosition?: string;
}

/** The largest page a list answers. */
export const MAX_PAGE_SIZE = 500;

/**
 * A paged list: `?limit=&offset=`. The lists page by offset, except the audit trail, which pages by position
 * (`AuditPageQueryDto`, `?before=`: an offset into a log that grows at the top would shift under the reader).
 */
export class PageQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;
}
