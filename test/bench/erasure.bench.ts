/**
 * Erasure benchmark (docs/privacy.md): what crypto-shredding costs.
 *
 * 1. Reads: `readAll` of the whole log through the plain PostgreSQL store and through the personal-data store
 *    (upcast + one key query per batch + AES-GCM per personal field), 500 events per page.
 * 2. An erasure: after a tenant's log of EVENTS events (a quarter of them with personal fields: users registered
 *    and renamed, guests at meetings), the time from `ErasureRecorded` appended until every read-model
 *    projection has applied it, i.e. deleted the tenant's rows and replayed its log (`replayOnErasure`).
 *
 *   npm run bench:erasure
 *
 * PostgreSQL from DATABASE_URL, otherwise an embedded one under .data/bench-erasure (thrown away).
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import {
  PERSONAL_DATA_POLICY,
  meetingStreamId,
  tenantStreamId,
  userStreamId,
} from '../../libs/domain/src/index.js';
import {
  PostgresEventStore,
  START,
  protectPersonalData,
  runEventStoreMigrations,
  type EventStore,
  type NewEvent,
} from '../../libs/event-store/src/index.js';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres.js';
import {
  createProjectionRunner,
  createReadModelProjections,
  runReadModelMigrations,
} from '../../libs/read-models/src/index.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const TENANT = 'bench';
const SECRET = 'bench-personal-data-master-secret-0123456789';

async function main(): Promise<void> {
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  if (!url) {
    await rm('.data/bench-erasure', { recursive: true, force: true });
    const embedded = await startEmbeddedPostgres({ dataDir: '.data/bench-erasure', database: 'bench' });
    url = embedded.url;
    stop = embedded.stop;
  }
  await runEventStoreMigrations(url);
  await runReadModelMigrations(url);
  const plain = new PostgresEventStore(url);
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  const store = protectPersonalData(plain, { pool, masterSecret: SECRET, policy: PERSONAL_DATA_POLICY });
  const metadata = () => ({
    actorId: 'bench-admin',
    tenantId: TENANT,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
  });
  const event = (type: string, data: Record<string, unknown>): NewEvent => ({
    id: randomUUID(),
    type,
    data,
    metadata: metadata(),
  });
  await store.appendToStream(tenantStreamId(TENANT), [
    event('TenantCreated', { tenantId: TENANT, name: 'Bench', demo: false }),
  ]);
  // users (personal: registered, renamed) and meetings with guests (personal) and plain meeting events
  const users = Array.from({ length: 200 }, () => randomUUID());
  for (const [index, userId] of users.entries()) {
    await store.appendToStream(userStreamId(userId), [
      event('UserRegistered', {
        userId,
        email: `user${index}@bench.test`,
        name: `Gebruiker ${index}`,
        role: 'member',
        partnerId: null,
        demo: false,
      }),
      event('UserRenamed', { userId, from: `Gebruiker ${index}`, to: `Persoon ${index}` }),
    ]);
  }
  let written = 1 + users.length * 2;
  let meetings = 0;
  while (written < EVENTS) {
    const meetingId = randomUUID();
    const batch: NewEvent[] = [
      event('MeetingScheduled', {
        meetingId,
        workingGroupId: 'wg-bench',
        title: `Vergadering ${meetings++}`,
        startsAt: '2026-03-05T13:00:00.000Z',
        location: null,
      }),
      event('MeetingStarted', { meetingId }),
    ];
    for (let guest = 0; guest < 8; guest++) {
      const name = `Gast ${meetings}-${guest}`;
      batch.push(
        event('MeetingAttendanceRecorded', {
          meetingId,
          attendeeId: `guest:${name.toLowerCase()}`,
          userId: null,
          guestName: name,
          partnerId: null,
          organisation: 'Buurtwerk',
          status: 'present',
          from: null,
        }),
      );
    }
    for (let note = 0; note < 20; note++)
      batch.push(
        event('MeetingProposalAdded', {
          meetingId,
          proposalId: randomUUID(),
          text: `Voorstel ${note}`,
          themeId: null,
          actionIds: [],
          proposedBy: users[note % users.length],
        }),
      );
    batch.push(event('MeetingEnded', { meetingId }));
    await store.appendToStream(meetingStreamId(meetingId), batch);
    written += batch.length;
  }

  const runner = createProjectionRunner({ store, pool, projections: createReadModelProjections() });
  await runner.catchUp();

  const readAllOf = async (source: EventStore): Promise<number> => {
    const started = performance.now();
    let position = START;
    let count = 0;
    for (;;) {
      const page = await source.readAll(position, 500);
      count += page.events.length;
      if (page.events.length === 0) break;
      position = page.position;
    }
    if (count < written) throw new Error(`read ${count} of ${written} events`);
    return performance.now() - started;
  };
  const plainRead = Math.min(await readAllOf(plain), await readAllOf(plain), await readAllOf(plain));
  const protectedRead = Math.min(await readAllOf(store), await readAllOf(store), await readAllOf(store));

  // the erasure of one guest: keys first, then the event (what ErasureService does), then the projections
  const guest = store.codec.subjectId({ kind: 'guest', id: 'gast 1-1', pseudonymise: true });
  const erased = await store.codec.keys.erase(TENANT, guest, new Date().toISOString());
  const started = performance.now();
  const result = await store.appendToStream(tenantStreamId(TENANT), [
    event('ErasureRecorded', {
      tenantId: TENANT,
      erasureId: randomUUID(),
      kind: 'guest',
      subject: guest,
      legalGround: 'objection',
      keysErased: erased.keysErased,
    }),
  ]);
  // the log is read below the oldest running transaction of the server: wait until the erasure is readable
  while ((await runner.catchUp()) < result.position) await new Promise((done) => setTimeout(done, 20));
  const erasureMs = performance.now() - started;
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from rm_meetings where doc::text like '%Gast 1-1"%'`,
  );
  if (rows[0]!.n !== 0) throw new Error('the erased guest is still in rm_meetings');
  await runner.stop();

  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model,
          memoryGb: Math.round(totalmem() / 2 ** 30),
        },
        events: written,
        personalEvents: users.length * 2 + meetings * 8,
        readAllMs: { plain: Math.round(plainRead), personalDataStore: Math.round(protectedRead) },
        readOverheadPerThousandEventsMs: Number((((protectedRead - plainRead) / written) * 1000).toFixed(2)),
        erasure: { position: result.position, untilAllProjectionsAppliedMs: Math.round(erasureMs) },
      },
      null,
      2,
    ),
  );
  await store.close();
  await pool.end();
  if (stop) await stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
