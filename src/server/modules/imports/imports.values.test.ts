import { describe, expect, it } from 'vitest';
import {
  excelNumberText,
  parseBasisPoints,
  parseBoolean,
  parseDate,
  parseGrade,
  parseMoney,
  parseMoneyUnit,
  parsePeriodFor,
  parsePeriodLabel,
  parseWholeNumber,
  splitHeaderUnit,
} from './imports.values.ts';
import { headerKey, IndicatorCatalogue, ImportFileError, resolveEnterpriseLayout, resolveIndicatorLayout, type ImportIndicator } from './imports.layout.ts';
import { parseCapital, parseEnterpriseStatus, parseEnterpriseType } from './imports.enterprises.ts';

const value = <T>(result: { ok: true; value: T } | { ok: false; problem: { code: string } }) => (result.ok ? result.value : `!${result.problem.code}`);

describe('money cells → fen, exactly', () => {
  it.each([
    ['12,345,678.90', 'yuan', 1_234_567_890],
    ['0.01', 'yuan', 1],
    ['-500', 'yuan', -50_000],
    [' 1 000 ', 'yuan', 100_000],
    ['2350', 'wan', 2_350_000_000],
    ['1234.5', 'wan', 1_234_500_000],
    ['0.000001', 'wan', 1],
    ['100', 'fen', 100],
    ['1，234', 'yuan', 123_400],
    ['12.345', 'yuan', '!too_many_decimals'],
    ['1.0000001', 'wan', '!too_many_decimals'],
    ['100.5', 'fen', '!too_many_decimals'],
    ['1,5', 'yuan', '!invalid_number'],
    ['12,34,567', 'yuan', '!invalid_number'],
    ['abc', 'yuan', '!invalid_number'],
    ['1e5', 'yuan', '!invalid_number'],
    ['99999999999999999999', 'yuan', '!out_of_range'],
  ] as const)('%s %s → %s', (text, unit, expected) => {
    expect(value(parseMoney(text, unit))).toBe(expected);
  });

  it.each([
    ['元', 'yuan'],
    ['万元', 'wan'],
    ['万', 'wan'],
    ['分', 'fen'],
    ['Yuan', 'yuan'],
    ['CNY', 'yuan'],
    ['美元', null],
  ])('unit %s → %s', (text, expected) => {
    expect(parseMoneyUnit(text)).toBe(expected);
  });
});

describe('whole numbers, ratios, booleans, grades', () => {
  it.each([
    ['56', 56],
    ['1,200', 1200],
    ['12.0', 12],
    ['12.5', '!not_an_integer'],
    ['-3', '!negative_value'],
    ['x', '!invalid_number'],
  ])('whole number %s → %s', (text, expected) => {
    expect(value(parseWholeNumber(text, { allowNegative: false }))).toBe(expected);
  });

  it.each([
    ['3.5%', 'bp', 350],
    ['3.5', 'percent', 350],
    ['100', 'percent', 10_000],
    ['350', 'bp', 350],
    ['3.555', 'percent', '!too_many_decimals'],
  ] as const)('ratio %s (%s) → %s bp', (text, unit, expected) => {
    expect(value(parseBasisPoints(text, unit))).toBe(expected);
  });

  it.each([
    ['是', 1],
    ['否', 0],
    ['TRUE', 1],
    ['false', 0],
    ['1', 1],
    ['0', 0],
    ['有', 1],
    ['也许', '!invalid_boolean'],
  ])('boolean %s → %s', (text, expected) => {
    expect(value(parseBoolean(text))).toBe(expected);
  });

  it.each([
    ['a', 'A'],
    [' B ', 'B'],
    ['M级', 'M'],
    ['E', '!invalid_grade'],
  ])('grade %s → %s', (text, expected) => {
    expect(value(parseGrade(text, ['A', 'B', 'M', 'C', 'D']))).toBe(expected);
  });
});

