import type { ChainCheckpointStore, ChainSource } from './chain.port.js';
import { recordChainCheckpoint } from './verify.js';

export interface DailyChainCheckpointsOptions {
  /** how often it looks whether today's checkpoint of each tenant exists (default hourly) */
  intervalMs?: number;
  /** the first look after start (default one minute: a process that starts does its own work first) */
  firstDelayMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Records each tenant's 'daily' checkpoint (docs/audit.md): a minute after start and then every `intervalMs`;
 * the store keeps one per tenant and Belgian day, so several processes may run it. Stopping does not wait for a
 * round over a long log: the round stops at its next page.
 */
export class DailyChainCheckpoints {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private abort = new AbortController();

  constructor(
    private readonly source: ChainSource,
    private readonly checkpoints: ChainCheckpointStore,
    private readonly options: DailyChainCheckpointsOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.abort = new AbortController();
    this.timer = setTimeout(() => {
      this.tick();
      this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? 3_600_000);
      this.timer.unref();
    }, this.options.firstDelayMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running;
  }

  /** one round: today's checkpoint of every tenant that has events */
  async runOnce(signal?: AbortSignal): Promise<void> {
    for (const tenantId of await this.source.tenants()) {
      if (signal?.aborted) return;
      await recordChainCheckpoint(this.source, this.checkpoints, tenantId, 'daily', signal);
    }
  }

  private tick(): void {
    if (this.running) return;
    const signal = this.abort.signal;
    this.running = this.runOnce(signal)
      .catch((error: unknown) => {
        if (!signal.aborted) this.options.onError?.(error);
      })
      .finally(() => {
        this.running = null;
      });
  }
}
