import { describe, expect, it } from 'vitest';
import { completedYears, constantUnit, constantValue, dateToYmd, parseScaledDecimal, ymdToDays } from './units.ts';
import type { Constant } from './schema.ts';

describe('constants convert exactly to base units', () => {
  it.each<[Constant, number, string]>([
    [{ wan: 2000 }, 2_000_000_000, 'fen'],
    [{ wan: '0.5' }, 500_000, 'fen'],
    [{ yuan: 2000 }, 200_000, 'fen'],
    [{ yuan: '12.34' }, 1234, 'fen'],
    [{ fen: 7 }, 7, 'fen'],
    [{ yi: 5 }, 50_000_000_000, 'fen'],
    [{ yi: '1.5' }, 15_000_000_000, 'fen'],
    [{ percent: 3 }, 300, 'bp'],
    [{ percent: '2.5' }, 250, 'bp'],
    [{ bp: 150 }, 150, 'bp'],
    [{ people: 300 }, 300, 'person'],
    [{ count: 2 }, 2, 'count'],
    [{ kwh: 1000 }, 1000, 'kwh'],
    [{ years: 3 }, 3, 'years'],
    [{ date: '2020-02-29' }, 20200229, 'date'],
  ])('%j → %i %s', (constant, value, unit) => {
    expect(constantValue(constant)).toBe(value);
    expect(constantUnit(constant)).toBe(unit);
  });

  it.each<Constant>([{ yuan: '0.001' }, { percent: '2.555' }, { wan: 'abc' }, { date: '2021-02-29' }, { date: '2021-13-01' }, { fen: 1e300 }])(
    'rejects %j rather than rounding',
    (constant) => {
      expect(() => constantValue(constant)).toThrow();
    },
  );

  it('keeps decimals given as strings exact', () => {
    expect(parseScaledDecimal('0.1', 6)).toBe(100_000);
    expect(parseScaledDecimal(0.1, 6)).toBe(100_000);
    expect(parseScaledDecimal('-2.50', 2)).toBe(-250);
  });
});

describe('dates', () => {
  it('counts completed years by anniversaries', () => {
    expect(completedYears(dateToYmd('2023-06-02'), dateToYmd('2025-06-01'))).toBe(1);
    expect(completedYears(dateToYmd('2023-06-01'), dateToYmd('2025-06-01'))).toBe(2);
    expect(completedYears(dateToYmd('2023-12-31'), dateToYmd('2024-01-01'))).toBe(0);
  });

  it('counts days without Date objects', () => {
    expect(ymdToDays(19700101)).toBe(0);
    expect(ymdToDays(20000301) - ymdToDays(20000228)).toBe(2);
    expect(ymdToDays(20240101)).toBe(Date.UTC(2024, 0, 1) / 86_400_000);
  });
});
