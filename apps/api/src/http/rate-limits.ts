import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';

function tooMany(message: string) {
  return (_request: Request, response: Response) => {
    response.status(429).json({ statusCode: 429, code: 'REQUEST.RATE_LIMITED', message });
  };
}

const clientKey = (request: Request): string => ipKeyGenerator(request.ip ?? 'unknown');

/** All routes together, per client address (RATE_LIMIT_PER_MINUTE). */
export function globalRateLimit(perMinute: number): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: clientKey,
    handler: tooMany('too many requests from this address: wait a minute'),
  });
}

/** A citizen's feedback on a public plan page: a few per address and quarter of an hour is plenty for people. */
export function publicFeedbackRateLimit(limit = 5): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: clientKey,
    handler: tooMany('too much feedback from this address: try again in a quarter of an hour'),
  });
}

/**
 * Logins per client address and email: guessing passwords is slow, and a shared office address does not
 * lock out colleagues. (Per account, whatever the address, the auth service refuses after ten failures.)
 */
export function loginRateLimit(): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request) => {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      return `${clientKey(request)}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
    },
    handler: tooMany('too many login attempts: wait a minute'),
  });
}
