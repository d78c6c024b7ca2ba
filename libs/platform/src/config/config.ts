import { resolve } from 'node:path';

/** Runtime configuration, read once from the environment and validated (API.md "Configuration"). */
export interface AppConfig {
  port: number;
  host: string;
  /** external PostgreSQL; null means the embedded one */
  databaseUrl: string | null;
  dataDir: string;
  eventStore: 'postgres' | 'kurrentdb';
  eventStoreConnectionString: string | null;
  /** create the demo tenant on an empty database */
  demo: boolean;
  /** run the projections inside the api process (default: yes with the embedded database) */
  embeddedProjector: boolean;
  production: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** signs access tokens; null: generated once and kept under DATA_DIR (never in production) */
  jwtSecret: string | null;
  /** wraps the data subjects' keys (PERSONAL_DATA_KEY); null: generated once and kept under DATA_DIR */
  personalDataKey: string | null;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** how long a just-rotated refresh token still answers a concurrent refresh (two tabs at once) */
  refreshGraceSeconds: number;
  /** browser origins allowed to call the API and open sockets (CORS); empty: same origin only */
  corsOrigins: string[];
  /** requests per minute per client address, all routes together */
  rateLimitPerMinute: number;
  /** citizens' feedback on public plan pages per client address and 15 minutes */
  publicFeedbackPer15Minutes: number;
  /** socket.io adapter across api processes: Redis when set, otherwise PostgreSQL */
  redisUrl: string | null;
  /** a reconnecting client missing more events than this in a room gets a snapshot instead of a replay */
  realtimeReplayLimit: number;
  /** projections more events behind than this make readiness "degraded" (still ready) */
  healthMaxProjectionLag: number;
  /** after SIGTERM: time to let the load balancer notice "not ready" before the server stops accepting */
  shutdownDrainMs: number;
  /** after SIGTERM: the most in-flight work may take before the process exits anyway */
  shutdownTimeoutMs: number;
  /** bearer token for GET /metrics; null: open outside production, off in production */
  metricsToken: string | null;
  /** json (one object per line, the default in production) or pretty (one readable line) */
  logFormat: 'json' | 'pretty';
  /** SMTP server for notification mails (smtp:// or smtps://); null: mails stay in the local outbox */
  smtpUrl: string | null;
  /** the sender of notification mails, e.g. "Sociaal beleid <no-reply@brugge.be>" */
  mailFrom: string;
  /** the web app's public address for links in mails; null: the api's own address */
  publicUrl: string | null;
  /** run a notification sender in this process (one of all processes delivers at a time: a lease) */
  notificationSender: boolean;
  /** how long an invitation link (set your password) works, in seconds (INVITATION_TTL_HOURS, default 7 days) */
  invitationTtlSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';

