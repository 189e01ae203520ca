import { describe, expect, it } from 'vitest';
import { allocateFen, formatFen, formatYuan, parseToFen, percentOfFen, ratioBp, sumFen, wanToFen, yuanToFen } from './money.ts';

describe('parsing amounts into fen', () => {
  it.each([
    ['12.34', 1234],
    ['0.5', 50],
    ['1,860', 186_000],
    ['-3.10', -310],
    [7, 700],
  ])('yuan %s → %i fen', (input, fen) => expect(yuanToFen(input)).toBe(fen));

  it.each([
    ['2000', 2_000_000_000],
    ['1860.5', 1_860_500_000],
    ['0.000001', 1],
  ])('万元 %s → %i fen', (input, fen) => expect(wanToFen(input)).toBe(fen));

  it.each(['0.001', '1e5', 'abc', '', '1.2.3'])('rejects %s yuan', (input) => expect(() => yuanToFen(input)).toThrow());
  it('rejects a fractional fen', () => expect(() => parseToFen('1.5', 'fen')).toThrow());
});

describe('arithmetic', () => {
  it('takes a percentage rounding half up', () => {
    expect(percentOfFen(1_000_001, 500)).toBe(50_000); // 50000.05
    expect(percentOfFen(1_000_010, 500)).toBe(50_001); // 50000.5 → up
  });
  it('allocates without losing a fen', () => {
    expect(allocateFen(100_000, [40, 60])).toEqual([40_000, 60_000]);
    expect(allocateFen(100, [1, 1, 1])).toEqual([33, 33, 34]);
    expect(sumFen(allocateFen(99_999_999, [3, 7, 11]))).toBe(99_999_999);
  });
  it('refuses an unsafe sum', () => expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow());
  it('gives ratios in basis points', () => {
    expect(ratioBp(3, 100)).toBe(300);
    expect(ratioBp(1, 3)).toBe(3333);
    expect(ratioBp(1, 0)).toBeNull();
  });
});

describe('formatting', () => {
  it.each([
    [2_350 * 1_000_000, 'zh-CN', '2,350万元'],
    [1_860_500_000, 'zh-CN', '1,860.5万元'],
    [120_000_000_00, 'zh-CN', '1.2亿元'],
    [800_050, 'zh-CN', '¥8,000.5'],
    [2_350 * 1_000_000, 'en-US', 'CNY 23,500,000'],
  ] as const)('%i fen in %s is %s', (fen, locale, text) => expect(formatFen(fen, locale)).toBe(text));
  it('formats yuan with two decimals', () => expect(formatYuan(-123_405)).toBe('-1,234.05'));
});
