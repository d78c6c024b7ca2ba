import { AsyncLocalStorage } from 'node:async_hooks';
import type { Position } from '#event-store';

const floor = new AsyncLocalStorage<Position>();

/**
 * The position every read made inside `fn` waits for (as if each passed it as `minPosition`): the api sets it
 * from a request's `X-Min-Position` header, which the web app sends with every read after a write of its own,
 * so a page opened right after a write (the meeting just scheduled, the group just created) shows it even
 * while the projections are a moment behind. A read's own, later `minPosition` wins.
 */
export function withReadFloor<T>(position: Position, fn: () => T): T {
  return floor.run(position, fn);
}

/** the floor of the read under way, if its request set one */
export function readFloor(): Position | undefined {
  return floor.getStore();
}

/** the later of a read's own `minPosition` and the request's floor */
export function effectiveMinPosition(minPosition: Position | undefined): Position | undefined {
  const current = floor.getStore();
  if (current === undefined) return minPosition;
  if (minPosition === undefined) return current;
  return minPosition > current ? minPosition : current;
}