describe('periods', () => {
  it.each([
    ['2024', '2024'],
    ['2024年', '2024'],
    ['2024年度', '2024'],
    ['2024Q3', '2024Q3'],
    ['2024q1', '2024Q1'],
    ['2024-Q2', '2024Q2'],
    ['2024年第三季度', '2024Q3'],
    ['2024年4季度', '2024Q4'],
    ['2024-07', '2024-07'],
    ['2024-7', '2024-07'],
    ['2024/07', '2024-07'],
    ['2024.7', '2024-07'],
    ['2024年7月', '2024-07'],
    ['202407', '2024-07'],
    ['2024-07-01', '2024-07'],
    ['2024-07-15', '!invalid_period'],
    ['24年', '!invalid_period'],
    ['2024-13', '!invalid_period'],
    ['2024Q5', '!invalid_period'],
    ['1800', '!invalid_period'],
  ])('%s → %s', (text, expected) => {
    const result = parsePeriodLabel(text);
    expect(result.ok ? result.value.label : `!${result.problem.code}`).toBe(expected);
  });

  it('must match the indicator periodicity', () => {
    expect(value(parsePeriodFor('2024', 'year'))).toBe('2024');
    expect(value(parsePeriodFor('2024-07', 'year'))).toBe('!period_mismatch');
    expect(value(parsePeriodFor('2024Q3', 'quarter'))).toBe('2024Q3');
    expect(value(parsePeriodFor('2024', 'month'))).toBe('!period_mismatch');
  });
});

describe('dates', () => {
  it.each([
    ['2025-03-31', '2025-03-31'],
    ['2025/3/31', '2025-03-31'],
    ['2025.3.1', '2025-03-01'],
    ['2025年3月31日', '2025-03-31'],
    ['20250331', '2025-03-31'],
    ['45747', '2025-03-31'], // an Excel serial number
    ['2024-02-29', '2024-02-29'],
    ['2025-02-29', '!invalid_date'],
    ['2025-02-30', '!invalid_date'],
    ['2025-13-01', '!invalid_date'],
    ['31/03/2025', '!invalid_date'],
    ['not-a-date', '!invalid_date'],
  ])('%s → %s', (text, expected) => {
    expect(value(parseDate(text))).toBe(expected);
  });
});

describe('Excel numbers as Excel shows them', () => {
  it.each([
    [123456.78, '123456.78'],
    [0.1 + 0.2, '0.3'],
    [2024, '2024'],
    [-500, '-500'],
    [1e21, '1000000000000000000000'],
  ])('%s → %s', (n, expected) => {
    expect(excelNumberText(n)).toBe(expected);
  });
});

