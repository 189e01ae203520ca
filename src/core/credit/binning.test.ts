import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binByQuantiles, binIndexOf, binMonotonic, informationValueTerm, weightOfEvidence, woeColumn, type FeatureBin } from './binning.ts';
import { Prng } from '../random/prng.ts';

/** Rows of `count` copies of (value, bad). */
function rowsOf(spec: [value: number, goods: number, bads: number][]): { values: number[]; bad: number[] } {
  const values: number[] = [];
  const bad: number[] = [];
  for (const [value, goods, bads] of spec) {
    for (let i = 0; i < goods + bads; i++) {
      values.push(value);
      bad.push(i < goods ? 0 : 1);
    }
  }
  return { values, bad };
}

describe('WoE and IV by hand', () => {
  // goods 40/30/30 of 100, bads 5/10/15 of 30:
  //   WoE = ln(0.40/0.1667) = ln 2.4, ln(0.30/0.3333) = ln 0.9, ln(0.30/0.50) = ln 0.6
  //   IV  = 0.2333·0.875469 + 0.0333·0.105361 + 0.2·0.510826 = 0.204276 + 0.003512 + 0.102165 = 0.309953
  const table: [value: number, goods: number, bads: number, woe: number][] = [
    [1, 40, 5, 0.8754687373539],
    [2, 30, 10, -0.1053605156578],
    [3, 30, 15, -0.510825623766],
  ];

  it.each(table)('value %d: %d goods, %d bads → WoE %f', (_value, goods, bads, woe) => {
    expect(weightOfEvidence(goods, bads, 100, 30)).toBeCloseTo(woe, 10);
  });

  it('the binning finds the three bins, rising, with the hand-computed WoE and IV 0.309953', () => {
    const { values, bad } = rowsOf(table.map(([v, g, b]) => [v, g, b]));
    const binning = binMonotonic(values, bad);
    expect(binning.trend).toBe('increasing');
    const ranges = binning.bins.filter((bin) => bin.kind === 'range');
    expect(ranges.map((bin) => [bin.upper, bin.goods, bin.bads])).toEqual([
      [1, 40, 5],
      [2, 30, 10],
      [null, 30, 15],
    ]);
    ranges.forEach((bin, i) => expect(bin.woe).toBeCloseTo(table[i][3], 10));
    expect(binning.iv).toBeCloseTo(0.30995318, 7);
    expect(binning.bins.at(-1)).toMatchObject({ kind: 'missing', goods: 0, bads: 0, woe: 0, iv: 0 });
  });

  it.each([
    // An all-bad bin: its goods count as 0.5 → ln((0.5/100)/(5/30)) = ln 0.03.
    [0, 5, 100, 30, Math.log(0.03)],
    // An all-good bin: bads 0.5 → ln((10/100)/(0.5/30)) = ln 6.
    [10, 0, 100, 30, Math.log(6)],
    [0, 0, 100, 30, 0],
  ])('smoothing of empty cells: %d goods, %d bads → %f', (goods, bads, totalGoods, totalBads, woe) => {
    expect(weightOfEvidence(goods, bads, totalGoods, totalBads)).toBeCloseTo(woe, 12);
    expect(Number.isFinite(informationValueTerm(goods, bads, totalGoods, totalBads))).toBe(true);
  });
});

describe('binMonotonic on awkward features', () => {
  it('merges a non-monotonic dip and gives missing values their own bin', () => {
    // Bad rates 10%, 30%, 20%, 40% by value: the 30%/20% pair violates a rise and is pooled (25%).
    const { values, bad } = rowsOf([
      [1, 90, 10],
      [2, 70, 30],
      [3, 80, 20],
      [4, 60, 40],
      [NaN, 30, 20],
    ]);
    const binning = binMonotonic(values, bad);
    expect(binning.trend).toBe('increasing');
    expect(binning.bins.map((bin) => [bin.kind, bin.goods, bin.bads])).toEqual([
      ['range', 90, 10],
      ['range', 150, 50],
      ['range', 60, 40],
      ['missing', 30, 20],
    ]);
  });

  it('a constant feature is one bin with IV 0', () => {
    const binning = binMonotonic([5, 5, 5, 5, 5, 5], [0, 1, 0, 1, 0, 0]);
    expect(binning.trend).toBe('flat');
    expect(binning.bins.filter((bin) => bin.kind === 'range')).toHaveLength(1);
    expect(binning.iv).toBeCloseTo(0, 12);
  });

  it('refuses a single class', () => {
    expect(() => binMonotonic([1, 2, 3], [0, 0, 0])).toThrow(/goods and bads/);
  });

  it.each([
    [1, 0],
    [1.5, 1],
    [2, 1],
    [2.0001, 2],
    [1e9, 2],
    [NaN, 3],
    [Infinity, 3],
  ])('value %f falls in bin %d of (−∞,1] (1,2] (2,∞) missing', (value, index) => {
    const bins: FeatureBin[] = [
      { kind: 'range', lower: null, upper: 1, goods: 1, bads: 1, woe: 0.1, iv: 0 },
      { kind: 'range', lower: 1, upper: 2, goods: 1, bads: 1, woe: 0.2, iv: 0 },
      { kind: 'range', lower: 2, upper: null, goods: 1, bads: 1, woe: 0.3, iv: 0 },
      { kind: 'missing', lower: null, upper: null, goods: 0, bads: 0, woe: 0, iv: 0 },
    ];
    expect(binIndexOf(bins, value)).toBe(index);
  });

  it('deciles (the baseline) keep every non-monotonic wiggle', () => {
    const { values, bad } = rowsOf([
      [1, 90, 10],
      [2, 70, 30],
      [3, 80, 20],
      [4, 60, 40],
    ]);
    expect(binByQuantiles(values, bad, 10).bins.filter((bin) => bin.kind === 'range')).toHaveLength(4);
  });
});

