import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UserAdmin, type WriteResult } from '#commands';
import { ReadModelQueries } from '#read-models';
import { Roles } from '../auth/roles.js';
import { ApiError, notFound, nothingToChange } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { VersionedDto } from '../http/common.dto.js';
import {
  CreateUserDto,
  DisableUserDto,
  EditUserDto,
  ResetPasswordDto,
  SecurityEventsQueryDto,
} from './user.dto.js';

/** User management for coordinators (docs/access.md). */
@ApiTags('users')
@ApiBearerAuth()
@Roles('coordinator')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UserAdmin,
    private readonly reads: ReadModelQueries,
  ) {}

  @Get('users')
  @ApiOperation({ summary: "The tenant's users" })
  list(@CurrentCaller() caller: Caller, @Query() query: ReadQueryDto) {
    return this.reads.listUsers(caller.tenantId, { minPosition: query.minPosition });
  }

  @Get('users/:userId')
  @ApiOperation({ summary: 'One user' })
  @ApiErrors(404)
  async get(
    @Param('userId', IdParam) userId: string,
    @CurrentCaller() caller: Caller,
    @Query() query: ReadQueryDto,
  ) {
    const user = await this.reads.getUser(caller.tenantId, userId, { minPosition: query.minPosition });
    if (!user) throw notFound('user', userId);
    return user;
  }

  @Post('users')
  @ApiOperation({ summary: 'Create a user with a role (and an organisation for partners)' })
  @ApiWriteResult()
  create(@Body() body: CreateUserDto, @Write({ versioned: false }) { context }: WriteRequest) {
    return this.users.register(
      {
        userId: body.id,
        email: body.email,
        name: body.name,
        role: body.role,
        partnerId: body.partnerId,
        password: body.password,
      },
      context,
    );
  }

  @Patch('users/:userId')
  @ApiOperation({ summary: 'Rename a user, change her role or organisation' })
  @ApiWriteResult()
  async edit(
    @Param('userId', IdParam) userId: string,
    @Body() body: EditUserDto,
    @Write() { context, expectedVersion }: WriteRequest,
  ) {
    let result: WriteResult | null = null;
    let version = expectedVersion;
    if (body.name !== undefined) {
      result = await this.users.change(
        userId,
        { type: 'RenameUser', data: { userId, name: body.name } },
        context,
        version,
      );
      version = version === undefined ? undefined : result.version;
    }
    if (body.role !== undefined) {
      result = await this.users.change(
        userId,
        {
          type: 'ChangeUserRole',
          data: {
            userId,
            role: body.role,
            ...(body.partnerId !== undefined ? { partnerId: body.partnerId } : {}),
          },
        },
        context,
        version,
      );
    } else if (body.partnerId !== undefined) {
      result = await this.users.change(
        userId,
        { type: 'ChangeUserPartner', data: { userId, partnerId: body.partnerId } },
        context,
        version,
      );
    }
    if (!result) {
      throw nothingToChange(['name', 'role', 'partnerId']);
    }
    return result;
  }

  @Post('users/:userId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a user: her sessions end at once, she can no longer log in' })
  @ApiWriteResult()
  disable(
    @Param('userId', IdParam) userId: string,
    @Body() body: DisableUserDto,
    @Write() { caller, context, expectedVersion }: WriteRequest,
  ) {
    if (userId === caller.id) {
      throw new ApiError(422, 'USER.CANNOT_DISABLE_SELF', 'a coordinator cannot disable her own account');
    }
    return this.users.change(
      userId,
      { type: 'DisableUser', data: { userId, reason: body.reason } },
      context,
      expectedVersion,
    );
  }

  @Post('users/:userId/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled user again' })
  @ApiWriteResult()
  enable(
    @Param('userId', IdParam) userId: string,
    @Body() body: VersionedDto,
    @Write() { context, expectedVersion }: WriteRequest,
  ) {
    void body;
    return this.users.change(userId, { type: 'EnableUser', data: { userId } }, context, expectedVersion);
  }

  @Post('users/:userId/password')
  @HttpCode(200)
  @ApiOperation({ summary: "Set a user's password (her sessions end)" })
  @ApiWriteResult()
  resetPassword(
    @Param('userId', IdParam) userId: string,
    @Body() body: ResetPasswordDto,
    @Write({ versioned: false }) { context }: WriteRequest,
  ) {
    return this.users.resetPassword(userId, body.newPassword, context);
  }

  @Get('security-events')
  @ApiOperation({
    summary: 'Logins (successful and failed), logouts, role changes, disabled users, password changes',
  })
  securityEvents(@CurrentCaller() caller: Caller, @Query() query: SecurityEventsQueryDto) {
    return this.reads.listSecurityEvents(
      caller.tenantId,
      { userId: query.userId, limit: query.limit ?? 100, offset: query.offset ?? 0 },
      { minPosition: query.minPosition },
    );
  }
}
