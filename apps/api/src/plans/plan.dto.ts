import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { ACTION_STATUSES } from '#domain';
import { ACTION_SORTS, MINE_RELATIONS, type ActionSort, type MineRelation } from '#read-models';
import { ClientIdField, DATE_PATTERN, IdField, IdListField, TextField } from '../http/common.dto.js';
import { AS_OF_DESCRIPTION, IsAsOf, PageQueryDto } from '../http/read-query.dto.js';
import { VersionedDto } from '../http/common.dto.js';

export class CreatePlanDto {
  @ClientIdField()
  id?: string;

  @TextField(300, {
    doc: { example: 'Brugge draait om mensen - samenwerkplan lokaal sociaal beleid 2021-2025' },
  })
  title!: string;

  @TextField(20000, { optional: true, empty: true })
  description?: string;

  @ApiProperty({ example: '2021-01-01' })
  @Matches(DATE_PATTERN, { message: 'periodStart must be a date as YYYY-MM-DD' })
  periodStart!: string;

  @ApiProperty({ example: '2025-12-31' })
  @Matches(DATE_PATTERN, { message: 'periodEnd must be a date as YYYY-MM-DD' })
  periodEnd!: string;
}

export class RenamePlanDto extends VersionedDto {
  @TextField(300)
  title!: string;
}

export class PlanPublicationDto extends VersionedDto {
  @ApiProperty({ description: "true: the plan's public page at /publiek/:planId is on; false: off" })
  @IsBoolean()
  public!: boolean;
}

export class AddThemeDto extends VersionedDto {
  @ClientIdField()
  id?: string;

  @TextField(40, { doc: { example: '3' } })
  code!: string;

  @TextField(500, { doc: { example: 'Een dak boven je hoofd' } })
  title!: string;

  @IdField({ optional: true, doc: { description: 'the lead partner (trekker)' } })
  leadPartnerId?: string;
}

export class EditThemeDto extends VersionedDto {
  @TextField(500, { optional: true })
  title?: string;

  @IdField({ optional: true, nullable: true, doc: { description: 'null removes the lead' } })
  leadPartnerId?: string | null;
}

export class AddGoalDto extends VersionedDto {
  @ClientIdField()
  id?: string;

  @IdField({ doc: { description: 'a theme or another goal (goals nest to any depth)' } })
  parentId!: string;

  @TextField(40, { doc: { example: '3.2' } })
  code!: string;

  @TextField(500, { doc: { example: 'Dak- en thuisloosheid voorkomen' } })
  title!: string;
}

export class RenameDto extends VersionedDto {
  @TextField(500)
  title!: string;
}

export class ReorderDto extends VersionedDto {
  @IdListField({ min: 1, doc: { description: 'the complete new order of the ids' } })
  order!: string[];
}

export class ListActionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: AS_OF_DESCRIPTION, example: '2024-06-30' })
  @IsOptional()
  @IsAsOf()
  asOf?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: (typeof ACTION_STATUSES)[number];

  @IdField({ optional: true })
  themeId?: string;

  @IdField({ optional: true })
  goalId?: string;

  @IdField({ optional: true, doc: { description: 'the lead partner organisation' } })
  ownerId?: string;

  @IdField({ optional: true })
  partnerId?: string;

  @TextField(100, { optional: true, empty: true })
  tag?: string;

  @ApiPropertyOptional({ description: 'true: only actions past their due date and not realised or stopped' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @TextField(200, {
    optional: true,
    empty: true,
    doc: { description: 'text search in code, BBC code, sub-reporting code, title and description' },
  })
  q?: string;

  @ApiPropertyOptional({ description: 'true: only actions marked priority; false: only the others' })
  @IsOptional()
  @IsIn(['true', 'false'])
  priority?: 'true' | 'false';

  @TextField(40, {
    optional: true,
    doc: { description: 'the BBC code, exactly (case-insensitive): AC1.2.3' },
  })
  bbcCode?: string;

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
}
