import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CommandService, type CommandContext, type WriteResult } from '#commands';
import { VersionedDto } from '../actions/action.dto.js';
import { Roles } from '../auth/roles.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { Ctx, ExpectedVersion } from '../http/request-context.js';
import { RunPlanCommand } from '../write/commands.js';

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

/**
 * Restructuring the plan tree: moving goals and actions, archiving a theme or goal with everything under it.
 * The single-stream move goes through the command bus like the other plan routes; the two that write several
 * streams call the write side's PlanTreeService.
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans/:planId')
export class PlanTreeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly service: CommandService,
  ) {}

  @Post('goals/:goalId/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a goal, with its sub-goals and actions, under another theme or goal' })
  @ApiWriteResult()
  @Roles('coordinator')
  moveGoal(
    @Param('planId', IdParam) planId: string,
    @Param('goalId', IdParam) goalId: string,
    @Body() body: MoveGoalDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ): Promise<WriteResult> {
    return this.commands.execute(
      new RunPlanCommand(
        planId,
        { type: 'MoveGoal', data: { planId, goalId, parentId: body.parentId, code: body.code } },
        ctx,
        expected,
      ),
    );
  }

  @Post('actions/:actionId/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move an action under another goal of the plan, optionally with a new code' })
  @ApiWriteResult()
  @ApiErrors(404)
  @Roles('coordinator')
  moveAction(
    @Param('planId', IdParam) planId: string,
    @Param('actionId', IdParam) actionId: string,
    @Body() body: MoveActionDto,
    @Ctx() ctx: CommandContext,
  ): Promise<WriteResult> {
    return this.service.planTree.moveAction(planId, { actionId, goalId: body.goalId, code: body.code }, ctx);
  }

  @Post('themes/:themeId/archive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Archive a theme with its goals and their actions (each action archived with the reason)',
  })
  @ApiWriteResult()
  @Roles('coordinator')
  archiveTheme(
    @Param('planId', IdParam) planId: string,
    @Param('themeId', IdParam) themeId: string,
    @Body() body: ArchiveSectionDto,
    @Ctx() ctx: CommandContext,
  ) {
    return this.service.planTree.archiveSection(
      planId,
      { kind: 'theme', id: themeId, reason: body.reason },
      ctx,
    );
  }

  @Post('goals/:goalId/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a goal with its sub-goals and their actions' })
  @ApiWriteResult()
  @Roles('coordinator')
  archiveGoal(
    @Param('planId', IdParam) planId: string,
    @Param('goalId', IdParam) goalId: string,
    @Body() body: ArchiveSectionDto,
    @Ctx() ctx: CommandContext,
  ) {
    return this.service.planTree.archiveSection(
      planId,
      { kind: 'goal', id: goalId, reason: body.reason },
      ctx,
    );
  }
}