describe('binMonotonic properties (fast-check)', () => {
  const row = fc.record({
    value: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -50, max: 50 }).map((v) => v / 2) }, { weight: 1, arbitrary: fc.constant(NaN) }),
    bad: fc.integer({ min: 0, max: 1 }),
  });
  const sample = fc.array(row, { minLength: 20, maxLength: 600 }).filter((rows) => rows.some((r) => r.bad === 1) && rows.some((r) => r.bad === 0));

  it('bad rates strictly monotonic, every range bin ≥ 5% of rows, ≤ 10 bins, every row in exactly its bin', () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const values = rows.map((r) => r.value);
        const bad = rows.map((r) => r.bad);
        const binning = binMonotonic(values, bad);
        const ranges = binning.bins.filter((bin) => bin.kind === 'range');
        const missing = binning.bins.filter((bin) => bin.kind === 'missing');
        expect(missing).toHaveLength(1);
        expect(ranges.length).toBeGreaterThanOrEqual(1);
        expect(ranges.length).toBeLessThanOrEqual(10);
        const minRows = Math.ceil(0.05 * rows.length);
        if (ranges.length > 1) for (const bin of ranges) expect(bin.goods + bin.bads).toBeGreaterThanOrEqual(minRows);
        for (let i = 1; i < ranges.length; i++) {
          // Cross-multiplied: exact for integer counts.
          const previous = ranges[i - 1].bads * (ranges[i].goods + ranges[i].bads);
          const current = ranges[i].bads * (ranges[i - 1].goods + ranges[i - 1].bads);
          if (binning.trend === 'increasing') expect(current).toBeGreaterThan(previous);
          else expect(current).toBeLessThan(previous);
          expect(ranges[i].lower).toBe(ranges[i - 1].upper);
        }
        expect(ranges[0].lower).toBeNull();
        expect(ranges.at(-1)!.upper).toBeNull();
        // Counts of the bins are the counts of the rows each value maps to.
        const counted = binning.bins.map(() => ({ goods: 0, bads: 0 }));
        values.forEach((value, i) => (bad[i] ? counted[binIndexOf(binning.bins, value)].bads++ : counted[binIndexOf(binning.bins, value)].goods++));
        expect(counted).toEqual(binning.bins.map((bin) => ({ goods: bin.goods, bads: bin.bads })));
        expect(woeColumn(binning.bins, values)).toHaveLength(values.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('peaks and valleys (shapes: peaks)', () => {
  // Risk is U-shaped in x (0…20, lowest at 10): monotonic binning must flatten it, a valley keeps it.
  const random = new Prng(4);
  const n = 10_000;
  const u = new Float64Array(n);
  const uBad = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    u[i] = random.int(0, 20);
    uBad[i] = random.chance(0.05 + 0.02 * Math.abs(u[i] - 10)) ? 1 : 0;
  }
  const rates = (bins: readonly { kind: string; goods: number; bads: number }[]) => bins.filter((b) => b.kind === 'range').map((b) => b.bads / (b.goods + b.bads));

  it('a U-shaped risk becomes a valley: rates fall strictly then rise strictly, far more IV, every bin ≥ 5%', () => {
    const monotonic = binMonotonic(u, uBad);
    const valley = binMonotonic(u, uBad, { shapes: 'peaks' });
    expect(monotonic.trend).not.toBe('valley');
    expect(valley.trend).toBe('valley');
    expect(valley.iv).toBeGreaterThan(2 * monotonic.iv);
    const r = rates(valley.bins);
    const turn = r.indexOf(Math.min(...r));
    expect(turn).toBeGreaterThan(0);
    expect(turn).toBeLessThan(r.length - 1);
    for (let i = 1; i <= turn; i++) expect(r[i]).toBeLessThan(r[i - 1]);
    for (let i = turn + 1; i < r.length; i++) expect(r[i]).toBeGreaterThan(r[i - 1]);
    for (const bin of valley.bins.filter((b) => b.kind === 'range')) expect(bin.goods + bin.bads).toBeGreaterThanOrEqual(0.05 * n);
  });

  it('a monotonic or noisy feature earns no turn', () => {
    const x = new Float64Array(n);
    const noise = new Float64Array(n);
    const bad = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = random.next();
      noise[i] = random.normal();
      bad[i] = random.chance(0.05 + 0.2 * x[i]) ? 1 : 0;
    }
    expect(binMonotonic(x, bad, { shapes: 'peaks' }).trend).toBe('increasing');
    expect(['increasing', 'decreasing', 'flat']).toContain(binMonotonic(noise, bad, { shapes: 'peaks' }).trend);
  });
});

