import type { LoggerService } from '@nestjs/common';
import { Writable } from 'node:stream';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import type { AppConfig } from '#platform';

/** What never reaches a log line: credentials in headers and bodies, wherever they appear. */
export const REDACTED_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.authorization',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

const LEVELS: Record<AppConfig['logLevel'], LevelWithSilent> = {
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  error: 'error',
};

/**
 * The structured logger (pino): JSON lines in production (`LOG_FORMAT=json`), one readable line per entry in
 * development (`pretty`). Credentials are redacted by path; a bearer token in a message string is masked too.
 */
export function createLogger(
  config: Pick<AppConfig, 'logLevel' | 'logFormat'>,
  destination: NodeJS.WritableStream = process.stdout,
): Logger {
  const stream = config.logFormat === 'pretty' ? prettyStream(destination) : destination;
  return pino(
    {
      level: LEVELS[config.logLevel],
      base: { service: 'api' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? maskSecrets(arg) : arg)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    stream,
  );
}

/** Bearer tokens and JWTs inside free text (an error message quoting a header) are masked. */
export function maskSecrets(text: string): string {
  return text
    .replace(/Bearer\s+[\w.-]+/gi, 'Bearer [redacted]')
    .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[redacted-jwt]');
}

function prettyStream(destination: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        try {
          const {
            time,
            level,
            context,
            msg,
            service: _service,
            ...rest
          } = JSON.parse(line) as Record<string, unknown>;
          const text = (value: unknown, fallback: string): string =>
            typeof value === 'string' ? value : value === undefined ? fallback : JSON.stringify(value);
          const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
          destination.write(
            `${text(time, '')} ${text(level, '').toUpperCase().padEnd(5)} [${text(context, 'app')}] ${text(msg, '')}${extra}\n`,
          );
        } catch {
          destination.write(`${line}\n`);
        }
      }
      done();
    },
  });
}

/** Nest's LoggerService on pino: the framework's own lines become structured entries with their context. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    params: unknown[],
  ): void {
    // Nest passes the context last (a string); an error's stack may come before it
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const rest = context === undefined ? params : params.slice(0, -1);
    const stack = rest.find((param): param is string => typeof param === 'string');
    const text =
      message instanceof Error
        ? message.message
        : typeof message === 'string'
          ? message
          : JSON.stringify(message);
    this.logger[level]({ ...(context ? { context } : {}), ...(stack ? { stack } : {}) }, text);
  }
}
