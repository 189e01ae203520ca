import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distinctPrecision, formatValue } from '../rules/explain/render.ts';
import { formatBp, groupDigits } from './format.ts';

describe('groupDigits', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
    [-1200, '-1,200'],
  ])('%i → %s', (n, text) => expect(groupDigits(n)).toBe(text));
});

describe('formatBp', () => {
  it.each([
    [1625, false, '16.25%'],
    [1625, true, '+16.25%'],
    [-1500, true, '-15%'],
    [0, true, '0%'],
    [5, false, '0.05%'],
    [-3333, false, '-33.33%'],
    [10000, false, '100%'],
    [390, false, '3.9%'],
    [300, false, '3%'],
  ])('%i (signed %s) → %s', (bp, signed, text) => expect(formatBp(bp, signed)).toBe(text));

  // Issue 12: the profile wrote "3.00%" and rule explanations "3%". One formatter now: the same text for
  // the same basis points in a profile reason and in an explanation.
  it('writes every percentage as rule explanations do', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (bp) => {
        expect(formatBp(bp)).toBe(formatValue(bp, 'bp', 'zh-CN'));
        expect(formatBp(bp)).toBe(formatValue(bp, 'bp', 'en-US'));
      }),
    );
  });

  it('keeps the near-miss precision of explanations: two sides that differ are shown differently', () => {
    expect(formatValue(300, 'bp')).toBe(formatBp(300));
    const precision = distinctPrecision([299.94, 300], 'bp');
    expect(precision).toBe(3);
    expect(formatValue(299.94, 'bp', 'zh-CN', precision)).toBe('2.999%');
    expect(formatValue(300, 'bp', 'zh-CN', precision)).toBe('3%');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 10_000 }), (bp, tenThousandths) => {
        const near = bp - tenThousandths / 10_000;
        const p = distinctPrecision([near, bp], 'bp');
        expect(formatValue(near, 'bp', 'zh-CN', p)).not.toBe(formatValue(bp, 'bp', 'zh-CN', p));
      }),
    );
  });
});
