import { describe, expect, it } from 'vitest';
import { BUILT_IN_INDICATORS, type IndicatorDefinition } from '../../../core/profile/indicators.ts';
import { parseProposedValue } from './proposed-value.ts';

const indicator = (code: string) => BUILT_IN_INDICATORS.find((d) => d.code === code)!;
const bp: IndicatorDefinition = { code: 'export_share', category: 'trade', nameZh: '出口占比', nameEn: 'Export share', unit: 'bp', periodicity: 'year', isFlow: false, sources: ['statistics'], isKey: false };

describe('reading a proposed value as typed', () => {
  it.each([
    ['2350万', 2_350_000_000],
    ['2,350万元', 2_350_000_000],
    ['2，350 万元', 2_350_000_000],
    ['23500000.00', 2_350_000_000],
    ['23500000', 2_350_000_000],
    ['¥23,500,000元', 2_350_000_000],
    ['1.2亿', 12_000_000_000],
    ['0.01', 1],
    ['1860.5万', 1_860_500_000],
  ])('money %s → %d fen', (text, fen) => {
    expect(parseProposedValue(indicator('operating_revenue'), text)).toEqual({ value: fen, valueText: null });
  });

  it.each(['23500000.001', '2350万万', 'abc', '', '1e7', '2350 millions'])('refuses money %j', (text) => {
    expect(parseProposedValue(indicator('operating_revenue'), text)).toHaveProperty('error');
  });

  it.each([
    ['employees', '85', 85],
    ['employees', '85人', 85],
    ['employees', '1.2万', 12_000],
    ['electricity_kwh', '35,000度', 35_000],
    ['dishonest_debtor', '否', 0],
    ['dishonest_debtor', 'YES', 1],
  ])('%s %s → %d', (code, text, value) => {
    expect(parseProposedValue(indicator(code), text)).toEqual({ value, valueText: null });
  });

  it('refuses fractions of people and negative head counts', () => {
    expect(parseProposedValue(indicator('employees'), '85.5')).toHaveProperty('error');
    expect(parseProposedValue(indicator('employees'), '1.23456万')).toHaveProperty('error');
    expect(parseProposedValue(indicator('employees'), '-3')).toHaveProperty('error');
  });

  it('reads grades in any case and only the listed ones', () => {
    expect(parseProposedValue(indicator('tax_credit_grade'), ' a ')).toEqual({ value: null, valueText: 'A' });
    expect(parseProposedValue(indicator('tax_credit_grade'), 'E')).toHaveProperty('error');
  });

  it('reads percentages into basis points', () => {
    expect(parseProposedValue(bp, '3.5%')).toEqual({ value: 350, valueText: null });
    expect(parseProposedValue(bp, '350bp')).toEqual({ value: 350, valueText: null });
    expect(parseProposedValue(bp, '3.5')).toHaveProperty('error');
  });
});
