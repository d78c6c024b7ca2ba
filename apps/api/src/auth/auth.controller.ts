import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import { ReadModelQueries } from '#read-models';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../http/api-error.js';
import { ApiErrors } from '../http/openapi.js';
import { CurrentCaller, type AuthedRequest, type Caller } from '../http/request-context.js';
import { AuthService, type ClientInfo } from './auth.service.js';
import { Public } from './roles.js';
import { ChangePasswordDto, LoginDto, RefreshDto } from './auth.dto.js';

/**
 * The refresh token also travels as an HttpOnly, SameSite=Strict cookie, limited to /api/auth, so the web app
 * keeps its session across tabs and reloads without any token in script-readable storage. Secure whenever the
 * request came over https (directly or through a proxy that says so); plain http on localhost still works.
 */
export const REFRESH_COOKIE = 'spb_refresh';
const COOKIE_PATH = '/api/auth';

function setRefreshCookie(request: Request, response: Response, token: string, ttlSeconds: number): void {
  response.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isHttps(request),
    path: COOKIE_PATH,
    maxAge: ttlSeconds * 1000,
  });
}

function clearRefreshCookie(request: Request, response: Response): void {
  response.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isHttps(request),
    path: COOKIE_PATH,
  });
}

const isHttps = (request: Request): boolean =>
  request.secure || request.headers['x-forwarded-proto'] === 'https';

function refreshCookieOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookies(header)[REFRESH_COOKIE] : undefined;
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
  async login(
    @Body() body: LoginDto,
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.auth.login(body.email, body.password, clientOf(request));
    if (result.refreshToken)
      setRefreshCookie(request, response, result.refreshToken, this.auth.refreshTokenTtlSeconds);
    return result;
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Trade a refresh token (body, or the HttpOnly cookie) for new tokens; a refresh token works once, ' +
      'and for a few seconds after its rotation a concurrent refresh (another tab) gets an access token only',
  })
  async refresh(
    @Body() body: RefreshDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const presented = body.refreshToken ?? refreshCookieOf(request);
    if (!presented) throw new ApiError(401, 'AUTH.REFRESH_INVALID', 'no refresh token');
    try {
      const result = await this.auth.refresh(presented);
      if (result.refreshToken)
        setRefreshCookie(request, response, result.refreshToken, this.auth.refreshTokenTtlSeconds);
      return result;
    } catch (error) {
      // a refused refresh token is of no use to the browser any more
      if (error instanceof ApiError && !body.refreshToken) clearRefreshCookie(request, response);
      throw error;
    }
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  async logout(
    @CurrentCaller() caller: Caller,
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(caller, clientOf(request));
    clearRefreshCookie(request, response);
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
