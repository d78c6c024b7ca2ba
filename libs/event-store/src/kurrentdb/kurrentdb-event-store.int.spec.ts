import { describeEventStoreContract } from '../event-store.contract.js';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';

/**
 * The same contract suite as the PostgreSQL adapter, against a real KurrentDB / EventStoreDB, whenever
 * EVENTSTORE_CONNECTION_STRING names one (e.g. kurrentdb://localhost:2113?tls=false). Nothing here fakes a
 * server: without one the suite is skipped, and says so.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('kurrentdb', async () => {
    const store = new KurrentDBEventStore(connectionString, { pollIntervalMs: 50 });
    return { store, cleanup: () => store.close() };
  });
} else {
  console.log(
    'KurrentDB contract suite skipped: no EVENTSTORE_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false)',
  );
  describe('EventStore contract: kurrentdb', () => {
    it.skip('runs only against a KurrentDB server named by EVENTSTORE_CONNECTION_STRING', () => undefined);
  });
}