  const port = integer(env, 'PORT', 3000, 0, 65535, problems);
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must be a postgres:// connection string (got "${redact(databaseUrl)}")`);
  }
  if (production && !databaseUrl) {
    problems.push(
      'DATABASE_URL is required when NODE_ENV=production (the embedded database is for development and demos)',
    );
  }
  const eventStore = oneOf(env, 'EVENT_STORE', ['postgres', 'kurrentdb'] as const, 'postgres', problems);
  const eventStoreConnectionString = nonEmpty(env.EVENTSTORE_CONNECTION_STRING);
  if (eventStore === 'kurrentdb' && !eventStoreConnectionString) {
    problems.push(
      'EVENT_STORE=kurrentdb needs EVENTSTORE_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false)',
    );
  }
  const demo = boolean(env, 'DEMO', !databaseUrl, problems);
  const embeddedProjector = boolean(env, 'EMBEDDED_PROJECTOR', true, problems);
  const logLevel = oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info', problems);
  const jwtSecret = nonEmpty(env.JWT_SECRET);
  if (jwtSecret !== null && jwtSecret.length < 32)
    problems.push('JWT_SECRET must be at least 32 characters long');
  if (production && jwtSecret === null) problems.push('JWT_SECRET is required when NODE_ENV=production');
  const personalDataKey = nonEmpty(env.PERSONAL_DATA_KEY);
  if (personalDataKey !== null && personalDataKey.length < 32)
    problems.push('PERSONAL_DATA_KEY must be at least 32 characters long');
  // a generated one lives under DATA_DIR: each container would get its own, and lose it with its disk, and
  // with it every encrypted name and e-mail address (docs/privacy.md)
  if (production && personalDataKey === null)
    problems.push('PERSONAL_DATA_KEY is required when NODE_ENV=production');
  const accessTokenTtlSeconds = integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400, problems);
  const refreshTokenTtlSeconds = integer(
    env,
    'REFRESH_TOKEN_TTL_SECONDS',
    30 * 86_400,
    300,
    365 * 86_400,
    problems,
  );
  const refreshGraceSeconds = integer(env, 'REFRESH_GRACE_SECONDS', 20, 0, 120, problems);
  const corsOrigins = (nonEmpty(env.CORS_ORIGINS) ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS entries must be origins like https://plan.brugge.be (got "${origin}")`);
    }
  }
  const rateLimitPerMinute = integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 10, 1_000_000, problems);
  const publicFeedbackPer15Minutes = integer(
    env,
    'PUBLIC_FEEDBACK_PER_15_MINUTES',
    5,
    1,
    1_000_000,
    problems,
  );

  const redisUrl = nonEmpty(env.REDIS_URL);
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push(`REDIS_URL must be a redis:// or rediss:// URL (got "${redact(redisUrl)}")`);
  }

  const realtimeReplayLimit = integer(env, 'REALTIME_REPLAY_LIMIT', 5000, 1, 1_000_000, problems);
  const healthMaxProjectionLag = integer(
    env,
    'HEALTH_MAX_PROJECTION_LAG',
    10_000,
    0,
    1_000_000_000,
    problems,
  );
  const shutdownDrainMs = integer(env, 'SHUTDOWN_DRAIN_MS', 0, 0, 120_000, problems);
  const shutdownTimeoutMs = integer(env, 'SHUTDOWN_TIMEOUT_MS', 25_000, 1_000, 600_000, problems);
  const metricsToken = nonEmpty(env.METRICS_TOKEN);
  if (metricsToken !== null && metricsToken.length < 16)
    problems.push('METRICS_TOKEN must be at least 16 characters long');
  const logFormat = oneOf(
    env,
    'LOG_FORMAT',
    ['json', 'pretty'] as const,
    production ? 'json' : 'pretty',
    problems,
  );

  const smtpUrl = nonEmpty(env.SMTP_URL);
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    problems.push(`SMTP_URL must be an smtp:// or smtps:// URL (got "${redact(smtpUrl)}")`);
  }
  const mailFrom = nonEmpty(env.MAIL_FROM) ?? 'Sociaal beleid <no-reply@localhost>';
  if (!/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an address, or a name and <address> (got "${mailFrom}")`);
  }
  const publicUrl = nonEmpty(env.PUBLIC_URL)?.replace(/\/+$/, '') ?? null;
  if (publicUrl && !/^https?:\/\/[^/\s]+/.test(publicUrl)) {
    problems.push(`PUBLIC_URL must be an http(s) address like https://plan.brugge.be (got "${publicUrl}")`);
  }

  const notificationSender = boolean(env, 'NOTIFICATION_SENDER', true, problems);
  const invitationTtlSeconds = integer(env, 'INVITATION_TTL_HOURS', 168, 1, 720, problems) * 3600;

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    databaseUrl,
    dataDir: resolve(nonEmpty(env.DATA_DIR) ?? '.data'),
    eventStore,
    eventStoreConnectionString,
    demo,
    embeddedProjector,
    production,
    logLevel,
    jwtSecret,
    personalDataKey,
    accessTokenTtlSeconds,
    refreshTokenTtlSeconds,
    refreshGraceSeconds,
    corsOrigins,
    rateLimitPerMinute,
    publicFeedbackPer15Minutes,
    redisUrl,
    realtimeReplayLimit,
    healthMaxProjectionLag,
    shutdownDrainMs,
    shutdownTimeoutMs,
    metricsToken,
    logFormat,
    smtpUrl,
    mailFrom,
    publicUrl,
    notificationSender,
    invitationTtlSeconds,
  };
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined || raw === null) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function oneOf<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return fallback;
}

export function redact(url: string): string {
  return url.replace(/:\/\/([^:@/]+):[^@/]+@/, '://$1:***@');
}
