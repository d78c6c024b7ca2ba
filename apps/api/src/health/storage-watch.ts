import type { AppendResult, EventStore, ExpectedVersion, NewEvent } from '#event-store';
import { databaseFailureKind } from '#platform';
import type { Lifecycle } from '../injection-tokens.js';

/**
 * The write side's appends, watched for storage failures: an append the database refuses for lack of storage
 * (disk full, I/O error) marks the api as not ready (`lifecycle.storageFailure`, see the readiness check); the
 * next append that succeeds clears the mark. A `select 1` cannot tell a full disk, only a write can.
 */
export function watchStorage(store: EventStore, lifecycle: Lifecycle): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'appendToStream') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return async (
        streamId: string,
        events: readonly NewEvent[],
        expected?: ExpectedVersion,
      ): Promise<AppendResult> => {
        try {
          const result = await target.appendToStream(streamId, events, expected);
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
      };
    },
  });
}
