import 'reflect-metadata';
import { Logger, type INestApplication, type Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from 'helmet';
import {
  createEventStore,
  PostgresEventStore,
  protectPersonalData,
  runChainCheckpointMigrations,
  runEventStoreMigrations,
} from '#event-store';
import { PERSONAL_DATA_POLICY } from '#domain';
import { CommandService, ErasureService, UserAdmin, keepStreams, seedDemo } from '#commands';
import { FirstRun } from './setup/first-run.js';
import { demoPeriodCloser } from './setup/demo-periods.js';
import { prepareDemoStart } from './setup/demo-start.js';
import { IdentityStore, runIdentityMigrations } from '#identity';
import {
  createGuardedPool,
  loadConfig,
  loadOrCreateSecret,
  loadPersonalDataSecret,
  resolveDatabase,
  type AppConfig,
  type ResolvedDatabase,
  type EmbeddedDatabase,
} from '#platform';
import { createProjectionRunner, createReadModelProjections, runReadModelMigrations } from '#read-models';
import { outboxProjection, runNotificationMigrations } from '#notifications';
import { AppModule, type AppRuntime } from './app.module.js';
import { inputGuard } from './http/input-guard.js';
import { documentSuccessResponses } from './http/openapi.js';
import { globalRateLimit, loginRateLimit, publicFeedbackRateLimit } from './http/rate-limits.js';
import { requestMiddleware } from './http/request.middleware.js';
import { LiveIoAdapter } from './realtime/live-io.adapter.js';
import { createLogger, PinoNestLogger } from './observability/logger.js';
import { instrumentAppends, Metrics } from './observability/metrics.js';
import { requestLog } from './observability/request-log.js';
import { watchStorage } from './health/storage-watch.js';
import type { Lifecycle } from './injection-tokens.js';

export interface RunningApp {
  app: INestApplication;
  runtime: AppRuntime;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The request body limit: a plan document import is the largest thing a client sends. */
const BODY_LIMIT = '2mb';

/** the embedded database main.ts started before loading the api, and where its log lines go */
export interface EarlyDatabase {
  database: Promise<ResolvedDatabase>;
  logTo(log: (line: string) => void): void;
}

/**
 * Builds and starts the whole api: database (external or embedded), migrations, event store, projections
 * (inside this process unless EMBEDDED_PROJECTOR=false), HTTP server with OpenAPI at /api/docs.
 * Used by main.ts and by the end-to-end tests, so both run the same code path (main.ts passes the embedded
 * database it started while this module loaded).
 */
export async function startApi(
  overrides: Partial<AppConfig> = {},
  early?: EarlyDatabase,
): Promise<RunningApp> {
  const config: AppConfig = { ...loadConfig(), ...overrides };
  const pinoLogger = createLogger(config);
  const nestLogger = new PinoNestLogger(pinoLogger);
  Logger.overrideLogger(nestLogger);
  const logger = new Logger('bootstrap');
  early?.logTo((line) => logger.log(line));
  const database = early ? await early.database : await resolveDatabase(config, (line) => logger.log(line));
  let embedded: EmbeddedDatabase | null = database.embedded;
  let demoStart: { release: () => Promise<void> } | null = null;
  try {
    const migrate = async () => {
      // the events' tables only when PostgreSQL keeps the events (read models and checkpoints always live there)
      if (config.eventStore === 'postgres') await runEventStoreMigrations(database.url);
      else await runChainCheckpointMigrations(database.url);
      await runReadModelMigrations(database.url);
      await runNotificationMigrations(database.url);
      await runIdentityMigrations(database.url);
    };
    await migrate();
    // a demo start holds the demo's lock until the demo is written, and redoes one that was interrupted
    demoStart = config.demo
      ? await prepareDemoStart({ url: database.url, embedded, migrate, log: (line) => logger.warn(line) })
      : null;
    const jwtSecret = config.jwtSecret ?? (await loadOrCreateSecret(config.dataDir, 'jwt'));
    // every pool survives lost connections (docs/reliability.md): logged, dropped, reopened by the next query
    const readPool = createGuardedPool({ connectionString: database.url, max: 10 }, (line) =>
      logger.warn(line),
    );
    // personal fields are encrypted on append and revealed (or "erased") on every read (docs/privacy.md)
    const personalData = {
      pool: readPool,
      masterSecret: await loadPersonalDataSecret(config),
      policy: PERSONAL_DATA_POLICY,
    };
    const store = protectPersonalData(createEventStore(config, database.url), personalData);
    const runner = createProjectionRunner({
      store,
      pool: readPool,
      projections: [...createReadModelProjections(), outboxProjection()],
      // several api processes (or a projector) on one database: one runs each projection
      election: true,
      logger: (line: string) => logger.log(line),
    });
    const identity = new IdentityStore(readPool);
    const metrics = new Metrics(runner);
    // the write side appends through a store that times each append; reads use the store as it is
    const lifecycle: Lifecycle = { shuttingDown: false, storageFailure: null };
    // a write refused for lack of storage makes the api unready until a write succeeds again
    const writeStore = watchStorage(instrumentAppends(store, metrics), lifecycle);
    const commands = new CommandService(writeStore);
    const userAdmin = new UserAdmin(writeStore, identity);
    const erasures = new ErasureService(writeStore, store, identity);
    if (demoStart) {
      const log = (line: string) => logger.log(line);
      // the demo's writes commit without waiting for the disk (PostgreSQL's synchronous_commit = off, on
      // its own connections): a crash can lose only the last of them, and the seed's end is recorded with
      // a synchronous commit that puts everything before it on disk, so a demo that did not reach it is
      // redone at the next start (prepareDemoStart; docs/decisions.md, "The demo's first start")
      const seedPool =
        config.eventStore === 'postgres'
          ? createGuardedPool(
              { connectionString: database.url, max: 10, options: '-c synchronous_commit=off' },
              (line) => logger.warn(line),
            )
          : null;
      const ownStore = seedPool ? protectPersonalData(new PostgresEventStore(seedPool), personalData) : null;
      // the seed writes alone in its tenant: it keeps the streams it wrote instead of reading them again
      const seedStore = keepStreams(ownStore ?? store);
      try {
        const seedCommands = new CommandService(seedStore);
        const closePeriod = demoPeriodCloser({
          runner,
          pool: readPool,
          store: seedStore,
          commands: seedCommands,
          log,
        });
        await seedDemo({
          commands: seedCommands,
          users: new UserAdmin(seedStore, identity),
          identity,
          log,
          closePeriod,
        });
      } finally {
        if (ownStore && seedPool) {
          await ownStore.close();
          await seedPool.end();
        }
        await demoStart.release();
        demoStart = null;
      }
    }
    // after the demo's first start wrote its history: the projections then read it in large batches instead
    // of racing the writes batch by batch (twice the time; the period closes bring the ones their reports
    // read up to date as they go); they catch up after the api answers, which readiness allows (a lag below
    // HEALTH_MAX_PROJECTION_LAG, docs/operations.md)
    if (config.embeddedProjector) await runner.start();
    // an empty deployment: a one-time setup code in the log (warn: printed at every log level but error)
    const firstRun = new FirstRun(identity, userAdmin, (line) => logger.warn(line));
    if (!config.demo) await firstRun.prepare();
    const runtime: AppRuntime = {
      firstRun,
      config,
      jwtSecret,
      identity,
      commands,
      userAdmin,
      erasures,
      store,
      readPool,
      runner,
      lifecycle,
      liveMetrics: metrics.live,
    };

    const app = await NestFactory.create(AppModule.forRoot(runtime), {
      bodyParser: false,
      logger: nestLogger,
    });
    app.setGlobalPrefix('api');
    // once shutting down, every response closes its connection: keep-alive clients move to another process
    app.use((_request: Request, response: Response, next: NextFunction) => {
      if (lifecycle.shuttingDown) response.setHeader('Connection', 'close');
      next();
    });
    app.use(metrics.httpMiddleware());
    app.use(requestLog(pinoLogger));
    app.use('/metrics', metricsEndpoint(metrics, config));
    app.use(helmet());
    app.use(compressResponses());
    // no origin listed: same-origin only (the web app is served by this api)
    app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: true });
    // rate limits before anything costs a database lookup
    app.use(globalRateLimit(config.rateLimitPerMinute));
    app.use(express.json({ limit: BODY_LIMIT }));
    app.use(bodyParserErrors);
    app.use(inputGuard);
    app.use('/api/auth/login', loginRateLimit());
    app.use(
      /^\/api\/public\/plans\/[^/]+\/actions\/[^/]+\/feedback$/,
      publicFeedbackRateLimit(config.publicFeedbackPer15Minutes),
    );
    app.use(requestMiddleware);
    app.use('/api/info', serverInfo(config));
    serveWebApp(app, (line) => logger.log(line));
    // every route's success is documented at the status it answers, known once every decorator has run
    documentSuccessResponses(
      [...app.get(ModulesContainer).values()].flatMap((module) =>
        [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type),
      ),
    );
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
    document.paths['/api/info'] = INFO_OPENAPI;
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
      // readiness answers 503 from now on; give the load balancer SHUTDOWN_DRAIN_MS to notice
      lifecycle.shuttingDown = true;
      if (config.shutdownDrainMs > 0) await new Promise((done) => setTimeout(done, config.shutdownDrainMs));
      // stops accepting, lets in-flight requests finish (their responses close the connection), closes idle
      // keep-alive connections now and whichever becomes idle later, tells sockets to reconnect elsewhere
      const server = app.getHttpServer() as import('node:http').Server;
      server.closeIdleConnections();
      const idleCloser = setInterval(() => server.closeIdleConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(idleCloser);
      }
      await runner.stop();
      await store.close();
      await readPool.end();
      if (embedded) await embedded.stop();
      embedded = null;
    };
    return { app, runtime, url, databaseUrl: database.url, close };
  } catch (error) {
    await demoStart?.release().catch(() => undefined);
    if (embedded) await embedded.stop();
    throw error;
  }
}

