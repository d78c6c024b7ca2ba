import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { IdentityStore } from '#identity';
import { ApiError } from '../http/api-error.js';
import type { AuthedRequest } from '../http/request-context.js';
import { ALLOWED_ROLES, IS_PUBLIC, type Role } from './roles.js';
import type { AccessTokenClaims } from './access-token.js';

/**
 * The global guard: every route needs a valid access token of a live session unless it is @Public().
 * The session and the account are read on every request, so a logout, a disabled user or a role change
 * takes effect at once, not when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly identity: IdentityStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    request.caller = await authenticate(request.headers.authorization, this.jwt, this.identity);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.includes(request.caller.role)) {
      throw new ApiError(403, 'AUTH.FORBIDDEN', `this needs the role ${allowed.join(' or ')}`, {
        role: request.caller.role,
        allowed,
      });
    }
    return true;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Token -> caller, with a stable code for every refusal (shared with the socket handshake). */
export async function authenticate(header: string | undefined, jwt: JwtService, identity: IdentityStore) {
  const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header ?? '');
  if (!match)
    throw new ApiError(
      401,
      'AUTH.TOKEN_MISSING',
      'send Authorization: Bearer <accessToken> (from /api/auth/login)',
    );
  let claims: AccessTokenClaims;
  try {
    claims = await jwt.verifyAsync<AccessTokenClaims>(match[1]!);
  } catch (error) {
    const expired = (error as { name?: string }).name === 'TokenExpiredError';
    throw new ApiError(
      401,
      expired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.TOKEN_INVALID',
      expired ? 'the access token has expired: refresh it' : 'the access token is not valid',
    );
  }
  // every token this api signs expires (15 minutes); one without `exp` was not made here: never accept it
  const { exp, sid, sub } = claims as AccessTokenClaims & { exp?: unknown };
  if (typeof exp !== 'number' || typeof sid !== 'string' || typeof sub !== 'string' || !UUID.test(sid)) {
    throw new ApiError(401, 'AUTH.TOKEN_INVALID', 'the access token is not valid');
  }
  const account = await identity.activeSession(claims.sid);
  if (!account || account.userId !== claims.sub) {
    throw new ApiError(
      401,
      'AUTH.SESSION_ENDED',
      'the session has ended (logged out, expired or the account was disabled)',
    );
  }
  return {
    id: account.userId,
    name: account.name,
    email: account.email,
    tenantId: account.tenantId,
    role: account.role,
    roles: [account.role],
    partnerId: account.partnerId,
    sessionId: account.sessionId,
  };
}
