import { describe, expect, it } from 'vitest';
import { bpToPercentInput, fenToWanInput, money, monthsRange, percentInputToBp, rate, rateRange, wan, wanInputToFen } from './format.ts';

describe('finance formatting', () => {
  it('shows money in 万元 in Chinese and CNY in English', () => {
    expect(money(3_000_000_000, 'zh-CN')).toBe('3,000万元');
    expect(money(100_000, 'en-US')).toMatch(/^CNY 1,000/);
    expect(money(null, 'zh-CN')).toBe('—');
  });
  it('shows rates in basis points as percentages', () => {
    expect(rate(385)).toBe('3.85%');
    expect(rateRange(385, 600)).toBe('3.85% – 6%');
    expect(rateRange(400, 400)).toBe('4%');
  });
  it('reads 万元 and percentage inputs exactly', () => {
    expect(wanInputToFen('50')).toBe(50_000_000);
    expect(wanInputToFen('0.01')).toBe(10_000);
    expect(wanInputToFen('1.2345678')).toBeNull();
    expect(wanInputToFen('-3')).toBeNull();
    expect(percentInputToBp('3.85')).toBe(385);
    expect(percentInputToBp('4')).toBe(400);
    expect(percentInputToBp('4.123')).toBeNull();
  });
  it('converts fen to 万元 for charts and says terms in months', () => {
    expect(wan(123_456_789)).toBe(123.46);
    expect(monthsRange(6, 36, 'zh-CN')).toBe('6 – 36 个月');
    expect(monthsRange(12, 12, 'en-US')).toBe('12 months');
  });
  it('turns a draft’s fen and bp back into what a person typed, exactly', () => {
    for (const fen of [0, 1, 100, 5_000_000, 1_234_567, 30_000_000_000, 9_000_000_000_001]) expect(wanInputToFen(fenToWanInput(fen))).toBe(fen);
    expect(fenToWanInput(1_234_500)).toBe('1.2345');
    expect(fenToWanInput(50_000_000)).toBe('50');
    for (const bp of [0, 5, 385, 400, 450, 1205]) expect(percentInputToBp(bpToPercentInput(bp))).toBe(bp);
    expect(bpToPercentInput(450)).toBe('4.5');
    expect(bpToPercentInput(5)).toBe('0.05');
  });
});
