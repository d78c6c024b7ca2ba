import { describe, expect, it } from '@jest/globals';
import { START, toPosition, type Position, type ReadAllResult } from '#event-store';
import { ErasureReplayPages } from '../src/projection/erasure-replay-pages.js';

/** A log reader that counts its reads: the pages' contents do not matter here, only who reads them. */
class CountingLog {
  readonly reads: string[] = [];
  failNext = false;

  async readAll(from: Position, _limit: number, options?: { tenantId?: string }): Promise<ReadAllResult> {
    this.reads.push(`${options?.tenantId}:${from}`);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('connection lost');
    }
    return { events: [], position: from };
  }
}

const erasureA = toPosition(500n, 1n);
const erasureB = toPosition(600n, 1n);
const page2 = toPosition(200n, 3n);

describe('ErasureReplayPages', () => {
  it('reads each page of an erasure once for all the projections that replay it, then lets it go', async () => {
    const log = new CountingLog();
    const pages = new ErasureReplayPages(log, 1000);
    const first = await Promise.all([1, 2, 3].map(() => pages.read('t1', erasureA, START, 3)));
    expect(log.reads).toEqual([`t1:${START}`]);
    expect(first[0]).toBe(first[1]);
    await pages.read('t1', erasureA, page2, 3);
    await pages.read('t1', erasureA, page2, 3);
    expect(log.reads).toHaveLength(2);
    // the third reader took page 2 last: a fourth (a replay again later) reads the log again
    await pages.read('t1', erasureA, page2, 3);
    await pages.read('t1', erasureA, page2, 3);
    expect(log.reads).toHaveLength(3);
  });

  it('reads again for another erasure (its keys went after the first was read) and another tenant', async () => {
    const log = new CountingLog();
    const pages = new ErasureReplayPages(log, 1000);
    await pages.read('t1', erasureA, START, 2);
    await pages.read('t1', erasureB, START, 2);
    await pages.read('t2', erasureA, START, 2);
    expect(log.reads).toEqual([`t1:${START}`, `t1:${START}`, `t2:${START}`]);
  });

  it('does not keep a failed read', async () => {
    const log = new CountingLog();
    const pages = new ErasureReplayPages(log, 1000);
    log.failNext = true;
    await expect(pages.read('t1', erasureA, START, 2)).rejects.toThrow('connection lost');
    await expect(pages.read('t1', erasureA, START, 2)).resolves.toEqual({ events: [], position: START });
    expect(log.reads).toHaveLength(2);
  });

  it('reads straight from the log when only one projection replays', async () => {
    const log = new CountingLog();
    const pages = new ErasureReplayPages(log, 1000);
    await pages.read('t1', erasureA, START, 1);
    await pages.read('t1', erasureA, START, 1);
    expect(log.reads).toHaveLength(2);
  });

  it('holds at most 40 pages', async () => {
    const log = new CountingLog();
    const pages = new ErasureReplayPages(log, 1000);
    for (let n = 1; n <= 50; n++) await pages.read('t1', erasureA, toPosition(BigInt(n), 0n), 2);
    expect(log.reads).toHaveLength(50);
    await pages.read('t1', erasureA, toPosition(50n, 0n), 2); // still held
    await pages.read('t1', erasureA, toPosition(1n, 0n), 2); // dropped: read again
    expect(log.reads).toHaveLength(51);
  });
});
