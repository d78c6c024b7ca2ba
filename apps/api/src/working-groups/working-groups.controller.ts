import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandService, createdId, type WriteResult } from '#commands';
import type { WorkingGroupCommand } from '#domain';
import { ReadModelQueries } from '#read-models';
import { Roles } from '../auth/roles.js';
import { notFound, nothingToChange } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { VersionedDto } from '../http/common.dto.js';
import {
  AddMemberDto,
  ArchiveWorkingGroupDto,
  CreateWorkingGroupDto,
  EditWorkingGroupDto,
  MemberRoleDto,
  ScopeDto,
} from './working-group.dto.js';

@ApiTags('working groups')
@ApiBearerAuth()
@Controller('working-groups')
export class WorkingGroupsController {
  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
  ) {}

  @Get()
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: "The tenant's working groups" })
  list(@CurrentCaller() caller: Caller, @Query() query: ReadQueryDto) {
    return this.reads.listWorkingGroups(caller.tenantId, {}, { minPosition: query.minPosition });
  }

  @Get(':groupId')
  @Roles('coordinator', 'member')
  @ApiOperation({ summary: 'A working group with its scope and members' })
  @ApiErrors(404)
  async get(
    @Param('groupId', IdParam) groupId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ) {
    const group = await this.reads.getWorkingGroup(caller.tenantId, groupId, {
      minPosition: query.minPosition,
    });
    if (!group) throw notFound('working group', groupId);
    return group;
  }

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Create a working group on a plan, scoped on themes and/or actions' })
  @ApiWriteResult()
  create(@Body() body: CreateWorkingGroupDto, @Write({ versioned: false }) write: WriteRequest) {
    const workingGroupId = body.id ?? createdId(write.context, 'workingGroup');
    return this.run(workingGroupId, write, {
      type: 'CreateWorkingGroup',
      data: {
        workingGroupId,
        planId: body.planId,
        name: body.name,
        description: body.description ?? '',
        scope: { themeIds: body.themeIds, actionIds: body.actionIds },
      },
    });
  }

  @Patch(':groupId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Rename the group or change its description' })
  @ApiWriteResult()
  async edit(
    @Param('groupId', IdParam) workingGroupId: string,
    @Body() body: EditWorkingGroupDto,
    @Write() write: WriteRequest,
  ) {
    let result: WriteResult | null = null;
    if (body.name !== undefined) {
      result = await this.run(workingGroupId, write, {
        type: 'RenameWorkingGroup',
        data: { workingGroupId, name: body.name },
      });
    }
    if (body.description !== undefined) {
      // the second change expects the version the first one wrote (when the client sent one)
      const expectedVersion =
        result && write.expectedVersion !== undefined ? result.version : write.expectedVersion;
      result = await this.run(
        workingGroupId,
        { ...write, expectedVersion },
        {
          type: 'ChangeWorkingGroupDescription',
          data: { workingGroupId, description: body.description },
        },
      );
    }
    if (!result) {
      throw nothingToChange(['name', 'description']);
    }
    return result;
  }

  @Put(':groupId/scope')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Set the themes and actions the group works on' })
  @ApiWriteResult()
  scope(
    @Param('groupId', IdParam) workingGroupId: string,
    @Body() body: ScopeDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(workingGroupId, write, {
      type: 'ChangeWorkingGroupScope',
      data: { workingGroupId, scope: { themeIds: body.themeIds, actionIds: body.actionIds } },
    });
  }

  @Post(':groupId/members')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Add a member (chair, secretary or member)' })
  @ApiWriteResult()
  addMember(
    @Param('groupId', IdParam) workingGroupId: string,
    @Body() body: AddMemberDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(workingGroupId, write, {
      type: 'AddWorkingGroupMember',
      data: {
        workingGroupId,
        userId: body.userId,
        role: body.role ?? 'member',
        partnerId: body.partnerId ?? null,
      },
    });
  }

  @Patch(':groupId/members/:userId')
  @Roles('coordinator')
  @ApiOperation({ summary: "Change a member's role in the group" })
  @ApiWriteResult()
  memberRole(
    @Param('groupId', IdParam) workingGroupId: string,
    @Param('userId', IdParam) userId: string,
    @Body() body: MemberRoleDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(workingGroupId, write, {
      type: 'ChangeWorkingGroupMemberRole',
      data: { workingGroupId, userId, role: body.role },
    });
  }

  @Delete(':groupId/members/:userId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Remove a member' })
  @ApiWriteResult()
  removeMember(
    @Param('groupId', IdParam) workingGroupId: string,
    @Param('userId', IdParam) userId: string,
    @Body() body: VersionedDto,
    @Write() write: WriteRequest,
  ) {
    void body;
    return this.run(workingGroupId, write, {
      type: 'RemoveWorkingGroupMember',
      data: { workingGroupId, userId },
    });
  }

  @Post(':groupId/archive')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Archive the group (its history stays)' })
  @ApiWriteResult()
  archive(
    @Param('groupId', IdParam) workingGroupId: string,
    @Body() body: ArchiveWorkingGroupDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(workingGroupId, write, {
      type: 'ArchiveWorkingGroup',
      data: { workingGroupId, reason: body.reason },
    });
  }

  private run(id: string, { context, expectedVersion }: WriteRequest, command: WorkingGroupCommand) {
    return this.commands.workingGroup(id, command, context, expectedVersion);
  }
}
