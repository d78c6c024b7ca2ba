import { randomUUID } from 'node:crypto';
import { createConnection } from 'node:net';
import type { LiveClient } from '#realtime-client';
import {
  bearer,
  login,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { ensureBuilt, startChildApi, type ChildApi } from '../support/child-api.js';
import { liveClient, RoomRecorder } from '../support/live.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    });
    socket.once('error', () => done(false));
  });
}

/**
 * Two api processes on one database (ARCHITECTURE.md "Realtime"): the test's own api (with the projections)
 * and the built api as a child process (EMBEDDED_PROJECTOR=false). Each tails the log for its own sockets;
 * presence crosses through the socket.io adapter: PostgreSQL by default, Redis with REDIS_URL.
 */
describe.each([
  ['PostgreSQL adapter', false],
  ['Redis adapter', true],
])('two api processes, %s', (_name, withRedis) => {
  let skip: string | null = null;
  let a: TestApi;
  let b: ChildApi;
  let t: TenantFixture;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    if (withRedis && !(await redisAnswers(REDIS_URL))) {
      skip = `no Redis answers at ${REDIS_URL} (set TEST_REDIS_URL): the Redis adapter test is skipped`;
      console.log(skip);
      return;
    }
    ensureBuilt();
    a = await startTestApi(withRedis ? { redisUrl: REDIS_URL } : {});
    t = await seedTenant(a, `procs-${randomUUID().slice(0, 8)}`);
    b = await startChildApi({
      DATABASE_URL: a.api.databaseUrl,
      JWT_SECRET: a.api.runtime.jwtSecret,
      EMBEDDED_PROJECTOR: 'false',
      DEMO: 'false',
      DATA_DIR: `.data/child-${randomUUID()}`,
      ...(withRedis ? { REDIS_URL } : {}),
    });
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    if (b) await b.stop();
    if (a) await a.close();
  });

  const client = (url: string, token: string): LiveClient => {
    const created = liveClient(url, token);
    clients.push(created);
    return created;
  };

  it('delivers a change written through one process to a client of the other, both ways', async () => {
    if (skip) return;
    const actionId = await t.newAction();
    const onA = client(a.api.url, t.users.member.token);
    const onB = client(b.url, t.users.coordinator.token);
    // from the position the client has seen (as after reading the action over REST): exactly what follows
    const seen = await a.api.runtime.store.headPosition();
    const roomA = new RoomRecorder(onA, `action:${actionId}`, seen);
    const roomB = new RoomRecorder(onB, `action:${actionId}`, seen);
    await Promise.all([onA.subscribed(roomA.room), onB.subscribed(roomB.room)]);

    const throughB = await fetch(`${b.url}/api/actions/${actionId}/status`, {
      method: 'POST',
      headers: { ...bearer(t.users.coordinator.token), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress' }),
    });
    expect(throughB.status).toBe(200);
    const positionB = ((await throughB.json()) as { position: string }).position;
    await roomA.until(
      () => roomA.events.some((event) => event.position === positionB),
      'the change made on B',
    );

    const throughA = await a.http
      .post(`/api/actions/${actionId}/progress`)
      .set(bearer(t.users.member.token))
      .send({ percent: 40 })
      .expect(200);
    const positionA = (throughA.body as { position: string }).position;
    await roomB.until(
      () => roomB.events.some((event) => event.position === positionA),
      'the change made on A',
    );
    // each process pushes as soon as it reads the event (none waits for the projections): A's own client
    // may get it a moment after B's
    await roomA.until(
      () => roomA.events.some((event) => event.position === positionA),
      'the change made on A, on A',
    );
    expect(roomA.events.map((event) => event.position)).toEqual([positionB, positionA]);
    expect(roomB.events.map((event) => event.position)).toEqual([positionB, positionA]);
  });

  it('shows presence and editing hints across the processes', async () => {
    if (skip) return;
    const room = `working-group:${t.workingGroupId}`;
    const memberOnA = client(a.api.url, t.users.member.token);
    const coordinatorOnB = client(b.url, await login(a, t.users.coordinator.email));
    const seenOnA = new RoomRecorder(memberOnA, room);
    await memberOnA.subscribed(room);
    const seenOnB = new RoomRecorder(coordinatorOnB, room);
    await coordinatorOnB.subscribed(room);
    const bothIn = (recorder: RoomRecorder): boolean => recorder.lastPresence()?.members.length === 2;
    await seenOnA.until(() => bothIn(seenOnA), 'the coordinator on B');
    await seenOnB.until(() => bothIn(seenOnB), 'the member on A');

    coordinatorOnB.setEditing(room, { actionId: 'a-1', field: 'status' });
    await seenOnA.until(
      () =>
        seenOnA
          .lastPresence()
          ?.members.some(
            (member) => member.editing?.actionId === 'a-1' && member.userId === t.users.coordinator.id,
          ) ?? false,
      'the editing hint from B',
    );
    coordinatorOnB.close();
    await seenOnA.until(() => seenOnA.lastPresence()?.members.length === 1, 'the coordinator leaving B');
  });
});
