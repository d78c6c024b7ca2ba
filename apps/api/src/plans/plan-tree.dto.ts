import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { VersionedDto } from '../http/common.dto.js';

export class MoveGoalDto extends VersionedDto {
  @ApiProperty({
    format: 'uuid',
    description: 'the new parent: a theme or another goal (not one below the goal)',
  })
  @IsUUID()
  parentId!: string;

  @ApiPropertyOptional({ example: '2.3', description: "the goal's new code; left out it keeps its code" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code?: string;
}

export class MoveActionDto {
  @ApiProperty({ format: 'uuid', description: 'the goal the action moves under' })
  @IsUUID()
  goalId!: string;

  @ApiPropertyOptional({
    example: '2.3.4',
    description: "the action's new code; left out it keeps its code (the old code stays the action's)",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code?: string;
}

export class ArchiveSectionDto {
  @ApiProperty({ example: 'geschrapt bij de bijsturing van 2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
