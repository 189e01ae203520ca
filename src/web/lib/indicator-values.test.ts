import { describe, expect, it } from 'vitest';
import { formatIndicatorValue, formatStoredText, parseIndicatorInput, proposedValueText } from './indicator-values.ts';
import { countyDate, todayInCounty } from './format.ts';

describe('formatIndicatorValue', () => {
  it.each([
    ['fen', 2_350_000_000, null, 'zh-CN', '2,350万元'],
    ['fen', 2_350_000_000, null, 'en-US', 'CNY 23,500,000'],
    ['fen', 12_000_000_000, null, 'zh-CN', '1.2亿元'],
    ['fen', 800_050, null, 'zh-CN', '¥8,000.5'],
    ['person', 85, null, 'zh-CN', '85人'],
    ['person', 1, null, 'en-US', '1 person'],
    ['person', 1200, null, 'en-US', '1,200 persons'],
    ['bp', 390, null, 'zh-CN', '3.9%'],
    ['count', 12, null, 'en-US', '12'],
    ['kwh', 1_234_567, null, 'zh-CN', '1,234,567 kWh'],
    ['boolean', 1, null, 'zh-CN', '是'],
    ['boolean', 0, null, 'en-US', 'No'],
    ['grade', null, 'A', 'zh-CN', 'A'],
    ['fen', null, null, 'zh-CN', '—'],
  ] as const)('%s %j (%s, %s) → %s', (unit, value, text, language, expected) => {
    expect(formatIndicatorValue(unit, value, text, language)).toBe(expected);
  });

  it('formats a stored text (disputes keep the current value as text)', () => {
    expect(formatStoredText('fen', '2350000000', 'zh-CN')).toBe('2,350万元');
    expect(formatStoredText('grade', 'B', 'zh-CN')).toBe('B');
    expect(formatStoredText('fen', null, 'zh-CN')).toBe('—');
  });
});

describe('parseIndicatorInput', () => {
  it.each([
    ['fen', '2350', 'wan', 2_350_000_000],
    ['fen', '2,350.5', 'wan', 2_350_500_000],
    ['fen', '0.000001', 'wan', 1],
    ['fen', '23500000.01', 'yuan', 2_350_000_001],
    // 0.1 + 0.2 style float trouble never happens: decimal strings all the way.
    ['fen', '0.3', 'yuan', 30],
    ['person', '85', 'wan', 85],
    ['kwh', '1,234,567', 'wan', 1_234_567],
    ['bp', '3.5', 'wan', 350],
    ['bp', '3.25%', 'wan', 325],
    ['boolean', '1', 'wan', 1],
    ['grade', ' A ', 'wan', 'A'],
  ] as const)('%s %s (%s) → %j', (unit, input, moneyUnit, expected) => {
    expect(parseIndicatorInput(unit, input, moneyUnit)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['fen', '', 'empty'],
    ['fen', 'abc', 'not_a_number'],
    ['fen', '1.0000001', 'too_many_decimals'],
    ['person', '12.5', 'not_whole'],
    ['person', '-3', 'negative'],
    ['count', '1e3', 'not_a_number'],
    ['bp', '3.125', 'too_many_decimals'],
  ] as const)('%s %j is refused: %s', (unit, input, problem) => {
    expect(parseIndicatorInput(unit, input, 'wan')).toEqual({ ok: false, problem });
  });
});

describe('proposedValueText', () => {
  it('writes the unit out the way the server reads it', () => {
    expect(proposedValueText('fen', '2,350', 'wan')).toBe('2350万');
    expect(proposedValueText('fen', '23500000.00', 'yuan')).toBe('23500000.00');
    expect(proposedValueText('bp', '3.5', 'wan')).toBe('3.5%');
    expect(proposedValueText('boolean', '0', 'wan')).toBe('否');
    expect(proposedValueText('person', '85', 'wan')).toBe('85');
  });
});

describe('county dates', () => {
  it('uses Asia/Shanghai', () => {
    expect(todayInCounty(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02-01');
    expect(countyDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });
});
