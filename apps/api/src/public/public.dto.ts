import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class PublicFeedbackDto {
  @ApiProperty({ description: 'the feedback on the action; no name or address is asked', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  text!: string;

  @ApiPropertyOptional({
    description: 'leave empty: a field people do not see (a bot that fills it is thanked and ignored)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  website?: string;
}
