import type { AppendResult, EventStore } from '#event-store';

/**
 * The write side's store with every `appendToStream` run through `around` (timing it, watching it for storage
 * failures); reads and subscriptions pass straight through.
 */
export function aroundAppends(
  store: EventStore,
  around: (append: () => Promise<AppendResult>) => Promise<AppendResult>,
): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'appendToStream') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return (...args: Parameters<EventStore['appendToStream']>) =>
        around(() => target.appendToStream(...args));
    },
  });
}
