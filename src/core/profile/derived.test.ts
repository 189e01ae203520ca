import { describe, expect, it } from 'vitest';
import { DERIVED_TAG_DEFINITIONS, deriveProfile, profileCompleteness, sizeClassInYear, type DeriveProfileInput, type DerivedTag, type IndicatorValues } from './derived.ts';
import { BUILT_IN_INDICATORS, type IndicatorDefinition } from './indicators.ts';

const WAN = 1_000_000;
const EVAL = '2025-06-30';

function derive(partial: Partial<DeriveProfileInput> & { indicators: IndicatorValues }) {
  return deriveProfile({ industryCode: '3311', registeredOn: '2015-03-10', evaluationDate: EVAL, ...partial });
}
function tag(profile: ReturnType<typeof deriveProfile>, key: string): DerivedTag {
  const found = profile.tags.find((t) => t.key === key);
  if (!found) throw new Error(`no tag ${key}`);
  return found;
}

const MANUFACTURER: IndicatorValues = {
  employees: { '2023': 80, '2024': 85 },
  main_revenue: { '2022': 1500 * WAN, '2023': 1600 * WAN, '2024': 1860 * WAN, '2025': 900 * WAN },
  operating_revenue: { '2023': 1700 * WAN, '2024': 2000 * WAN },
  total_assets: { '2024': 3000 * WAN },
  tax_paid: { '2023': 50 * WAN, '2024': 60 * WAN },
  rd_expense: { '2024': 60 * WAN },
  above_scale: { '2022': 0, '2023': 0, '2024': 0 },
};

describe('deriveProfile: a small manufacturer', () => {
  const profile = derive({ indicators: MANUFACTURER });

  it('emits every tag once, with reasons in both languages', () => {
    expect(profile.tags.map((t) => t.key).sort()).toEqual(Object.keys(DERIVED_TAG_DEFINITIONS).sort());
    for (const t of profile.tags) {
      expect(t.labelZh.length).toBeGreaterThan(0);
      expect(t.labelEn.length).toBeGreaterThan(0);
      expect(t.reasonZh.length).toBeGreaterThan(0);
      expect(t.reasonEn.length).toBeGreaterThan(0);
    }
  });

  it('sizes on the latest complete year and 主营业务收入 for industry', () => {
    expect(profile.sizeClass).toMatchObject({ sizeClass: 'small', status: 'decided', group: 'industry', year: 2024 });
    const size = tag(profile, 'size_class');
    expect(size.value).toBe('small');
    expect(size.labelZh).toBe('小型企业');
    expect(size.reasonZh).toBe('2024年数据，小型：从业人员 85人（≥ 20人，< 300人）且主营业务收入 1,860万元（≥ 300万元，< 2,000万元）');
    expect(size.inputs).toEqual([
      { code: 'industry_code', value: '3311' },
      { code: 'employees', period: '2024', value: 85 },
      { code: 'main_revenue', period: '2024', value: 1860 * WAN },
      { code: 'total_assets', period: '2024', value: 3000 * WAN },
    ]);
  });

  it('takes the official above-scale status and its history', () => {
    expect(profile.aboveScale).toMatchObject({ isAbove: false, source: 'official', year: 2024 });
    expect(tag(profile, 'above_scale').reasonZh).toBe(
      '统计局2024年名录：未纳入规上（四上）统计（按2024年数据：未达规上工业标准：主营业务收入 1,860万元（< 2,000万元，2011年起标准））',
    );
    expect(tag(profile, 'above_scale_first_entry_year')).toMatchObject({ value: null, labelZh: '未曾入规' });
    expect(tag(profile, 'above_scale_years_held').value).toBe(0);
    expect(tag(profile, 'above_scale_has_exited').value).toBe(false);
  });

  it('computes growth, intensity, change and age', () => {
    expect(profile.revenueGrowthBp).toBe(1625); // 1860 / 1600 − 1 = 16.25%
    expect(profile.taxGrowthBp).toBe(2000);
    expect(profile.employeesGrowthBp).toBe(625); // 85 / 80 − 1
    expect(profile.employmentChange).toBe(5);
    expect(profile.rdIntensityBp).toBe(300); // 60 / 2000 (operating revenue)
    expect(profile.registrationAgeYears).toBe(10);
    expect(tag(profile, 'revenue_growth_bp')).toMatchObject({
      value: 1625,
      labelZh: '主营业务收入同比 +16.25%',
      inputs: [
        { code: 'main_revenue', period: '2023', value: 1600 * WAN },
        { code: 'main_revenue', period: '2024', value: 1860 * WAN },
      ],
    });
    expect(tag(profile, 'rd_intensity_bp').labelZh).toBe('研发投入强度 3%');
    expect(tag(profile, 'employment_change').labelZh).toBe('从业人员+5人');
  });

  it('is growing (≥ 15% a year)', () => {
    expect(profile.lifecycleStage).toBe('growth');
    expect(tag(profile, 'lifecycle_stage').reasonZh).toBe('2024年主营业务收入1,860万元，同比 +16.25%（≥ 15%）');
  });
});

