import { describe, expect, it } from 'vitest';
import { binShares, measureDiscrimination, populationStabilityIndex, quantileEdges, stabilityOf } from './metrics.ts';

describe('AUC, KS and Gini by hand', () => {
  const table: [label: string, risk: number[], bad: number[], auc: number, ks: number][] = [
    // Bad/good pairs: 0.35>0.1 ✓, 0.35<0.4 ✗, 0.8>0.1 ✓, 0.8>0.4 ✓ → 3/4. Cumulative (good, bad) shares after
    // each score: (.5,0) (.5,.5) (1,.5) (1,1) → KS 0.5.
    ['four rows', [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75, 0.5],
    // Ties: (bad@1, good@1) ½, (bad@1, good@2) 0, (bad@2, good@1) 1, (bad@2, good@2) ½ → 2/4. A tie is never
    // split, so the cumulative shares are (.5,.5) then (1,1): KS 0, not the 0.5 a split tie would show.
    ['ties across classes', [1, 1, 2, 2], [0, 1, 0, 1], 0.5, 0],
    ['all tied', [3, 3, 3, 3, 3], [0, 1, 0, 0, 1], 0.5, 0],
    ['perfect', [1, 2, 3, 4], [0, 0, 1, 1], 1, 1],
    ['reversed', [4, 3, 2, 1], [0, 0, 1, 1], 0, 1],
    // Pairs: bads at 2 and 3 against goods at 1, 2, 2, 4: (2: 1 + ½ + ½ + 0) + (3: 1 + 1 + 1 + 0) = 5 of 8.
    // Cumulative after 1: (.25,0); after 2: (.75,.5); after 3: (.75,1); after 4: (1,1) → KS .25.
    ['ties inside a larger sample', [1, 2, 2, 2, 3, 4], [0, 0, 0, 1, 1, 0], 5 / 8, 0.25],
  ];

  it.each(table)('%s', (_label, risk, bad, auc, ks) => {
    const metrics = measureDiscrimination(risk, bad);
    expect(metrics.auc).toBeCloseTo(auc, 12);
    expect(metrics.ks).toBeCloseTo(ks, 12);
    expect(metrics.gini).toBeCloseTo(2 * auc - 1, 12);
    expect(metrics.n).toBe(risk.length);
    expect(metrics.bads).toBe(bad.filter(Boolean).length);
  });

  it('refuses a single class', () => {
    expect(() => measureDiscrimination([1, 2], [1, 1])).toThrow(/both goods and bads/);
  });
});

describe('PSI by hand', () => {
  const table: [label: string, expected: number[], actual: number[], psi: number, reading: string][] = [
    ['identical', [0.2, 0.3, 0.5], [0.2, 0.3, 0.5], 0, 'stable'],
    // 0.1·ln 1.2 + (−0.1)·ln 0.8 = 0.018232 + 0.022314
    ['small drift', [0.5, 0.5], [0.6, 0.4], 0.04054651, 'stable'],
    // 0.15·ln(0.25/0.1)… = 0.137444 + 0.011157 + 0.009116 + 0.070501
    ['tilted', [0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4], 0.22821741, 'watch'],
    // (0.1 − 0.5)·ln(0.2) + (0.9 − 0.5)·ln(1.8) = 0.643775 + 0.235115
    ['shifted', [0.5, 0.5], [0.1, 0.9], 0.87888983, 'shifted'],
  ];
  it.each(table)('%s', (_label, expected, actual, psi, reading) => {
    const value = populationStabilityIndex(expected, actual);
    expect(value).toBeCloseTo(psi, 7);
    expect(stabilityOf(value)).toBe(reading);
  });

  it('an empty bin counts as 0.0001 instead of making PSI infinite', () => {
    // (0.0001 − 0.5)·ln(0.0001/0.5) + (1 − 0.5)·ln(2)
    expect(populationStabilityIndex([0.5, 0.5], [0, 1])).toBeCloseTo(-0.4999 * Math.log(0.0002) + 0.5 * Math.log(2), 10);
  });

  it('fixed bins: edges from a reference, shares of any population over them', () => {
    const reference = Array.from({ length: 100 }, (_, i) => i + 1);
    const edges = quantileEdges(reference, 4);
    expect(edges).toEqual([25, 50, 75]);
    expect(binShares(reference, edges)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(binShares([0, 25, 26, 80, 1000], edges)).toEqual([0.4, 0.2, 0, 0.4]);
  });
});
