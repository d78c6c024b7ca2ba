import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ReadModelQueries } from '#read-models';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from '#identity';
import { ApiErrors } from '../http/openapi.js';
import { CurrentCaller, type AuthedRequest, type Caller } from '../http/request-context.js';
import { AuthService, type ClientInfo } from './auth.service.js';
import { Public } from './roles.js';

export class LoginDto {
  @ApiProperty({ example: 'coordinator@demo.local' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  newPassword!: string;
}

export function clientOf(request: AuthedRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return {
    ip: request.ip ?? null,
    userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null,
    correlationId: request.correlationId ?? 'none',
  };
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly reads: ReadModelQueries,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in: a short-lived access token and a refresh token (rotated on every refresh)',
  })
  @ApiErrors(400)
  login(@Body() body: LoginDto, @Req() request: AuthedRequest) {
    return this.auth.login(body.email, body.password, clientOf(request));
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token for new tokens; a refresh token works once' })
  refresh(@Body() body: RefreshDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  async logout(@CurrentCaller() caller: Caller, @Req() request: AuthedRequest): Promise<void> {
    await this.auth.logout(caller, clientOf(request));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentCaller() caller: Caller) {
    const { id, email, name, tenantId, roles, partnerId } = caller;
    return { id, email, name, tenantId, roles, partnerId };
  }

  @Get('me/working-groups')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The working groups I am a member of, with my role in each' })
  myWorkingGroups(@CurrentCaller() caller: Caller, @Query() query: ReadQueryDto) {
    return this.reads.listWorkingGroupsOfUser(
      caller.tenantId,
      caller.id,
      {},
      { minPosition: query.minPosition },
    );
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change my password; every other session of mine ends' })
  async changePassword(
    @CurrentCaller() caller: Caller,
    @Body() body: ChangePasswordDto,
    @Req() request: AuthedRequest,
  ): Promise<void> {
    await this.auth.changePassword(caller, body.currentPassword, body.newPassword, clientOf(request));
  }
}
