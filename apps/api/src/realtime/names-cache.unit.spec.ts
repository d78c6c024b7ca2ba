import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type pg from 'pg';
import type { StoredEvent } from '#event-store';
import { storedEvent } from '../../../../test/support/stored-event.js';
import { NamesCache } from './names-cache.js';

const event = (streamId: string, type: string): StoredEvent => storedEvent(streamId, type);

/** the names read model as rows, each read answered when the test says (pure unit test of the cache) */
function namesTable() {
  const reads: Array<{ name: string; answer: () => void }> = [];
  const state = { name: 'An Peeters' };
  const pool = {
    query: (text: string) => {
      if (!text.includes('rm_history_names')) throw new Error(`unexpected query ${text}`);
      const name = state.name;
      return new Promise((resolve) => {
        reads.push({ name, answer: () => resolve({ rows: [{ kind: 'user', id: 'u1', name }] }) });
      });
    },
  } as unknown as pg.Pool;
  return { pool, reads, state };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('NamesCache: names past their minute', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('are used as they are while a reload runs beside the feed; a renaming event still reloads first, and an older reload never wins', async () => {
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const { pool, reads, state } = namesTable();
    const names = new NamesCache(pool);
    const first = names.refreshFor([event('action-a1', 'ActionNoteAdded')], async () => undefined);
    await flush();
    reads[0]!.answer();
    await first;
    expect(names.lookup('city')('user', 'u1')).toBe('An Peeters');

    now += 60_001;
    let waits = 0;
    const caughtUp = async () => void waits++;
    // a note a minute later: not awaited, the reload starts beside the feed
    await names.refreshFor([event('action-a1', 'ActionNoteAdded')], caughtUp, async () => undefined);
    expect(waits).toBe(0);
    await flush();
    expect(reads).toHaveLength(2);

    // meanwhile the user is renamed: that batch reloads first, and its read answers before the older one
    state.name = 'An Janssens';
    const renamed = names.refreshFor([event('user-u1', 'UserRenamed')], caughtUp, async () => undefined);
    await flush();
    expect(waits).toBe(1);
    expect(reads).toHaveLength(3);
    reads[2]!.answer();
    await renamed;
    expect(names.lookup('city')('user', 'u1')).toBe('An Janssens');
    reads[1]!.answer(); // the background reload that started before the rename
    await flush();
    expect(names.lookup('city')('user', 'u1')).toBe('An Janssens');
  });
});
