import { Logger, type Provider } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore, Position } from '#event-store';
import type { AppConfig } from '#platform';
import { ReadModelQueries, type ProjectionRunner } from '#read-models';
import { belgianToday } from '#domain';
import { AudienceResolver } from './audience-resolver.js';
import { LiveHub } from './live-hub.js';
import { LIVE_METRICS, NO_LIVE_METRICS, type LiveMetrics } from './live-metrics.js';
import { LiveGateway } from './live.gateway.js';
import { NamesCache } from './names-cache.js';
import { RoomAccess } from './room-access.js';
import type { SocketUser } from './socket-user.js';

export interface RealtimeRuntime {
  store: EventStore;
  readPool: pg.Pool;
  runner: ProjectionRunner;
  config: Pick<AppConfig, 'realtimeReplayLimit'>;
  liveMetrics?: LiveMetrics;
}

/** The live channels' providers for the AppModule (docs/realtime.md). */
export function realtimeProviders(runtime: RealtimeRuntime): Provider[] {
  return [
    { provide: LIVE_METRICS, useValue: runtime.liveMetrics ?? NO_LIVE_METRICS },
    {
      provide: LiveHub,
      inject: [ReadModelQueries, LIVE_METRICS],
      useFactory: (queries: ReadModelQueries, metrics: LiveMetrics) => {
        const logger = new Logger('live-feed');
        const resolver = new AudienceResolver(runtime.readPool);
        return new LiveHub({
          store: runtime.store,
          runner: runtime.runner,
          resolver,
          names: new NamesCache(runtime.readPool),
          access: new RoomAccess(runtime.readPool, resolver),
          snapshot: (user, room, minPosition) => roomSnapshot(queries, user, room, minPosition),
          logger: {
            log: (message) => logger.log(message),
            warn: (message) => logger.warn(message),
            error: (message, error) => logger.error(`${message}: ${String(error)}`),
          },
          replayLimit: runtime.config.realtimeReplayLimit,
          onPush: (roomKind, recipients) => metrics.pushed(roomKind, recipients),
        });
      },
    },
    LiveGateway,
  ];
}

/** The read model a room shows, for a client too far behind to replay (the room was authorised already). */
async function roomSnapshot(
  queries: ReadModelQueries,
  user: SocketUser,
  room: string,
  minPosition: Position,
): Promise<{ readModel: unknown; position: Position }> {
  const read = { minPosition };
  const colon = room.indexOf(':');
  const kind = colon < 0 ? room : room.slice(0, colon);
  const id = room.slice(colon + 1);
  let readModel: { position: Position } | null;
  switch (kind) {
    case 'tenant':
      readModel = await queries.listPlans(user.tenantId, read);
      break;
    case 'plan':
      readModel = await queries.getDashboard(user.tenantId, id, belgianToday(new Date()), read);
      break;
    case 'action':
      readModel = await queries.getAction(user.tenantId, id, { ...read, today: belgianToday(new Date()) });
      break;
    case 'working-group':
      readModel = await queries.getWorkingGroup(user.tenantId, id, read);
      break;
    case 'meeting':
      readModel = await queries.getMeeting(user.tenantId, id, read);
      break;
    default:
      readModel = null;
  }
  return { readModel, position: readModel?.position ?? minPosition };
}
