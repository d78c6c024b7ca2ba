import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class VerifyQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: "start at the tenant's latest checkpoint (trusted) instead of the beginning of the log",
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  fromCheckpoint?: 'true' | 'false';
}
