import { describe, expect, it } from 'vitest';
import { Prng } from './prng.ts';

describe('Prng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int within bounds and reaches both ends', () => {
    const rng = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = rng.int(3, 7);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(7);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('follows the weights', () => {
    const rng = new Prng(7);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (rng.weighted([['a', 3], ['b', 1]]) === 'a') heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.72);
    expect(heavy / 10_000).toBeLessThan(0.78);
  });

  it('centres the log-normal on its median', () => {
    const rng = new Prng(9);
    const values = Array.from({ length: 5001 }, () => rng.logNormal(100, 1)).sort((x, y) => x - y);
    expect(values[2500]).toBeGreaterThan(90);
    expect(values[2500]).toBeLessThan(110);
  });
});
