import { FakeKurrentDB } from '../../../../test/support/fake-kurrentdb.js';
import { describeEventStoreContract } from '../event-store.contract.js';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';

/**
 * The contract suite on the KurrentDB adapter over the scripted fake of the client: it checks the adapter's
 * own logic against the port's promises under the fake's model of the server (inclusive `$all` reads,
 * expected-version rules, no server-side de-duplication). It proves nothing about a real server: that is
 * `kurrentdb-event-store.int.spec.ts` with EVENTSTORE_CONNECTION_STRING.
 */
describeEventStoreContract('kurrentdb adapter over a scripted fake client', () => {
  const store = new KurrentDBEventStore(new FakeKurrentDB(), { pollIntervalMs: 50 });
  return Promise.resolve({ store, cleanup: () => store.close() });
});
