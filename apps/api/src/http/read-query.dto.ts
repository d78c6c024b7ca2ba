import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateBy } from 'class-validator';
import { parseAsOf } from '#domain';
import { InvalidQueryError, type AsOf } from '#read-models';
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

/** `?asOf=`: an ISO-8601 instant with its offset, or a date (the end of that day in Belgian time). */
export function IsAsOf(): PropertyDecorator {
  return ValidateBy({
    name: 'isAsOf',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseAsOf(value) !== null,
      defaultMessage: (args) =>
        `${args?.property ?? 'asOf'} must be a date (YYYY-MM-DD, the end of that day in Belgian time) or an ISO-8601 instant with its offset (2025-06-30T12:00:00Z)`,
    },
  });
}

export const AS_OF_DESCRIPTION =
  'the plan as it stood then: an ISO-8601 instant with its offset, or a date YYYY-MM-DD meaning the end of ' +
  'that day in Belgian time. The answer carries `asOf` and the `position` the log stood at.';

/** The moment of a validated `?asOf=` (undefined without one). */
export function asOfOf(value: string | undefined): AsOf | undefined {
  if (value === undefined) return undefined;
  const at = parseAsOf(value);
  if (!at) throw new InvalidQueryError('asOf', 'a date YYYY-MM-DD or an ISO-8601 instant with its offset');
  return { at };
}

/** A read of the plan: `?minPosition=` and `?asOf=`. */
export class AsOfQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: AS_OF_DESCRIPTION, example: '2024-06-30' })
  @IsOptional()
  @IsAsOf()
  asOf?: string;
}
