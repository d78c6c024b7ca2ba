import pg from 'pg';
import { APPEND_NOTIFY_CHANNEL } from './migrations/index.js';

/**
 * The LISTEN connection shared by the subscriptions of a store: connected while at least one subscription
 * runs, reconnected with a backoff when it drops (the subscriptions keep polling meanwhile, and are woken
 * once it is back, since notifications sent while it was down are lost).
 */
export class Listener {
  private client: pg.Client | null = null;
  private users = 0;
  private connecting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private delay: number;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly baseDelayMs: number,
    /** `sender`: the backend pid of the connection that sent the notification (none after a reconnect) */
    private readonly onNotify: (sender?: number) => void,
    private readonly warn: (message: string, error?: unknown) => void,
  ) {
    this.delay = baseDelayMs;
  }

  get pid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  acquire(): void {
    this.users++;
    if (this.users === 1) this.connect();
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) void this.disconnect();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.disconnect();
  }

  private wanted(): boolean {
    return !this.closed && this.users > 0;
  }

  private connect(): void {
    if (this.client || this.connecting || this.timer || !this.wanted()) return;
    const client = new pg.Client({ ...this.config, keepAlive: true });
    let lost = false;
    const onLost = (error?: unknown): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.wanted()) return;
      this.warn(`LISTEN connection lost, reconnecting in ${this.delay} ms`, error);
      this.schedule();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => this.onNotify(message.processId));
    this.connecting = (async () => {
      try {
        await client.connect();
        await client.query(`listen ${APPEND_NOTIFY_CHANNEL}`);
        if (lost) return;
        if (!this.wanted()) {
          lost = true;
          await client.end().catch(() => undefined);
          return;
        }
        this.client = client;
        this.delay = this.baseDelayMs;
        this.onNotify(); // anything committed while we were not listening
      } catch (error) {
        onLost(error);
      } finally {
        this.connecting = null;
      }
    })();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, 10_000);
  }

  private async disconnect(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.connecting;
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('notification');
      await client.end().catch(() => undefined);
    }
  }
}
