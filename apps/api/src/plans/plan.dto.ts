import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { MAX_OFFSET } from '../http/input-guard.js';
import { ACTION_STATUSES } from '#domain';
import { ACTION_SORTS, MINE_RELATIONS, type ActionSort, type MineRelation } from '#read-models';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { VersionedDto } from '../actions/action.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreatePlanDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes the creation retry-safe)' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Brugge draait om mensen - samenwerkplan lokaal sociaal beleid 2021-2025' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiProperty({ example: '2021-01-01' })
  @Matches(DATE, { message: 'periodStart must be a date as YYYY-MM-DD' })
  periodStart!: string;

  @ApiProperty({ example: '2025-12-31' })
  @Matches(DATE, { message: 'periodEnd must be a date as YYYY-MM-DD' })
  periodEnd!: string;
}

export class RenamePlanDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;
}

export class PlanPublicationDto extends VersionedDto {
  @ApiProperty({ description: "true: the plan's public page at /publiek/:planId is on; false: off" })
  @IsBoolean()
  public!: boolean;
}

export class AddThemeDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: '3' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code!: string;

  @ApiProperty({ example: 'Een dak boven je hoofd' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the lead partner (trekker)' })
  @IsOptional()
  @IsUUID()
  leadPartnerId?: string;
}

export class EditThemeDto extends VersionedDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null removes the lead' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  leadPartnerId?: string | null;
}

export class AddGoalDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ format: 'uuid', description: 'a theme or another goal (goals nest to any depth)' })
  @IsUUID()
  parentId!: string;

  @ApiProperty({ example: '3.2' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  code!: string;

  @ApiProperty({ example: 'Dak- en thuisloosheid voorkomen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;
}

export class RenameDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;
}

export class ReorderDto extends VersionedDto {
  @ApiProperty({ type: [String], description: 'the complete new order of the ids' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  order!: string[];
}

export class ListActionsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: (typeof ACTION_STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  themeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  goalId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the lead partner organisation' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({ description: 'true: only actions past their due date and not realised or stopped' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'text search in code, title and description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: MINE_RELATIONS,
    description:
      '"mijn acties": what my organisation leads (lead), partners on (partner), what my working groups hold ' +
      '(group), or any of these (all)',
  })
  @IsOptional()
  @IsIn(MINE_RELATIONS)
  mine?: MineRelation;

  @ApiPropertyOptional({
    enum: ACTION_SORTS,
    description: 'sort column, `-` first for descending; default: code order',
  })
  @IsOptional()
  @IsIn(ACTION_SORTS)
  sort?: ActionSort;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;
}
