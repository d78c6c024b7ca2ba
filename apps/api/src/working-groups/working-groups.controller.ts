import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { CommandService, createdId, type CommandContext, type WriteResult } from '#commands';
import { WORKING_GROUP_ROLES, type WorkingGroupCommand, type WorkingGroupRole } from '#domain';
import { ReadModelQueries } from '#read-models';
import { VersionedDto } from '../actions/action.dto.js';
import { Roles } from '../auth/roles.js';
import { notFound, nothingToChange } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { Ctx, CurrentCaller, ExpectedVersion, type Caller } from '../http/request-context.js';

export class ScopeDto extends VersionedDto {
  @ApiProperty({ type: [String], description: 'themes whose actions the group works on' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  themeIds!: string[];

  @ApiProperty({ type: [String], description: 'single actions the group works on (besides whole themes)' })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  actionIds!: string[];
}

export class CreateWorkingGroupDto extends ScopeDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  planId!: string;

  @ApiProperty({ example: 'Dak- en thuislozen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class EditWorkingGroupDto extends VersionedDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class AddMemberDto extends VersionedDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiPropertyOptional({ enum: WORKING_GROUP_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(WORKING_GROUP_ROLES)
  role?: WorkingGroupRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'the organisation she sits in for (default: her own)' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class MemberRoleDto extends VersionedDto {
  @ApiProperty({ enum: WORKING_GROUP_ROLES })
  @IsIn(WORKING_GROUP_ROLES)
  role!: WorkingGroupRole;
}

export class ArchiveWorkingGroupDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

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
  create(@Body() body: CreateWorkingGroupDto, @Ctx() ctx: CommandContext) {
    const workingGroupId = body.id ?? createdId(ctx, 'workingGroup');
    return this.run(workingGroupId, ctx, undefined, {
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
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    let result: WriteResult | null = null;
    if (body.name !== undefined) {
      result = await this.run(workingGroupId, ctx, expected, {
        type: 'RenameWorkingGroup',
        data: { workingGroupId, name: body.name },
      });
    }
    if (body.description !== undefined) {
      result = await this.run(
        workingGroupId,
        ctx,
        result && expected !== undefined ? result.version : expected,
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
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(workingGroupId, ctx, expected, {
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
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(workingGroupId, ctx, expected, {
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
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(workingGroupId, ctx, expected, {
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
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    void body;
    return this.run(workingGroupId, ctx, expected, {
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
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(workingGroupId, ctx, expected, {
      type: 'ArchiveWorkingGroup',
      data: { workingGroupId, reason: body.reason },
    });
  }

  private run(id: string, ctx: CommandContext, expected: number | undefined, command: WorkingGroupCommand) {
    return this.commands.workingGroup(id, command, ctx, expected);
  }
}
