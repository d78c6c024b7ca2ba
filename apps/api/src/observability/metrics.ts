import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { WrongExpectedVersionError, type EventStore } from '#event-store';
import type { ProjectionRunner } from '#read-models';
import type { LiveMetrics } from '../realtime/live-metrics.js';
import type { AuthedRequest } from '../http/request-context.js';
import { aroundAppends } from './around-appends.js';

/**
 * The api's Prometheus metrics (docs/operations.md "Metrics"), one registry per api instance: HTTP latency,
 * commands and their outcomes, event-store appends, projection lag and progress, sockets and pushes.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly commands = new Counter({
    name: 'commands_total',
    help: 'Commands (writes over the API) by route template and outcome: ok, conflict, rejected, error',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly appendDuration = new Histogram({
    name: 'event_store_append_duration_seconds',
    help: 'Event-store appends of the write side, by outcome (ok, duplicate, conflict, error)',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly projectionApplied = new Counter({
    name: 'projection_events_read_total',
    help: 'Events each projection of this process committed past (applied or skipped), live and in rebuilds',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  readonly socketsConnected = new Gauge({
    name: 'realtime_connected_sockets',
    help: 'Sockets connected to this api process',
    registers: [this.registry],
  });
  readonly pushes = new Counter({
    name: 'realtime_pushes_total',
    help: 'Events delivered to sockets (one per socket and room), by room kind',
    labelNames: ['room_kind'] as const,
    registers: [this.registry],
  });

  constructor(runner: ProjectionRunner) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'projection_lag_events',
      help: 'Events in the log after each projection checkpoint (read at scrape time)',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const status of await runner.status()) this.set({ projection: status.name }, status.lag);
      },
    });
    runner.onApplied((batch) =>
      this.projectionApplied.inc({ projection: batch.projection }, batch.events.length),
    );
  }

  get live(): LiveMetrics {
    return {
      connected: (delta) => this.socketsConnected.inc(delta),
      pushed: (roomKind, recipients) => this.pushes.inc({ room_kind: roomKind }, recipients),
    };
  }

  /** Express middleware: latency of every request, and the outcome of every write (a command). */
  httpMiddleware() {
    return (request: Request, response: Response, next: NextFunction): void => {
      const stop = this.httpDuration.startTimer();
      response.once('finish', () => {
        const route = routeOf(request);
        const status = response.statusCode;
        stop({ method: request.method, route, status: String(status) });
        if (
          request.method !== 'GET' &&
          request.method !== 'HEAD' &&
          request.method !== 'OPTIONS' &&
          route.startsWith('/api/')
        ) {
          this.commands.inc({ command: `${request.method} ${route}`, outcome: outcomeOf(status) });
        }
      });
      next();
    };
  }
}

/** The route template (`/api/actions/:actionId/status`), never the raw path: ids would explode the series. */
export function routeOf(request: Request | AuthedRequest): string {
  const route = (request as { route?: { path?: unknown } }).route;
  const path = route?.path;
  if (typeof path === 'string') return `${request.baseUrl ?? ''}${path}`;
  return 'unmatched';
}

function outcomeOf(status: number): 'ok' | 'conflict' | 'rejected' | 'error' {
  if (status < 400) return 'ok';
  if (status === 409) return 'conflict';
  if (status < 500) return 'rejected';
  return 'error';
}

/** The write side's store, timing every append (reads and subscriptions pass straight through). */
export function instrumentAppends(store: EventStore, metrics: Metrics): EventStore {
  return aroundAppends(store, async (append) => {
    const stop = metrics.appendDuration.startTimer();
    try {
      const result = await append();
      stop({ outcome: result.duplicate ? 'duplicate' : 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: error instanceof WrongExpectedVersionError ? 'conflict' : 'error' });
      throw error;
    }
  });
}
