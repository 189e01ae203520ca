import { describe, expect, it } from 'vitest';
import { AND3, compareFrac, HISTORY_TEST_CODES, historyTest, historyTestBits, NOT3, OR3 } from './logic.ts';
import { Prng } from '../random/prng.ts';

describe('three-valued tables (0 false, 1 true, 2 unknown)', () => {
  it('are Kleene logic', () => {
    const and = (a: number, b: number) => AND3[a * 3 + b];
    const or = (a: number, b: number) => OR3[a * 3 + b];
    expect([and(0, 2), and(2, 0), and(1, 2), and(1, 1)]).toEqual([0, 0, 2, 1]);
    expect([or(1, 2), or(2, 1), or(0, 2), or(0, 0)]).toEqual([1, 1, 2, 0]);
    expect([...NOT3]).toEqual([1, 0, 2]);
  });
});

describe('compareFrac', () => {
  it.each<[number, number, number, number, number]>([
    [3, 100, 300, 10000, 0],
    [299, 10000, 3, 100, -1],
    [1, 3, 3333, 10000, 1],
    [-1, 2, 1, -2, 0],
    [1, -2, 0, 1, -1],
    [3 * 10 ** 13, 10 ** 17, 3, 10000, 0],
    [3 * 10 ** 13 + 1, 10 ** 17, 3, 10000, 1],
  ])('sign(%d/%d − %d/%d) = %d', (an, ad, bn, bd, sign) => {
    expect(compareFrac(an, ad, bn, bd)).toBe(sign);
  });
});

describe('history on bitmasks', () => {
  it('agrees with the year-by-year definition on every test', () => {
    const random = new Prng(3);
    const tests = Object.values(HISTORY_TEST_CODES);
    for (let t = 0; t < 20_000; t++) {
      const base = random.int(2008, 2016);
      const last = base + random.int(0, 12);
      const values = Array.from({ length: last - base + 1 }, () => random.pick([0, 1, 2]));
      let known = 0;
      let ones = 0;
      values.forEach((v, i) => {
        if (v !== 2) known |= 1 << i;
        if (v === 1) ones |= 1 << i;
      });
      const since = random.int(2005, 2024);
      const year = random.int(2006, 2027);
      const k = random.int(1, 5);
      const test = random.pick(tests);
      expect(historyTestBits(test, known, ones, base, last, since, year, k), JSON.stringify({ test, values, base, since, year, k })).toBe(
        historyTest(test, values, base, since, year, k),
      );
    }
  });
});
