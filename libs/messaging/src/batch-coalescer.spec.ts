import { BatchCoalescer } from './batch-coalescer';

describe('BatchCoalescer', () => {
  it('given items submitted in the same turn, when run, then they go in one call', async () => {
    const calls: number[][] = [];
    const coalescer = new BatchCoalescer<number>(async (items) => void calls.push(items));

    await Promise.all([coalescer.submit(1), coalescer.submit(2), coalescer.submit(3)]);

    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('given items submitted while a call runs, when it ends, then they go together in the next call', async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const coalescer = new BatchCoalescer<number>(async (items) => {
      calls.push(items);
      if (items[0] === 1) await first;
    });

    const one = coalescer.submit(1);
    await new Promise((r) => setImmediate(r));
    const later = [coalescer.submit(2), coalescer.submit(3)];
    release();
    await Promise.all([one, ...later]);

    expect(calls).toEqual([[1], [2, 3]]);
  });

  it('given a failing call, when run, then every item of that call is rejected and later items still run', async () => {
    const coalescer = new BatchCoalescer<number>(async (items) => {
      if (items.includes(2)) throw new Error('database down');
    });

    const results = await Promise.allSettled([coalescer.submit(1), coalescer.submit(2)]);
    await expect(coalescer.submit(4)).resolves.toBeUndefined();

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
