/**
 * Erasure benchmark (docs/privacy.md): what crypto-shredding costs.
 *
 * 1. Reads: `readAll` of the whole log through the plain PostgreSQL store and through the personal-data store
 *    (upcast + one key query per batch + AES-GCM per personal field), 500 events per page.
 * 2. An erasure: after a tenant's log of EVENTS events (users registered and renamed, guests at meetings, and
 *    meeting proposals whose free text has one key per proposal), the time from `ErasureRecorded` appended until
 *    every read-model projection has applied it, i.e. deleted the tenant's rows and replayed its log
 *    (`replayOnErasure`, beside the projections), and the time until another tenant created right after it is
 *    applied by every projection (`otherTenantMs`: what every other tenant waits): once for a guest, once for
 *    one free-text item (a proposal). The runner runs live, as in the api and the projector.
 * 3. The key table: rows and size of `personal_data_keys` and `personal_data_text_authors` for that log, and
 *    how long writing the log took (every append encrypts, with its keys read and created in one batch).
 *
 *   npm run bench:erasure
 *
 * PostgreSQL from DATABASE_URL, otherwise an embedded one under .data/bench-erasure (thrown away).
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
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
  let proposals = 0;
  let firstProposal: { meetingId: string; proposalId: string } | null = null;
  const writeStarted = performance.now();
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
    for (let note = 0; note < 20; note++) {
      const proposalId = randomUUID();
      firstProposal ??= { meetingId, proposalId };
      proposals++;
      batch.push(
        event('MeetingProposalAdded', {
          meetingId,
          proposalId,
          text: `Voorstel ${note} van vergadering ${meetings}`,
          themeId: null,
          actionIds: [],
          proposedBy: users[note % users.length],
        }),
      );
    }
    batch.push(event('MeetingEnded', { meetingId }));
    await store.appendToStream(meetingStreamId(meetingId), batch);
    written += batch.length;
  }
  const writeMs = performance.now() - writeStarted;
  const { rows: keyRows } = await pool.query<{ keys: number; authors: number; bytes: string }>(
    `select (select count(*)::int from personal_data_keys where tenant_id = $1) as keys,
            (select count(*)::int from personal_data_text_authors where tenant_id = $1) as authors,
            (pg_total_relation_size('personal_data_keys') + pg_total_relation_size('personal_data_text_authors'))::text as bytes`,
    [TENANT],
  );

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

  // live from here on, as in the api and the projector: an erasure is replayed beside the projections
  await runner.start();
  let others = 0;
  /**
   * keys first, then the event (what ErasureService does); right after it another tenant is created, and the
   * time until every projection applied that (`otherTenantMs`: what other tenants wait during the erasure) and
   * until the erased tenant was replayed by every projection (`ms`) are measured
   */
  const eraseAndWait = async (kind: string, subject: string) => {
    const erased = await store.codec.keys.erase(TENANT, subject, new Date().toISOString());
    const started = performance.now();
    const result = await store.appendToStream(tenantStreamId(TENANT), [
      event('ErasureRecorded', {
        tenantId: TENANT,
        erasureId: randomUUID(),
        kind,
        subject,
        legalGround: 'objection',
        keysErased: erased.keysErased,
      }),
    ]);
    const other = `bench-other-${++others}`;
    const created = await store.appendToStream(tenantStreamId(other), [
      {
        ...event('TenantCreated', { tenantId: other, name: 'Andere stad', demo: false }),
        metadata: { ...metadata(), tenantId: other },
      },
    ]);
    const otherApplied = await runner.waitForPosition(created.position, {
      tenantId: other,
      timeoutMs: 600_000,
    });
    const otherTenantMs = Math.round(performance.now() - started);
    const replayed = await runner.waitForPosition(result.position, { tenantId: TENANT, timeoutMs: 600_000 });
    if (!otherApplied.reached || !replayed.reached) throw new Error('the projections did not get there');
    return {
      position: result.position,
      keysErased: erased.keysErased,
      ms: Math.round(performance.now() - started),
      otherTenantMs,
    };
  };
  const guestErasure = await eraseAndWait(
    'guest',
    store.codec.subjectId({ kind: 'guest', id: 'gast 1-1', pseudonymise: true }),
  );
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from rm_meetings where doc::text like '%Gast 1-1"%'`,
  );
  if (rows[0]!.n !== 0) throw new Error('the erased guest is still in rm_meetings');
  // one free-text item: the first proposal (its own key; the other proposals of its meeting stay)
  const textErasure = await eraseAndWait(
    'text',
    store.codec.subjectId({ kind: 'text', id: `proposal/${firstProposal!.proposalId}` }),
  );
  const texts = (await store.readStream(meetingStreamId(firstProposal!.meetingId)))
    .filter((e) => e.type === 'MeetingProposalAdded')
    .map((e) => (e.data as { text: string }).text);
  if (texts[0] !== '[erased]' || texts.slice(1).some((t) => t === '[erased]'))
    throw new Error(`the text erasure erased ${JSON.stringify(texts)}`);
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
        personalEvents: users.length * 2 + meetings * 8 + proposals,
        freeTextItems: proposals,
        writeMs: Math.round(writeMs),
        keyTable: { keys: keyRows[0]!.keys, authors: keyRows[0]!.authors, bytes: Number(keyRows[0]!.bytes) },
        readAllMs: { plain: Math.round(plainRead), personalDataStore: Math.round(protectedRead) },
        readOverheadPerThousandEventsMs: Number((((protectedRead - plainRead) / written) * 1000).toFixed(2)),
        erasure: { guest: guestErasure, text: textErasure },
        load: loadavg().map((l) => Number(l.toFixed(1))),
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
