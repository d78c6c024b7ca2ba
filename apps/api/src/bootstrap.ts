import 'reflect-metadata';
import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import pg from 'pg';
import { PostgresEventStore, runEventStoreMigrations } from '#event-store';
import { CommandService, UserAdmin, seedDemo } from '#commands';
import { IdentityStore, runIdentityMigrations } from '#identity';
import {
  loadConfig,
  loadOrCreateSecret,
  resolveDatabase,
  type AppConfig,
  type EmbeddedDatabase,
} from '#platform';
import { createProjectionRunner, runReadModelMigrations } from '#read-models';
import { AppModule, type AppRuntime } from './app.module.js';
import { globalRateLimit, loginRateLimit } from './http/rate-limits.js';
import { requestMiddleware } from './http/request.middleware.js';
import { LiveIoAdapter } from './realtime/live-io.adapter.js';

export interface RunningApp {
  app: INestApplication;
  runtime: AppRuntime;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

const NEST_LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  debug: ['debug', 'log', 'warn', 'error'],
  info: ['log', 'warn', 'error'],
  warn: ['warn', 'error'],
  error: ['error'],
};

/** The request body limit: a plan document import is the largest thing a client sends. */
const BODY_LIMIT = '2mb';

/**
 * Builds and starts the whole api: database (external or embedded), migrations, event store, projections
 * (inside this process unless EMBEDDED_PROJECTOR=false), HTTP server with OpenAPI at /api/docs.
 * Used by main.ts and by the end-to-end tests, so both run the same code path.
 */
export async function startApi(overrides: Partial<AppConfig> = {}): Promise<RunningApp> {
  const logger = new Logger('bootstrap');
  const config: AppConfig = { ...loadConfig(), ...overrides };
  const database = await resolveDatabase(config, (line) => logger.log(line));
  let embedded: EmbeddedDatabase | null = database.embedded;
  try {
    await runEventStoreMigrations(database.url);
    await runReadModelMigrations(database.url);
    await runIdentityMigrations(database.url);
    const jwtSecret = config.jwtSecret ?? (await loadOrCreateSecret(config.dataDir, 'jwt'));
    const store = new PostgresEventStore(database.url);
    const readPool = new pg.Pool({ connectionString: database.url, max: 10 });
    const runner = createProjectionRunner({
      store,
      pool: readPool,
      // several api processes (or a projector) on one database: one runs each projection
      election: true,
      logger: (line: string) => logger.log(line),
    });
    if (config.embeddedProjector) await runner.start();
    const identity = new IdentityStore(readPool);
    const commands = new CommandService(store);
    const userAdmin = new UserAdmin(store, identity);
    if (config.demo) {
      await seedDemo({ commands, users: userAdmin, identity, log: (line) => logger.log(line) });
    }
    const runtime: AppRuntime = { config, jwtSecret, identity, commands, userAdmin, store, readPool, runner };

    const app = await NestFactory.create(AppModule.forRoot(runtime), {
      bodyParser: false,
      logger: NEST_LOG_LEVELS[config.logLevel],
    });
    app.setGlobalPrefix('api');
    app.use(helmet());
    // no origin listed: same-origin only (the web app is served by this api)
    app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: true });
    // rate limits before anything costs a database lookup
    app.use(globalRateLimit(config.rateLimitPerMinute));
    app.use(express.json({ limit: BODY_LIMIT }));
    app.use(bodyParserErrors);
    app.use('/api/auth/login', loginRateLimit());
    app.use(requestMiddleware);
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Social policy backbone API')
        .setDescription(
          'Plans, actions and their full history as events. Errors are `{ statusCode, code, message, details }`; ' +
            'writes return `{ id, version, position }`; reads accept `?minPosition=`. See docs/errors.md.',
        )
        .setVersion('0.1.0')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
    const liveAdapter = new LiveIoAdapter(app, {
      databaseUrl: database.url,
      redisUrl: config.redisUrl,
      corsOrigins: config.corsOrigins,
      log: (line) => logger.log(line),
    });
    await liveAdapter.prepare();
    app.useWebSocketAdapter(liveAdapter);
    await app.listen(config.port, config.host);
    const address = (app.getHttpServer() as import('node:http').Server).address() as { port: number };
    const url = `http://127.0.0.1:${address.port}`;

    let closed = false;
    const close = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      await app.close();
      await runner.stop();
      await store.close();
      await readPool.end();
      if (embedded) await embedded.stop();
      embedded = null;
    };
    return { app, runtime, url, databaseUrl: database.url, close };
  } catch (error) {
    if (embedded) await embedded.stop();
    throw error;
  }
}

/** body-parser's errors happen before Nest sees the request: answer them in the same error shape. */
function bodyParserErrors(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  const status = (error as { status?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  if (typeof status !== 'number' || typeof type !== 'string') {
    next(error);
    return;
  }
  const tooLarge = type === 'entity.too.large';
  response.status(status).json({
    statusCode: status,
    code: tooLarge
      ? 'REQUEST.TOO_LARGE'
      : status === 415
        ? 'REQUEST.UNSUPPORTED_MEDIA_TYPE'
        : 'REQUEST.MALFORMED_BODY',
    message: tooLarge
      ? `the request body is larger than ${BODY_LIMIT}`
      : 'the request body is not valid JSON',
  });
}