describe('headers', () => {
  it.each([
    ['营业收入（万元）', '营业收入', '万元'],
    ['营业收入(万元)', '营业收入', '万元'],
    ['operating_revenue (wan)', 'operating_revenue', 'wan'],
    ['研发费用', '研发费用', null],
  ])('%s → %s + %s', (header, name, unit) => {
    expect(splitHeaderUnit(header)).toEqual({ name, unit });
  });

  it('compares headers without case, spaces, underscores or a BOM', () => {
    expect(headerKey('\uFEFFAs_Of')).toBe(headerKey('as of'));
  });

  const indicators: ImportIndicator[] = [
    { code: 'operating_revenue', nameZh: '营业收入', nameEn: 'Operating revenue', unit: 'fen', periodicity: 'year', sources: ['statistics', 'tax'], grades: null },
    { code: 'employees', nameZh: '从业人员期末人数', nameEn: 'Employees (period end)', unit: 'person', periodicity: 'year', sources: ['statistics'], grades: null },
    { code: 'monthly_kwh', nameZh: '月用电量', nameEn: 'Monthly electricity', unit: 'kwh', periodicity: 'month', sources: ['electricity'], grades: null },
  ];
  const catalogue = new IndicatorCatalogue(indicators);
  const fileError = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ImportFileError) return error.en;
      throw error;
    }
    return null;
  };

  it('recognises the long layout in Chinese or English, with an optional unit column', () => {
    const zh = resolveIndicatorLayout(['统一社会信用代码', '企业名称', '指标', '期间', '数值', '截至日期', '单位'], catalogue);
    expect(zh.kind).toBe('long');
    const en = resolveIndicatorLayout(['USCC', 'Indicator', 'Period', 'Value', 'As_Of'], catalogue);
    expect(en.kind === 'long' && en.fields.unit).toBeNull();
  });

  it('recognises the wide layout by indicator codes or names, with units in brackets', () => {
    const layout = resolveIndicatorLayout(['uscc', 'period', 'as_of', '营业收入(万元)', 'employees', '序号'], catalogue);
    expect(layout.kind).toBe('wide');
    if (layout.kind !== 'wide') return;
    expect(layout.indicators.map((c) => [c.indicator.code, c.moneyUnit])).toEqual([
      ['operating_revenue', 'wan'],
      ['employees', null],
    ]);
  });

  it('refuses files it cannot read unambiguously, naming the problem', () => {
    expect(fileError(() => resolveIndicatorLayout(['uscc', 'period', 'as_of', '营业额'], catalogue))).toMatch(/unrecognised columns: "营业额"/);
    expect(fileError(() => resolveIndicatorLayout(['uscc', 'indicator', 'value', 'as_of'], catalogue))).toMatch(/required columns missing: period/);
    expect(fileError(() => resolveIndicatorLayout(['uscc', 'period', 'as_of', '营业收入(美元)'], catalogue))).toMatch(/not a money unit/);
    expect(fileError(() => resolveIndicatorLayout(['uscc', 'period', 'as_of', 'employees', '从业人员期末人数'], catalogue))).toMatch(/repeats/);
    expect(fileError(() => resolveIndicatorLayout(['uscc', 'period', 'as_of', 'employees', 'monthly_kwh'], catalogue))).toMatch(/periodicity/);
    expect(fileError(() => resolveIndicatorLayout(['uscc', 'indicator', 'period', 'value', 'as_of', 'employees'], catalogue))).toMatch(/both/);
    expect(fileError(() => resolveEnterpriseLayout(['统一社会信用代码', '类型']))).toMatch(/required columns missing: name/);
  });

  it('reads the registered capital unit from the enterprises header (万元 by default)', () => {
    expect(resolveEnterpriseLayout(['统一社会信用代码', '企业名称', '注册资本(万元)']).capitalUnit).toBe('wan');
    expect(resolveEnterpriseLayout(['统一社会信用代码', '企业名称', '注册资本（元）']).capitalUnit).toBe('yuan');
    expect(resolveEnterpriseLayout(['uscc', 'name', 'registered capital']).capitalUnit).toBe('wan');
  });
});

describe('registry cells', () => {
  it.each([
    ['有限责任公司（自然人独资）', 'limited_company'],
    ['有限责任公司(自然人投资或控股)', 'limited_company'],
    ['股份有限公司(非上市)', 'joint_stock_company'],
    ['股份有限公司分公司', 'branch'],
    ['个体工商户', 'individual_business'],
    ['普通合伙企业', 'partnership'],
    ['个人独资企业', 'sole_proprietorship'],
    ['农民专业合作社', 'cooperative'],
    ['limited_company', 'limited_company'],
    ['外星公司', '!invalid_type'],
  ])('type %s → %s', (text, expected) => {
    expect(value(parseEnterpriseType(text))).toBe(expected);
  });

  it.each([
    ['存续（在营、开业、在册）', 'operating'],
    ['在业', 'operating'],
    ['吊销，未注销', 'revoked'],
    ['注销', 'cancelled'],
    ['迁出', 'moved_out'],
    ['停业', 'suspended'],
    ['moved_out', 'moved_out'],
    ['消失', '!invalid_status'],
  ])('status %s → %s', (text, expected) => {
    expect(value(parseEnterpriseStatus(text))).toBe(expected);
  });

  it.each([
    ['500', 'wan', 500_000_000],
    ['500万元', 'yuan', 500_000_000],
    ['50万人民币', 'wan', 50_000_000],
    ['1000元', 'wan', 100_000],
    ['-1', 'wan', '!negative_value'],
  ] as const)('capital %s (column in %s) → %s fen', (text, unit, expected) => {
    expect(value(parseCapital(text, unit))).toBe(expected);
  });
});
