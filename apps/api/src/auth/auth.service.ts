import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { userStreamId } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import {
  IdentityStore,
  hashPassword,
  newTokenSecret,
  verifyDecoy,
  verifyPassword,
  type Account,
} from '#identity';
import type { AppConfig } from '#platform';
import { ApiError } from '../http/api-error.js';
import { APP_CONFIG } from '../injection-tokens.js';
import type { AccessTokenClaims } from './access-token.js';

/** After this many failed logins for one email within the window, further attempts are refused for a while. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_SECONDS = 15 * 60;

export interface LoginResult {
  accessToken: string;
  /** null after a refresh within the grace of a just-rotated token: keep the newer one */
  refreshToken: string | null;
  expiresIn: number;
  user: {
    id: string;
    email: string;
    name: string;
    tenantId: string;
    roles: string[];
    partnerId: string | null;
  };
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  correlationId: string;
}

/**
 * Login, refresh with rotation, logout and password change. Every outcome a coordinator must be able to
 * audit (login success and failure, logout, password change) is appended to the user's stream as an event.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly jwt: JwtService,
    private readonly identity: IdentityStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, client: ClientInfo): Promise<LoginResult> {
    // counted and checked in one step per account: concurrent attempts cannot all pass a stale count
    const attempt = await this.identity.reserveLoginAttempt(
      email,
      client.ip,
      MAX_FAILURES,
      FAILURE_WINDOW_SECONDS,
    );
    if (attempt === null) {
      throw new ApiError(
        429,
        'AUTH.TOO_MANY_ATTEMPTS',
        'too many failed logins for this account: try again in 15 minutes',
      );
    }
    const account = await this.identity.findByEmail(email);
    const valid = account
      ? await verifyPassword(account.passwordHash, password)
      : await verifyDecoy(password);
    if (!account || !valid || account.disabled) {
      // the reserved attempt stays recorded as the failure
      if (account) {
        await this.record(
          account,
          account.userId,
          'UserLoginFailed',
          {
            userId: account.userId,
            reason: account.disabled && valid ? 'disabled' : 'bad_password',
          },
          client,
        );
      } else {
        this.logger.warn(`failed login for an unknown email from ${client.ip ?? 'unknown address'}`);
      }
      throw new ApiError(401, 'AUTH.INVALID_CREDENTIALS', 'wrong email or password');
    }
    await this.identity.withdrawLoginAttempt(attempt);
    const sessionId = randomUUID();
    const secret = newTokenSecret();
    await this.identity.createSession({
      id: sessionId,
      userId: account.userId,
      tenantId: account.tenantId,
      secret,
      ttlSeconds: this.config.refreshTokenTtlSeconds,
      userAgent: client.userAgent,
      ip: client.ip,
    });
    await this.record(account, account.userId, 'UserLoggedIn', { userId: account.userId, sessionId }, client);
    return this.tokens(account, sessionId, secret);
  }

  async refresh(refreshToken: string): Promise<LoginResult> {
    const [sessionId, secret] = refreshToken.split('.');
    if (
      !sessionId ||
      !secret ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)
    ) {
      throw new ApiError(401, 'AUTH.REFRESH_INVALID', 'the refresh token is not valid');
    }
    const next = newTokenSecret();
    const outcome = await this.identity.rotate(
      sessionId,
      secret,
      next,
      this.config.refreshTokenTtlSeconds,
      this.config.refreshGraceSeconds,
    );
    if (outcome !== 'rotated' && outcome !== 'grace') {
      throw new ApiError(
        401,
        outcome === 'reused' ? 'AUTH.REFRESH_REUSED' : 'AUTH.REFRESH_INVALID',
        outcome === 'reused'
          ? 'this refresh token was already used: the session is ended, log in again'
          : 'the refresh token is not valid or the session has ended',
      );
    }
    const account = await this.identity.activeSession(sessionId);
    if (!account) throw new ApiError(401, 'AUTH.SESSION_ENDED', 'the session has ended');
    // another tab refreshed a moment ago: a new access token, and the refresh token it got stays the one
    if (outcome === 'grace') return { ...(await this.tokens(account, sessionId, next)), refreshToken: null };
    return this.tokens(account, sessionId, next);
  }

  /** How long a refresh token lives (the cookie's max age). */
  get refreshTokenTtlSeconds(): number {
    return this.config.refreshTokenTtlSeconds;
  }

  async logout(
    caller: { id: string; tenantId: string; sessionId: string },
    client: ClientInfo,
  ): Promise<void> {
    await this.identity.revokeSession(caller.sessionId, 'logout');
    const account = await this.identity.get(caller.id);
    if (account) {
      await this.record(
        account,
        caller.id,
        'UserLoggedOut',
        { userId: caller.id, sessionId: caller.sessionId },
        client,
      );
    }
  }

  async changePassword(
    caller: { id: string; sessionId: string },
    current: string,
    next: string,
    client: ClientInfo,
  ): Promise<void> {
    const account = await this.identity.get(caller.id);
    if (!account || !(await verifyPassword(account.passwordHash, current))) {
      throw new ApiError(422, 'AUTH.WRONG_PASSWORD', 'the current password is not right');
    }
    await this.identity.setPasswordHash(caller.id, await hashPassword(next));
    await this.record(account, caller.id, 'UserPasswordChanged', { userId: caller.id, by: 'self' }, client);
    // other devices must sign in again with the new password
    const sessions = await this.identity.revokeUserSessions(caller.id, 'password changed', caller.sessionId);
    this.logger.log(`password changed for ${caller.id}; ${sessions} session(s) ended`);
  }

  private async tokens(account: Account, sessionId: string, secret: string): Promise<LoginResult> {
    const claims: AccessTokenClaims = { sub: account.userId, tid: account.tenantId, sid: sessionId };
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds }),
      refreshToken: `${sessionId}.${secret}`,
      expiresIn: this.config.accessTokenTtlSeconds,
      user: {
        id: account.userId,
        email: account.email,
        name: account.name,
        tenantId: account.tenantId,
        roles: [account.role],
        partnerId: account.partnerId,
      },
    };
  }

  /** Security facts go to the user's stream (appended as they happened, no decision to take). */
  private async record(account: Account, actorId: string, type: string, data: object, client: ClientInfo) {
    await this.store.appendToStream(
      userStreamId(account.userId),
      [
        {
          id: randomUUID(),
          type,
          data,
          metadata: {
            actorId,
            tenantId: account.tenantId,
            correlationId: client.correlationId,
            causationId: null,
            occurredAt: new Date().toISOString(),
            ip: client.ip,
          },
        },
      ],
      'any',
    );
  }
}