/** GET /api/info (public): what the web app shows before login, e.g. the demo banner. */
function serverInfo(config: AppConfig) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' || (request.path !== '/' && request.path !== '')) {
      next();
      return;
    }
    response.json({ demo: config.demo, version: '0.1.0' });
  };
}

const INFO_OPENAPI = {
  get: {
    tags: ['health'],
    summary:
      'Public facts about this server for the web app: { demo, version } (demo: the demo tenant exists)',
    responses: { '200': { description: '{ demo: boolean, version: string }' } },
  },
};

/** Paths the web app's SPA fallback never answers: the api, metrics and the live channel keep their own 404s. */
const NOT_WEB = /^\/(api|metrics|socket\.io)(\/|$)/;

/**
 * Serves the built web app (dist/apps/web, `vite build`) at `/`, with index.html for every other GET path the
 * browser asks for (the app's own routes). Found by walking up from this file, so the sources (tests) and
 * dist/ (the built product) find it; without a build the api runs alone.
 */
function serveWebApp(app: INestApplication, log: (line: string) => void): void {
  let dir = dirname(fileURLToPath(import.meta.url));
  let webDir: string | null = null;
  for (let depth = 0; depth < 6 && !webDir; depth++) {
    const candidate = join(dir, 'dist', 'apps', 'web');
    if (existsSync(join(candidate, 'index.html'))) webDir = candidate;
    dir = dirname(dir);
  }
  if (!webDir) {
    log('web app not built (dist/apps/web is missing): serving the api only; run `npm run build`');
    return;
  }
  const indexFile = join(webDir, 'index.html');
  // hashed asset names never change content: cache them; index.html always revalidates. The build wrote a
  // brotli and a gzip copy of every text asset (vite.config.ts): sent as they are, with Content-Encoding
  app.use(
    expressStaticGzip(webDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: {
        index: false,
        setHeaders: (response, file) => {
          response.setHeader(
            'Cache-Control',
            /index\.html(\.br|\.gz)?$/.test(file) ? 'no-cache' : 'public, max-age=31536000, immutable',
          );
        },
      },
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      NOT_WEB.test(request.path) ||
      !request.accepts('html')
    ) {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
}

/**
 * Compresses api answers (brotli or gzip, as the client accepts; brotli at quality 4, cheap enough per request)
 * above 1 KB. Never the live channel (socket.io compresses its own frames and must not be buffered) nor an event
 * stream, and never what is already encoded (the precompressed web assets).
 */
export function compressResponses() {
  return compression({
    threshold: 1024,
    filter: (request, response) => {
      if (NOT_COMPRESSED.test(request.path)) return false;
      const type = response.getHeader('Content-Type');
      if (typeof type === 'string' && type.startsWith('text/event-stream')) return false;
      return compression.filter(request, response);
    },
  });
}

const NOT_COMPRESSED = /^\/socket\.io(\/|$)/;

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

/**
 * GET /metrics (Prometheus text format). With METRICS_TOKEN set it needs `Authorization: Bearer <token>`;
 * without one it is open outside production and off in production (a metrics page on a public ingress leaks
 * more than it should).
 */
function metricsEndpoint(metrics: Metrics, config: AppConfig) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' || (request.path !== '/' && request.path !== '')) {
      next();
      return;
    }
    if (config.metricsToken === null && config.production) {
      response.status(404).json({
        statusCode: 404,
        code: 'ROUTE.NOT_FOUND',
        message: 'metrics are off in production until METRICS_TOKEN is set',
      });
      return;
    }
    if (config.metricsToken !== null && request.headers.authorization !== `Bearer ${config.metricsToken}`) {
      response.status(401).json({
        statusCode: 401,
        code: request.headers.authorization ? 'AUTH.TOKEN_INVALID' : 'AUTH.TOKEN_MISSING',
        message: 'send Authorization: Bearer <METRICS_TOKEN>',
      });
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        response.setHeader('Content-Type', metrics.registry.contentType);
        response.send(text);
      },
      (error: unknown) => next(error),
    );
  };
}
