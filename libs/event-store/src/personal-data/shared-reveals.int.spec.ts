import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import type { NewEvent, StoredEvent, Subscription } from '../event-store.port.js';
import { runEventStoreMigrations } from '../postgres/migrations/index.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { protectPersonalData } from './index.js';
import type { PersonalDataPolicy } from './policy.js';

const ERASED = '[erased]';
const policy: PersonalDataPolicy = {
  types: {
    GuestAttended: {
      version: 1,
      personal: [
        {
          field: 'guestName',
          subject: (data) => ({
            kind: 'guest',
            id: String(data.guestName).toLowerCase(),
            pseudonymise: true,
          }),
          erasedAs: 'text',
        },
      ],
    },
  },
  upcasters: [],
  erasedText: ERASED,
};

const attended = (tenantId: string, guestName: string): NewEvent => ({
  id: randomUUID(),
  type: 'GuestAttended',
  data: { guestName },
  metadata: {
    actorId: 'user-1',
    tenantId,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
  },
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The subscriptions of a personal-data store over PostgreSQL reveal each event once between them (they share
 * the store's reads, so they get the same event objects), and an erasure still shows in every read after it.
 */
describe('PersonalDataEventStore subscriptions on PostgreSQL', () => {
  let db: TestDatabase;
  let keyPool: pg.Pool;
  let inner: PostgresEventStore;
  /** the key lookups of reads (`personal_data_keys where key_id = any(...)`) */
  let lookups = 0;

  beforeAll(async () => {
    db = await createTestDatabase('shared_reveals');
    await runEventStoreMigrations(db.url);
    keyPool = new pg.Pool({ connectionString: db.url, max: 4 });
    const query = keyPool.query.bind(keyPool) as (...args: unknown[]) => unknown;
    (keyPool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && /where key_id = any/.test(args[0])) lookups++;
      return query(...args);
    };
    inner = new PostgresEventStore(db.url);
  });

  afterAll(async () => {
    await inner?.close();
    await keyPool?.end();
    await db?.drop();
  });

  it('ten subscriptions that read the same page look its keys up once, and see the erasure afterwards', async () => {
    const store = protectPersonalData(inner, {
      pool: keyPool,
      masterSecret: 'a test master secret of enough length, 32+',
      policy,
    });
    const tenant = `t-${randomUUID()}`;
    const from = await store.headPosition();
    const received: StoredEvent[][] = Array.from({ length: 10 }, () => []);
    const subscriptions: Subscription[] = received.map((into) =>
      store.subscribeToAll(from, async (events) => void into.push(...events), { tenantId: tenant }),
    );
    try {
      await Promise.all(subscriptions.map((subscription) => subscription.caughtUp));
      lookups = 0;
      await store.appendToStream(`meeting-${randomUUID()}`, [
        attended(tenant, 'An Peeters'),
        attended(tenant, 'Jan Janssens'),
      ]);
      await until(() => received.every((events) => events.length === 2));
      for (const events of received) {
        expect(events.map((event) => (event.data as { guestName: string }).guestName)).toEqual([
          'An Peeters',
          'Jan Janssens',
        ]);
      }
      // without sharing: one lookup per subscription (ten); the reads may split into a few pages
      expect(lookups).toBeGreaterThanOrEqual(1);
      expect(lookups).toBeLessThanOrEqual(2);

      // the guest is erased: every read of the log from now on shows the marker, shared or not
      await store.codec.keys.erase(
        tenant,
        store.codec.subjectId({ kind: 'guest', id: 'an peeters', pseudonymise: true }),
        new Date().toISOString(),
      );
      const again = await store.readAll(from, 10, { tenantId: tenant });
      expect(again.events.map((event) => (event.data as { guestName: string }).guestName)).toEqual([
        ERASED,
        'Jan Janssens',
      ]);
      const late: StoredEvent[] = [];
      const lateSubscription = store.subscribeToAll(from, async (events) => void late.push(...events), {
        tenantId: tenant,
      });
      try {
        await until(() => late.length === 2);
      } finally {
        await lateSubscription.stop();
      }
      expect(late.map((event) => (event.data as { guestName: string }).guestName)).toEqual([
        ERASED,
        'Jan Janssens',
      ]);
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    }
  });
});
