import pg from 'pg';
import { APPEND_NOTIFY_CHANNEL } from './migrations/index.js';

/**
 * Sends the NOTIFY of the store's own appends after they committed, from one connection of its own with
 * synchronous_commit off (a notification is not durable anyway), at most one at a time and at most one per
 * `intervalMs`: appends that complete meanwhile are covered by the next one. A failure only costs readers
 * a poll interval.
 */
export class Notifier {
  private client: pg.Client | null = null;
  private sending: Promise<void> | null = null;
  private pending = false;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly intervalMs: number,
    private readonly warn: (message: string, error?: unknown) => void,
  ) {}

  /** the backend pid of its connection (its notifications carry it), or null while it has none */
  get pid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  notify(): void {
    if (this.closed) return;
    this.pending = true;
    this.sending ??= this.send().finally(() => {
      this.sending = null;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.sending;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async send(): Promise<void> {
    while (this.pending && !this.closed) {
      this.pending = false;
      try {
        const client = this.client ?? (await this.connect());
        await client.query(`select pg_notify('${APPEND_NOTIFY_CHANNEL}', '')`);
        // stay "sending" for a moment: what is appended meanwhile waits for the next notification
        if (this.intervalMs > 0 && !this.closed)
          await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
      } catch (error) {
        this.warn('NOTIFY after append failed; readers will poll', error);
        const client = this.client;
        this.client = null;
        await client?.end().catch(() => undefined);
        return;
      }
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ ...this.config, keepAlive: true });
    client.on('error', (error) => {
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      this.warn('NOTIFY connection lost', error);
    });
    await client.connect();
    await client.query('set synchronous_commit = off');
    this.client = client;
    return client;
  }
}
