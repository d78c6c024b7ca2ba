import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.js';
import { AddActionDto } from '../actions/action.dto.js';
import { VersionedDto } from '../http/common.dto.js';
import { notFound, nothingToChange } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { AsOfQueryDto, ReadQueryDto, asOfOf } from '../http/read-query.dto.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { ReadModelQueries } from '#read-models';
import { belgianToday, type PlanCommand } from '#domain';
import { CommandService, createdId, type WriteResult } from '#commands';
import { actionListFilters } from './action-list-filters.js';
import {
  AddGoalDto,
  AddThemeDto,
  CreatePlanDto,
  EditThemeDto,
  ListActionsQueryDto,
  PlanPublicationDto,
  RenameDto,
  RenamePlanDto,
  ReorderDto,
} from './plan.dto.js';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: "The plans of the caller's tenant" })
  list(@CurrentCaller() caller: Caller, @Query() query: ReadQueryDto) {
    return this.reads.listPlans(caller.tenantId, { minPosition: query.minPosition });
  }

  @Post()
  @ApiOperation({ summary: 'Create a plan' })
  @ApiWriteResult()
  @Roles('coordinator')
  create(@Body() body: CreatePlanDto, @Write({ versioned: false }) write: WriteRequest) {
    const planId = body.id ?? createdId(write.context, 'plan');
    return this.run(planId, write, {
      type: 'CreatePlan',
      data: {
        planId,
        title: body.title,
        description: body.description ?? '',
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
      },
    });
  }

  @Get(':planId')
  @ApiOperation({
    summary: 'The plan tree: themes, goals (any depth) and their actions; `?asOf=` as it stood then',
  })
  @ApiErrors(400, 404)
  async tree(
    @Param('planId', IdParam) planId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: AsOfQueryDto,
  ) {
    const tree = await this.reads.getPlanTree(caller.tenantId, planId, {
      minPosition: query.minPosition,
      asOf: asOfOf(query.asOf),
    });
    if (!tree) throw notFound('plan', planId);
    return tree;
  }

  @Patch(':planId')
  @ApiOperation({ summary: 'Rename the plan' })
  @ApiWriteResult()
  @Roles('coordinator')
  rename(
    @Param('planId', IdParam) planId: string,
    @Body() body: RenamePlanDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(planId, write, { type: 'RenamePlan', data: { planId, title: body.title } });
  }

  @Put(':planId/publication')
  @ApiOperation({
    summary: "Switch the plan's public page (citizens, council, press: no login) on or off",
    description:
      'Off for every plan until a coordinator switches it on. `PlanPublicationChanged` on the plan.',
  })
  @ApiWriteResult()
  @Roles('coordinator')
  publication(
    @Param('planId', IdParam) planId: string,
    @Body() body: PlanPublicationDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(planId, write, {
      type: 'ChangePlanPublication',
      data: { planId, public: body.public },
    });
  }

  @Get(':planId/actions')
  @ApiOperation({
    summary:
      'Actions of the plan, filtered and sorted; `{ items, total, position }`; `?asOf=` as they stood then',
  })
  @ApiErrors(400, 404)
  async actions(
    @Param('planId', IdParam) planId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ListActionsQueryDto,
  ) {
    const { filters, sort } = actionListFilters(query, caller);
    const result = await this.reads.listActions(
      caller.tenantId,
      planId,
      filters,
      { limit: query.limit ?? 100, offset: query.offset ?? 0, sort },
      { minPosition: query.minPosition, asOf: asOfOf(query.asOf) },
    );
    if (!result) throw notFound('plan', planId);
    return result;
  }

  @Get(':planId/dashboard')
  @ApiOperation({
    summary:
      'Counts per theme and status, progress, overdue, open signals; `?asOf=` as it stood then (overdue on that day)',
  })
  @ApiErrors(400, 404)
  async dashboard(
    @Param('planId', IdParam) planId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: AsOfQueryDto,
  ) {
    const asOf = asOfOf(query.asOf);
    const dashboard = await this.reads.getDashboard(
      caller.tenantId,
      planId,
      belgianToday(asOf?.at ?? new Date()),
      {
        minPosition: query.minPosition,
        asOf,
      },
    );
    if (!dashboard) throw notFound('plan', planId);
    return dashboard;
  }

  @Post(':planId/actions')
  @ApiOperation({ summary: 'Add an action under a goal; its code must be unique within the plan' })
  @ApiWriteResult()
  @Roles('coordinator')
  addAction(
    @Param('planId', IdParam) planId: string,
    @Body() body: AddActionDto,
    @Write({ versioned: false }) { context }: WriteRequest,
  ) {
    return this.commands.addAction(
      planId,
      {
        actionId: body.id ?? createdId(context, 'action'),
        planId,
        goalId: body.goalId,
        code: body.code,
        title: body.title,
        description: body.description ?? '',
        tags: body.tags ?? [],
        citizenIdea: body.citizenIdea ?? false,
      },
      context,
    );
  }

  @Post(':planId/themes')
  @ApiOperation({ summary: 'Add a theme (action plan)' })
  @ApiWriteResult()
  @Roles('coordinator')
  addTheme(
    @Param('planId', IdParam) planId: string,
    @Body() body: AddThemeDto,
    @Write() write: WriteRequest,
  ) {
    const themeId = body.id ?? createdId(write.context, 'theme');
    return this.run(planId, write, {
      type: 'AddTheme',
      data: {
        planId,
        themeId,
        code: body.code,
        title: body.title,
        leadPartnerId: body.leadPartnerId ?? null,
      },
    }).then((result) => ({ ...result, themeId }));
  }

  @Patch(':planId/themes/:themeId')
  @ApiOperation({ summary: 'Rename a theme or change its lead' })
  @ApiWriteResult()
  @Roles('coordinator')
  async editTheme(
    @Param('planId', IdParam) planId: string,
    @Param('themeId', IdParam) themeId: string,
    @Body() body: EditThemeDto,
    @Write() write: WriteRequest,
  ) {
    let result: WriteResult | null = null;
    if (body.title !== undefined) {
      result = await this.run(planId, write, {
        type: 'RenameTheme',
        data: { planId, themeId, title: body.title },
      });
    }
    if (body.leadPartnerId !== undefined) {
      // the second change expects the version the first one wrote
      const expectedVersion = result ? result.version : write.expectedVersion;
      result = await this.run(
        planId,
        { ...write, expectedVersion },
        {
          type: 'ChangeThemeLead',
          data: { planId, themeId, leadPartnerId: body.leadPartnerId },
        },
      );
    }
    if (!result) {
      throw nothingToChange(['title', 'leadPartnerId']);
    }
    return result;
  }

  @Put(':planId/themes/order')
  @ApiOperation({ summary: 'Reorder the themes (the complete new order)' })
  @ApiWriteResult()
  @Roles('coordinator')
  reorderThemes(
    @Param('planId', IdParam) planId: string,
    @Body() body: ReorderDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(planId, write, { type: 'ReorderThemes', data: { planId, order: body.order } });
  }

  @Delete(':planId/themes/:themeId')
  @ApiOperation({ summary: 'Remove a theme that has no goals' })
  @ApiWriteResult()
  @Roles('coordinator')
  removeTheme(
    @Param('planId', IdParam) planId: string,
    @Param('themeId', IdParam) themeId: string,
    @Body() body: VersionedDto,
    @Write() write: WriteRequest,
  ) {
    void body;
    return this.run(planId, write, { type: 'RemoveTheme', data: { planId, themeId } });
  }

  @Post(':planId/goals')
  @ApiOperation({ summary: 'Add a goal under a theme or another goal' })
  @ApiWriteResult()
  @Roles('coordinator')
  addGoal(@Param('planId', IdParam) planId: string, @Body() body: AddGoalDto, @Write() write: WriteRequest) {
    const goalId = body.id ?? createdId(write.context, 'goal');
    return this.run(planId, write, {
      type: 'AddGoal',
      data: { planId, goalId, parentId: body.parentId, code: body.code, title: body.title },
    }).then((result) => ({ ...result, goalId }));
  }

  @Patch(':planId/goals/:goalId')
  @ApiOperation({ summary: 'Rename a goal' })
  @ApiWriteResult()
  @Roles('coordinator')
  renameGoal(
    @Param('planId', IdParam) planId: string,
    @Param('goalId', IdParam) goalId: string,
    @Body() body: RenameDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(planId, write, {
      type: 'RenameGoal',
      data: { planId, goalId, title: body.title },
    });
  }

  @Put(':planId/goals/:parentId/order')
  @ApiOperation({ summary: 'Reorder the goals directly under a theme or goal' })
  @ApiWriteResult()
  @Roles('coordinator')
  reorderGoals(
    @Param('planId', IdParam) planId: string,
    @Param('parentId', IdParam) parentId: string,
    @Body() body: ReorderDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(planId, write, {
      type: 'ReorderGoals',
      data: { planId, parentId, order: body.order },
    });
  }

  @Delete(':planId/goals/:goalId')
  @ApiOperation({ summary: 'Remove a goal that has no sub-goals and no actions' })
  @ApiWriteResult()
  @Roles('coordinator')
  removeGoal(
    @Param('planId', IdParam) planId: string,
    @Param('goalId', IdParam) goalId: string,
    @Body() body: VersionedDto,
    @Write() write: WriteRequest,
  ) {
    void body;
    return this.run(planId, write, { type: 'RemoveGoal', data: { planId, goalId } });
  }

  private run(planId: string, { context, expectedVersion }: WriteRequest, command: PlanCommand) {
    return this.commands.plan(planId, command, context, expectedVersion);
  }
}
