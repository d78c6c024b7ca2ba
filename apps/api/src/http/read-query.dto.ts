import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

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
