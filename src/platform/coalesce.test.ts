import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesce.ts';

describe('coalesced', () => {
  it('shares a run among those asking together, and makes those asking during a run wait for the next', async () => {
    const runs: string[][] = [];
    const gates: (() => void)[] = [];
    const ask = coalesced(async (items: string[]) => {
      runs.push(items);
      await new Promise<void>((resolve) => gates.push(resolve));
      return runs.length;
    });
    const first = [ask('a'), ask('b')];
    await Promise.resolve();
    expect(runs).toEqual([['a', 'b']]);
    const second = [ask('c'), ask('d')];
    await Promise.resolve();
    expect(runs).toHaveLength(1);
    gates.shift()?.();
    expect(await Promise.all(first)).toEqual([1, 1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toEqual([['a', 'b'], ['c', 'd']]);
    gates.shift()?.();
    expect(await Promise.all(second)).toEqual([2, 2]);
  });

  it('hands a failed run’s error to its askers only', async () => {
    let calls = 0;
    const ask = coalesced(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database gone');
      return calls;
    });
    await expect(ask(undefined)).rejects.toThrow('database gone');
    expect(await ask(undefined)).toBe(2);
  });
});
