/** What the live channels report to the metrics (apps/api/src/observability): connections and pushes. */
export interface LiveMetrics {
  connected(delta: 1 | -1): void;
  pushed(roomKind: string, recipients: number): void;
}

export const LIVE_METRICS = Symbol('LIVE_METRICS');

export const NO_LIVE_METRICS: LiveMetrics = { connected: () => undefined, pushed: () => undefined };
