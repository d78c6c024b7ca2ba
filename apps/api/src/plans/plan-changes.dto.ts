import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAsOf, ReadQueryDto } from '../http/read-query.dto.js';

const MOMENT =
  'an ISO-8601 instant with its offset, or a date YYYY-MM-DD meaning the end of that day in Belgian time';

/** `GET /api/plans/:planId/changes?from=&to=` */
export class PlanChangesQueryDto extends ReadQueryDto {
  @ApiProperty({ description: `the earlier moment: ${MOMENT}`, example: '2024-12-31' })
  @IsAsOf()
  from!: string;

  @ApiPropertyOptional({ description: `the later moment (default: now): ${MOMENT}`, example: '2025-06-30' })
  @IsOptional()
  @IsAsOf()
  to?: string;
}
