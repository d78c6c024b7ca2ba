import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { POOL_DEFAULTS, createGuardedPool } from '#platform';
import type { Server, ServerOptions } from 'socket.io';
import { MAX_MESSAGE_BYTES } from '#realtime-client';

export interface LiveAdapterOptions {
  databaseUrl: string;
  redisUrl: string | null;
  /** browser origins allowed besides the api's own (CORS_ORIGINS) */
  corsOrigins: readonly string[];
  log(message: string): void;
}

type Closeable = { close(): Promise<unknown> };

/**
 * socket.io for Nest with this product's settings: 64 KB message limit, the Origin allowlist, and the adapter
 * that carries room broadcasts (presence) between api processes: Redis when REDIS_URL is set, PostgreSQL
 * otherwise. Stored events never travel through the adapter: every process tails the log itself.
 */
export class LiveIoAdapter extends IoAdapter {
  private adapterFactory: Parameters<Server['adapter']>[0] | null = null;
  private readonly closeables: Closeable[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly options: LiveAdapterOptions,
  ) {
    super(app);
  }

  /** Connects the adapter's clients (before the server is created). */
  async prepare(): Promise<void> {
    if (this.options.redisUrl) {
      // loaded only when Redis is configured
      const [{ createClient }, { createAdapter: createRedisAdapter }] = await Promise.all([
        import('redis'),
        import('@socket.io/redis-adapter'),
      ]);
      const pub = createClient({ url: this.options.redisUrl });
      const sub = pub.duplicate();
      pub.on('error', (error: Error) => this.options.log(`redis adapter: ${error.message}`));
      sub.on('error', (error: Error) => this.options.log(`redis adapter: ${error.message}`));
      await Promise.all([pub.connect(), sub.connect()]);
      this.adapterFactory = createRedisAdapter(pub, sub);
      this.closeables.push({ close: () => pub.quit() }, { close: () => sub.quit() });
      this.options.log('socket.io adapter: Redis');
      return;
    }
    const pool = createGuardedPool({ connectionString: this.options.databaseUrl, max: 4 }, (line) =>
      this.options.log(`postgres adapter: ${line}`),
    );
    // packets larger than NOTIFY's 8000 bytes go through this table (the adapter's own design)
    await pool.query(`create table if not exists socket_io_attachments (
        id bigserial unique, created_at timestamptz default now(), payload bytea)`);
    this.adapterFactory = createPostgresAdapter(
      listenerSource(pool, (line) => this.options.log(line)),
      {
        heartbeatInterval: 5_000,
        heartbeatTimeout: 15_000,
        errorHandler: (error: Error) => this.options.log(`postgres adapter: ${error.message}`),
      },
    );
    this.closeables.push({ close: () => pool.end() });
    this.options.log('socket.io adapter: PostgreSQL');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      cors: {
        origin: this.options.corsOrigins.length > 0 ? [...this.options.corsOrigins] : false,
        credentials: true,
      },
      allowRequest: (request, callback) => callback(null, this.originAllowed(request)),
      // a client that disappears without closing is noticed within ~45 s
      pingInterval: 20_000,
      pingTimeout: 25_000,
    } as ServerOptions);
    if (this.adapterFactory) server.adapter(this.adapterFactory);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.closeables.splice(0).map((closeable) => closeable.close().catch(() => undefined)));
  }

  /** Browsers send Origin: it must be the api's own or one of CORS_ORIGINS. Non-browser clients send none. */
  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin) return true;
    if (this.options.corsOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }
}

/**
 * What the PostgreSQL adapter is given as its "pool": queries (NOTIFY, attachments) go to the guarded pool,
 * but its LISTEN connection is a dedicated client with an error handler. The adapter keeps that client checked
 * out for good and attaches no `'error'` listener, so a pooled one that loses its connection would crash the
 * process and never go back to the pool; this one is simply ended, and the adapter's own `'end'` handler
 * reconnects (and LISTENs again) about 2 s later.
 */
function listenerSource(pool: pg.Pool, log: (line: string) => void): pg.Pool {
  const connect = async (): Promise<pg.PoolClient> => {
    const client = new pg.Client({ ...POOL_DEFAULTS, ...pool.options });
    client.on('error', (error) => {
      log(`postgres adapter: LISTEN connection lost (${error.message}); reconnecting`);
      void client.end().catch(() => undefined);
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return Object.assign(client, { release: () => void client.end().catch(() => undefined) });
  };
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'connect') return connect;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
