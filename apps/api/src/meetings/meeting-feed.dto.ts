import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReadQueryDto } from '../http/read-query.dto.js';

/**
 * `minPosition` is accepted as on every read: the feed is read from the log itself, so it is always current.
 * One page, the newest (at most 200), so not `PageQueryDto`.
 */
export class MeetingFeedQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 200,
    default: 50,
    description: 'at most this many, newest first',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
