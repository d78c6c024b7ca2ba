import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MAX_OFFSET } from '../http/input-guard.js';
import { UserAdmin, type CommandContext, type WriteResult } from '#commands';
import { USER_ROLES, type UserRole } from '#domain';
import { PASSWORD_MIN_LENGTH } from '#identity';
import { ReadModelQueries } from '#read-models';
import { VersionedDto } from '../actions/action.dto.js';
import { Roles } from '../auth/roles.js';
import { ApiError, notFound, nothingToChange } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { Ctx, CurrentCaller, ExpectedVersion, type Caller } from '../http/request-context.js';

export class CreateUserDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'an.peeters@caw.be' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'An Peeters' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the partner organisation (required for the partner role)',
  })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MaxLength(200)
  password!: string;
}

export class EditUserDto extends VersionedDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  partnerId?: string | null;
}

export class DisableUserDto extends VersionedDto {
  @ApiProperty({ example: 'left the organisation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MaxLength(200)
  newPassword!: string;
}

export class SecurityEventsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

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
  create(@Body() body: CreateUserDto, @Ctx() ctx: CommandContext) {
    return this.users.register(
      {
        userId: body.id,
        email: body.email,
        name: body.name,
        role: body.role,
        partnerId: body.partnerId,
        password: body.password,
      },
      ctx,
    );
  }

  @Patch('users/:userId')
  @ApiOperation({ summary: 'Rename a user, change her role or organisation' })
  @ApiWriteResult()
  async edit(
    @Param('userId', IdParam) userId: string,
    @Body() body: EditUserDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    let result: WriteResult | null = null;
    let version = expected;
    if (body.name !== undefined) {
      result = await this.users.change(
        userId,
        { type: 'RenameUser', data: { userId, name: body.name } },
        ctx,
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
        ctx,
        version,
      );
    } else if (body.partnerId !== undefined) {
      result = await this.users.change(
        userId,
        { type: 'ChangeUserPartner', data: { userId, partnerId: body.partnerId } },
        ctx,
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
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    if (userId === caller.id) {
      throw new ApiError(422, 'USER.CANNOT_DISABLE_SELF', 'a coordinator cannot disable her own account');
    }
    return this.users.change(
      userId,
      { type: 'DisableUser', data: { userId, reason: body.reason } },
      ctx,
      expected,
    );
  }

  @Post('users/:userId/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled user again' })
  @ApiWriteResult()
  enable(
    @Param('userId', IdParam) userId: string,
    @Body() body: VersionedDto,
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    void body;
    return this.users.change(userId, { type: 'EnableUser', data: { userId } }, ctx, expected);
  }

  @Post('users/:userId/password')
  @HttpCode(200)
  @ApiOperation({ summary: "Set a user's password (her sessions end)" })
  @ApiWriteResult()
  resetPassword(
    @Param('userId', IdParam) userId: string,
    @Body() body: ResetPasswordDto,
    @Ctx() ctx: CommandContext,
  ) {
    return this.users.resetPassword(userId, body.newPassword, ctx);
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