describe('which revenue figure', () => {
  it('industry falls back to 营业收入 when 主营业务收入 is absent', () => {
    const profile = derive({ indicators: { employees: { '2024': 85 }, operating_revenue: { '2024': 1860 * WAN } } });
    expect(profile.sizeClass.sizeClass).toBe('small');
    expect(tag(profile, 'size_class').inputs.map((i) => i.code)).toContain('operating_revenue');
    expect(tag(profile, 'size_class').reasonZh).toContain('营业收入 1,860万元');
  });

  it('services use 营业收入 only', () => {
    // 软件和信息技术服务业: small needs X ≥ 10 and Y ≥ 50万元.
    const profile = derive({ industryCode: '6510', indicators: { employees: { '2024': 12 }, main_revenue: { '2024': 80 * WAN }, operating_revenue: { '2024': 40 * WAN } } });
    expect(profile.sizeClass.sizeClass).toBe('micro');
    const onlyMain = derive({ industryCode: '6510', indicators: { employees: { '2024': 12 }, main_revenue: { '2024': 80 * WAN } } });
    expect(onlyMain.sizeClass).toMatchObject({ sizeClass: null, status: 'unknown', missing: ['revenue'] });
  });

  it('the trend uses the figure with the most recent data, the same in both years', () => {
    const profile = derive({
      indicators: { main_revenue: { '2021': 100 * WAN, '2022': 110 * WAN }, operating_revenue: { '2023': 200 * WAN, '2024': 210 * WAN } },
    });
    expect(profile.revenueGrowthBp).toBe(500);
    expect(tag(profile, 'revenue_growth_bp').inputs[1]).toEqual({ code: 'operating_revenue', period: '2024', value: 210 * WAN });
  });
});

describe('years', () => {
  it('ignores the current, incomplete year', () => {
    const profile = derive({ indicators: { employees: { '2025': 500, '2023': 15 }, main_revenue: { '2025': 90000 * WAN, '2023': 200 * WAN } } });
    expect(profile.sizeClass).toMatchObject({ sizeClass: 'micro', year: 2023 });
  });

  it('falls back to the annual average head count', () => {
    const profile = derive({ indicators: { employees_avg: { '2023': 300, '2024': 320 }, main_revenue: { '2024': 2500 * WAN } } });
    expect(profile.sizeClass.sizeClass).toBe('medium');
    expect(tag(profile, 'size_class').inputs).toContainEqual({ code: 'employees_avg', period: '2024', value: 320 });
    expect(profile.employmentChange).toBe(20);
  });

  it('does not mix the two head counts across years', () => {
    const profile = derive({ indicators: { employees: { '2024': 100 }, employees_avg: { '2023': 80 } } });
    expect(profile.employmentChange).toBeNull();
    expect(profile.employeesGrowthBp).toBeNull();
  });

  it('no data at all', () => {
    const profile = derive({ indicators: {} });
    expect(profile.sizeClass).toMatchObject({ sizeClass: null, status: 'unknown', year: null, missing: ['employees', 'revenue'] });
    expect(profile.aboveScale).toMatchObject({ isAbove: null, source: 'none' });
    expect(profile.lifecycleStage).toBeNull();
    expect(profile.revenueGrowthBp).toBeNull();
    expect(profile.rdIntensityBp).toBeNull();
    expect(tag(profile, 'size_class').reasonZh.startsWith('无年度数据，')).toBe(true);
  });
});

describe('growth rates', () => {
  it.each([
    [{ '2023': 100, '2024': 115 }, 1500],
    [{ '2023': 100, '2024': 85 }, -1500],
    [{ '2023': 3, '2024': 4 }, 3333],
    [{ '2023': 3, '2024': 2 }, -3333],
    [{ '2023': 0, '2024': 50 }, null],
    [{ '2023': -10, '2024': 50 }, null],
    [{ '2024': 50 }, null],
    [{ '2022': 100, '2024': 50 }, null],
  ])('tax %j → %s bp', (series, bp) => {
    const profile = derive({ indicators: { tax_paid: series } });
    expect(profile.taxGrowthBp).toBe(bp);
    expect(tag(profile, 'tax_growth_bp').value).toBe(bp);
  });

  it('explains a zero base', () => {
    expect(tag(derive({ indicators: { tax_paid: { '2023': 0, '2024': 50 } } }), 'tax_growth_bp').reasonZh).toBe('无法计算：2023年基数为¥0，不计算增速');
  });
});

