import type { EventStore } from '#event-store';
import { databaseFailureKind } from '#platform';
import type { Lifecycle } from '../injection-tokens.js';
import { aroundAppends } from '../observability/around-appends.js';

/**
 * The write side's appends, watched for storage failures: an append the database refuses for lack of storage
 * (disk full, I/O error) marks the api as not ready (`lifecycle.storageFailure`, see the readiness check); the
 * next append that succeeds clears the mark. A `select 1` cannot tell a full disk, only a write can.
 */
export function watchStorage(store: EventStore, lifecycle: Lifecycle): EventStore {
  return aroundAppends(store, async (append) => {
    try {
      const result = await append();
      if (lifecycle.storageFailure) lifecycle.storageFailure = null;
      return result;
    } catch (error) {
      if (databaseFailureKind(error) === 'storage') {
        lifecycle.storageFailure = {
          at: Date.now(),
          message: error instanceof Error ? error.message : String(error),
        };
      }
      throw error;
    }
  });
}
