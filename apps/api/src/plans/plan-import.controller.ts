import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  CommandService,
  RULE_CHOICES,
  importPlanDocument,
  type CommandContext,
  type RuleChoice,
} from '#commands';
import { Roles } from '../auth/roles.js';
import { ApiErrors } from '../http/openapi.js';
import { Ctx } from '../http/request-context.js';

export class ImportPlanDto {
  @ApiProperty({ description: 'the plan document as text (e.g. extracted from its PDF)' })
  @IsString()
  @MinLength(1)
  @MaxLength(1_500_000)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 're-import a newer version into this plan' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({
    enum: RULE_CHOICES,
    default: 'auto',
    description: 'how the document numbers its parts',
  })
  @IsOptional()
  @IsIn(RULE_CHOICES)
  rules?: RuleChoice;

  @ApiPropertyOptional({ description: 'only show what would be imported (also as ?dryRun=true)' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanImportController {
  constructor(private readonly commands: CommandService) {}

  @Post('import')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary:
      'Import a plan document: themes, goals and actions, through the same commands a person would use',
    description:
      'Answers what it found (counts, tree), every line it could not place, and the changes it made. A re-import ' +
      '(`planId`) updates changed titles and descriptions, adds what is new and reports what disappeared.',
  })
  @ApiErrors(400, 404, 422)
  import(@Body() body: ImportPlanDto, @Query() query: ImportQueryDto, @Ctx() ctx: CommandContext) {
    return importPlanDocument(this.commands, body.text, ctx, {
      planId: body.planId,
      rules: body.rules,
      dryRun: body.dryRun ?? query.dryRun === 'true',
    });
  }
}