describe('life-cycle stage', () => {
  const rev = (a: number | null, b: number | null, c: number | null) => {
    const series: Record<string, number> = {};
    if (a !== null) series['2022'] = a * WAN;
    if (b !== null) series['2023'] = b * WAN;
    if (c !== null) series['2024'] = c * WAN;
    return { operating_revenue: series };
  };
  it.each([
    // [registeredOn, revenue 2022, 2023, 2024, stage]
    ['2023-01-01', 100, 50, 10, 'startup'], // 2 years old: startup even while falling
    ['2022-07-01', null, null, null, 'startup'], // 2 years 11 months
    ['2022-06-30', 100, 90, 80, 'decline'], // exactly 3 years
    ['2015-01-01', 100, 90, 80, 'decline'],
    ['2015-01-01', 100, 90, 90, 'mature'], // flat last year: no second fall
    ['2015-01-01', 100, 120, 110, 'mature'],
    ['2015-01-01', null, 100, 114.99, 'mature'],
    ['2015-01-01', null, 100, 115, 'growth'],
    ['2015-01-01', 200, 100, 115, 'growth'],
    ['2015-01-01', null, 0, 5, 'growth'], // up from zero
    ['2015-01-01', null, 0, 0, null],
    ['2015-01-01', null, null, 100, null], // one year of revenue is not a trend
    ['2015-01-01', null, null, null, null],
    [null, 100, 200, 400, null],
    ['2026-01-01', 100, 200, 400, null], // registered after the evaluation date
    ['2015-02-30', 100, 200, 400, null], // not a date
  ] as const)('registered %s, revenue %s/%s/%s → %s', (registeredOn, a, b, c, stage) => {
    const profile = derive({ industryCode: '7310', registeredOn, indicators: rev(a, b, c) });
    expect(profile.lifecycleStage).toBe(stage);
    const t = tag(profile, 'lifecycle_stage');
    expect(t.value).toBe(stage);
    expect(t.inputs[0]).toEqual({ code: 'registered_on', value: registeredOn });
  });

  it('decline cites the three years', () => {
    const t = tag(derive({ industryCode: '7310', indicators: rev(100, 90, 80) }), 'lifecycle_stage');
    expect(t.reasonZh).toBe('营业收入连续两年下降：2022年100万元、2023年90万元、2024年80万元');
    expect(t.inputs.map((i) => i.period)).toEqual([undefined, '2022', '2023', '2024']);
  });
});

describe('registration age', () => {
  it.each([
    ['2020-06-30', '2025-06-29', 4],
    ['2020-06-30', '2025-06-30', 5],
    ['2020-02-29', '2025-02-28', 4],
    ['2020-02-29', '2025-03-01', 5],
    ['2025-06-30', '2025-06-30', 0],
    ['2025-07-01', '2025-06-30', null],
    ['bad', '2025-06-30', null],
  ])('registered %s, evaluated %s → %s', (registeredOn, evaluationDate, years) => {
    const profile = deriveProfile({ industryCode: '3311', registeredOn, evaluationDate, indicators: {} });
    expect(profile.registrationAgeYears).toBe(years);
    expect(tag(profile, 'registration_age_years').value).toBe(years);
  });

  it('rejects a malformed evaluation date', () => {
    expect(() => deriveProfile({ industryCode: '3311', registeredOn: null, evaluationDate: '2025/06/30', indicators: {} })).toThrow(RangeError);
  });
});

