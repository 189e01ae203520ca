import { describe, expect, it } from 'vitest';
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
    [-1500, true, '-15.00%'],
    [0, true, '0.00%'],
    [5, false, '0.05%'],
    [-3333, false, '-33.33%'],
    [10000, false, '100.00%'],
  ])('%i (signed %s) → %s', (bp, signed, text) => expect(formatBp(bp, signed)).toBe(text));
});
