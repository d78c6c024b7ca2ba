import type { ChainCheckpointStore, ChainSource } from './chain.port.js';
import { recordChainCheckpoint } from './verify.js';

export interface DailyChainCheckpointsOptions {
  /** how often it looks whether today's checkpoint of each tenant exists (default hourly) */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Records each tenant's 'daily' checkpoint (docs/audit.md): at start and then every `intervalMs`; the store
 * keeps one per tenant and Belgian day, so several processes may run it.
 */
export class DailyChainCheckpoints {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly source: ChainSource,
    private readonly checkpoints: ChainCheckpointStore,
    private readonly options: DailyChainCheckpointsOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? 3_600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** one round: today's checkpoint of every tenant that has events */
  async runOnce(): Promise<void> {
    for (const tenantId of await this.source.tenants())
      await recordChainCheckpoint(this.source, this.checkpoints, tenantId, 'daily');
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.running = null;
      });
  }
}