describe('above scale', () => {
  it('an official status older than the figures gives way to the threshold', () => {
    const profile = derive({ indicators: { above_scale: { '2021': 1 }, main_revenue: { '2024': 2500 * WAN } } });
    expect(profile.aboveScale).toMatchObject({ isAbove: true, source: 'threshold', year: 2024 });
    expect(profile.aboveScale.assessment).toMatchObject({ meetsThreshold: true, category: 'industry' });
    expect(tag(profile, 'above_scale').reasonZh).toBe(
      '无统计局2024年入规记录，按2024年数据判断是否达到标准：规上工业：主营业务收入 2,500万元（≥ 2,000万元，2011年起标准）',
    );
  });

  it('an official status of the current year counts', () => {
    const profile = derive({ indicators: { above_scale: { '2024': 0, '2025': 1 }, main_revenue: { '2024': 1000 * WAN } } });
    expect(profile.aboveScale).toMatchObject({ isAbove: true, source: 'official', year: 2025 });
    expect(tag(profile, 'above_scale_first_entry_year')).toMatchObject({ value: 2025, labelZh: '2025年首次入规' });
  });

  it('history: entry, exit, re-entry', () => {
    const profile = derive({ indicators: { above_scale: { '2019': 1, '2020': 1, '2021': 0, '2022': 1, '2023': 1, '2024': 1 } } });
    expect(profile.aboveScale.history).toMatchObject({ firstEntryYear: 2019, exitYears: [2021], reentryYears: [2022], consecutiveYearsHeld: 3 });
    expect(tag(profile, 'above_scale_first_entry_year').reasonZh).toBe('统计局记录中首次纳入规上统计的年份为2019年，其后于2022年再次入规');
    expect(tag(profile, 'above_scale_has_exited')).toMatchObject({ value: true, reasonZh: '于2021年退出规上统计' });
    expect(tag(profile, 'above_scale_years_held').value).toBe(3);
  });

  it('without an official record the history tags are null', () => {
    const profile = derive({ indicators: { main_revenue: { '2024': 2500 * WAN } } });
    for (const key of ['above_scale_first_entry_year', 'above_scale_years_held', 'above_scale_has_exited']) expect(tag(profile, key).value).toBeNull();
  });

  it('construction reads the qualification', () => {
    const profile = derive({ industryCode: '4710', indicators: { construction_qualification: { '2022': 1 }, operating_revenue: { '2024': 100 * WAN } } });
    // The qualification is the only fact construction is judged on, so its year is the year assessed.
    expect(profile.aboveScale).toMatchObject({ isAbove: true, source: 'threshold', year: 2022 });
    expect(tag(profile, 'above_scale').inputs).toContainEqual({ code: 'construction_qualification', period: '2022', value: 1 });
  });

  it('facts another line reads do not pick the year assessed', () => {
    // A manufacturer with a stray development flag in 2024 is still judged on its 2023 revenue.
    const profile = derive({ indicators: { main_revenue: { '2023': 2500 * WAN }, real_estate_development: { '2024': 1 } } });
    expect(profile.aboveScale).toMatchObject({ isAbove: true, source: 'threshold', year: 2023 });
  });

  it('missing industry code leaves the threshold unknown', () => {
    const profile = derive({ industryCode: null, indicators: { main_revenue: { '2024': 2500 * WAN } } });
    expect(profile.aboveScale).toMatchObject({ isAbove: null, source: 'none' });
    expect(profile.sizeClass).toMatchObject({ status: 'unknown', missing: ['industry_code'] });
  });
});

describe('bad data is left out, not thrown', () => {
  it('non-integer and negative values count as missing', () => {
    const profile = derive({
      indicators: { employees: { '2024': -3 }, employees_avg: { '2024': 12.5 }, main_revenue: { '2024': 2500.5 }, tax_paid: { '2023': Number.NaN, '2024': 1 } },
    });
    expect(profile.sizeClass).toMatchObject({ status: 'unknown', year: 2024, missing: ['employees', 'revenue'] });
    expect(profile.taxGrowthBp).toBeNull();
    expect(tag(profile, 'tax_growth_bp').reasonZh).toBe('无法计算：缺少2023年数据');
  });

  it('text in a numeric indicator counts as missing', () => {
    const profile = derive({ indicators: { employees: { '2024': '85' }, main_revenue: { '2024': 1 } } });
    expect(profile.sizeClass).toMatchObject({ sizeClass: 'micro', status: 'decided' });
    expect(tag(profile, 'size_class').reasonZh).toContain('无论从业人员多少');
    expect(tag(profile, 'size_class').inputs.map((i) => i.code)).not.toContain('employees');
  });
});

describe('R&D intensity', () => {
  it('uses the latest year with both figures', () => {
    const profile = derive({ indicators: { rd_expense: { '2023': 50 * WAN, '2024': 70 * WAN }, operating_revenue: { '2023': 1000 * WAN } } });
    expect(profile.rdIntensityBp).toBe(500);
    expect(tag(profile, 'rd_intensity_bp').inputs).toEqual([
      { code: 'rd_expense', period: '2023', value: 50 * WAN },
      { code: 'operating_revenue', period: '2023', value: 1000 * WAN },
    ]);
  });
  it('is null over zero revenue', () => {
    expect(derive({ indicators: { rd_expense: { '2024': 1 }, operating_revenue: { '2024': 0 } } }).rdIntensityBp).toBeNull();
  });
  it('zero R&D is 0 bp, not null', () => {
    expect(derive({ indicators: { rd_expense: { '2024': 0 }, operating_revenue: { '2024': 100 } } }).rdIntensityBp).toBe(0);
  });
});

