import { AppendBatcher, type BatchItem } from './append-batcher.js';

/** A `run` whose calls the test ends by hand. */
function scripted() {
  const calls: Array<{ values: number[]; finish: (error?: Error) => void }> = [];
  const run = (items: ReadonlyArray<BatchItem<number, string>>): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      calls.push({
        values: items.map((item) => item.value),
        finish: (error) => {
          if (error) return reject(error);
          for (const item of items) item.resolve(`done ${item.value}`);
          resolve();
        },
      });
    });
  return { calls, run };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('AppendBatcher', () => {
  it('starts an append at once and alone while a slot is free', async () => {
    const { calls, run } = scripted();
    const batcher = new AppendBatcher<number, string>({ run, maxInFlight: 2, maxBatch: 10, slowMs: 10_000 });
    const first = batcher.submit(1);
    const second = batcher.submit(2);
    expect(calls.map((c) => c.values)).toEqual([[1], [2]]);
    calls[0]!.finish();
    calls[1]!.finish();
    await expect(first).resolves.toBe('done 1');
    await expect(second).resolves.toBe('done 2');
  });

  it('gathers the appends that arrive while every slot is taken into one call, in order, at most maxBatch', async () => {
    const { calls, run } = scripted();
    const batcher = new AppendBatcher<number, string>({ run, maxInFlight: 1, maxBatch: 3, slowMs: 10_000 });
    const results = [1, 2, 3, 4, 5].map((n) => batcher.submit(n));
    expect(calls.map((c) => c.values)).toEqual([[1]]);
    expect(batcher.waiting).toBe(4);
    calls[0]!.finish();
    await tick();
    expect(calls.map((c) => c.values)).toEqual([[1], [2, 3, 4]]);
    calls[1]!.finish();
    await tick();
    expect(calls.map((c) => c.values)).toEqual([[1], [2, 3, 4], [5]]);
    calls[2]!.finish();
    await expect(Promise.all(results)).resolves.toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
  });

  it('lets the appends behind a slow call start once it has run slowMs', async () => {
    const { calls, run } = scripted();
    const batcher = new AppendBatcher<number, string>({ run, maxInFlight: 1, maxBatch: 10, slowMs: 30 });
    const stuck = batcher.submit(1);
    const next = batcher.submit(2);
    expect(calls).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls.map((c) => c.values)).toEqual([[1], [2]]);
    calls[1]!.finish();
    await expect(next).resolves.toBe('done 2');
    // the slow call ending does not free a second slot: the next append waits for the one in flight
    calls[0]!.finish();
    await expect(stuck).resolves.toBe('done 1');
    const third = batcher.submit(3);
    expect(calls.map((c) => c.values)).toEqual([[1], [2], [3]]);
    const fourth = batcher.submit(4);
    expect(calls).toHaveLength(3);
    calls[2]!.finish();
    await tick();
    calls[3]!.finish();
    await expect(Promise.all([third, fourth])).resolves.toEqual(['done 3', 'done 4']);
  });

  it('rejects every append a failing call left unanswered, with its error, and goes on', async () => {
    const { calls, run } = scripted();
    const batcher = new AppendBatcher<number, string>({ run, maxInFlight: 1, maxBatch: 10, slowMs: 10_000 });
    const first = batcher.submit(1);
    const failing = [batcher.submit(2), batcher.submit(3)];
    calls[0]!.finish();
    await tick();
    calls[1]!.finish(new Error('connection lost'));
    await expect(first).resolves.toBe('done 1');
    for (const result of failing) await expect(result).rejects.toThrow('connection lost');
    const after = batcher.submit(4);
    calls[2]!.finish();
    await expect(after).resolves.toBe('done 4');
  });

  it('rejects an append the call forgot to answer instead of leaving it waiting', async () => {
    const batcher = new AppendBatcher<number, string>({
      run: async (items) => items[0]!.resolve('only the first'),
      maxInFlight: 1,
      maxBatch: 10,
      slowMs: 10_000,
    });
    const [first, second, third] = [batcher.submit(1), batcher.submit(2), batcher.submit(3)];
    await expect(first).resolves.toBe('only the first');
    // 2 and 3 shared the next call, which answered 2 only
    await expect(second).resolves.toBe('only the first');
    await expect(third).rejects.toThrow('unanswered');
  });
});
