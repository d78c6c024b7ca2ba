import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandService, type WriteResult } from '#commands';
import { Roles } from '../auth/roles.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { Write, type WriteRequest } from '../http/request-context.js';
import { ArchiveSectionDto, MoveActionDto, MoveGoalDto } from './plan-tree.dto.js';

/**
 * Restructuring the plan tree: moving goals and actions, archiving a theme or goal with everything under it.
 * The single-stream move is a plan command; the two that write several streams call the write side's
 * PlanTreeService.
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans/:planId')
export class PlanTreeController {
  constructor(private readonly commands: CommandService) {}

  @Post('goals/:goalId/move')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a goal, with its sub-goals and actions, under another theme or goal' })
  @ApiWriteResult()
  @Roles('coordinator')
  moveGoal(
    @Param('planId', IdParam) planId: string,
    @Param('goalId', IdParam) goalId: string,
    @Body() body: MoveGoalDto,
    @Write() { context, expectedVersion }: WriteRequest,
  ): Promise<WriteResult> {
    return this.commands.plan(
      planId,
      { type: 'MoveGoal', data: { planId, goalId, parentId: body.parentId, code: body.code } },
      context,
      expectedVersion,
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
    @Write({ versioned: false }) { context }: WriteRequest,
  ): Promise<WriteResult> {
    return this.commands.planTree.moveAction(
      planId,
      { actionId, goalId: body.goalId, code: body.code },
      context,
    );
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
    @Write({ versioned: false }) { context }: WriteRequest,
  ) {
    return this.commands.planTree.archiveSection(
      planId,
      { kind: 'theme', id: themeId, reason: body.reason },
      context,
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
    @Write({ versioned: false }) { context }: WriteRequest,
  ) {
    return this.commands.planTree.archiveSection(
      planId,
      { kind: 'goal', id: goalId, reason: body.reason },
      context,
    );
  }
}
