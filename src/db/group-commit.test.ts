import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { eachAloneOnFailure, groupCommit } from './group-commit.ts';

/** A batch runner whose batches finish only when the test says so. */
function heldBatches() {
  const batches: { items: number[]; finish: () => void }[] = [];
  const run = (items: number[]) =>
    new Promise<PromiseSettledResult<string>[]>((resolve) => {
      batches.push({ items, finish: () => resolve(items.map((i) => (i < 0 ? { status: 'rejected', reason: new Error(`bad ${i}`) } : { status: 'fulfilled', value: `done ${i}` }))) });
    });
  return { batches, run };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('starts a lone call at once, and gathers the calls made meanwhile into the next batch', async () => {
    const { batches, run } = heldBatches();
    const write = groupCommit(run, { maxInFlight: 1 });
    const first = write(1);
    await settle();
    expect(batches.map((b) => b.items)).toEqual([[1]]);

    const waiting = [write(2), write(3), write(-4), write(5)];
    await settle();
    expect(batches).toHaveLength(1);
    batches[0]?.finish();
    expect(await first).toBe('done 1');
    await settle();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, -4, 5]]);

    batches[1]?.finish();
    const outcomes = await Promise.allSettled(waiting);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['done 2', 'done 3', 'bad -4', 'done 5']);
  });

  it('starts a second batch beside one that is slow, and no more than allowed', async () => {
    const { batches, run } = heldBatches();
    const write = groupCommit(run, { maxInFlight: 2, slowMs: 15 });
    const calls = [write(1), write(2), write(3)];
    await settle();
    expect(batches.map((b) => b.items)).toEqual([[1]]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3]]);
    calls.push(write(4));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches).toHaveLength(2);
    batches[0]?.finish();
    await settle();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3], [4]]);
    batches.slice(1).forEach((b) => b.finish());
    expect(await Promise.all(calls)).toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
  });

  it('caps a batch at its size and fails every call of a batch whose runner throws', async () => {
    const sizes: number[] = [];
    const write = groupCommit(
      async (items: number[]) => {
        sizes.push(items.length);
        if (items.includes(13)) throw new Error('database gone');
        return items.map((value) => ({ status: 'fulfilled' as const, value }));
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6, 7, 13].map(write));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b)).toBe(8);
    expect(results.at(-1)).toMatchObject({ status: 'rejected', reason: { message: 'database gone' } });
    expect(results.slice(0, 4).every((r) => r.status === 'fulfilled')).toBe(true);
  });
});

describe('each alone on failure', () => {
  it('answers the batch when it succeeds, and reruns each item alone when it was refused', async () => {
    const calls: number[][] = [];
    const together = async (items: number[]) => {
      calls.push(items);
      if (items.includes(-1)) throw new AppError('validation', 'one is bad', 'n');
      return items.map((i) => i * 10);
    };
    expect(await eachAloneOnFailure([1, 2], together)).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'fulfilled', value: 20 },
    ]);
    const mixed = await eachAloneOnFailure([3, -1, 4], together);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(calls).toEqual([[1, 2], [3, -1, 4], [3], [-1], [4]]);
  });

  it('fails every item, without rerunning any, when the connection was lost and the commit is in doubt', async () => {
    let runs = 0;
    const lost = new Error('Connection terminated unexpectedly');
    const results = await eachAloneOnFailure([1, 2, 3], async () => {
      runs++;
      throw lost;
    });
    expect(runs).toBe(1);
    expect(results).toEqual([1, 2, 3].map(() => ({ status: 'rejected', reason: lost })));
  });
});
