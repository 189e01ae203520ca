import { describe, expect, it } from 'vitest';
import { parseEvaluationDate, resolvePeriod, resolveYear, shiftLabel } from './periods.ts';
import type { PeriodSpec } from './schema.ts';

const date = parseEvaluationDate('2025-02-15');

describe('periods resolve against the evaluation date', () => {
  it.each<[PeriodSpec, 'year' | 'quarter' | 'month', string]>([
    [{ year: 2020 }, 'year', '2020'],
    [{ yearsAgo: 0 }, 'year', '2025'],
    [{ yearsAgo: 1 }, 'year', '2024'],
    [{ quarter: '2024Q3' }, 'quarter', '2024Q3'],
    [{ quartersAgo: 1 }, 'quarter', '2024Q4'],
    [{ quartersAgo: 5 }, 'quarter', '2023Q4'],
    [{ month: '2024-07' }, 'month', '2024-07'],
    [{ monthsAgo: 2 }, 'month', '2024-12'],
  ])('%j → %s %s', (spec, periodicity, label) => {
    expect(resolvePeriod(spec, periodicity, date)).toEqual({ kind: 'fixed', label });
  });

  it('keeps latest as a range up to the current period, and asks for the last complete one', () => {
    expect(resolvePeriod({ latest: true }, 'year', date)).toEqual({ kind: 'latest', periodicity: 'year', max: '2025', min: null, ask: '2024' });
    expect(resolvePeriod({ latest: true, maxAgo: 2 }, 'quarter', date)).toEqual({ kind: 'latest', periodicity: 'quarter', max: '2025Q1', min: '2024Q3', ask: '2024Q4' });
  });

  it('shifts labels across year ends', () => {
    expect(shiftLabel('2024Q1', -1)).toBe('2023Q4');
    expect(shiftLabel('2024-01', -13)).toBe('2022-12');
    expect(shiftLabel('2024', 2)).toBe('2026');
  });

  it('resolves year specs', () => {
    expect(resolveYear({ year: 2020 }, date)).toBe(2020);
    expect(resolveYear({ yearsAgo: 3 }, date)).toBe(2022);
  });
});
