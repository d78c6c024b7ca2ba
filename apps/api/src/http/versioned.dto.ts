import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_INT } from './input-guard.js';

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