describe('sizeClassInYear', () => {
  const values: IndicatorValues = {
    employees: { '2023': 15, '2024': 85 },
    main_revenue: { '2023': 280 * 1_000_000, '2024': 2350 * 1_000_000 },
    operating_revenue: { '2024': 99_000 * 1_000_000 },
  };

  it.each<[number, string | null]>([
    [2023, 'micro'],
    [2024, 'small'],
    [2022, null],
  ])('classifies %i from that year\'s figures alone', (year, expected) => {
    expect(sizeClassInYear('3453', values, year, `${year}-12-31`).sizeClass).toBe(expected);
  });

  it('reads 主营业务收入 for industry, as the profile does, not a larger 营业收入', () => {
    expect(sizeClassInYear('3453', values, 2024, '2024-12-31').reason.zh).toContain('主营业务收入 2,350万元');
  });

  it('agrees with the profile for the latest complete year', () => {
    const profile = deriveProfile({ industryCode: '3453', registeredOn: '2016-05-16', type: 'limited_company', indicators: values, evaluationDate: '2025-06-30' });
    expect(sizeClassInYear('3453', values, 2024, '2025-06-30').sizeClass).toBe(profile.sizeClass.sizeClass);
  });
});

describe('profileCompleteness', () => {
  const keys = BUILT_IN_INDICATORS.filter((i) => i.isKey).map((i) => i.code);

  it('lists the key indicators of the catalogue', () => {
    const result = profileCompleteness({}, BUILT_IN_INDICATORS, 2024);
    expect(result).toEqual({ year: 2024, keyIndicators: keys, present: [], missing: keys, percent: 0 });
    expect(keys).toHaveLength(10);
  });

  it('counts values of the year, text grades included, and rounds down', () => {
    const values: IndicatorValues = {
      operating_revenue: { '2024': 1 },
      main_revenue: { '2024': 0 }, // zero is a value
      total_assets: { '2023': 1 }, // wrong year
      employees: { '2024': null }, // explicit null is missing
      tax_credit_grade: { '2024': 'A' },
      dishonest_debtor: { '2024': 0 },
      insured_employees: { '2024': 3 },
      tax_paid: { '2024': 3 },
      rd_expense: { '2024': 3 },
    };
    const result = profileCompleteness(values, BUILT_IN_INDICATORS, 2024);
    expect(result.present).toEqual(['operating_revenue', 'main_revenue', 'insured_employees', 'tax_paid', 'tax_credit_grade', 'rd_expense', 'dishonest_debtor']);
    expect(result.missing).toEqual(['total_assets', 'employees', 'electricity_kwh']);
    expect(result.percent).toBe(70);
  });

  it('99.x% is not shown as 100', () => {
    const catalogue: IndicatorDefinition[] = Array.from({ length: 200 }, (_, i) => ({
      code: `k${i}`,
      category: 'operations',
      nameZh: 'k',
      nameEn: 'k',
      unit: 'count',
      periodicity: 'year',
      isFlow: false,
      sources: ['self_reported'],
      isKey: true,
    }));
    const values: Record<string, Record<string, number>> = {};
    for (let i = 0; i < 199; i++) values[`k${i}`] = { '2024': 1 };
    expect(profileCompleteness(values, catalogue, 2024).percent).toBe(99);
  });

  it('quarterly and monthly indicators count when any period of the year has a value', () => {
    const base = { category: 'energy', nameZh: 'x', nameEn: 'x', unit: 'kwh', isFlow: true, sources: ['electricity'], isKey: true } as const;
    const catalogue: IndicatorDefinition[] = [
      { ...base, code: 'q', periodicity: 'quarter' },
      { ...base, code: 'm', periodicity: 'month' },
      { ...base, code: 'm2', periodicity: 'month' },
    ];
    const result = profileCompleteness({ q: { '2024Q3': 5 }, m: { '2024-11': 1 }, m2: { '2023-11': 1, '2024': 1 } }, catalogue, 2024);
    expect(result).toMatchObject({ present: ['q', 'm'], missing: ['m2'], percent: 66 });
  });

  it('an empty catalogue is complete', () => {
    expect(profileCompleteness({}, [], 2024).percent).toBe(100);
  });
});
